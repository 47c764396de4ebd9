//! Rows as both drivers decode them, and their conversion into the model.

use crm_core::model::NameParts;
use crm_core::{
    AccountId, CatalogueEntry, CatalogueEntryId, Client, ClientId, ClientKind, ContactKind,
    ContactPoint, ContactPointId, CoreResult, Label, Name, Origin, Role, Service, Status,
    Timestamp, User, UserId, UserStatus,
};

use crate::child_json::attach;
use crate::error::corrupt;
use crate::sql::client_columns::AttributeColumns;

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ClientRow {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub given_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    #[sqlx(flatten)]
    pub attributes: AttributeColumns,
    pub loyalty_id: Option<i64>,
    pub loyalty_title: Option<String>,
    pub source_id: Option<i64>,
    pub source_title: Option<String>,
    pub group_id: Option<i64>,
    pub group_title: Option<String>,
    pub has_avatar: bool,
    pub origin: String,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub contacts_json: String,
    pub companies_json: String,
    pub fields_json: String,
}

fn entry(id: Option<i64>, title: Option<String>) -> Option<CatalogueEntry> {
    Some(CatalogueEntry {
        id: CatalogueEntryId(id?),
        title: title.unwrap_or_default(),
    })
}

pub(crate) fn kind(value: &str) -> CoreResult<ClientKind> {
    match value {
        "person" => Ok(ClientKind::Person),
        "company" => Ok(ClientKind::Company),
        other => Err(corrupt("client kind", other)),
    }
}

pub(crate) fn status(value: &str) -> CoreResult<Status> {
    match value {
        "active" => Ok(Status::Active),
        "deleted" => Ok(Status::Deleted),
        other => Err(corrupt("status", other)),
    }
}

fn origin(value: &str) -> CoreResult<Origin> {
    Origin::parse(value).ok_or_else(|| corrupt("origin", value))
}

impl ClientRow {
    /// The client with its contact points, companies and field values.
    pub(crate) fn into_client(self) -> CoreResult<Client> {
        let parts = self.given_name.map(|given| NameParts {
            given,
            middle: self.middle_name.unwrap_or_default(),
            last: self.last_name.unwrap_or_default(),
        });
        let mut client = Client {
            id: ClientId(self.id),
            kind: kind(&self.kind)?,
            name: Name::restore(self.name, parts),
            attributes: self.attributes.into_attributes()?,
            loyalty: entry(self.loyalty_id, self.loyalty_title),
            source: entry(self.source_id, self.source_title),
            group: entry(self.group_id, self.group_title),
            fields: Vec::new(),
            companies: Vec::new(),
            has_avatar: self.has_avatar,
            origin: origin(&self.origin)?,
            status: status(&self.status)?,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.updated_at),
            contacts: Vec::new(),
        };
        attach(
            &mut client,
            &self.contacts_json,
            &self.companies_json,
            &self.fields_json,
        )?;
        Ok(client)
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ContactRow {
    pub id: i64,
    pub client_id: i64,
    pub kind: String,
    pub service: String,
    pub label: Option<String>,
    pub value: String,
    pub origin: String,
    pub status: String,
    pub position: i64,
    pub created_at: i64,
}

impl ContactRow {
    pub(crate) fn into_point(self) -> CoreResult<ContactPoint> {
        let label = self
            .label
            .as_deref()
            .map(|l| Label::parse(l).ok_or_else(|| corrupt("label", l)))
            .transpose()?;
        Ok(ContactPoint {
            id: ContactPointId(self.id),
            client: ClientId(self.client_id),
            kind: ContactKind::parse(&self.kind).ok_or_else(|| corrupt("kind", &self.kind))?,
            service: Service::parse(&self.service)
                .ok_or_else(|| corrupt("service", &self.service))?,
            label,
            value: self.value,
            origin: origin(&self.origin)?,
            status: status(&self.status)?,
            position: self.position,
            created_at: Timestamp(self.created_at),
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct UserRow {
    pub id: i64,
    pub account_id: i64,
    pub login: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: String,
    pub status: String,
    pub manager_id: Option<i64>,
    pub created_at: i64,
}

impl UserRow {
    pub(crate) fn into_user(self) -> CoreResult<User> {
        let role = match self.role.as_str() {
            "admin" => Role::Admin,
            "user" => Role::User,
            other => return Err(corrupt("role", other)),
        };
        let status = match self.status.as_str() {
            "active" => UserStatus::Active,
            "inactive" => UserStatus::Inactive,
            other => return Err(corrupt("user status", other)),
        };
        Ok(User {
            id: UserId(self.id),
            account: AccountId(self.account_id),
            login: self.login,
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            role,
            status,
            manager: self.manager_id.map(UserId),
            created_at: Timestamp(self.created_at),
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EntryRow {
    pub id: i64,
    pub title: String,
}

impl From<EntryRow> for CatalogueEntry {
    fn from(row: EntryRow) -> Self {
        Self {
            id: CatalogueEntryId(row.id),
            title: row.title,
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CountsRow {
    pub client_id: i64,
    pub deals: i64,
    pub offers: i64,
    pub contracts: i64,
    pub invoices: i64,
}
