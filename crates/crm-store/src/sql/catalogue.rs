pub(crate) const ALL: &str =
    "SELECT id, title FROM catalogue_entries WHERE account_id = $1 AND kind = $2 ORDER BY id";

pub(crate) const BY_ID: &str =
    "SELECT id, title FROM catalogue_entries WHERE account_id = $1 AND kind = $2 AND id = $3";

pub(crate) const BY_TITLE: &str =
    "SELECT id, title FROM catalogue_entries WHERE account_id = $1 AND kind = $2 AND title = $3";

/// Creates the entry unless another writer just did; the caller reads it back.
pub(crate) const INSERT: &str = "INSERT INTO catalogue_entries (account_id, kind, title) \
     VALUES ($1, $2, $3) ON CONFLICT (account_id, kind, title) DO NOTHING";
