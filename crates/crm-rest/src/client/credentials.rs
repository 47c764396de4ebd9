//! What a client of a real Yii2-style REST service is configured with.

use std::fmt;

use serde::Deserialize;

/// The `rest` member of `crm-gateway account create --json`:
/// `{"access_token": "..."}`. Its `Debug` shows no secret.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Credentials {
    access_token: String,
}

impl Credentials {
    /// Credentials of an account's access token (the user's `auth_key`).
    pub fn new(access_token: impl Into<String>) -> Self {
        Self {
            access_token: access_token.into(),
        }
    }

    /// The token, for the query of a call.
    pub(crate) fn access_token(&self) -> &str {
        &self.access_token
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_token", &"<redacted>")
            .finish()
    }
}
