//! A person as `list` and `info` show it (reference/salesman.md §6).

use crm_core::{Client, Timestamp, User};
use serde_json::Value;

use super::{Slot, Style, slot_values, social_value};
use crate::op::View;
use crate::wire::{Column, Record, Scalar, Social};

/// `YYYY-MM-DD HH:MM:SS`, UTC (reference/salesman.md §5).
pub fn datetime(at: Timestamp) -> String {
    at.to_utc().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// One person as `list` or `info` shows it, as JSON.
pub fn render(client: &Client, view: &View, style: Style, users: &[User]) -> Value {
    record(client, view, style, users).to_value()
}

/// One person as `list` or `info` shows it.
pub fn record(client: &Client, view: &View, style: Style, users: &[User]) -> Record {
    let mut out = Record::default();
    let text = |v: Option<&str>| v.map_or(Scalar::Null, Scalar::from);
    let id = |n: i64| match style {
        Style::List => Scalar::Int(n),
        Style::Info => Scalar::Text(n.to_string()),
    };
    let joined = |slot| {
        let values = slot_values(client, slot);
        if values.is_empty() {
            Scalar::Null
        } else {
            Scalar::Text(values.join(", "))
        }
    };
    for column in &view.columns {
        let name = column.name();
        let value = match column {
            Column::Pid => id(client.id.get()),
            Column::DateCreate => Scalar::Text(datetime(client.created_at)),
            Column::DateEdit => Scalar::Text(datetime(client.updated_at)),
            Column::Clid => {
                let company = client.companies.first();
                out.insert(&name, id(company.map_or(0, |c| c.id.get())));
                Scalar::from(company.map_or("", |c| c.name.as_str()))
            }
            Column::Ptitle => text(client.attributes.position.as_deref()),
            Column::Person => Scalar::from(client.name.as_full()),
            Column::Tel => joined(Slot::Tel),
            Column::Fax => joined(Slot::Fax),
            Column::Mob => joined(Slot::Mob),
            Column::Mail => joined(Slot::Mail),
            Column::Rol => text(client.attributes.role.as_deref()),
            Column::Iduser => {
                let login = client
                    .attributes
                    .responsible
                    .and_then(|id| users.iter().find(|u| u.id == id))
                    .map_or("", |u| u.login.as_str());
                match style {
                    Style::List => {
                        out.insert("user", Scalar::from(login));
                        Scalar::Int(client.attributes.responsible.map_or(0, |u| u.get()))
                    }
                    Style::Info => Scalar::from(login),
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
            "client"
        } else {
            name.as_str()
        };
        out.insert(key, value);
    }
    if view.socials {
        out.socials = Some(
            Social::ALL
                .iter()
                .map(|s| (*s, social_value(client, *s).unwrap_or_default().to_owned()))
                .collect(),
        );
    }
    out
}
