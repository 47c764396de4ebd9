//! Planfix credentials (reference/planfix.md §2): HTTP Basic with the API key
//! as user name on every call, then a `<sid>` from `auth.login` or a token as
//! the Basic password.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use crm_core::credential::{Credential, KeyKind, SecretName};
use crm_core::{AccountId, CoreError, Crm, Principal};
use http::HeaderMap;
use http::header::AUTHORIZATION;

use crate::error::PlanfixError;
use crate::wire::Element;

/// The API key of an account (the HTTP Basic user name).
pub const API_KEY: KeyKind = KeyKind("planfix_api_key");

/// A token that stands in for a session of the account's administrator
/// (the HTTP Basic password).
pub const TOKEN: KeyKind = KeyKind("planfix_token");

/// The key that signs requests and picture links.
pub const PRIVATE_KEY: SecretName = SecretName("planfix_private_key");

/// What every account gets for this dialect.
pub const CREDENTIALS: &[Credential] = &[
    Credential::Key {
        kind: API_KEY,
        names_user: false,
    },
    Credential::Key {
        kind: TOKEN,
        names_user: true,
    },
    Credential::Secret(PRIVATE_KEY),
];

/// The Basic credentials of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basic {
    /// The API key.
    pub api_key: String,
    /// The password: empty, `X`/`x` in sid mode, or a token.
    pub password: String,
}

/// Reads `Authorization: Basic`; anything else is `0001`.
pub fn basic(headers: &HeaderMap) -> Result<Basic, PlanfixError> {
    let value = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(PlanfixError::BadApiKey)?;
    let (scheme, encoded) = value
        .trim()
        .split_once(' ')
        .ok_or(PlanfixError::BadApiKey)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(PlanfixError::BadApiKey);
    }
    let decoded = STANDARD
        .decode(encoded.trim())
        .map_err(|_| PlanfixError::BadApiKey)?;
    let decoded = String::from_utf8(decoded).map_err(|_| PlanfixError::BadApiKey)?;
    let (user, password) = decoded.split_once(':').unwrap_or((decoded.as_str(), ""));
    if user.is_empty() {
        return Err(PlanfixError::BadApiKey);
    }
    Ok(Basic {
        api_key: user.to_owned(),
        password: password.to_owned(),
    })
}

/// The account the API key belongs to (`0001` when none).
pub async fn key_account(crm: &Crm, basic: &Basic) -> Result<AccountId, PlanfixError> {
    match crm.account_by_key(API_KEY, &basic.api_key).await {
        Ok(account) => Ok(account),
        Err(CoreError::Unauthenticated(_)) => Err(PlanfixError::BadApiKey),
        Err(other) => Err(other.into()),
    }
}

/// `<account>` must name the key's account: absent is `0009`, another or an
/// unknown account `0004` (reference/planfix.md §11). The name is a
/// subdomain (`acme` of `acme.planfix.ru`), so its case does not matter.
/// Returns the account's own name.
pub async fn check_account(
    crm: &Crm,
    root: &Element,
    account: AccountId,
) -> Result<String, PlanfixError> {
    let name = root
        .non_empty("account")
        .ok_or(PlanfixError::MissingParameter("account"))?;
    match crm.account_by_name(&name.to_ascii_lowercase()).await? {
        Some(found) if found.id == account => Ok(found.name.as_str().to_owned()),
        _ => Err(PlanfixError::UnknownAccount),
    }
}

/// Who is calling: a non-empty `<sid>` resumes a session (`0005` when unknown
/// or expired); otherwise a Basic password other than `X`/`x` is a token
/// (`0012` when unknown); otherwise `0012`.
pub async fn principal(
    crm: &Crm,
    root: &Element,
    account: AccountId,
    basic: &Basic,
) -> Result<Principal, PlanfixError> {
    if let Some(sid) = root.non_empty("sid") {
        return match crm.resume_session(account, sid).await {
            Ok(who) => Ok(who),
            Err(CoreError::Unauthenticated(_)) => Err(PlanfixError::BadSession),
            Err(other) => Err(other.into()),
        };
    }
    let token = basic.password.trim();
    if token.is_empty() || token.eq_ignore_ascii_case("x") {
        return Err(PlanfixError::NoSession);
    }
    match crm.authenticate_token(TOKEN, token).await {
        Ok(who) if who.account == account => Ok(who),
        Ok(_) | Err(CoreError::Unauthenticated(_)) => Err(PlanfixError::NoSession),
        Err(other) => Err(other.into()),
    }
}

/// `auth.login`: a new sid, or `1001`.
pub async fn login(
    crm: &Crm,
    account: AccountId,
    login: &str,
    password: &str,
) -> Result<String, PlanfixError> {
    match crm.open_session(account, login, password).await {
        Ok(sid) => Ok(sid.expose().to_owned()),
        Err(CoreError::Unauthenticated(_)) => Err(PlanfixError::BadLogin),
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, value.parse().unwrap());
        h
    }

    #[test]
    fn reads_key_and_password() {
        // "pf_api_key_0123456789abcdef:x" from the planfix-api capture.
        let got = basic(&headers("Basic cGZfYXBpX2tleV8wMTIzNDU2Nzg5YWJjZGVmOng=")).unwrap();
        assert_eq!(got.api_key, "pf_api_key_0123456789abcdef");
        assert_eq!(got.password, "x");
        let got = basic(&headers("basic cGZfYXBpX2tleV8wMTIzNDU2Nzg5YWJjZGVmOg==")).unwrap();
        assert_eq!(got.password, "");
    }

    #[test]
    fn anything_but_basic_with_a_user_is_0001() {
        for bad in ["Bearer abc", "Basic !!!", "Basic Ong=", "Basic"] {
            assert_eq!(basic(&headers(bad)), Err(PlanfixError::BadApiKey), "{bad}");
        }
        assert_eq!(basic(&HeaderMap::new()), Err(PlanfixError::BadApiKey));
    }
}
