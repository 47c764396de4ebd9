//! One exhaustive match over the actions, each composed from `Crm` calls.

mod list;
mod write;

use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::response::{IntoResponse, Response};
use crm_core::{Client, ClientId, ClientKind, CoreError, Crm, Principal, User, Visibility};

use crate::AppState;
use crate::auth::{Caller, authenticate};
use crate::error::SalesmanError;
use crate::map::{self, Style};
use crate::op::Op;
use crate::reply;
use crate::wire::fields::FIELD_TITLES;
use crate::wire::{FieldTitles, Info, RawRequest, Success, request};

/// The one entry: read, authenticate, parse, run; in the original's order.
pub async fn person(State(state): State<AppState>, request: Request<Body>) -> Response {
    let mut action = None;
    let answer = match run(&state, request, &mut action).await {
        Ok(body) => reply::json(&body.to_value()),
        Err(err) => err.into_response(),
    };
    crm_http::outcome::answered(answer, action)
}

/// Paths under the mount other than the person script.
pub async fn unknown_path() -> Response {
    SalesmanError::UnknownPath.into_response()
}

/// Runs the request, naming its action in `action` once it is read.
async fn run(
    state: &AppState,
    request: Request<Body>,
    action: &mut Option<&'static str>,
) -> Result<Success, SalesmanError> {
    let raw: RawRequest = request::read(request, &state.limits).await?;
    *action = crate::op::action_name(&raw.params);
    let caller = authenticate(&state.crm, &raw).await?;
    let op = Op::parse(&raw.params)?;
    dispatch(&state.crm, &caller, op).await
}

/// Runs one call for `caller`.
pub async fn dispatch(crm: &Crm, caller: &Caller, op: Op) -> Result<Success, SalesmanError> {
    match op {
        Op::Fields => fields(crm, caller).await,
        Op::List(args) => list::list(crm, caller, &args).await,
        Op::Info { pid, view } => {
            let client = person_of(crm, caller.who, pid).await?;
            let users = crm.users(caller.who).await?;
            Ok(Success::Info(Info {
                data: map::record(&client, &view, Style::Info, &users),
            }))
        }
        Op::Add(input) => write::add(crm, caller, &input).await,
        Op::AddList(inputs) => write::add_list(crm, caller, inputs).await,
        Op::Update { pid, input } => write::update(crm, caller, pid, &input).await,
        Op::Delete { pid } => {
            person_of(crm, caller.who, pid).await?;
            crm.delete_client(caller.who, pid, Visibility::LiveOnly)
                .await?;
            Ok(Success::Done(write::done(pid)))
        }
    }
}

/// A live person of the caller's account; companies and foreign ids are 403.
pub(crate) async fn person_of(
    crm: &Crm,
    who: Principal,
    pid: ClientId,
) -> Result<Client, SalesmanError> {
    let client = crm.client(who, pid, Visibility::LiveOnly).await?;
    if client.kind == ClientKind::Person {
        Ok(client)
    } else {
        Err(SalesmanError::NotFound)
    }
}

async fn fields(crm: &Crm, caller: &Caller) -> Result<Success, SalesmanError> {
    let registry = crm.fields(caller.who).await?;
    let mut data = Vec::with_capacity(FIELD_TITLES.len());
    for (name, title) in FIELD_TITLES {
        let title = match name {
            "input1" => registry
                .iter()
                .find(|f| f.number == 1)
                .map_or(title, |f| f.title.as_str()),
            _ => title,
        };
        data.push((name.to_owned(), title.to_owned()));
    }
    Ok(Success::Fields(FieldTitles(data)))
}

pub(crate) async fn user_by_login(
    crm: &Crm,
    who: Principal,
    login: &str,
) -> Result<Option<User>, SalesmanError> {
    match crm.user_by_login(who, login).await {
        Ok(user) => Ok(Some(user)),
        Err(CoreError::NotFound { .. }) => Ok(None),
        Err(other) => Err(other.into()),
    }
}
