//! An account's client data in a Yii2-style REST CRM, through its client
//! half (`crm_rest::client`).

mod clients;
mod map;
mod points;
mod query;

use crm_core::{Client, ClientId, CoreError, CoreResult, UpstreamBinding};
use crm_http::client::Upstream;
use crm_rest::client::{ClientError, Credentials, ListRequest, Page, Refusal, RestClient};
use crm_rest::op::Render;
use http::StatusCode;

use crate::ProxySettings;

/// The dialect name a binding gives.
pub(crate) const DIALECT: &str = "rest";

/// The most clients a page of the REST service holds.
const LARGEST_PAGE: u64 = 50;

/// The client data of one account bound to a REST CRM.
#[derive(Debug)]
pub(crate) struct RestData {
    rest: RestClient,
    settings: ProxySettings,
}

impl RestData {
    /// The data behind `binding`, whose credentials are the `rest` member
    /// of `account create --json`.
    pub(crate) fn open(
        upstream: Upstream,
        binding: &UpstreamBinding,
        settings: ProxySettings,
    ) -> CoreResult<Self> {
        let credentials: Credentials =
            crate::credentials(binding, r#"a REST upstream takes {"access_token": "..."}"#)?;
        Ok(Self {
            rest: RestClient::new(upstream, credentials),
            settings,
        })
    }

    /// Reads one client of the list: the URL and the token work.
    async fn probe(&self) -> CoreResult<()> {
        let request = ListRequest {
            per_page: Some(1),
            ..ListRequest::default()
        };
        self.rest.list(&request).await.map(drop).map_err(core_error)
    }

    /// The client, or `None` when the upstream has none by that id.
    async fn view(&self, id: ClientId) -> CoreResult<Option<Client>> {
        match self.rest.view(id.get(), &Render::default()).await {
            Ok(wire) => map::client(&wire).map(Some),
            Err(ClientError::Refused { status, .. }) if status == StatusCode::NOT_FOUND => Ok(None),
            Err(err) => Err(core_error(err)),
        }
    }

    async fn page(&self, request: &ListRequest) -> CoreResult<Page> {
        self.rest.list(request).await.map_err(core_error)
    }
}

/// What the inbound dialect answers for a failed upstream call: the
/// upstream's refusals of the caller's data as invalid input, everything
/// else as the upstream being unavailable. The upstream's refusal of the
/// gateway's own token is not the caller's fault, so it is not a 401.
fn core_error(err: ClientError) -> CoreError {
    match err {
        ClientError::Refused { status, body } => match (status.as_u16(), body) {
            (422, Refusal::Validation(errors)) => CoreError::invalid(
                "upstream",
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            (401 | 403, _) => CoreError::Unavailable(
                "the REST upstream refused the gateway's credentials".to_owned(),
            ),
            (code, _) => CoreError::Unavailable(format!(
                "the REST upstream refused the call with HTTP {code}"
            )),
        },
        other => CoreError::Unavailable(format!("the REST upstream: {other}")),
    }
}
