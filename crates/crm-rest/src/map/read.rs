//! A core client drawn as the spec's `client` entity ("Форматы ответов").

use crm_core::{Client, ContactKind, DocumentCounts, Status, Timestamp, User};
use serde_json::{Map, Value, json};

use crate::op::Render;
use crate::wire::ExpandedUser;
use crate::wire::attribute::{self, Attribute, COMMON};

/// Which attributes a drawing may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A list item: the common attributes only (spec: "могу ограничиваться
    /// только набором общих для обоих видов атрибутов").
    List,
    /// One client: the common attributes and those of its type.
    One,
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, MySQL's `DATETIME` text.
pub fn datetime(at: Timestamp) -> String {
    at.to_utc().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The first live contact point of `kind`, as REST shows one e-mail and one phone.
pub fn first_contact(client: &Client, kind: ContactKind) -> Option<&str> {
    client
        .contacts
        .iter()
        .filter(|p| p.kind == kind && p.status == Status::Active)
        .min_by_key(|p| (p.position, p.id))
        .map(|p| p.value.as_str())
}

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |s| Value::String(s.to_owned()))
}

fn value(client: &Client, attr: Attribute) -> Value {
    match attr {
        Attribute::Id => json!(client.id.get()),
        Attribute::User => client
            .attributes
            .responsible
            .map_or(Value::Null, |u| json!(u.get())),
        Attribute::Name => json!(client.name.as_full()),
        Attribute::Type => json!(attribute::type_code(client.kind)),
        Attribute::Email => text(first_contact(client, ContactKind::Mail)),
        Attribute::Phone => text(first_contact(client, ContactKind::Phone)),
        Attribute::RealAddress => text(client.attributes.address.as_deref()),
        Attribute::Description => text(client.attributes.description.as_deref()),
        Attribute::CreatedAt => json!(datetime(client.created_at)),
        Attribute::UpdatedAt => json!(datetime(client.updated_at)),
        Attribute::CompanyAddress => text(client.attributes.company_address.as_deref()),
        Attribute::BankDetails => text(client.attributes.bank_details.as_deref()),
        Attribute::PersonDetails => text(client.attributes.person_details.as_deref()),
    }
}

/// `expand=user`: the responsible user (spec, "Запрос списка с развернутой
/// сущностью user").
fn user_object(user: Option<&User>) -> Value {
    user.map_or(Value::Null, |u| {
        let user = ExpandedUser {
            id: u.id.get(),
            username: u.login.clone(),
            fname: u.first_name.clone(),
            lname: u.last_name.clone(),
            email: u.email.clone(),
        };
        // A struct of strings and an integer always converts to a value.
        serde_json::to_value(user).unwrap_or_default()
    })
}

fn expand_user(out: &mut Map<String, Value>, client: &Client, users: &[User]) {
    let user = client
        .attributes
        .responsible
        .and_then(|id| users.iter().find(|u| u.id == id));
    out.insert("user_id".to_owned(), value(client, Attribute::User));
    out.insert("user".to_owned(), user_object(user));
}

/// One client as `fields`, `expand` and the count flags ask. `users` are the
/// account's users (for `expand=user`); `counts` the client's documents.
pub fn item(
    client: &Client,
    render: &Render,
    scope: Scope,
    users: &[User],
    counts: Option<&DocumentCounts>,
) -> Map<String, Value> {
    let available = match scope {
        Scope::List => COMMON.to_vec(),
        Scope::One => Attribute::of_kind(client.kind),
    };
    let wanted = |a: &Attribute| {
        render
            .fields
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| n == a.name()))
    };
    let mut out = Map::new();
    let mut user_drawn = false;
    for attr in available.into_iter().filter(wanted) {
        if attr == Attribute::User && render.expand_user {
            expand_user(&mut out, client, users);
            user_drawn = true;
        } else {
            out.insert(attr.name().to_owned(), value(client, attr));
        }
    }
    if render.expand_user && !user_drawn {
        expand_user(&mut out, client, users);
    }
    let counts = counts.copied().unwrap_or_default();
    let flags = render.counts;
    for (on, key, n) in [
        (flags.deals, "count_deals", counts.deals),
        (flags.offers, "count_offers", counts.offers),
        (flags.invoices, "count_invoices", counts.invoices),
        (flags.contracts, "count_contracts", counts.contracts),
    ] {
        if on {
            out.insert(key.to_owned(), json!(n));
        }
    }
    out
}

#[cfg(test)]
mod tests;
