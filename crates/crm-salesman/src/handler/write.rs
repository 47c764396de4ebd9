//! `add`, `add.list` and `update`.

use crm_core::{
    CatalogueKind, CatalogueRef, ClientId, ClientKind, ContactKind, CoreError, Crm, NewClient,
    Patch, Principal, UserId, Visibility,
};

use super::{person_of, user_by_login};
use crate::auth::Caller;
use crate::error::SalesmanError;
use crate::map;
use crate::op::PersonInput;
use crate::wire::{Batch, BatchEntry, Done, Scalar, Success};

/// `user=` of a write: a login of the account, else a clear 405.
async fn responsible(
    crm: &Crm,
    who: Principal,
    login: Option<&str>,
) -> Result<Option<UserId>, SalesmanError> {
    let Some(login) = login else {
        return Ok(None);
    };
    match user_by_login(crm, who, login).await? {
        Some(user) => Ok(Some(user.id)),
        None => Err(SalesmanError::Invalid(format!(
            "user: пользователь {login} не найден"
        ))),
    }
}

pub(super) async fn add(
    crm: &Crm,
    caller: &Caller,
    input: &PersonInput,
) -> Result<Success, SalesmanError> {
    let who = caller.who;
    let new = prepare(crm, who, input).await?;
    if let Some((pid, name)) = duplicate(crm, who, input).await? {
        return Err(SalesmanError::Duplicate {
            name,
            pid: pid.get(),
        });
    }
    let created = crm.create_client(who, crate::ORIGIN, new).await?;
    Ok(Success::Done(done(created.id)))
}

/// reference/salesman.md §6 "add": a live person with the same name (ignoring
/// case and surrounding spaces) who has every sent `tel` value among their
/// phones and every sent `mail` value among their e-mails (`LIKE %v%`).
async fn duplicate(
    crm: &Crm,
    who: Principal,
    input: &PersonInput,
) -> Result<Option<(ClientId, String)>, SalesmanError> {
    let name = input.person.as_deref().unwrap_or_default().trim();
    let values = |kind, raw: &Option<String>| {
        raw.as_deref()
            .map(map::split_values)
            .unwrap_or_default()
            .into_iter()
            .map(move |v| (kind, v))
    };
    let required: Vec<(ContactKind, String)> = values(ContactKind::Phone, &input.tel)
        .chain(values(ContactKind::Mail, &input.mail))
        .collect();
    let found = crm.find_duplicate(who, name, &required).await?;
    Ok(found.map(|c| (c.id, c.name.as_full().to_owned())))
}

/// Every entry is checked first and answered in its place; the valid ones are
/// then written in one transaction.
pub(super) async fn add_list(
    crm: &Crm,
    caller: &Caller,
    inputs: Vec<Result<PersonInput, SalesmanError>>,
) -> Result<Success, SalesmanError> {
    let who = caller.who;
    let max = crm.config().max_bulk_records;
    if inputs.len() > max {
        return Err(SalesmanError::Invalid(format!(
            "persons: не больше {max} записей за запрос"
        )));
    }
    let mut answers: Vec<Result<usize, SalesmanError>> = Vec::with_capacity(inputs.len());
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
        crm.create_clients(who, crate::ORIGIN, batch).await?
    };
    let out = answers
        .into_iter()
        .map(|answer| match answer {
            Ok(i) => ids.get(i).map_or_else(
                || BatchEntry::Failed(SalesmanError::Internal.failure()),
                |id| BatchEntry::Done(done(*id)),
            ),
            Err(err) => BatchEntry::Failed(err.failure()),
        })
        .collect();
    Ok(Success::Batch(Batch(out)))
}

/// One add or add.list entry checked against the account, so that one bad
/// entry does not fail the batch.
async fn prepare(
    crm: &Crm,
    who: Principal,
    input: &PersonInput,
) -> Result<NewClient, SalesmanError> {
    let mut client = map::new_client(input, None)?;
    client.attributes.responsible = responsible(crm, who, input.user.as_deref()).await?;
    for company in &client.companies {
        if !live_company(crm, who, *company).await? {
            return Err(unknown_company(*company));
        }
    }
    check_entry(crm, who, CatalogueKind::Loyalty, client.loyalty.as_ref()).await?;
    check_entry(crm, who, CatalogueKind::Source, client.source.as_ref()).await?;
    Ok(client)
}

async fn live_company(crm: &Crm, who: Principal, id: ClientId) -> Result<bool, SalesmanError> {
    match crm.client(who, id, Visibility::LiveOnly).await {
        Ok(c) => Ok(c.kind == ClientKind::Company),
        Err(CoreError::NotFound { .. }) => Ok(false),
        Err(other) => Err(other.into()),
    }
}

fn unknown_company(id: ClientId) -> SalesmanError {
    SalesmanError::Invalid(format!("clid: клиент {id} не найден"))
}

/// A catalogue id must name an entry of the account; a title is created on
/// first use (reference/salesman.md §5).
async fn check_entry(
    crm: &Crm,
    who: Principal,
    kind: CatalogueKind,
    reference: Option<&CatalogueRef>,
) -> Result<(), SalesmanError> {
    if let Some(CatalogueRef::Id(id)) = reference
        && !crm.catalogue(who, kind).await?.iter().any(|e| e.id == *id)
    {
        return Err(SalesmanError::Invalid(format!(
            "{}: нет записи справочника с id {id}",
            wire_catalogue(kind)
        )));
    }
    Ok(())
}

fn wire_catalogue(kind: CatalogueKind) -> &'static str {
    match kind {
        CatalogueKind::Loyalty => "loyalty",
        CatalogueKind::Source => "clientpath",
        CatalogueKind::Group => "group",
    }
}

pub(super) async fn update(
    crm: &Crm,
    caller: &Caller,
    pid: ClientId,
    input: &PersonInput,
) -> Result<Success, SalesmanError> {
    let who = caller.who;
    let current = person_of(crm, who, pid).await?;
    let responsible = responsible(crm, who, input.user.as_deref()).await?;
    let patch = map::patch(input, &current, responsible)?;
    check_entry(crm, who, CatalogueKind::Loyalty, set(&patch.loyalty)).await?;
    check_entry(crm, who, CatalogueKind::Source, set(&patch.source)).await?;
    if let (Patch::Set(_), Some(named)) = (&patch.companies, input.clid.flatten())
        && !live_company(crm, who, named).await?
    {
        return Err(unknown_company(named));
    }
    let updated = crm
        .update_client(who, pid, Visibility::LiveOnly, crate::ORIGIN, &patch)
        .await?;
    if !updated.changed {
        return Ok(Success::Done(Done {
            result: "Данные корректны, но идентичны имеющимся".to_owned(),
            data: Scalar::Int(pid.get()),
            social: None,
        }));
    }
    // spec "update": data is the pid as a string; the socials note follows
    // every change, as the original rewrites the socials on every update
    // (reference/salesman.md §6 "update").
    Ok(Success::Done(Done {
        result: SUCCESS.to_owned(),
        data: Scalar::Text(pid.to_string()),
        social: Some("Соц.контакты обновлены".to_owned()),
    }))
}

const SUCCESS: &str = "Успешно";

/// `{"result":"Успешно","data":<pid>}`: what add, each add.list entry and
/// delete answer.
pub(super) fn done(pid: ClientId) -> Done {
    Done {
        result: SUCCESS.to_owned(),
        data: Scalar::Int(pid.get()),
        social: None,
    }
}

fn set<T>(patch: &Patch<T>) -> Option<&T> {
    match patch {
        Patch::Set(value) => Some(value),
        Patch::Keep | Patch::Clear => None,
    }
}
