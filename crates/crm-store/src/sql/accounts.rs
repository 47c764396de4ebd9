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
