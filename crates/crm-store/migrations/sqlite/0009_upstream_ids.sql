-- An upstream CRM whose ids are not numbers (Eadesk's are 24 hex digits)
-- is shown to every dialect under local numbers, one per upstream id of an
-- account and kind of record, drawn from one counter so that replicas
-- numbering at once never collide.
CREATE TABLE upstream_ids (
    local_id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    upstream_id TEXT NOT NULL,
    UNIQUE (account_id, kind, upstream_id)
);
