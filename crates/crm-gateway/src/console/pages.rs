//! The console's pages: askama templates under `templates/console/`, every
//! value HTML-escaped by the template engine.

use askama::Template;
use crm_core::{Client, ClientKind, ContactPoint, Status, Timestamp};

use super::renderings::Rendering;
use super::viewer::Viewer;

/// The sign-in form.
#[derive(Debug, Template)]
#[template(path = "console/login.html")]
pub struct Login {
    pub account: String,
    pub login: String,
    /// Why the last attempt was refused; empty at first.
    pub error: String,
}

/// A search and its matches.
#[derive(Debug, Template)]
#[template(path = "console/search.html")]
pub struct Search {
    pub account: String,
    pub login: String,
    pub query: String,
    pub rows: Vec<Row>,
}

/// One client of a search.
#[derive(Debug)]
pub struct Row {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub contacts: String,
    pub changed: String,
    pub deleted: bool,
}

/// One client, its history and the four dialects' answers.
#[derive(Debug, Template)]
#[template(path = "console/client.html")]
pub struct ClientPage {
    pub account: String,
    pub login: String,
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub deleted: bool,
    pub history: Vec<Event>,
    pub contacts: Vec<Point>,
    pub companies: Vec<(i64, String)>,
    pub renderings: Vec<Rendering>,
}

/// A change of the client, as far as the store keeps it.
#[derive(Debug)]
pub struct Event {
    pub at: String,
    pub what: String,
    pub by: String,
}

/// A contact point.
#[derive(Debug)]
pub struct Point {
    pub kind: &'static str,
    pub service: &'static str,
    pub value: String,
    pub at: String,
    pub by: String,
    pub deleted: bool,
}

impl Search {
    pub fn new(viewer: &Viewer, query: String, clients: &[Client]) -> Self {
        let rows = clients.iter().map(row).collect();
        Self {
            account: viewer.account_name.clone(),
            login: viewer.user.login.clone(),
            query,
            rows,
        }
    }
}

impl ClientPage {
    pub fn new(viewer: &Viewer, client: &Client, renderings: Vec<Rendering>) -> Self {
        Self {
            account: viewer.account_name.clone(),
            login: viewer.user.login.clone(),
            id: client.id.get(),
            name: client.name.as_full().to_owned(),
            kind: kind(client.kind),
            deleted: client.status == Status::Deleted,
            history: history(client),
            contacts: client.contacts.iter().map(point).collect(),
            companies: client
                .companies
                .iter()
                .map(|c| (c.id.get(), c.name.clone()))
                .collect(),
            renderings,
        }
    }
}

fn row(client: &Client) -> Row {
    let contacts: Vec<&str> = client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active)
        .map(|p| p.value.as_str())
        .collect();
    Row {
        id: client.id.get(),
        name: client.name.as_full().to_owned(),
        kind: kind(client.kind),
        contacts: contacts.join(", "),
        changed: instant(client.updated_at),
        deleted: client.status == Status::Deleted,
    }
}

/// Created by its origin, each contact point added, and the last change:
/// the store keeps the instant of each and who made the first two.
fn history(client: &Client) -> Vec<Event> {
    let mut events = vec![(
        client.created_at,
        "created".to_owned(),
        client.origin.as_str().to_owned(),
    )];
    for point in &client.contacts {
        let what = format!("{} {} added", point.kind.as_str(), point.value);
        events.push((point.created_at, what, point.origin.as_str().to_owned()));
    }
    if client.updated_at > client.created_at {
        let what = if client.status == Status::Deleted {
            "deleted (last change)"
        } else {
            "last changed"
        };
        events.push((client.updated_at, what.to_owned(), String::new()));
    }
    events.sort_by_key(|(at, _, _)| *at);
    events
        .into_iter()
        .map(|(at, what, by)| Event {
            at: instant(at),
            what,
            by,
        })
        .collect()
}

fn point(point: &ContactPoint) -> Point {
    Point {
        kind: point.kind.as_str(),
        service: point.service.as_str(),
        value: point.value.clone(),
        at: instant(point.created_at),
        by: point.origin.as_str().to_owned(),
        deleted: point.status == Status::Deleted,
    }
}

fn kind(kind: ClientKind) -> &'static str {
    kind.as_str()
}

fn instant(at: Timestamp) -> String {
    at.to_utc().format("%Y-%m-%d %H:%M:%S").to_string()
}
