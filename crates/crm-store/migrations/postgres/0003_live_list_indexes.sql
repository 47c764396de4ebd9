-- A page of live clients in creation or name order walks one index, status
-- included, instead of reading each skipped row to check its status.
CREATE INDEX clients_live_by_created ON clients (account_id, status, created_at, id);
CREATE INDEX clients_live_by_name ON clients (account_id, status, name_folded, id);
