pub(crate) const INSERT: &str =
    "INSERT INTO accounts (name, created_at) VALUES ($1, $2) RETURNING id";

pub(crate) const BY_NAME: &str =
    "SELECT id, name, created_at, disabled_at FROM accounts WHERE name = $1";

pub(crate) const ALL: &str = "SELECT id, name, created_at, disabled_at FROM accounts ORDER BY name";

/// `$2` is the instant it was disabled, or NULL to enable it.
pub(crate) const SET_DISABLED: &str = "UPDATE accounts SET disabled_at = $2 WHERE id = $1";

/// Replaces or adds secret `$2` of account `$1`.
pub(crate) const PUT_SECRET: &str = "INSERT INTO account_secrets (account_id, name, value) \
     VALUES ($1, $2, $3) ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value";

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

/// Numbers upstream id `$3` of kind `$2` for account `$1` from the
/// table's counter, unless it has a number.
pub(crate) const MAP_UPSTREAM_ID: &str = "INSERT INTO upstream_ids \
     (account_id, kind, upstream_id) VALUES ($1, $2, $3) \
     ON CONFLICT (account_id, kind, upstream_id) DO NOTHING";

pub(crate) const LOCAL_ID: &str = "SELECT local_id FROM upstream_ids \
     WHERE account_id = $1 AND kind = $2 AND upstream_id = $3";

pub(crate) const UPSTREAM_ID: &str = "SELECT upstream_id FROM upstream_ids \
     WHERE account_id = $1 AND kind = $2 AND local_id = $3";
