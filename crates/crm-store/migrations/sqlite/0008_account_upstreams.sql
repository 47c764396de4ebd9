-- An account bound to an upstream CRM keeps its client data there; the
-- binding is a row, so that every replica agrees. The credentials are kept
-- as they are, since the gateway signs in with them, like the account's
-- other secrets.
CREATE TABLE account_upstreams (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    dialect TEXT NOT NULL,
    base_url TEXT NOT NULL,
    credentials TEXT NOT NULL,
    bound_at BIGINT NOT NULL
);
