//! What a Planfix integration is configured with: the `planfix` member of
//! `crm-gateway account create --json`, and which of its two ways to
//! authenticate the client takes (reference/planfix.md §2).

use serde::Deserialize;

/// `{"account", "api_key", "private_key", "login", "password", "token"}`;
/// every member but `account` and `api_key` may be absent or empty.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Credentials {
    /// `<account>`: the subdomain (`acme` of `acme.planfix.ru`).
    pub account: String,
    /// The API key, the HTTP Basic user name of every call.
    pub api_key: String,
    /// Signs every request when not empty (reference/planfix.md §3).
    #[serde(default)]
    pub private_key: String,
    /// The user `auth.login` logs in as.
    #[serde(default)]
    pub login: String,
    /// Their password.
    #[serde(default)]
    pub password: String,
    /// A token, the HTTP Basic password in token mode.
    #[serde(default)]
    pub token: String,
}

/// How the client proves who it is, besides the API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `auth.login` with login and password on first use, then the `<sid>`
    /// in every request; one fresh login when the upstream answers `0005`.
    Session,
    /// The token as the Basic password and no `<sid>`: Planfix's preferred
    /// way, with no session to expire.
    Token,
}

impl Credentials {
    /// Token mode when the credentials hold a token and no login or
    /// password, session mode otherwise. The gateway's own JSON holds both,
    /// and then sessions win, as the legacy clients use them.
    pub fn auth(&self) -> Auth {
        if !self.token.is_empty() && self.login.is_empty() && self.password.is_empty() {
            Auth::Token
        } else {
            Auth::Session
        }
    }
}

/// The account and login name no secret; the others are only said to be
/// there or not.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |s: &str| if s.is_empty() { "" } else { "***" };
        f.debug_struct("Credentials")
            .field("account", &self.account)
            .field("api_key", &hidden(&self.api_key))
            .field("private_key", &hidden(&self.private_key))
            .field("login", &self.login)
            .field("password", &hidden(&self.password))
            .field("token", &hidden(&self.token))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Credentials {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_gateway_member_reads_in_session_mode_and_hides_its_secrets() {
        let c = read(
            r#"{"account":"acme","api_key":"k-1","private_key":"pk-2","login":"admin","password":"pw-3","token":"t-4"}"#,
        );
        assert_eq!(c.auth(), Auth::Session);
        assert_eq!(
            format!("{c:?}"),
            r#"Credentials { account: "acme", api_key: "***", private_key: "***", login: "admin", password: "***", token: "***" }"#
        );
    }

    #[test]
    fn a_token_without_login_is_token_mode() {
        let c = read(r#"{"account":"acme","api_key":"k","token":"t"}"#);
        assert_eq!((c.auth(), c.private_key.as_str()), (Auth::Token, ""));
    }
}
