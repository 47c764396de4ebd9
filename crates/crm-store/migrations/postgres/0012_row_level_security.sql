-- Row-level security, the backstop behind every statement's own account
-- condition (docs/reliability.md, G9). A connection names the account its
-- request acts for in the setting `crm.account`: 'all' before the request
-- has signed in and for the operator's commands. A row of another account
-- is then neither seen nor written, and a connection that names no account
-- sees nothing. FORCE binds the tables' owner too; superusers and roles
-- with BYPASSRLS stay exempt, as PostgreSQL makes them, and the gateway
-- names the account only when its role is bound.
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON accounts
    USING (current_setting('crm.account', true) IN ('all', id::text));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON users
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON api_keys
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON sessions
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE catalogue_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE catalogue_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON catalogue_entries
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE custom_fields ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_fields FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON custom_fields
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON clients
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE client_companies ENABLE ROW LEVEL SECURITY;
ALTER TABLE client_companies FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON client_companies
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE client_fields ENABLE ROW LEVEL SECURITY;
ALTER TABLE client_fields FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON client_fields
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE contact_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_points FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON contact_points
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON documents
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE account_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON account_secrets
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE account_upstreams ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_upstreams FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON account_upstreams
    USING (current_setting('crm.account', true) IN ('all', account_id::text));

ALTER TABLE upstream_ids ENABLE ROW LEVEL SECURITY;
ALTER TABLE upstream_ids FORCE ROW LEVEL SECURITY;
CREATE POLICY account_scope ON upstream_ids
    USING (current_setting('crm.account', true) IN ('all', account_id::text));
