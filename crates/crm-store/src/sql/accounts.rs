pub(crate) const INSERT: &str =
    "INSERT INTO accounts (name, created_at) VALUES ($1, $2) RETURNING id";

pub(crate) const BY_NAME: &str = "SELECT id, name, created_at FROM accounts WHERE name = $1";

pub(crate) const INSERT_SECRET: &str =
    "INSERT INTO account_secrets (account_id, name, value) VALUES ($1, $2, $3)";

pub(crate) const SECRET: &str =
    "SELECT value FROM account_secrets WHERE account_id = $1 AND name = $2";

pub(crate) const INSERT_FIELD: &str =
    "INSERT INTO custom_fields (account_id, number, title) VALUES ($1, $2, $3)";

pub(crate) const FIELDS: &str =
    "SELECT number, title FROM custom_fields WHERE account_id = $1 ORDER BY number";

/// Binds or rebinds: `$1` account, `$2` dialect, `$3` base URL, `$4`
/// credentials, `$5` when.
pub(crate) const BIND_UPSTREAM: &str = "INSERT INTO account_upstreams \
     (account_id, dialect, base_url, credentials, bound_at) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (account_id) DO UPDATE SET dialect = excluded.dialect, \
     base_url = excluded.base_url, credentials = excluded.credentials, \
     bound_at = excluded.bound_at";

pub(crate) const UNBIND_UPSTREAM: &str = "DELETE FROM account_upstreams WHERE account_id = $1";

pub(crate) const UPSTREAM: &str =
    "SELECT dialect, base_url, credentials FROM account_upstreams WHERE account_id = $1";
