//! Credentials of no dialect, for tests of the core and the store: kinds
//! that behave as the dialects' do, named for what they are.

use crm_core::credential::{Credential, KeyKind, SecretName};

/// A token that names the account's administrator.
pub const TOKEN: KeyKind = KeyKind("test_token");

/// A second token kind, to show that kinds do not stand in for each other.
pub const OTHER_TOKEN: KeyKind = KeyKind("test_other_token");

/// A key that names only the account.
pub const ACCOUNT_KEY: KeyKind = KeyKind("test_account_key");

/// A secret the account keeps.
pub const SECRET: SecretName = SecretName("test_secret");

/// One of each.
pub const SAMPLE: &[Credential] = &[
    Credential::Key {
        kind: TOKEN,
        names_user: true,
    },
    Credential::Key {
        kind: OTHER_TOKEN,
        names_user: true,
    },
    Credential::Key {
        kind: ACCOUNT_KEY,
        names_user: false,
    },
    Credential::Secret(SECRET),
];
