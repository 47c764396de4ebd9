-- Indexes of trigrams for regular-expression and word search: the texts as
-- stored (a regex's literals keep their case and punctuation) and folded
-- (word search compares folded needles). External content: the tables
-- themselves hold the text, triggers keep the indexes in step.
CREATE VIRTUAL TABLE clients_trgm USING fts5 (
    name, name_folded, position_folded,
    content = 'clients', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO clients_trgm (clients_trgm) VALUES ('rebuild');

CREATE TRIGGER clients_trgm_insert AFTER INSERT ON clients BEGIN
    INSERT INTO clients_trgm (rowid, name, name_folded, position_folded)
    VALUES (new.id, new.name, new.name_folded, new.position_folded);
END;
CREATE TRIGGER clients_trgm_delete AFTER DELETE ON clients BEGIN
    INSERT INTO clients_trgm (clients_trgm, rowid, name, name_folded, position_folded)
    VALUES ('delete', old.id, old.name, old.name_folded, old.position_folded);
END;
CREATE TRIGGER clients_trgm_update AFTER UPDATE OF name, name_folded, position_folded ON clients
BEGIN
    INSERT INTO clients_trgm (clients_trgm, rowid, name, name_folded, position_folded)
    VALUES ('delete', old.id, old.name, old.name_folded, old.position_folded);
    INSERT INTO clients_trgm (rowid, name, name_folded, position_folded)
    VALUES (new.id, new.name, new.name_folded, new.position_folded);
END;

CREATE VIRTUAL TABLE contact_points_trgm USING fts5 (
    value, value_folded,
    content = 'contact_points', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO contact_points_trgm (contact_points_trgm) VALUES ('rebuild');

CREATE TRIGGER contact_points_trgm_insert AFTER INSERT ON contact_points BEGIN
    INSERT INTO contact_points_trgm (rowid, value, value_folded)
    VALUES (new.id, new.value, new.value_folded);
END;
CREATE TRIGGER contact_points_trgm_delete AFTER DELETE ON contact_points BEGIN
    INSERT INTO contact_points_trgm (contact_points_trgm, rowid, value, value_folded)
    VALUES ('delete', old.id, old.value, old.value_folded);
END;
CREATE TRIGGER contact_points_trgm_update AFTER UPDATE OF value, value_folded ON contact_points
BEGIN
    INSERT INTO contact_points_trgm (contact_points_trgm, rowid, value, value_folded)
    VALUES ('delete', old.id, old.value, old.value_folded);
    INSERT INTO contact_points_trgm (rowid, value, value_folded)
    VALUES (new.id, new.value, new.value_folded);
END;
