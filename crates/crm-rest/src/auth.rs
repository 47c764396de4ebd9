//! Yii's `CompositeAuth` as the CRM set it up: `access-token` and `auth_key`
//! query parameters, then `Authorization: Bearer` (reference/yii.md §3,
//! reference/DECISIONS.md "Yii2-style REST").

use crm_core::credential::{self, KeyKind};
use crm_core::{CoreError, Crm, Principal};
use crm_http::ParamMap;
use http::HeaderMap;
use http::header::AUTHORIZATION;

use crate::error::RestError;

/// The `access-token` of an account's administrator.
pub const TOKEN: KeyKind = KeyKind("rest_token");

/// What every account gets for this dialect.
pub const CREDENTIALS: &[credential::Credential] = &[credential::Credential::Key {
    kind: TOKEN,
    names_user: true,
}];

/// The credential a request carries, in the order the methods are tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential<'a> {
    /// A token to look up.
    Token(&'a str),
    /// A credential that is present but cannot be a token (an array
    /// parameter): `QueryParamAuth` fails on it.
    Malformed,
    /// Nothing at all: every method's `challenge()` runs.
    Missing,
}

/// The first method that finds something decides, as in `CompositeAuth`: a
/// present but unknown query token fails at once.
pub fn credential<'a>(query: &'a ParamMap, headers: &'a HeaderMap) -> Credential<'a> {
    for key in ["access-token", "auth_key"] {
        match query.get(key) {
            Some(param) => {
                return param
                    .as_str()
                    .map_or(Credential::Malformed, Credential::Token);
            }
            None => continue,
        }
    }
    // HttpBearerAuth: `/^Bearer\s+(.*?)$/`, case-sensitive.
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer"))
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map_or(Credential::Missing, |rest| {
            Credential::Token(rest.trim_start())
        })
}

/// The caller, or 401.
pub async fn authenticate(
    crm: &Crm,
    query: &ParamMap,
    headers: &HeaderMap,
) -> Result<Principal, RestError> {
    let token = match credential(query, headers) {
        Credential::Token(token) => token,
        Credential::Malformed => return Err(RestError::Unauthorized { challenge: false }),
        Credential::Missing => return Err(RestError::Unauthorized { challenge: true }),
    };
    crm.authenticate_token(TOKEN, token)
        .await
        .map_err(|err| match err {
            CoreError::Unauthenticated(_) => RestError::Unauthorized { challenge: false },
            other => RestError::from_core(other, ""),
        })
}

#[cfg(test)]
mod tests {
    use crm_http::params::{ParamLimits, parse_query};
    use http::HeaderValue;

    use super::*;

    fn query(text: &str) -> ParamMap {
        parse_query(
            text.as_bytes(),
            ParamLimits {
                max_pairs: 10,
                max_depth: 2,
            },
        )
        .unwrap()
    }

    #[test]
    fn query_tokens_come_before_the_header() {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer  hdr"));
        assert_eq!(
            credential(&query("access-token=a&auth_key=b"), &headers),
            Credential::Token("a")
        );
        assert_eq!(
            credential(&query("auth_key=b"), &headers),
            Credential::Token("b")
        );
        assert_eq!(credential(&query(""), &headers), Credential::Token("hdr"));
        assert_eq!(
            credential(&query("access-token[]=a"), &headers),
            Credential::Malformed
        );
    }

    #[test]
    fn other_schemes_are_no_credential() {
        for value in ["Basic YTpi", "bearer x", "Bearerx", "Bearer"] {
            let mut headers = HeaderMap::new();
            headers.insert(AUTHORIZATION, HeaderValue::from_static(value));
            assert_eq!(
                credential(&query(""), &headers),
                Credential::Missing,
                "{value}"
            );
        }
    }
}
