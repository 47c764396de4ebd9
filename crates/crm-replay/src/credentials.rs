//! The credentials a replay puts where the record says `REDACTED`: the
//! target account's `account create --json` output, or the same shape
//! holding a real service's credentials (a member may be left out when no
//! request of that dialect is replayed).

use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

/// Each dialect's credentials.
#[derive(Clone, Default, Deserialize)]
pub struct Credentials {
    /// Eadesk's.
    #[serde(default)]
    pub(crate) eadesk: Eadesk,
    /// REST's.
    #[serde(default)]
    pub(crate) rest: Rest,
    /// SalesMan's.
    #[serde(default)]
    pub(crate) salesman: Salesman,
    /// Planfix's, in the shape the Planfix client half takes.
    #[serde(default)]
    pub(crate) planfix: Option<crm_planfix::client::Credentials>,
}

/// Eadesk: a token.
#[derive(Clone, Default, Deserialize)]
pub(crate) struct Eadesk {
    /// `?token=`.
    #[serde(default)]
    pub token: String,
}

/// REST: an access token.
#[derive(Clone, Default, Deserialize)]
pub(crate) struct Rest {
    /// `?access-token=`, or `Bearer`.
    #[serde(default)]
    pub access_token: String,
}

/// SalesMan: a login and an API key.
#[derive(Clone, Default, Deserialize)]
pub(crate) struct Salesman {
    /// `login`.
    #[serde(default)]
    pub login: String,
    /// `apikey`.
    #[serde(default)]
    pub apikey: String,
}

impl Credentials {
    /// The credentials in the JSON file `path`.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| {
            format!(
                "{}: not the shape of `account create --json`",
                path.display()
            )
        })
    }

    /// The secret a redacted parameter `key` of `dialect` stood for.
    pub fn parameter(&self, dialect: &str, key: &str) -> Option<&str> {
        match (dialect, key) {
            ("eadesk", "token") => Some(&self.eadesk.token),
            ("rest", "access-token" | "auth_key") => Some(&self.rest.access_token),
            ("salesman", "apikey") => Some(&self.salesman.apikey),
            ("salesman", "login") => Some(&self.salesman.login),
            _ => None,
        }
    }

    /// The token a redacted `Bearer` (or REST `Basic` user) stood for.
    pub fn bearer(&self, dialect: &str) -> Option<&str> {
        match dialect {
            "eadesk" => Some(&self.eadesk.token),
            "rest" => Some(&self.rest.access_token),
            _ => None,
        }
    }
}

/// Which dialects' credentials are there, never what they are.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("eadesk", &!self.eadesk.token.is_empty())
            .field("rest", &!self.rest.access_token.is_empty())
            .field("salesman", &!self.salesman.apikey.is_empty())
            .field("planfix", &self.planfix)
            .finish()
    }
}
