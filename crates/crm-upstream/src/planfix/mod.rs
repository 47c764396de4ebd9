//! An account's client data in a Planfix account, through the Planfix
//! client half (`crm_planfix::client`): one client per bound account, so
//! its session is opened once and reused by every call.

mod clients;
mod list;
mod map;
mod order;
mod points;
mod query;
mod slots;
mod write;

use crm_core::{Client, ClientId, CoreError, CoreResult, UpstreamBinding};
use crm_http::client::Upstream;
use crm_planfix::client::{ClientError, Credentials, PlanfixClient};
use crm_planfix::op::{ContactRef, ListIn};

use crate::ProxySettings;

/// The dialect name a binding gives.
pub(crate) const DIALECT: &str = "planfix";

/// reference/planfix.md §5: the contact does not exist.
const NO_CONTACT: &str = "8002";

/// The client data of one account bound to a Planfix account.
#[derive(Debug)]
pub(crate) struct PlanfixData {
    planfix: PlanfixClient,
    settings: ProxySettings,
}

impl PlanfixData {
    /// The data behind `binding`, whose credentials are the `planfix`
    /// member of `account create --json`.
    pub(crate) fn open(
        upstream: Upstream,
        binding: &UpstreamBinding,
        settings: ProxySettings,
    ) -> CoreResult<Self> {
        let credentials: Credentials = crate::credentials(
            binding,
            r#"a Planfix upstream takes {"account", "api_key", "private_key", "login", "password", "token"}"#,
        )?;
        Ok(Self {
            planfix: PlanfixClient::new(upstream, credentials),
            settings,
        })
    }

    /// Logs in (in session mode) and reads one contact of the list: the
    /// URL, the account and the credentials work.
    async fn probe(&self) -> CoreResult<()> {
        let list = ListIn {
            page: Some("1".to_owned()),
            page_size: Some("1".to_owned()),
            ..ListIn::default()
        };
        self.planfix.list(&list).await.map(drop).map_err(core_error)
    }

    /// The contact, or `None` when the upstream has none by that id.
    async fn get(&self, id: ClientId) -> CoreResult<Option<Client>> {
        match self.planfix.get(ContactRef(id.get())).await {
            Ok(wire) => map::client(&wire).map(Some),
            Err(ClientError::Refused(failure)) if failure.code == NO_CONTACT => Ok(None),
            Err(err) => Err(core_error(err)),
        }
    }
}

/// What the inbound dialect answers for a failed upstream call: Planfix's
/// refusals of the caller's data as invalid input, its refusals of the
/// gateway's own credentials (never the caller's fault, so never a 401)
/// and everything else as the upstream being unavailable.
fn core_error(err: ClientError) -> CoreError {
    let ClientError::Refused(failure) = err else {
        return CoreError::Unavailable(format!("the Planfix upstream: {err}"));
    };
    let said = if failure.message.is_empty() {
        failure.code.clone()
    } else {
        format!("{} {}", failure.code, failure.message)
    };
    // reference/planfix.md §5: which codes name what.
    match failure.code.as_str() {
        "0001" | "0002" | "0004" | "0005" | "0006" | "0010" | "0012" | "0013" | "0014" | "0020"
        | "0022" | "0023" | "0024" | "1001" | "1002" | "8001" => CoreError::Unavailable(format!(
            "the Planfix upstream refused the gateway's credentials ({said})"
        )),
        "0009" | "0015" | "0016" | "0017" | "0018" | "0019" | "0021" | "8003" | "8004" | "8007"
        | "8010" => CoreError::invalid("upstream", format!("Planfix refused the call: {said}")),
        _ => CoreError::Unavailable(format!("the Planfix upstream refused the call: {said}")),
    }
}
