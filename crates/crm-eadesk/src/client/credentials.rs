//! What a client of a real Eadesk service is configured with.

use std::fmt;

use serde::Deserialize;

/// The `eadesk` member of `crm-gateway account create --json`:
/// `{"token": "..."}`. Its `Debug` shows no secret.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Credentials {
    token: String,
}

impl Credentials {
    /// Credentials of an account's `token`.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
        }
    }

    /// The token, for the query of a call.
    pub(crate) fn token(&self) -> &str {
        &self.token
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("token", &"<redacted>")
            .finish()
    }
}
