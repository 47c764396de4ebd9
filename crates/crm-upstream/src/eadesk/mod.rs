//! An account's client data in an Eadesk CRM, through its client half
//! (`crm_eadesk::client`). Eadesk keeps persons only, each with its contact
//! data under their own ids, so points map one to one; it has no total
//! count and no order but creation, so totals, other orders and the
//! filters it lacks are worked out here over pages read from it.

mod clients;
mod ids;
mod map;
mod points;
mod query;
mod update;

use crm_core::store::IdKind;
use crm_core::{Client, ClientId, CoreError, CoreResult, UpstreamBinding, Visibility};
use crm_eadesk::client::{ClientError, Credentials, EadeskClient, PersonFilter};
use crm_eadesk::wire::Person;
use crm_http::client::Upstream;

pub(crate) use self::ids::Ids;
use crate::ProxySettings;

/// The dialect name a binding gives.
pub(crate) const DIALECT: &str = "eadesk";

/// reference/DECISIONS.md "Eadesk": `limit` is at most 1000, and
/// `limit=0` means no limit at all, so it is never sent.
const LARGEST_PAGE: u64 = 1000;

/// The client data of one account bound to an Eadesk CRM.
#[derive(Debug)]
pub(crate) struct EadeskData {
    eadesk: EadeskClient,
    settings: ProxySettings,
    ids: Ids,
}

impl EadeskData {
    /// The data behind `binding`, whose credentials are the `eadesk` member
    /// of `account create --json`.
    pub(crate) fn open(
        upstream: Upstream,
        binding: &UpstreamBinding,
        settings: ProxySettings,
        ids: Ids,
    ) -> CoreResult<Self> {
        let credentials: Credentials =
            crate::credentials(binding, r#"an Eadesk upstream takes {"token": "..."}"#)?;
        Ok(Self {
            eadesk: EadeskClient::new(upstream, credentials),
            settings,
            ids,
        })
    }

    /// Reads one person: the URL and the token work.
    async fn probe(&self) -> CoreResult<()> {
        let filter = PersonFilter {
            limit: Some(1),
            ..PersonFilter::default()
        };
        self.eadesk
            .read_persons(&filter)
            .await
            .map_err(core_error)?;
        Ok(())
    }

    /// The upstream's id of the gateway's number `id` of a `kind` record;
    /// `None` when the number names nothing upstream.
    async fn upstream_id(&self, kind: IdKind, id: i64) -> CoreResult<Option<String>> {
        self.ids.upstream(kind, id).await
    }

    /// The client, or `None` when the upstream shows none by that id.
    async fn person(&self, id: ClientId, visibility: Visibility) -> CoreResult<Option<Client>> {
        let Some(upstream) = self.upstream_id(IdKind::Client, id.get()).await? else {
            return Ok(None);
        };
        let filter = PersonFilter {
            visibility,
            ..PersonFilter::id(upstream)
        };
        match self.read(&filter).await?.first() {
            Some(person) => map::client(person).map(Some),
            None => Ok(None),
        }
    }

    /// The persons `filter` reads, their ids as the gateway's numbers.
    async fn read(&self, filter: &PersonFilter) -> CoreResult<Vec<Person>> {
        let persons = self.eadesk.read_persons(filter).await.map_err(core_error)?;
        let mut read = Vec::with_capacity(persons.len());
        for person in persons {
            read.push(self.ids.person(person).await?);
        }
        Ok(read)
    }

    /// Refuses a list that needs more persons read than the ceiling allows.
    fn within_ceiling(&self, count: usize) -> CoreResult<()> {
        let ceiling = self.settings.scan_ceiling;
        if count > ceiling {
            return Err(CoreError::invalid(
                "filter",
                format!(
                    "the Eadesk upstream cannot answer this list itself (it has no total count, \
                     no order but creation and not every filter), and it holds more than the \
                     {ceiling} matching persons the gateway reads for it"
                ),
            ));
        }
        Ok(())
    }
}

/// Whether the upstream answered `{"err": code}`.
fn refused_with(err: &ClientError, code: &str) -> bool {
    matches!(err, ClientError::Refused { body, .. } if body.err == code)
}

/// What the inbound dialect answers for a failed upstream call: the
/// upstream's refusal of the caller's data as invalid input, everything
/// else as the upstream being unavailable. The upstream's refusal of the
/// gateway's own token is not the caller's fault, so it is not a 401.
fn core_error(err: ClientError) -> CoreError {
    match err {
        ClientError::Refused { status, body } => match (status.as_u16(), &*body.err) {
            (_, "EINVALID") => CoreError::invalid(
                "upstream",
                body.message
                    .unwrap_or_else(|| "the Eadesk upstream refused the input".to_owned()),
            ),
            (401 | 403, _) | (_, "EUNAUTHORIZED" | "EACCESS") => CoreError::Unavailable(
                "the Eadesk upstream refused the gateway's credentials".to_owned(),
            ),
            (code, err) => CoreError::Unavailable(format!(
                "the Eadesk upstream refused the call with HTTP {code}: {err}"
            )),
        },
        other => CoreError::Unavailable(format!("the Eadesk upstream: {other}")),
    }
}
