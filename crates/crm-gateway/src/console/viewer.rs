//! Who looks at the console: a user of an account, signed in with their
//! login and password (the same check as Planfix `auth.login`), kept in a
//! cookie that holds the account's name and a session id. The session is a
//! row of the store's sessions, so it ends after the same idle hour and is
//! honoured by every replica.

use axum::http::HeaderMap;
use axum::http::header::{COOKIE, SET_COOKIE};
use crm_core::{AccountName, CoreError, Crm, Principal, User};

/// The cookie's name.
const COOKIE_NAME: &str = "crm_console";

/// A signed-in user, with what the dialects' answers need of them.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Account and user every read is scoped by.
    pub who: Principal,
    /// The user's record.
    pub user: User,
    /// The account's name.
    pub account_name: String,
}

/// The viewer the request's cookie names, if it names a live session of an
/// enabled account and an active user.
pub async fn from_cookie(crm: &Crm, headers: &HeaderMap) -> Result<Option<Viewer>, CoreError> {
    let Some((name, sid)) = cookie(headers) else {
        return Ok(None);
    };
    let Some(account) = crm.account_by_name(&name).await? else {
        return Ok(None);
    };
    let who = match crm.resume_session(account.id, &sid).await {
        Ok(who) => who,
        Err(CoreError::Unauthenticated(_)) => return Ok(None),
        Err(other) => return Err(other),
    };
    let user = crm.user(who, who.user).await?;
    Ok(Some(Viewer {
        who,
        user,
        account_name: name,
    }))
}

/// Checks `login` and `password` in account `name` and opens a session:
/// the `Set-Cookie` value that carries it, or `None` when refused.
pub async fn sign_in(
    crm: &Crm,
    name: &str,
    login: &str,
    password: &str,
) -> Result<Option<String>, CoreError> {
    let Some(account) = crm.account_by_name(&name.to_ascii_lowercase()).await? else {
        return Ok(None);
    };
    match crm.open_session(account.id, login, password).await {
        Ok(sid) => Ok(Some(set_cookie(account.name.as_str(), sid.expose()))),
        Err(CoreError::Unauthenticated(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The `Set-Cookie` value that forgets the session in the browser.
pub fn signed_out() -> (axum::http::HeaderName, String) {
    (
        SET_COOKIE,
        format!("{COOKIE_NAME}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0"),
    )
}

/// Account names hold no '.', so the first one ends the name.
fn set_cookie(account: &str, sid: &str) -> String {
    format!("{COOKIE_NAME}={account}.{sid}; Path=/console; HttpOnly; SameSite=Strict")
}

fn cookie(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE_NAME)?.strip_prefix('='))?;
    let (account, sid) = value.split_once('.')?;
    let named = AccountName::parse(account).is_ok();
    (named && !sid.is_empty()).then(|| (account.to_owned(), sid.to_owned()))
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};

    use super::*;

    #[test]
    fn the_cookie_names_an_account_and_a_session() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("other=1; crm_console=acme.abc"),
        );
        let named = Some(("acme".to_owned(), "abc".to_owned()));
        assert_eq!(cookie(&headers), named);
        for bad in [
            "crm_console=abc",
            "crm_console=acme.",
            "crm_console=Acme.abc",
            "crm_consolex=acme.a",
        ] {
            headers.insert(COOKIE, HeaderValue::from_static(bad));
            assert_eq!(cookie(&headers), None, "{bad}");
        }
    }
}
