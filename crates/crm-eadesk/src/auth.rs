//! Eadesk credentials: `?token=` (reference/eadesk.md §1), or
//! `Authorization: Bearer` as a lenient extra (reference/DECISIONS.md "Eadesk").

use crm_core::credential::{Credential, KeyKind};
use crm_core::{Crm, Principal};
use http::HeaderMap;
use http::header::AUTHORIZATION;

use crate::error::EadeskError;
use crate::wire::Params;

/// The `?token=` of an account's administrator.
pub const TOKEN: KeyKind = KeyKind("eadesk_token");

/// What every account gets for this dialect.
pub const CREDENTIALS: &[Credential] = &[Credential::Key {
    kind: TOKEN,
    names_user: true,
}];

/// The caller, or `EUNAUTHORIZED`. A query token wins over the header; an
/// empty `?token=` counts as none (`Params::get`).
pub async fn authenticate(
    crm: &Crm,
    params: &Params,
    headers: &HeaderMap,
) -> Result<Principal, EadeskError> {
    let token = params
        .get("token")
        .or_else(|| bearer(headers).filter(|t| !t.is_empty()))
        .ok_or(EadeskError::Unauthorized)?;
    Ok(crm.authenticate_token(TOKEN, token).await?)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static("bearer  abc "));
        assert_eq!(bearer(&headers), Some("abc"));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&headers), None);
    }
}
