//! What a SalesMan integration is configured with: the `salesman` member of
//! `crm-gateway account create --json`, `{"login", "apikey"}`.

use serde::Deserialize;

/// The `login` and `apikey` sent with every call (reference/salesman.md §2).
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Credentials {
    /// `login`: the acting user.
    pub login: String,
    /// `apikey`: names the account.
    pub apikey: String,
}

/// The login names no secret; the key is only said to be there.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("login", &self.login)
            .field("apikey", &"***")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_gateway_member_and_hides_the_key() {
        let credentials: Credentials =
            serde_json::from_str(r#"{"login":"admin","apikey":"k3y-s3cret"}"#).unwrap();
        assert_eq!(credentials.login, "admin");
        assert_eq!(credentials.apikey, "k3y-s3cret");
        let shown = format!("{credentials:?}");
        assert_eq!(shown, r#"Credentials { login: "admin", apikey: "***" }"#);
    }
}
