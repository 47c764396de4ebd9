//! One exhaustive match over the actions, each composed from `Crm` calls.

use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::response::Response;
use crm_core::{
    CatalogueKind, Client, ClientFilter, ClientId, ClientKind, ClientQuery, ContactKind, Crm,
    Origin, Page, Principal, Role, TextField, User, UserId, Visibility, normalize_search,
};
use serde_json::{Map, Value, json};

use crate::AppState;
use crate::auth::{Caller, authenticate};
use crate::error::DialectError;
use crate::map::{self, Style};
use crate::op::{ListArgs, ListFilter, Op, PAGE_SIZE, PersonInput};
use crate::reply;
use crate::wire::fields::FIELD_TITLES;
use crate::wire::{RawRequest, request};

/// The one entry: read, authenticate, parse, run; in the original's order.
pub async fn person(State(state): State<AppState>, request: Request<Body>) -> Response {
    match run(&state, request).await {
        Ok(body) => reply::json(&body),
        Err(err) => reply::json(&err.body()),
    }
}

/// Paths under the mount other than the person script.
pub async fn unknown_path() -> Response {
    reply::json(&DialectError::UnknownPath.body())
}

async fn run(state: &AppState, request: Request<Body>) -> Result<Value, DialectError> {
    let raw: RawRequest = request::read(request, &state.limits).await?;
    let caller = authenticate(&state.crm, &raw).await?;
    let op = Op::parse(&raw.params)?;
    let crm = &state.crm;
    match op {
        Op::Fields => fields(crm, &caller).await,
        Op::List(args) => list(crm, &caller, &args).await,
        Op::Info { pid, view } => {
            let client = person_of(crm, caller.who, pid).await?;
            let users = crm.users(caller.who).await?;
            Ok(json!({"data": map::render(&client, &view, Style::Info, &users)}))
        }
        Op::Add(input) => add(crm, &caller, &input).await,
        Op::AddList(inputs) => add_list(crm, &caller, inputs).await,
        Op::Update { pid, input } => update(crm, &caller, pid, &input).await,
        Op::Delete { pid } => {
            person_of(crm, caller.who, pid).await?;
            crm.delete_client(caller.who, pid, Visibility::LiveOnly)
                .await?;
            Ok(json!({"result": "Успешно", "data": pid.get()}))
        }
    }
}

/// A live person of the caller's account; companies and foreign ids are 403.
async fn person_of(crm: &Crm, who: Principal, pid: ClientId) -> Result<Client, DialectError> {
    let client = crm.client(who, pid, Visibility::LiveOnly).await?;
    if client.kind == ClientKind::Person {
        Ok(client)
    } else {
        Err(DialectError::NotFound)
    }
}

async fn fields(crm: &Crm, caller: &Caller) -> Result<Value, DialectError> {
    let registry = crm.fields(caller.who).await?;
    let mut data = Map::new();
    for (name, title) in FIELD_TITLES {
        let title = match name {
            "input1" => registry
                .iter()
                .find(|f| f.number == 1)
                .map_or(title, |f| f.title.as_str()),
            _ => title,
        };
        data.insert(name.to_owned(), json!(title));
    }
    Ok(json!({"data": data}))
}

async fn list(crm: &Crm, caller: &Caller, args: &ListArgs) -> Result<Value, DialectError> {
    let who = caller.who;
    let mut query = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: args.page.saturating_mul(PAGE_SIZE),
            limit: PAGE_SIZE,
        },
    );
    query.filters.push(ClientFilter::Kind(ClientKind::Person));
    match responsible_scope(crm, caller, args.user.as_deref()).await? {
        Scope::All => {}
        Scope::Team(team) => query.filters.push(ClientFilter::ResponsibleIn(team)),
        Scope::Nobody => return Ok(json!({"count": 0})),
    }
    // reference/salesman.md §6: only dateStart is `>`, both are BETWEEN
    // (inclusive), only dateEnd is `<`.
    match (args.date_start, args.date_end) {
        (Some(start), Some(end)) => {
            query
                .filters
                .push(ClientFilter::CreatedAfter(start.plus_millis(-1)));
            query
                .filters
                .push(ClientFilter::CreatedBefore(end.plus_millis(1)));
        }
        (Some(start), None) => query.filters.push(ClientFilter::CreatedAfter(start)),
        (None, Some(end)) => query.filters.push(ClientFilter::CreatedBefore(end)),
        (None, None) => {}
    }
    if let Some(word) = &args.word {
        query.filters.push(ClientFilter::Contains {
            fields: vec![
                TextField::Name,
                TextField::Position,
                TextField::Phone,
                TextField::Mail,
            ],
            needle: word.clone(),
        });
    }
    for filter in &args.filters {
        match filter_of(crm, who, filter).await? {
            Some(f) => query.filters.push(f),
            None => return Ok(json!({"count": 0})),
        }
    }
    query.sort = vec![(args.order, args.direction)];
    let page = crm.list_clients(who, &query).await?;
    if page.clients.is_empty() {
        return Ok(json!({"count": page.total}));
    }
    let users = crm.users(who).await?;
    let data: Vec<Value> = page
        .clients
        .iter()
        .map(|c| map::render(c, &args.view, Style::List, &users))
        .collect();
    Ok(json!({"data": data, "count": page.total}))
}

enum Scope {
    All,
    Team(Vec<UserId>),
    Nobody,
}

/// spec "list": the caller's records and their subordinates'; `user` narrows
/// to that user's team, who must be in the caller's. An administrator sees all.
async fn responsible_scope(
    crm: &Crm,
    caller: &Caller,
    user: Option<&str>,
) -> Result<Scope, DialectError> {
    let is_admin = caller.user.role == Role::Admin;
    let Some(login) = user else {
        return Ok(if is_admin {
            Scope::All
        } else {
            Scope::Team(crm.team(caller.who, caller.user.id).await?)
        });
    };
    let Some(named) = user_by_login(crm, caller.who, login).await? else {
        return Ok(Scope::Nobody);
    };
    if !is_admin
        && !crm
            .team(caller.who, caller.user.id)
            .await?
            .contains(&named.id)
    {
        return Ok(Scope::Nobody);
    }
    Ok(Scope::Team(crm.team(caller.who, named.id).await?))
}

async fn user_by_login(
    crm: &Crm,
    who: Principal,
    login: &str,
) -> Result<Option<User>, DialectError> {
    match crm.user_by_login(who, login).await {
        Ok(user) => Ok(Some(user)),
        Err(crm_core::CoreError::NotFound { .. }) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// The core filter for one `filter[...]`; `None` when it can match nothing
/// (a catalogue title nobody uses).
async fn filter_of(
    crm: &Crm,
    who: Principal,
    filter: &ListFilter,
) -> Result<Option<ClientFilter>, DialectError> {
    let entry = |kind, value: &str| {
        let value = value.to_owned();
        async move {
            let entries = crm.catalogue(who, kind).await?;
            Ok::<_, DialectError>(
                entries
                    .into_iter()
                    .find(|e| e.title == value || e.id.to_string() == value)
                    .map(|e| ClientFilter::Catalogue { kind, entry: e.id }),
            )
        }
    };
    Ok(match filter {
        ListFilter::Company(id) => Some(ClientFilter::MemberOf(*id)),
        ListFilter::Loyalty(v) => entry(CatalogueKind::Loyalty, v).await?,
        ListFilter::Source(v) => entry(CatalogueKind::Source, v).await?,
        ListFilter::Text(field, needle) => Some(ClientFilter::Contains {
            fields: vec![*field],
            needle: needle.clone(),
        }),
        ListFilter::Field(number, needle) => Some(ClientFilter::FieldContains {
            number: *number,
            needle: needle.clone(),
        }),
    })
}

/// `user=` of a write: a login of the account, else a clear 405.
async fn responsible(
    crm: &Crm,
    who: Principal,
    login: Option<&str>,
) -> Result<Option<UserId>, DialectError> {
    let Some(login) = login else {
        return Ok(None);
    };
    match user_by_login(crm, who, login).await? {
        Some(user) => Ok(Some(user.id)),
        None => Err(DialectError::Invalid(format!(
            "user: пользователь {login} не найден"
        ))),
    }
}

async fn add(crm: &Crm, caller: &Caller, input: &PersonInput) -> Result<Value, DialectError> {
    let who = caller.who;
    let new = map::new_client(input, None)?;
    if let Some((pid, name)) = duplicate(crm, who, input).await? {
        return Err(DialectError::Duplicate {
            name,
            pid: pid.get(),
        });
    }
    let mut new = new;
    new.responsible = responsible(crm, who, input.user.as_deref()).await?;
    let created = crm.create_client(who, Origin::Salesman, new).await?;
    Ok(json!({"result": "Успешно", "data": created.id.get()}))
}

/// reference/salesman.md §6 "add": a live person with the same name (ignoring
/// case) whose phones include every sent `tel` and whose e-mails include every
/// sent `mail`.
async fn duplicate(
    crm: &Crm,
    who: Principal,
    input: &PersonInput,
) -> Result<Option<(ClientId, String)>, DialectError> {
    let name = input
        .person
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    let mut query = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: 0,
            limit: 1000,
        },
    );
    query.filters.push(ClientFilter::Kind(ClientKind::Person));
    query.filters.push(ClientFilter::Contains {
        fields: vec![TextField::Name],
        needle: name.clone(),
    });
    let forms = |kind, raw: &Option<String>| -> Vec<String> {
        raw.as_deref()
            .map(map::split_values)
            .unwrap_or_default()
            .iter()
            .map(|v| normalize_search(kind, v))
            .collect()
    };
    let tels = forms(ContactKind::Phone, &input.tel);
    let mails = forms(ContactKind::Mail, &input.mail);
    let page = crm.list_clients(who, &query).await?;
    Ok(page
        .clients
        .into_iter()
        .find(|c| {
            let has = |kind, wanted: &[String]| {
                wanted.iter().all(|w| {
                    c.contacts.iter().any(|p| {
                        p.status == crm_core::Status::Active
                            && p.kind == kind
                            && normalize_search(kind, &p.value) == *w
                    })
                })
            };
            c.name.as_full().trim().to_lowercase() == name
                && has(ContactKind::Phone, &tels)
                && has(ContactKind::Mail, &mails)
        })
        .map(|c| (c.id, c.name.as_full().to_owned())))
}

/// Every entry is checked first and answered in its place; the valid ones are
/// then written in one transaction.
async fn add_list(
    crm: &Crm,
    caller: &Caller,
    inputs: Vec<Result<PersonInput, DialectError>>,
) -> Result<Value, DialectError> {
    let who = caller.who;
    let mut answers: Vec<Result<usize, DialectError>> = Vec::with_capacity(inputs.len());
    let mut batch = Vec::new();
    for input in inputs {
        let prepared = match input {
            Ok(input) => prepare(crm, who, &input).await,
            Err(err) => Err(err),
        };
        answers.push(prepared.map(|client| {
            batch.push(client);
            batch.len() - 1
        }));
    }
    let ids = if batch.is_empty() {
        Vec::new()
    } else {
        crm.create_clients(who, Origin::Salesman, batch).await?
    };
    let out: Vec<Value> = answers
        .into_iter()
        .map(|answer| match answer {
            Ok(i) => ids.get(i).map_or_else(
                || DialectError::Internal.body(),
                |id| json!({"result": "Успешно", "data": id.get()}),
            ),
            Err(err) => err.body(),
        })
        .collect();
    Ok(Value::Array(out))
}

/// One add.list entry checked against the account, so that one bad entry
/// does not fail the batch.
async fn prepare(
    crm: &Crm,
    who: Principal,
    input: &PersonInput,
) -> Result<crm_core::NewClient, DialectError> {
    let mut client = map::new_client(input, None)?;
    client.responsible = responsible(crm, who, input.user.as_deref()).await?;
    for company in &client.companies {
        let found = crm.client(who, *company, Visibility::LiveOnly).await;
        match found {
            Ok(c) if c.kind == ClientKind::Company => {}
            Ok(_) | Err(crm_core::CoreError::NotFound { .. }) => {
                return Err(DialectError::Invalid(format!(
                    "clid: клиент {company} не найден"
                )));
            }
            Err(other) => return Err(other.into()),
        }
    }
    for (kind, reference) in [
        (CatalogueKind::Loyalty, &client.loyalty),
        (CatalogueKind::Source, &client.source),
    ] {
        if let Some(crm_core::CatalogueRef::Id(id)) = reference
            && !crm.catalogue(who, kind).await?.iter().any(|e| e.id == *id)
        {
            return Err(DialectError::Invalid(format!(
                "{}: нет записи справочника с id {id}",
                wire_catalogue(kind)
            )));
        }
    }
    Ok(client)
}

fn wire_catalogue(kind: CatalogueKind) -> &'static str {
    match kind {
        CatalogueKind::Loyalty => "loyalty",
        CatalogueKind::Source => "clientpath",
        CatalogueKind::Group => "group",
    }
}

async fn update(
    crm: &Crm,
    caller: &Caller,
    pid: ClientId,
    input: &PersonInput,
) -> Result<Value, DialectError> {
    let who = caller.who;
    let current = person_of(crm, who, pid).await?;
    let responsible = responsible(crm, who, input.user.as_deref()).await?;
    let patch = map::patch(input, &current, responsible)?;
    let updated = crm
        .update_client(who, pid, Visibility::LiveOnly, Origin::Salesman, &patch)
        .await?;
    if !updated.changed {
        return Ok(
            json!({"result": "Данные корректны, но идентичны имеющимся", "data": pid.get()}),
        );
    }
    // spec "update": data is the pid as a string; the note follows when socials were sent.
    let mut out = json!({"result": "Успешно", "data": pid.to_string()});
    if input.has_socials()
        && let Value::Object(map) = &mut out
    {
        map.insert("social".to_owned(), json!("Соц.контакты обновлены"));
    }
    Ok(out)
}
