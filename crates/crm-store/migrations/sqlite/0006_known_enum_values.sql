-- Columns that hold one of a closed set of values refuse any other, so that
-- a row written by another tool cannot carry a value the gateway would fail
-- to read. Origins and contact services stay open: dialects add their own.
-- SQLite cannot add a CHECK constraint to a table that exists, so triggers
-- refuse the row as the constraint would (PostgreSQL has the constraints).

CREATE TRIGGER users_known_values_insert BEFORE INSERT ON users
WHEN NEW.role NOT IN ('admin', 'user') OR NEW.status NOT IN ('active', 'inactive')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: users role, status known');
END;

CREATE TRIGGER users_known_values_update BEFORE UPDATE OF role, status ON users
WHEN NEW.role NOT IN ('admin', 'user') OR NEW.status NOT IN ('active', 'inactive')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: users role, status known');
END;

CREATE TRIGGER catalogue_entries_known_values_insert BEFORE INSERT ON catalogue_entries
WHEN NEW.kind NOT IN ('loyalty', 'source', 'group')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: catalogue_entries kind known');
END;

CREATE TRIGGER catalogue_entries_known_values_update BEFORE UPDATE OF kind ON catalogue_entries
WHEN NEW.kind NOT IN ('loyalty', 'source', 'group')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: catalogue_entries kind known');
END;

CREATE TRIGGER clients_known_values_insert BEFORE INSERT ON clients
WHEN NEW.kind NOT IN ('person', 'company') OR NEW.status NOT IN ('active', 'deleted')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: clients kind, status known');
END;

CREATE TRIGGER clients_known_values_update BEFORE UPDATE OF kind, status ON clients
WHEN NEW.kind NOT IN ('person', 'company') OR NEW.status NOT IN ('active', 'deleted')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: clients kind, status known');
END;

CREATE TRIGGER contact_points_known_values_insert BEFORE INSERT ON contact_points
WHEN NEW.kind NOT IN ('mail', 'phone', 'id') OR NEW.status NOT IN ('active', 'deleted')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: contact_points kind, status known');
END;

CREATE TRIGGER contact_points_known_values_update BEFORE UPDATE OF kind, status ON contact_points
WHEN NEW.kind NOT IN ('mail', 'phone', 'id') OR NEW.status NOT IN ('active', 'deleted')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: contact_points kind, status known');
END;

CREATE TRIGGER documents_known_values_insert BEFORE INSERT ON documents
WHEN NEW.kind NOT IN ('deal', 'offer', 'contract', 'invoice')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: documents kind known');
END;

CREATE TRIGGER documents_known_values_update BEFORE UPDATE OF kind ON documents
WHEN NEW.kind NOT IN ('deal', 'offer', 'contract', 'invoice')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: documents kind known');
END;
