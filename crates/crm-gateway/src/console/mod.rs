//! `GET /console`: a page where a person signed in as a user of an account
//! searches its clients and opens one, seeing it as each of the four
//! dialects answers a read of it, with its contact points, companies and
//! history. Server-rendered HTML, no script; the session is a cookie that
//! only this path receives, `SameSite=Strict` so no other site can post
//! with it.

mod pages;
mod renderings;
mod viewer;

use askama::Template;
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use crm_core::{
    ClientFilter, ClientId, ClientQuery, CoreError, Crm, Direction, Page, SortKey, TextField,
    Visibility,
};
use serde::Deserialize;

use pages::{ClientPage, Login, Search};
use viewer::Viewer;

/// Clients a search shows.
const PAGE: u64 = 50;

/// A sign-in form is some hundred bytes.
const MOST_FORM: usize = 16 << 10;

/// The console's routes.
pub fn router(crm: Crm) -> Router {
    Router::new()
        .route("/console", get(home))
        .route("/console/login", post(login))
        .route("/console/logout", post(logout))
        .route("/console/client/{id}", get(client))
        .layer(DefaultBodyLimit::max(MOST_FORM))
        .with_state(crm)
}

#[derive(Debug, Deserialize)]
struct SearchForm {
    #[serde(default)]
    q: String,
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    account: String,
    login: String,
    password: String,
}

async fn home(
    State(crm): State<Crm>,
    headers: HeaderMap,
    query: Result<Query<SearchForm>, QueryRejection>,
) -> Response {
    let query = query
        .map(|Query(q)| q.q.trim().to_owned())
        .unwrap_or_default();
    let viewer = match viewer::from_cookie(&crm, &headers).await {
        Ok(Some(viewer)) => viewer,
        Ok(None) => return page(StatusCode::OK, &sign_in_form("")),
        Err(err) => return failed(&err),
    };
    match crm.clients(viewer.who, &search(&query)).await {
        Ok(clients) => page(StatusCode::OK, &Search::new(&viewer, query, &clients)),
        Err(err) => failed(&err),
    }
}

async fn login(State(crm): State<Crm>, Form(form): Form<LoginForm>) -> Response {
    match viewer::sign_in(&crm, &form.account, &form.login, &form.password).await {
        Ok(Some(cookie)) => {
            let mut answer = Redirect::to("/console").into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                answer.headers_mut().insert(header::SET_COOKIE, value);
            }
            answer
        }
        Ok(None) => page(
            StatusCode::UNAUTHORIZED,
            &sign_in_form("Wrong account, login or password."),
        ),
        Err(err) => failed(&err),
    }
}

async fn logout() -> Response {
    let mut answer = Redirect::to("/console").into_response();
    let (name, value) = viewer::signed_out();
    if let Ok(value) = HeaderValue::from_str(&value) {
        answer.headers_mut().insert(name, value);
    }
    answer
}

async fn client(State(crm): State<Crm>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let viewer: Viewer = match viewer::from_cookie(&crm, &headers).await {
        Ok(Some(viewer)) => viewer,
        Ok(None) => return Redirect::to("/console").into_response(),
        Err(err) => return failed(&err),
    };
    let Ok(id) = id.parse::<i64>().map(ClientId) else {
        return (StatusCode::NOT_FOUND, "No such client.").into_response();
    };
    match crm.client(viewer.who, id, Visibility::IncludeDeleted).await {
        Ok(found) => {
            let shown = renderings::all(&crm, &viewer, id).await;
            page(StatusCode::OK, &ClientPage::new(&viewer, &found, shown))
        }
        Err(CoreError::NotFound { .. }) => {
            (StatusCode::NOT_FOUND, "No such client.").into_response()
        }
        Err(err) => failed(&err),
    }
}

/// Matches of `query` in the name or any contact value, deleted clients
/// too, the last changed first; the last changed of all without a query.
fn search(query: &str) -> ClientQuery {
    let mut search = ClientQuery::new(
        Visibility::IncludeDeleted,
        Page {
            offset: 0,
            limit: PAGE,
        },
    );
    search.sort = vec![(SortKey::Updated, Direction::Desc)];
    if !query.is_empty() {
        search.filters.push(ClientFilter::Contains {
            fields: vec![TextField::Name, TextField::AnyContact],
            needle: query.to_owned(),
        });
    }
    search
}

fn sign_in_form(error: &str) -> Login {
    Login {
        account: String::new(),
        login: String::new(),
        error: error.to_owned(),
    }
}

/// A page, with a policy that lets it load nothing from anywhere.
fn page(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => {
            let mut answer = (status, Html(html)).into_response();
            answer.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                ),
            );
            answer
        }
        Err(err) => {
            tracing::error!(%err, "console page");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The page could not be drawn.",
            )
                .into_response()
        }
    }
}

fn failed(err: &CoreError) -> Response {
    match err {
        CoreError::Invalid { .. } => {
            (StatusCode::BAD_REQUEST, "That search cannot be run.").into_response()
        }
        CoreError::Unavailable(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The store is busy; try again.",
        )
            .into_response(),
        other => {
            tracing::error!(err = %other, "console");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something failed; the log says what.",
            )
                .into_response()
        }
    }
}
