//! The credentials a new account gets. Each dialect names what it needs;
//! the core issues it and keeps it without knowing any dialect.

/// Which key a stored digest is: a name its dialect registers, kept by the
/// store as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyKind(pub &'static str);

impl KeyKind {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// A secret an account keeps as it is, for a dialect to compute with (a
/// private key that signs requests and links), named by that dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SecretName(pub &'static str);

impl SecretName {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// One credential a dialect asks of every new account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// A key its clients send; the store keeps its digest. It acts as the
    /// account's administrator when `names_user`, else it names the account.
    Key {
        /// Which key.
        kind: KeyKind,
        /// Whether it names the administrator too.
        names_user: bool,
    },
    /// A secret the account keeps.
    Secret(SecretName),
}
