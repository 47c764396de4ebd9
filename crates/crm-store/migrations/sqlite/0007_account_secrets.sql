-- An account's secrets are rows named by the dialect that uses them, so a
-- dialect that needs one adds no column. The one secret of today's accounts
-- moves over under the name its dialect registers.
CREATE TABLE account_secrets (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
);
INSERT INTO account_secrets (account_id, name, value)
    SELECT id, 'planfix_private_key', planfix_private_key FROM accounts;
ALTER TABLE accounts DROP COLUMN planfix_private_key;
