//! A record as a vCard.

use vcard4::Vcard;
use vcard4::parameter::{Parameters, TelephoneType, TypeParameter};
use vcard4::property::{
    AnyProperty, DeliveryAddress, ExtensionProperty, Kind, KindProperty, TextListProperty,
    TextOrUriProperty, TextProperty,
};

use super::{POINT_KIND, POINT_ORIGIN, POINT_SERVICE};
use crate::migrate::file::{Point, Record};

/// The card of `record`.
pub(super) fn card(r: &Record) -> Vcard {
    let mut card = Vcard::new(r.name.clone());
    let kind = if r.kind == "company" {
        Kind::Org
    } else {
        Kind::Individual
    };
    card.kind = Some(KindProperty::from(kind));
    let mut extension = |name: &str, value: &str, parameters: Option<Parameters>| {
        card.extensions.push(ExtensionProperty {
            name: name.to_owned(),
            group: None,
            value: AnyProperty::Text(value.to_owned()),
            parameters,
        });
    };
    extension("X-CRM-ID", &r.id.to_string(), None);
    let details = [
        ("X-CRM-ORIGIN", &r.origin),
        ("X-CRM-CREATED", &r.created_at),
        ("X-CRM-COMPANY-ADDRESS", &r.company_address),
        ("X-CRM-BANK-DETAILS", &r.bank_details),
        ("X-CRM-PERSON-DETAILS", &r.person_details),
    ];
    for (name, value) in details {
        if let Some(value) = value {
            extension(name, value, None);
        }
    }
    for segment in &r.segments {
        extension("X-CRM-SEGMENT", segment, None);
    }
    for (number, value) in &r.fields {
        extension(&format!("X-CRM-FIELD-{number}"), value, None);
    }
    for company in &r.companies {
        extension("X-CRM-COMPANY-ID", &company.to_string(), None);
    }
    for point in &r.contacts {
        let mut parameters = point_parameters(point, r.origin.as_deref());
        match (point.kind.as_str(), point.service.as_str()) {
            ("phone", "phone") => card
                .tel
                .push(TextOrUriProperty::Text(text(&point.value, parameters))),
            ("mail", "mail") => card.email.push(text(&point.value, parameters)),
            (kind, service) => {
                let extensions = parameters.extensions.get_or_insert_default();
                extensions.push((POINT_KIND.to_owned(), vec![kind.to_owned()]));
                extensions.push((POINT_SERVICE.to_owned(), vec![service.to_owned()]));
                extension("X-CRM-CONTACT", &point.value, Some(parameters));
            }
        }
    }
    let texts = [
        (&mut card.note, &r.description),
        (&mut card.title, &r.position),
        (&mut card.role, &r.role),
    ];
    for (property, value) in texts {
        property.extend(value.iter().map(|v| text(v, Parameters::default())));
    }
    match &r.address {
        // vcard4 0.7 splits ADR's parts at an escaped `;` too: such an
        // address would come back cut.
        Some(address) if address.contains(';') => extension("X-CRM-ADDRESS", address, None),
        Some(address) => {
            let street = DeliveryAddress {
                street_address: Some(address.clone()),
                ..DeliveryAddress::default()
            };
            card.address.push(street.into());
        }
        None => {}
    }
    card.org = r
        .company_names
        .iter()
        .map(|name| TextListProperty::new_semi_colon(vec![name.clone()]))
        .collect();
    card
}

fn text(value: &str, parameters: Parameters) -> TextProperty {
    let parameters = Some(parameters).filter(|p| *p != Parameters::default());
    TextProperty {
        group: None,
        value: value.to_owned(),
        parameters,
    }
}

/// `TYPE` for the label, and the point's origin where it is not the client's.
fn point_parameters(point: &Point, origin: Option<&str>) -> Parameters {
    let mut parameters = Parameters::default();
    let label = match point.label.as_deref() {
        Some("work") => Some(TypeParameter::Work),
        Some("home") => Some(TypeParameter::Home),
        Some("mobile") => Some(TypeParameter::Telephone(TelephoneType::Cell)),
        Some("fax") => Some(TypeParameter::Telephone(TelephoneType::Fax)),
        Some(other) => Some(TypeParameter::Extension(other.to_owned())),
        None => None,
    };
    parameters.types = label.map(|l| vec![l]);
    if let Some(from) = &point.origin
        && Some(from.as_str()) != origin
    {
        parameters.extensions = Some(vec![(POINT_ORIGIN.to_owned(), vec![from.clone()])]);
    }
    parameters
}
