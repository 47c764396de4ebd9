-- The whole store: accounts and their people, clients and what hangs off them.
-- Instants are Unix milliseconds; *_folded columns are lowercase forms
-- computed by the gateway so searches fold case the same on every backend.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    planfix_private_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    login TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    manager_id BIGINT REFERENCES users (id),
    password_hash TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, login)
);

CREATE TABLE api_keys (
    digest TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    digest TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);

CREATE TABLE catalogue_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (account_id, kind, title)
);

CREATE TABLE custom_fields (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    number BIGINT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (account_id, number)
);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    given_name TEXT,
    middle_name TEXT,
    last_name TEXT,
    position TEXT,
    position_folded TEXT,
    description TEXT,
    description_folded TEXT,
    address TEXT,
    address_folded TEXT,
    company_address TEXT,
    bank_details TEXT,
    person_details TEXT,
    role TEXT,
    role_folded TEXT,
    sex TEXT,
    birthday TEXT,
    responsible_id BIGINT REFERENCES users (id),
    loyalty_id BIGINT REFERENCES catalogue_entries (id),
    source_id BIGINT REFERENCES catalogue_entries (id),
    group_id BIGINT REFERENCES catalogue_entries (id),
    segments TEXT NOT NULL,
    main_contact BOOLEAN NOT NULL,
    avatar BLOB,
    portal_login TEXT,
    portal_role TEXT,
    portal_status TEXT,
    portal_email TEXT,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX clients_by_account ON clients (account_id, status, id);
CREATE INDEX clients_by_created ON clients (account_id, created_at);
CREATE INDEX clients_by_name ON clients (account_id, name_folded);

CREATE TABLE client_companies (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    person_id BIGINT NOT NULL REFERENCES clients (id),
    company_id BIGINT NOT NULL REFERENCES clients (id),
    position BIGINT NOT NULL,
    PRIMARY KEY (person_id, company_id)
);
CREATE INDEX client_companies_by_company ON client_companies (account_id, company_id);

CREATE TABLE client_fields (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    client_id BIGINT NOT NULL REFERENCES clients (id),
    number BIGINT NOT NULL,
    value TEXT NOT NULL,
    value_folded TEXT NOT NULL,
    PRIMARY KEY (client_id, number)
);

CREATE TABLE contact_points (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    client_id BIGINT NOT NULL REFERENCES clients (id),
    kind TEXT NOT NULL,
    service TEXT NOT NULL,
    label TEXT,
    value TEXT NOT NULL,
    value_folded TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    position BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX contact_points_by_client ON contact_points (account_id, client_id);
CREATE INDEX contact_points_by_value ON contact_points (account_id, value_folded);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    client_id BIGINT NOT NULL REFERENCES clients (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX documents_by_client ON documents (account_id, client_id);
