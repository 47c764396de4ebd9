-- An account the operator disabled: its credentials are refused in every
-- dialect until it is enabled again. NULL while it is in use.
ALTER TABLE accounts ADD COLUMN disabled_at BIGINT;
