//! `apikey` + `login` → the acting user (reference/salesman.md §3): a bad key
//! is 400, then an unknown login 401, before the action is even looked at.

use crm_core::credential::{Credential, KeyKind};
use crm_core::{CoreError, Crm, Principal, User};

use crate::error::SalesmanError;
use crate::wire::RawRequest;

/// The `apikey` of an account: it names the account, `login` the user.
pub const API_KEY: KeyKind = KeyKind("salesman_apikey");

/// What every account gets for this dialect.
pub const CREDENTIALS: &[Credential] = &[Credential::Key {
    kind: API_KEY,
    names_user: false,
}];

/// The caller, with their user record (the role decides what `list` shows).
#[derive(Debug, Clone)]
pub struct Caller {
    /// Account and user every call is scoped by.
    pub who: Principal,
    /// The acting user.
    pub user: User,
}

/// Checks the credentials: headers first (JSON clients send them there), then
/// the parameters.
pub async fn authenticate(crm: &Crm, request: &RawRequest) -> Result<Caller, SalesmanError> {
    let (apikey, login) = credentials(request);
    let Some(apikey) = apikey.filter(|k| !k.is_empty()) else {
        return Err(SalesmanError::BadKey);
    };
    let account = crm
        .account_by_key(API_KEY, apikey)
        .await
        .map_err(|err| match err {
            CoreError::Unauthenticated(_) => SalesmanError::BadKey,
            other => SalesmanError::from(other),
        })?;
    let Some(login) = login.filter(|l| !l.is_empty()) else {
        return Err(SalesmanError::UnknownUser);
    };
    let unknown = |err: CoreError| match err {
        CoreError::Unauthenticated(_) | CoreError::NotFound { .. } => SalesmanError::UnknownUser,
        other => SalesmanError::from(other),
    };
    let (who, user) = crm
        .principal_by_login(account, login)
        .await
        .map_err(unknown)?;
    Ok(Caller { who, user })
}

/// The `apikey` and `login` a request carries: each from its header when
/// sent and not empty, else from the parameters.
pub fn credentials(request: &RawRequest) -> (Option<&str>, Option<&str>) {
    (
        credential(request.header_apikey.as_deref(), request, "apikey"),
        credential(request.header_login.as_deref(), request, "login"),
    )
}

fn credential<'a>(header: Option<&'a str>, request: &'a RawRequest, name: &str) -> Option<&'a str> {
    header
        .filter(|h| !h.is_empty())
        .or_else(|| request.params.get_str(name))
}
