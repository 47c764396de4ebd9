//! An account's client data in a SalesMan CRM, through its client half
//! (`crm_salesman::client`): the person API's `info`, `list`, `add.list`,
//! `update` and `delete`.

mod check;
mod clients;
mod input;
mod map;
mod points;
mod query;
mod slots;

use crm_core::{Client, ClientId, CoreError, CoreResult, UpstreamBinding};
use crm_http::client::Upstream;
use crm_salesman::client::{ClientError, Credentials, SalesmanClient};
use crm_salesman::op::{ListArgs, View};
use crm_salesman::wire::{Column, List, Scalar};

use crate::ProxySettings;

/// The dialect name a binding gives.
pub(crate) const DIALECT: &str = "salesman";

/// The client data of one account bound to a SalesMan CRM.
#[derive(Debug)]
pub(crate) struct SalesmanData {
    salesman: SalesmanClient,
    settings: ProxySettings,
}

/// Every column the person API has, and the socials: what a client is read
/// from. A real SalesMan leaves out the fields its account switched off.
fn full_view() -> View {
    let mut columns = vec![
        Column::Pid,
        Column::DateCreate,
        Column::DateEdit,
        Column::Clid,
        Column::Ptitle,
        Column::Person,
        Column::Tel,
        Column::Fax,
        Column::Mob,
        Column::Mail,
        Column::Rol,
        Column::Loyalty,
        Column::Clientpath,
    ];
    columns.extend((1..=10).map(Column::Input));
    View {
        columns,
        socials: true,
    }
}

impl SalesmanData {
    /// The data behind `binding`, whose credentials are the `salesman`
    /// member of `account create --json`.
    pub(crate) fn open(
        upstream: Upstream,
        binding: &UpstreamBinding,
        settings: ProxySettings,
    ) -> CoreResult<Self> {
        let credentials: Credentials = crate::credentials(
            binding,
            r#"a SalesMan upstream takes {"login": "...", "apikey": "..."}"#,
        )?;
        Ok(Self {
            salesman: SalesmanClient::new(upstream, credentials),
            settings,
        })
    }

    /// Reads the first page of the list: the URL, the key and the login work.
    async fn probe(&self) -> CoreResult<()> {
        let args = ListArgs {
            view: View {
                columns: vec![Column::Pid],
                socials: false,
            },
            ..ListArgs::default()
        };
        self.salesman
            .list(&args)
            .await
            .map(drop)
            .map_err(core_error)
    }

    /// The person, or `None` when the upstream has no live one by that id.
    async fn view(&self, id: ClientId) -> CoreResult<Option<Client>> {
        match self.salesman.info(id, &full_view()).await {
            Ok(info) => map::client(&info.data, Some(id)).map(Some),
            Err(err) if is_not_found(&err) => Ok(None),
            Err(err) => Err(core_error(err)),
        }
    }

    async fn page(&self, args: &ListArgs) -> CoreResult<List> {
        self.salesman.list(args).await.map_err(core_error)
    }
}

/// The code of a SalesMan refusal as text: 400-402 come as integers,
/// 403-406 as strings, a delete's refusal with none (reference/salesman.md §4).
fn code_text(code: &Scalar) -> String {
    match code {
        Scalar::Int(n) => n.to_string(),
        Scalar::Text(s) => s.trim().to_owned(),
        Scalar::Null => String::new(),
    }
}

/// The code of `err` when the upstream refused the call.
fn refusal_code(err: &ClientError) -> Option<String> {
    match err {
        ClientError::Refused(failure) => Some(code_text(&failure.code)),
        _ => None,
    }
}

/// reference/salesman.md §6 "info": an unknown, foreign or deleted pid is
/// "403"; "404" when it went between two queries.
fn is_not_found(err: &ClientError) -> bool {
    matches!(refusal_code(err).as_deref(), Some("403" | "404"))
}

/// What the inbound dialect answers for a failed upstream call: the
/// upstream's refusals of the caller's data ("405", "406", a delete's
/// text-only refusal) as invalid input, everything else as the upstream
/// being unavailable. A refused `apikey` (400) or `login` (401) is the
/// gateway's own credential, so it is not the caller's 401.
fn core_error(err: ClientError) -> CoreError {
    match err {
        ClientError::Refused(failure) => match code_text(&failure.code).as_str() {
            "400" | "401" => CoreError::Unavailable(
                "the SalesMan upstream refused the gateway's login or apikey".to_owned(),
            ),
            "403" | "404" => CoreError::NotFound { entity: "client" },
            "405" | "406" | "" => CoreError::invalid("upstream", failure.text),
            other => CoreError::Unavailable(format!(
                "the SalesMan upstream refused the call with {other}: {}",
                failure.text
            )),
        },
        ClientError::Unwritable(why) => CoreError::invalid("upstream", why.to_string()),
        other => CoreError::Unavailable(format!("the SalesMan upstream: {other}")),
    }
}
