//! The fields a verification compares (docs/mapping.md), each read from a
//! client as one comparable text, and how much of each a destination
//! dialect can carry (docs/proxy.md, "Lost by design").

use std::collections::BTreeSet;

use crm_core::{Client, ClientId, ContactKind, Status, normalize_search};
use serde::Serialize;

/// A field of the shared model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Phones,
    Emails,
    Description,
    Address,
    Position,
    Role,
    CompanyAddress,
    BankDetails,
    PersonDetails,
    Segments,
    CustomFields,
    Companies,
}

/// Every field, in report order.
pub const FIELDS: [Field; 13] = [
    Field::Name,
    Field::Phones,
    Field::Emails,
    Field::Description,
    Field::Address,
    Field::Position,
    Field::Role,
    Field::CompanyAddress,
    Field::BankDetails,
    Field::PersonDetails,
    Field::Segments,
    Field::CustomFields,
    Field::Companies,
];

/// How much of a field a destination keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carried {
    /// All of it.
    All,
    /// One value of a list (REST's one phone or e-mail).
    One,
    /// Nothing: the destination has no place for it.
    Nothing,
}

/// What `dialect` (`None`: an account of this gateway) keeps of `field`.
pub fn carried(dialect: Option<&str>, field: Field) -> Carried {
    use Field::*;
    let all = |kept: &[Field]| {
        if kept.contains(&field) {
            Carried::All
        } else {
            Carried::Nothing
        }
    };
    match dialect {
        None => Carried::All,
        Some("rest") => match field {
            Phones | Emails => Carried::One,
            _ => all(&[
                Name,
                Description,
                Address,
                CompanyAddress,
                BankDetails,
                PersonDetails,
            ]),
        },
        Some("eadesk") => all(&[Name, Phones, Emails, Description, Segments]),
        // Links need companies, which a SalesMan upstream neither lists nor creates.
        Some("salesman") => all(&[Name, Phones, Emails, Position, Role, CustomFields]),
        Some("planfix") => all(&[
            Name,
            Phones,
            Emails,
            Description,
            Address,
            Position,
            CustomFields,
            Companies,
        ]),
        Some(_) => Carried::Nothing,
    }
}

/// Whether `dialect` keeps companies as clients of their own (Eadesk and
/// a SalesMan upstream keep persons only).
pub fn keeps_companies(dialect: Option<&str>) -> bool {
    !matches!(dialect, Some("eadesk" | "salesman"))
}

/// Whether `dialect`'s list shows every attribute. REST's items carry the
/// common ones only (a company's or person's details show in a view), so
/// a migration reads its clients again one by one.
pub fn lists_whole_clients(dialect: Option<&str>) -> bool {
    dialect != Some("rest")
}

/// The field's values on `client`, as a set of comparable texts; company
/// ids go through `company` (the source's to the destination's).
pub fn values(
    field: Field,
    client: &Client,
    company: &dyn Fn(ClientId) -> Option<ClientId>,
) -> BTreeSet<String> {
    let text = |t: &Option<String>| t.iter().filter(|t| !t.is_empty()).cloned().collect();
    let points = |kind: ContactKind| {
        client
            .contacts
            .iter()
            .filter(|p| p.status == Status::Active && p.kind == kind)
            .map(|p| normalize_search(kind, &p.value))
            .collect()
    };
    match field {
        Field::Name => [client.name.as_full().to_owned()].into(),
        Field::Phones => points(ContactKind::Phone),
        Field::Emails => points(ContactKind::Mail),
        Field::Description => text(&client.attributes.description),
        Field::Address => text(&client.attributes.address),
        Field::Position => text(&client.attributes.position),
        Field::Role => text(&client.attributes.role),
        Field::CompanyAddress => text(&client.attributes.company_address),
        Field::BankDetails => text(&client.attributes.bank_details),
        Field::PersonDetails => text(&client.attributes.person_details),
        Field::Segments => client.attributes.segments.iter().cloned().collect(),
        Field::CustomFields => client
            .fields
            .iter()
            .filter(|f| !f.value.is_empty())
            .map(|f| format!("{}={}", f.number, f.value))
            .collect(),
        Field::Companies => client
            .companies
            .iter()
            .map(|c| {
                company(c.id).map_or_else(|| format!("unmapped {}", c.id), |id| id.to_string())
            })
            .collect(),
    }
}

/// What one field of one pair came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The same on both sides.
    Matches,
    /// Both sides hold it, differently.
    Differs,
    /// The destination has no place for (all of) it.
    LostByDesign,
    /// The destination could hold it and does not: a defect.
    Lost,
}

/// The verdict for a field whose values are `from` and `to`.
pub fn judge(carried: Carried, from: &BTreeSet<String>, to: &BTreeSet<String>) -> Verdict {
    if from == to {
        return Verdict::Matches;
    }
    match carried {
        Carried::Nothing if to.is_empty() => Verdict::LostByDesign,
        Carried::One if to.len() == 1 && to.is_subset(from) => Verdict::LostByDesign,
        _ if to.is_empty() || to.is_subset(from) => Verdict::Lost,
        _ => Verdict::Differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(values: &[&str]) -> BTreeSet<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    #[test]
    fn each_difference_is_judged_by_what_the_destination_keeps() {
        let two = set(&["1", "2"]);
        assert_eq!(judge(Carried::All, &two, &two), Verdict::Matches);
        assert_eq!(
            judge(Carried::One, &two, &set(&["1"])),
            Verdict::LostByDesign
        );
        assert_eq!(judge(Carried::All, &two, &set(&["1"])), Verdict::Lost);
        assert_eq!(
            judge(Carried::Nothing, &two, &set(&[])),
            Verdict::LostByDesign
        );
        assert_eq!(judge(Carried::All, &two, &set(&[])), Verdict::Lost);
        assert_eq!(judge(Carried::All, &two, &set(&["3"])), Verdict::Differs);
    }

    #[test]
    fn rest_keeps_one_phone_and_no_position() {
        assert_eq!(carried(Some("rest"), Field::Phones), Carried::One);
        assert_eq!(carried(Some("rest"), Field::Position), Carried::Nothing);
        assert_eq!(carried(None, Field::Position), Carried::All);
    }
}
