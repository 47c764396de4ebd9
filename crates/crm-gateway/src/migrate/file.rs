//! `export` and `import`: clients as JSON Lines, one client a line,
//! companies before persons, every contact point with its kind, service,
//! label and origin, so that a base moves where no API reaches and an
//! export imported again holds what it held.

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use chrono::{DateTime, SecondsFormat};
use crm_core::{
    Client, ClientId, ClientKind, ContactKind, Label, Name, NewClient, NewContactPoint, Origin,
    Service, Status, Timestamp,
};
use serde::{Deserialize, Serialize};

/// One client of an export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Its id where it was exported from.
    pub id: i64,
    /// `person` or `company`.
    pub kind: String,
    /// The full name.
    pub name: String,
    /// Who wrote it first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) origin: Option<String>,
    #[serde(default)]
    pub(super) contacts: Vec<Point>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) position: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) company_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) bank_details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) person_details: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) segments: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(super) fields: BTreeMap<i64, String>,
    /// The ids (in the export) of the companies the client belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) created_at: Option<String>,
    /// The names of those companies, for formats that show them (vCard
    /// `ORG`); an import reads the ids.
    #[serde(skip)]
    pub(super) company_names: Vec<String>,
}

/// One contact point of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Point {
    pub(super) kind: String,
    pub(super) service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) label: Option<String>,
    pub(super) value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) origin: Option<String>,
}

impl Record {
    /// The record of `client`'s live data.
    pub fn of(client: &Client) -> Self {
        Self {
            id: client.id.get(),
            kind: client.kind.as_str().to_owned(),
            name: client.name.as_full().to_owned(),
            origin: Some(client.origin.as_str().to_owned()),
            contacts: client
                .contacts
                .iter()
                .filter(|p| p.status == Status::Active)
                .map(|p| Point {
                    kind: p.kind.as_str().to_owned(),
                    service: p.service.as_str().to_owned(),
                    label: p.label.map(|l| l.as_str().to_owned()),
                    value: p.value.clone(),
                    origin: Some(p.origin.as_str().to_owned()),
                })
                .collect(),
            description: client.attributes.description.clone(),
            address: client.attributes.address.clone(),
            position: client.attributes.position.clone(),
            role: client.attributes.role.clone(),
            company_address: client.attributes.company_address.clone(),
            bank_details: client.attributes.bank_details.clone(),
            person_details: client.attributes.person_details.clone(),
            segments: client.attributes.segments.clone(),
            fields: client
                .fields
                .iter()
                .map(|f| (f.number, f.value.clone()))
                .collect(),
            companies: client.companies.iter().map(|c| c.id.get()).collect(),
            company_names: client.companies.iter().map(|c| c.name.clone()).collect(),
            created_at: Some(
                client
                    .created_at
                    .to_utc()
                    .to_rfc3339_opts(SecondsFormat::Millis, true),
            ),
        }
    }

    /// The client to create from the record; `companies` are the new ids
    /// of its companies.
    pub fn client(&self, companies: Vec<ClientId>) -> anyhow::Result<NewClient> {
        let kind = match self.kind.as_str() {
            "person" => ClientKind::Person,
            "company" => ClientKind::Company,
            other => bail!("kind {other:?} is neither person nor company"),
        };
        let mut new = NewClient::new(kind, Name::full(self.name.clone()));
        new.contacts = self
            .contacts
            .iter()
            .map(Point::new_point)
            .collect::<anyhow::Result<_>>()?;
        new.attributes.description.clone_from(&self.description);
        new.attributes.address.clone_from(&self.address);
        new.attributes.position.clone_from(&self.position);
        new.attributes.role.clone_from(&self.role);
        new.attributes
            .company_address
            .clone_from(&self.company_address);
        new.attributes.bank_details.clone_from(&self.bank_details);
        new.attributes
            .person_details
            .clone_from(&self.person_details);
        new.attributes.segments.clone_from(&self.segments);
        new.fields = self
            .fields
            .iter()
            .map(|(number, value)| crm_core::FieldValue {
                number: *number,
                value: value.clone(),
            })
            .collect();
        new.companies = companies;
        new.created_at = match &self.created_at {
            Some(at) => Some(Timestamp::from_utc(
                DateTime::parse_from_rfc3339(at)
                    .with_context(|| format!("created_at {at:?}"))?
                    .to_utc(),
            )),
            None => None,
        };
        Ok(new)
    }
}

impl Record {
    /// Who wrote the client first; an import when the record does not say.
    pub fn origin(&self) -> anyhow::Result<Origin> {
        match &self.origin {
            Some(origin) => Origin::parse(origin).with_context(|| format!("origin {origin:?}")),
            None => Ok(Origin::Manual),
        }
    }
}

impl Point {
    fn new_point(&self) -> anyhow::Result<NewContactPoint> {
        let kind = ContactKind::parse(&self.kind)
            .with_context(|| format!("contact kind {:?}", self.kind))?;
        let service =
            Service::parse(&self.service).with_context(|| format!("service {:?}", self.service))?;
        let label = match &self.label {
            Some(label) => Some(Label::parse(label).with_context(|| format!("label {label:?}"))?),
            None => None,
        };
        let origin = match &self.origin {
            Some(origin) => {
                Some(Origin::parse(origin).with_context(|| format!("origin {origin:?}"))?)
            }
            None => None,
        };
        Ok(NewContactPoint {
            origin,
            ..NewContactPoint::new(kind, service, label, &self.value)
        })
    }
}
