//! One exhaustive match over the calls, each a few `Crm` calls.

use axum::response::Response;
use crm_core::{ClientFilter, ClientQuery, ContactPointQuery, Crm, Page, Principal, Visibility};

use crate::error::EadeskError;
use crate::map;
use crate::op::{ContactRead, Op, PersonRead, Wanted};
use crate::reply;
use crate::wire::{Person, PersonContact};

/// Eadesk shows deleted records (reference/DECISIONS.md "All dialects"): they
/// can be read, updated and given contact data.
const SEEN: Visibility = Visibility::IncludeDeleted;

/// Runs one call for `who`.
pub async fn run(crm: &Crm, who: Principal, op: Op) -> Result<Response, EadeskError> {
    match op {
        Op::Create(input) => {
            let client = map::new_client(input);
            let client = crm.create_client(who, crate::ORIGIN, client).await?;
            Ok(reply::person(&map::person(&client, who.account)))
        }
        Op::Read(read) => {
            let Some(query) = client_query(read) else {
                return Ok(reply::persons(&[]));
            };
            let clients = crm.clients(who, &query).await?;
            let persons: Vec<Person> = clients
                .iter()
                .map(|c| map::person(c, who.account))
                .collect();
            Ok(reply::persons(&persons))
        }
        Op::Update(id, input) => {
            let patch = map::replace_patch(input);
            crm_core::storable::patch(&patch)?;
            let id = id.ok_or(EadeskError::NotFound)?;
            let current = crm.client(who, id, SEEN).await?;
            let patch = map::keep_unchanged_name(patch, &current);
            let updated = crm
                .update_client(who, id, SEEN, crate::ORIGIN, &patch)
                .await?;
            Ok(reply::updated_person(&map::person(
                &updated.record,
                who.account,
            )))
        }
        Op::Delete(id) => {
            crm.delete_client(who, id.ok_or(EadeskError::NotFound)?, SEEN)
                .await?;
            Ok(reply::deleted())
        }
        Op::ContactCreate(person, input) => {
            let point = map::new_point(input)?;
            let person = person.ok_or(EadeskError::NotFound)?;
            let point = crm
                .add_contact_point(who, person, SEEN, crate::ORIGIN, &point)
                .await?;
            Ok(reply::contact(&map::contact(&point)))
        }
        Op::ContactRead(read) => contact_read(crm, who, read).await,
        Op::ContactUpdate(id, input) => {
            let patch = map::point_patch(input)?;
            let id = id.ok_or(EadeskError::NotFound)?;
            let point = crm.update_contact_point(who, id, &patch).await?;
            Ok(reply::contact(&map::contact(&point)))
        }
        Op::ContactDelete(id) => {
            crm.delete_contact_point(who, id.ok_or(EadeskError::NotFound)?)
                .await?;
            Ok(reply::deleted())
        }
    }
}

/// The store query for `read`; `None` when an `id` that cannot exist was asked
/// for (reference/DECISIONS.md: read by unknown `id` is just `[]`). Without a
/// sort the store answers in creation order.
fn client_query(read: PersonRead) -> Option<ClientQuery> {
    let mut query = ClientQuery::new(read.visibility, read.page);
    match read.id {
        Wanted::Any => {}
        Wanted::One(id) => query.filters.push(ClientFilter::Ids(vec![id])),
        Wanted::Nothing => return None,
    }
    if !read.kinds.is_empty() {
        query.filters.push(ClientFilter::HasContactKind(read.kinds));
    }
    if !read.services.is_empty() {
        query
            .filters
            .push(ClientFilter::HasContactService(read.services));
    }
    query.search = read.search;
    query.search_points = SEEN;
    Some(query)
}

/// reference/eadesk.md §6: `ENOT_FOUND` when `contact_id` or `id` names
/// nothing, otherwise the (possibly empty) list.
async fn contact_read(
    crm: &Crm,
    who: Principal,
    read: ContactRead,
) -> Result<Response, EadeskError> {
    let client = match read.person {
        Wanted::Any => None,
        Wanted::One(id) => Some(crm.client(who, id, SEEN).await?.id),
        Wanted::Nothing => return Err(EadeskError::NotFound),
    };
    let id = match read.id {
        Wanted::Any => None,
        Wanted::One(id) => Some(id),
        Wanted::Nothing => return Err(EadeskError::NotFound),
    };
    let query = ContactPointQuery {
        client,
        id,
        value: read.value,
        search: read.search,
        kinds: read.kinds,
        services: read.services,
        visibility: read.visibility,
        page: read.page,
    };
    let points = crm.list_contact_points(who, &query).await?;
    if points.is_empty()
        && let Some(id) = id
        && !point_exists(crm, who, id).await?
    {
        return Err(EadeskError::NotFound);
    }
    let contacts: Vec<PersonContact> = points.iter().map(map::contact).collect();
    Ok(reply::contacts(&contacts))
}

async fn point_exists(
    crm: &Crm,
    who: Principal,
    id: crm_core::ContactPointId,
) -> Result<bool, EadeskError> {
    let query = ContactPointQuery {
        client: None,
        id: Some(id),
        value: None,
        search: None,
        kinds: Vec::new(),
        services: Vec::new(),
        visibility: SEEN,
        page: Page {
            offset: 0,
            limit: 1,
        },
    };
    Ok(!crm.list_contact_points(who, &query).await?.is_empty())
}
