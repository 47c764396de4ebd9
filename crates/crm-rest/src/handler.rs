//! One exhaustive match over [`Op`], calling [`Crm`].

use std::sync::Arc;

use axum::response::Response;
use crm_core::{
    Client, ClientId, ClientQuery, Crm, DocumentCounts, Page, Patch, Principal, User, Visibility,
};
use http::StatusCode;

use crate::MOUNT;
use crate::error::{FieldError, RestError};
use crate::map::read::{self, Scope};
use crate::map::write::{self, Draft, Errors, INVALID, Mode};
use crate::op::{ListQuery, Op, PathId, Render};
use crate::pagination::{self, Window};
use crate::reply;
use crate::wire::{Attribute, Client as WireClient};

/// Runs one call for `who`; `base` is `scheme://host` of the request.
pub async fn run(crm: &Crm, who: Principal, op: Op, base: &str) -> Result<Response, RestError> {
    match op {
        Op::List(query) => list(crm, who, query, base).await,
        Op::View(id, render) => {
            let client = find(crm, who, &id).await?;
            let item = draw(crm, who, &client, &render, &id.text).await?;
            Ok(reply::client(StatusCode::OK, &item))
        }
        Op::Create(input, render) => {
            let (draft, errors) = write::validate(&input?, Mode::Create);
            let kind = check(crm, who, &draft, errors).await?.kind;
            let kind = kind.ok_or_else(|| {
                RestError::Validation(vec![FieldError::new("type", "Type cannot be blank.")])
            })?;
            let client = crm
                .create_client(who, crate::ORIGIN, write::new_client(&draft, kind))
                .await
                .map_err(|e| RestError::from_core(e, ""))?;
            let text = client.id.to_string();
            let item = draw(crm, who, &client, &render, &text).await?;
            Ok(reply::created(&item, &format!("{base}{MOUNT}/{text}")))
        }
        Op::Update(id, input, render) => {
            let current = find(crm, who, &id).await?;
            let (draft, errors) = write::validate(&input?, Mode::Update(current.kind));
            let draft = check(crm, who, &draft, errors).await?;
            let client = update(crm, who, &id, current, draft).await?;
            let item = draw(crm, who, &client, &render, &id.text).await?;
            Ok(reply::client(StatusCode::OK, &item))
        }
        Op::Delete(id) => {
            let client = id.id.ok_or_else(|| not_found(&id))?;
            crm.delete_client(who, client, Visibility::LiveOnly)
                .await
                .map_err(|e| RestError::from_core(e, &id.text))?;
            Ok(reply::empty(StatusCode::OK))
        }
        Op::Options { allow, is_options } => {
            if !is_options {
                return Err(RestError::MethodNotAllowed { allow });
            }
            let mut response = reply::empty(StatusCode::OK);
            response
                .headers_mut()
                .insert(http::header::ALLOW, http::HeaderValue::from_static(allow));
            Ok(response)
        }
    }
}

fn not_found(id: &PathId) -> RestError {
    RestError::ObjectNotFound(id.text.clone())
}

async fn find(crm: &Crm, who: Principal, id: &PathId) -> Result<Client, RestError> {
    let client = id.id.ok_or_else(|| not_found(id))?;
    crm.client(who, client, Visibility::LiveOnly)
        .await
        .map_err(|e| RestError::from_core(e, &id.text))
}

/// Rule 6 (exist on `user`), then the verdict: the draft or 422.
async fn check<'a>(
    crm: &Crm,
    who: Principal,
    draft: &'a Draft,
    mut errors: Errors,
) -> Result<&'a Draft, RestError> {
    if let Patch::Set(user) = draft.user
        && !errors.has(Attribute::User)
    {
        match crm.user(who, user).await {
            Ok(_) => {}
            Err(crm_core::CoreError::NotFound { .. }) => errors.add(Attribute::User, INVALID),
            Err(other) => return Err(RestError::from_core(other, "")),
        }
    }
    errors.into_result().map_err(RestError::Validation)?;
    Ok(draft)
}

async fn update(
    crm: &Crm,
    who: Principal,
    id: &PathId,
    current: Client,
    draft: &Draft,
) -> Result<Client, RestError> {
    let core = |e| RestError::from_core(e, &id.text);
    let patch = write::patch(draft, &current);
    if patch == crm_core::ClientPatch::default() {
        return Ok(current);
    }
    crm.update_client(who, current.id, Visibility::LiveOnly, crate::ORIGIN, &patch)
        .await
        .map(|updated| updated.record)
        .map_err(core)
}

async fn users_for(
    crm: &Crm,
    who: Principal,
    render: &Render,
) -> Result<Arc<Vec<User>>, RestError> {
    if render.expand_user {
        crm.users(who)
            .await
            .map_err(|e| RestError::from_core(e, ""))
    } else {
        Ok(Arc::default())
    }
}

async fn counts_for(
    crm: &Crm,
    who: Principal,
    render: &Render,
    ids: &[ClientId],
) -> Result<Vec<DocumentCounts>, RestError> {
    if render.counts.any() {
        crm.document_counts(who, ids)
            .await
            .map_err(|e| RestError::from_core(e, ""))
    } else {
        Ok(Vec::new())
    }
}

async fn draw(
    crm: &Crm,
    who: Principal,
    client: &Client,
    render: &Render,
    id: &str,
) -> Result<WireClient, RestError> {
    let users = users_for(crm, who, render).await?;
    let counts = counts_for(crm, who, render, &[client.id])
        .await
        .map_err(|e| match e {
            RestError::ObjectNotFound(_) => RestError::ObjectNotFound(id.to_owned()),
            other => other,
        })?;
    Ok(read::item(client, render, Scope::One, &users, counts.first()).into())
}

async fn list(crm: &Crm, who: Principal, q: ListQuery, base: &str) -> Result<Response, RestError> {
    let core = |e| RestError::from_core(e, "");
    let mut query = ClientQuery::new(
        Visibility::LiveOnly,
        Page {
            offset: pagination::offset(q.page, q.per_page),
            limit: q.per_page,
        },
    );
    query.filters = q.filters.clone();
    query.sort = q.sort.clone();
    let mut page = crm.list_clients(who, &query).await.map_err(core)?;
    let mut window = Window::new(page.total, q.page, q.per_page);
    if window.page != q.page && window.total > 0 {
        // `validatePage`: past the last page reads the last page.
        query.page.offset = pagination::offset(window.page, q.per_page);
        page = crm.list_clients(who, &query).await.map_err(core)?;
        window = Window::new(page.total, window.page, q.per_page);
    }
    let ids: Vec<ClientId> = page.clients.iter().map(|c| c.id).collect();
    let users = users_for(crm, who, &q.render).await?;
    let counts = counts_for(crm, who, &q.render, &ids).await?;
    let items: Vec<_> = page
        .clients
        .iter()
        .enumerate()
        .map(|(i, c)| read::item(c, &q.render, Scope::List, &users, counts.get(i)).into())
        .collect();
    let links = pagination::links(&format!("{base}{MOUNT}"), &q.pairs, &window);
    Ok(reply::list(items, &window.headers(links)))
}
