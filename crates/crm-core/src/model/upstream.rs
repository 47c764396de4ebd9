use std::fmt;

use super::DialectName;

/// Where an account's client data lives when the gateway translates for a
/// real CRM instead of keeping it: the upstream's dialect, the base URL its
/// own clients are given, and what to sign in with. The account's keys,
/// users and sessions stay in the gateway's store either way.
#[derive(Clone, PartialEq, Eq)]
pub struct UpstreamBinding {
    /// The upstream's dialect.
    pub dialect: DialectName,
    /// Its base URL, without a trailing slash.
    pub base_url: String,
    credentials: String,
}

impl UpstreamBinding {
    /// A binding whose `credentials` are the JSON of that dialect's member
    /// of `account create --json`.
    pub fn new(dialect: DialectName, base_url: &str, credentials: String) -> Self {
        Self {
            dialect,
            base_url: base_url.trim_end_matches('/').to_owned(),
            credentials,
        }
    }

    /// The credentials, to sign in to the upstream with; never to log or
    /// show.
    pub fn expose_credentials(&self) -> &str {
        &self.credentials
    }
}

impl fmt::Debug for UpstreamBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpstreamBinding")
            .field("dialect", &self.dialect)
            .field("base_url", &self.base_url)
            .field("credentials", &"***")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_credentials() {
        let binding = UpstreamBinding::new(
            DialectName::new("rest"),
            "https://crm.example/",
            r#"{"access_token":"s3cret"}"#.to_owned(),
        );
        let shown = format!("{binding:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert_eq!(binding.base_url, "https://crm.example");
    }
}
