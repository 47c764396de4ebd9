pub(crate) const INSERT: &str = "INSERT INTO users \
     (account_id, login, first_name, last_name, email, role, status, manager_id, password_hash, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9) RETURNING id";

macro_rules! columns {
    () => {
        "id, account_id, login, first_name, last_name, email, role, status, manager_id, created_at"
    };
}

pub(crate) const BY_ID: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM users WHERE account_id = $1 AND id = $2"
);

pub(crate) const BY_LOGIN: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM users WHERE account_id = $1 AND login = $2"
);

pub(crate) const ALL: &str = concat!(
    "SELECT ",
    columns!(),
    " FROM users WHERE account_id = $1 ORDER BY id"
);

pub(crate) const PASSWORD_HASH: &str =
    "SELECT password_hash FROM users WHERE account_id = $1 AND id = $2";

pub(crate) const INSERT_KEY: &str = "INSERT INTO api_keys (digest, kind, account_id, user_id, created_at) \
     VALUES ($1, $2, $3, $4, $5)";

/// A disabled account's keys name no one.
pub(crate) const KEY_OWNER: &str = "SELECT k.account_id, k.user_id FROM api_keys k \
     JOIN accounts a ON a.id = k.account_id \
     WHERE k.digest = $1 AND k.kind = $2 AND a.disabled_at IS NULL";

/// Forgets account `$1`'s keys of kind `$2`, answering whom they named.
pub(crate) const DELETE_KEYS: &str =
    "DELETE FROM api_keys WHERE account_id = $1 AND kind = $2 RETURNING user_id";

/// The account's first administrator: who a new user-naming key acts as
/// when no key of its kind named anyone before.
pub(crate) const FIRST_ADMIN: &str =
    "SELECT id FROM users WHERE account_id = $1 AND role = 'admin' ORDER BY id LIMIT 1";

pub(crate) const SET_STATUS: &str =
    "UPDATE users SET status = $3 WHERE account_id = $1 AND login = $2";

pub(crate) const INSERT_SESSION: &str = "INSERT INTO sessions (digest, account_id, user_id, created_at, last_used_at) \
     VALUES ($1, $2, $3, $4, $4)";

pub(crate) const DELETE_IDLE_SESSIONS: &str =
    "DELETE FROM sessions WHERE account_id = $1 AND last_used_at <= $2";

pub(crate) const SESSION_USER: &str = "SELECT user_id FROM sessions \
     WHERE account_id = $1 AND digest = $2 AND last_used_at > $3";

pub(crate) const RESUME_SESSION: &str = "UPDATE sessions SET last_used_at = $4 \
     WHERE account_id = $1 AND digest = $2 AND last_used_at > $3 RETURNING user_id";
