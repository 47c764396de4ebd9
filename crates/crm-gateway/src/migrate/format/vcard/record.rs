//! A vCard as a record: what `card.rs` writes, and what an address book
//! writes of the same properties (a card without `X-CRM-ID` takes its
//! number in the file as its id, so an import started again knows it).

use anyhow::{Context, bail};
use vcard4::Vcard;
use vcard4::parameter::{Parameters, TelephoneType, TypeParameter};
use vcard4::property::{AnyProperty, Kind, TextOrUriProperty};

use super::{POINT_KIND, POINT_ORIGIN, POINT_SERVICE};
use crate::migrate::file::{Point, Record};

/// The record of `card`, the `number`th of its file.
pub(super) fn record(card: &Vcard, number: usize) -> anyhow::Result<Record> {
    let mut r = Record {
        kind: match card.kind.as_ref().map(|k| &k.value) {
            None | Some(Kind::Individual) => "person".to_owned(),
            Some(Kind::Org) => "company".to_owned(),
            Some(other) => bail!("KIND:{other} is neither individual nor org"),
        },
        name: card
            .formatted_name
            .first()
            .map(|n| n.value.clone())
            .unwrap_or_default(),
        description: card.note.first().map(|n| n.value.clone()),
        position: card.title.first().map(|n| n.value.clone()),
        role: card.role.first().map(|n| n.value.clone()),
        address: card
            .address
            .first()
            .and_then(|a| a.value.street_address.clone()),
        id: i64::try_from(number)?,
        ..Record::default()
    };
    let mut other_points = Vec::new();
    for property in &card.extensions {
        let value = match &property.value {
            AnyProperty::Text(text) => text.clone(),
            other => other.to_string(),
        };
        let name = property.name.to_ascii_uppercase();
        match name.as_str() {
            "X-CRM-ID" => {
                r.id = value
                    .parse()
                    .with_context(|| format!("X-CRM-ID {value:?}"))?
            }
            "X-CRM-ORIGIN" => r.origin = Some(value),
            "X-CRM-ADDRESS" => r.address = Some(value),
            "X-CRM-CREATED" => r.created_at = Some(value),
            "X-CRM-COMPANY-ADDRESS" => r.company_address = Some(value),
            "X-CRM-BANK-DETAILS" => r.bank_details = Some(value),
            "X-CRM-PERSON-DETAILS" => r.person_details = Some(value),
            "X-CRM-SEGMENT" => r.segments.push(value),
            "X-CRM-COMPANY-ID" => r.companies.push(
                value
                    .parse()
                    .with_context(|| format!("X-CRM-COMPANY-ID {value:?}"))?,
            ),
            "X-CRM-CONTACT" => other_points.push((value, property.parameters.as_ref())),
            _ => {
                if let Some(number) = name.strip_prefix("X-CRM-FIELD-") {
                    let number = number
                        .parse()
                        .with_context(|| format!("{name} names no field"))?;
                    r.fields.insert(number, value);
                }
                // Other X- properties are another address book's own.
            }
        }
    }
    let origin = r.origin.clone();
    let point = |kind: &str, service: &str, value: String, parameters: Option<&Parameters>| Point {
        kind: kind.to_owned(),
        service: service.to_owned(),
        label: label(parameters),
        value,
        origin: parameter(parameters, POINT_ORIGIN).or_else(|| origin.clone()),
    };
    for tel in &card.tel {
        let value = match tel {
            TextOrUriProperty::Text(text) => text.value.clone(),
            // A `tel:` URI another address book wrote: its number.
            TextOrUriProperty::Uri(uri) => {
                let uri = uri.value.to_string();
                uri.strip_prefix("tel:").unwrap_or(&uri).to_owned()
            }
        };
        r.contacts
            .push(point("phone", "phone", value, tel_parameters(tel)));
    }
    for email in &card.email {
        r.contacts.push(point(
            "mail",
            "mail",
            email.value.clone(),
            email.parameters.as_ref(),
        ));
    }
    for (value, parameters) in other_points {
        let kind = parameter(parameters, POINT_KIND).unwrap_or_else(|| "id".to_owned());
        let service = parameter(parameters, POINT_SERVICE).unwrap_or_default();
        r.contacts.push(point(&kind, &service, value, parameters));
    }
    Ok(r)
}

fn tel_parameters(tel: &TextOrUriProperty) -> Option<&Parameters> {
    match tel {
        TextOrUriProperty::Text(text) => text.parameters.as_ref(),
        TextOrUriProperty::Uri(uri) => uri.parameters.as_ref(),
    }
}

/// The label a point's `TYPE` says; the first that names one.
fn label(parameters: Option<&Parameters>) -> Option<String> {
    let types = parameters?.types.as_ref()?;
    types.iter().find_map(|t| match t {
        TypeParameter::Work => Some("work".to_owned()),
        TypeParameter::Home => Some("home".to_owned()),
        TypeParameter::Telephone(TelephoneType::Cell) => Some("mobile".to_owned()),
        TypeParameter::Telephone(TelephoneType::Fax) => Some("fax".to_owned()),
        TypeParameter::Extension(other) if crm_core::Label::parse(other).is_some() => {
            Some(other.clone())
        }
        _ => None,
    })
}

/// The value of the `X-` parameter `name`.
fn parameter(parameters: Option<&Parameters>, name: &str) -> Option<String> {
    let extensions = parameters?.extensions.as_ref()?;
    extensions
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .and_then(|(_, values)| values.first().cloned())
}
