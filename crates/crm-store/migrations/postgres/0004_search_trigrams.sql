-- Indexes of trigrams for regular-expression and word search: the texts as
-- stored (a regex's literals keep their case and punctuation) and folded
-- (word search compares folded needles). `LIKE '%text%'` uses them.
-- pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX clients_name_trgm ON clients USING gin (name gin_trgm_ops);
CREATE INDEX clients_name_folded_trgm ON clients USING gin (name_folded gin_trgm_ops);
CREATE INDEX clients_position_folded_trgm ON clients USING gin (position_folded gin_trgm_ops);
CREATE INDEX contact_points_value_trgm ON contact_points USING gin (value gin_trgm_ops);
CREATE INDEX contact_points_value_folded_trgm ON contact_points
    USING gin (value_folded gin_trgm_ops);
