-- The lists order NULLs first ascending and last descending, as MySQL does
-- (filter.rs). PostgreSQL builds an index NULLS LAST by default, whose order
-- no list can use, so every page sorted the whole account. Built NULLS
-- FIRST, a forward scan gives the ascending order and a backward scan the
-- descending one. SQLite sorts NULLs first already.
DROP INDEX clients_live_by_created;
DROP INDEX clients_live_by_name;
CREATE INDEX clients_live_by_created ON clients (account_id, status, created_at NULLS FIRST, id);
CREATE INDEX clients_live_by_name ON clients (account_id, status, name_folded NULLS FIRST, id);
