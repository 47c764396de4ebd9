//! `list`: one page of the persons the caller may see.

use crm_core::{
    CatalogueKind, ClientFilter, ClientKind, ClientQuery, Crm, Page, Principal, Role, TextField,
    UserId, Visibility,
};

use super::user_by_login;
use crate::auth::Caller;
use crate::error::SalesmanError;
use crate::map::{self, Style};
use crate::op::{ListArgs, ListFilter, PAGE_SIZE};
use crate::wire::{List, Success};

pub(super) async fn list(
    crm: &Crm,
    caller: &Caller,
    args: &ListArgs,
) -> Result<Success, SalesmanError> {
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
        Scope::Nobody => return Ok(empty(0)),
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
            fields: word_fields(word),
            needle: word.clone(),
        });
    }
    for filter in &args.filters {
        match filter_of(crm, who, filter).await? {
            Some(f) => query.filters.push(f),
            None => return Ok(empty(0)),
        }
    }
    query.sort = vec![(args.order, args.direction)];
    let page = crm.list_clients(who, &query).await?;
    if page.clients.is_empty() {
        return Ok(empty(page.total));
    }
    let users = crm.users(who).await?;
    let data = page
        .clients
        .iter()
        .map(|c| map::record(c, &args.view, Style::List, &users))
        .collect();
    Ok(Success::List(List {
        data,
        count: page.total,
    }))
}

fn empty(count: u64) -> Success {
    Success::List(List {
        data: Vec::new(),
        count,
    })
}

/// reference/salesman.md §6 "list": `word` is matched against the phones with
/// `+ ( ) -` and spaces stripped, the word itself left as sent, so a word
/// holding one of those never matches a phone (the core would strip it too).
fn word_fields(word: &str) -> Vec<TextField> {
    let mut fields = vec![TextField::Name, TextField::Position];
    if !word.contains(['+', '(', ')', '-', ' ']) {
        fields.push(TextField::Phone);
    }
    fields.push(TextField::Mail);
    fields
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
) -> Result<Scope, SalesmanError> {
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

/// The core filter for one `filter[...]`; `None` when it can match nothing
/// (a catalogue title nobody uses).
async fn filter_of(
    crm: &Crm,
    who: Principal,
    filter: &ListFilter,
) -> Result<Option<ClientFilter>, SalesmanError> {
    let entry = |kind, value: &str| {
        let value = value.to_owned();
        async move {
            let entries = crm.catalogue(who, kind).await?;
            Ok::<_, SalesmanError>(
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
