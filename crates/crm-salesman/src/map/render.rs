//! A person as `list` and `info` show it (reference/salesman.md §6).

use crm_core::{Client, Timestamp, User};
use serde_json::{Map, Value, json};

use super::{Slot, Style, slot_values, social_value};
use crate::op::View;
use crate::wire::{Column, Social};

/// `YYYY-MM-DD HH:MM:SS`, UTC (reference/salesman.md §5).
pub fn datetime(at: Timestamp) -> String {
    at.to_utc().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// One person as `list` or `info` shows it.
pub fn render(client: &Client, view: &View, style: Style, users: &[User]) -> Value {
    let mut out = Map::new();
    let text = |v: Option<&str>| v.map_or(Value::Null, |v| json!(v));
    let joined = |slot| {
        let values = slot_values(client, slot);
        if values.is_empty() {
            Value::Null
        } else {
            json!(values.join(", "))
        }
    };
    for column in &view.columns {
        let name = column.name();
        let value = match column {
            Column::Pid => match style {
                Style::List => json!(client.id.get()),
                Style::Info => json!(client.id.to_string()),
            },
            Column::DateCreate => json!(datetime(client.created_at)),
            Column::DateEdit => json!(datetime(client.updated_at)),
            Column::Clid => {
                let company = client.companies.first();
                let id = company.map_or(0, |c| c.id.get());
                out.insert(
                    name.clone(),
                    match style {
                        Style::List => json!(id),
                        Style::Info => json!(id.to_string()),
                    },
                );
                json!(company.map_or("", |c| c.name.as_str()))
            }
            Column::Ptitle => text(client.position.as_deref()),
            Column::Person => json!(client.name.as_full()),
            Column::Tel => joined(Slot::Tel),
            Column::Fax => joined(Slot::Fax),
            Column::Mob => joined(Slot::Mob),
            Column::Mail => joined(Slot::Mail),
            Column::Rol => text(client.role.as_deref()),
            Column::Iduser => {
                let login = client
                    .responsible
                    .and_then(|id| users.iter().find(|u| u.id == id))
                    .map_or("", |u| u.login.as_str());
                match style {
                    Style::List => {
                        out.insert("user".to_owned(), json!(login));
                        json!(client.responsible.map_or(0, |u| u.get()))
                    }
                    Style::Info => json!(login),
                }
            }
            Column::Loyalty => text(client.loyalty.as_ref().map(|e| e.title.as_str())),
            Column::Clientpath => text(client.source.as_ref().map(|e| e.title.as_str())),
            Column::Input(n) => text(
                client
                    .fields
                    .iter()
                    .find(|f| f.number == i64::from(*n))
                    .map(|f| f.value.as_str()),
            ),
        };
        // `clid` is followed by its companion `client`.
        let key = if *column == Column::Clid {
            "client".to_owned()
        } else {
            name
        };
        out.insert(key, value);
    }
    if view.socials {
        let socials: Map<String, Value> = Social::ALL
            .iter()
            .map(|s| {
                (
                    s.name().to_owned(),
                    json!(social_value(client, *s).unwrap_or_default()),
                )
            })
            .collect();
        out.insert("socials".to_owned(), Value::Object(socials));
    }
    Value::Object(out)
}
