-- Columns that hold one of a closed set of values refuse any other, so that
-- a row written by another tool cannot carry a value the gateway would fail
-- to read. Origins and contact services stay open: dialects add their own.
ALTER TABLE users
    ADD CONSTRAINT users_role_known CHECK (role IN ('admin', 'user')),
    ADD CONSTRAINT users_status_known CHECK (status IN ('active', 'inactive'));
ALTER TABLE catalogue_entries
    ADD CONSTRAINT catalogue_entries_kind_known CHECK (kind IN ('loyalty', 'source', 'group'));
ALTER TABLE clients
    ADD CONSTRAINT clients_kind_known CHECK (kind IN ('person', 'company')),
    ADD CONSTRAINT clients_status_known CHECK (status IN ('active', 'deleted'));
ALTER TABLE contact_points
    ADD CONSTRAINT contact_points_kind_known CHECK (kind IN ('mail', 'phone', 'id')),
    ADD CONSTRAINT contact_points_status_known CHECK (status IN ('active', 'deleted'));
ALTER TABLE documents
    ADD CONSTRAINT documents_kind_known CHECK (kind IN ('deal', 'offer', 'contract', 'invoice'));
