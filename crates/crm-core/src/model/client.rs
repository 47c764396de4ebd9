use super::{
    AttributesPatch, CatalogueEntry, CatalogueRef, ClientAttributes, ClientId, ContactPoint,
    FieldValue, Name, NewContactPoint, Origin, Timestamp,
};
use crate::Patch;

/// A person or a company (REST type 2 or 1, Planfix `isCompany`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKind {
    /// A natural person.
    Person,
    /// A legal entity.
    Company,
}

impl ClientKind {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Company => "company",
        }
    }
}

/// Whether a record is live or soft-deleted. Deleting never removes a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Live.
    Active,
    /// Soft-deleted.
    Deleted,
}

impl Status {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deleted => "deleted",
        }
    }
}

/// Planfix `sex`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// MALE.
    Male,
    /// FEMALE.
    Female,
}

impl Sex {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }
}

/// A company a person belongs to, with the company's name for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRef {
    /// The company's client id.
    pub id: ClientId,
    /// The company's full name.
    pub name: String,
}

/// Access of a client to the CRM's own portal (Planfix `user`, `havePlanfixAccess`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PortalAccess {
    /// Login.
    pub login: String,
    /// Role name (ADMIN, USER, TECHADMIN).
    pub role: String,
    /// Status name (ACTIVE, UNACTIVE, NOTICE_SEND, ...).
    pub status: String,
    /// Login e-mail.
    pub email: String,
}

/// One client record with everything any dialect can show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// The id every dialect uses.
    pub id: ClientId,
    /// Person or company.
    pub kind: ClientKind,
    /// Full name and, when written so, its parts.
    pub name: Name,
    /// Its plain-valued attributes.
    pub attributes: ClientAttributes,
    /// Loyalty catalogue entry.
    pub loyalty: Option<CatalogueEntry>,
    /// Source catalogue entry.
    pub source: Option<CatalogueEntry>,
    /// Contact-group catalogue entry.
    pub group: Option<CatalogueEntry>,
    /// Custom-field values, by field number.
    pub fields: Vec<FieldValue>,
    /// Companies this person belongs to, in the order they were linked.
    pub companies: Vec<CompanyRef>,
    /// Whether an avatar picture is stored.
    pub has_avatar: bool,
    /// The dialect or service that created it.
    pub origin: Origin,
    /// Live or deleted.
    pub status: Status,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Its contact points, deleted ones included, in order.
    pub contacts: Vec<ContactPoint>,
}

impl Client {
    /// A live client written by `origin` at `at`, unchanged since, with a
    /// kind and a name and nothing else: what a reader fills in from a
    /// record that shows only some of a client.
    pub fn bare(id: ClientId, kind: ClientKind, name: Name, origin: Origin, at: Timestamp) -> Self {
        Self {
            id,
            kind,
            name,
            attributes: ClientAttributes::default(),
            loyalty: None,
            source: None,
            group: None,
            fields: Vec::new(),
            companies: Vec::new(),
            has_avatar: false,
            origin,
            status: Status::Active,
            created_at: at,
            updated_at: at,
            contacts: Vec::new(),
        }
    }
}

/// A client to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClient {
    /// Person or company.
    pub kind: ClientKind,
    /// The name.
    pub name: Name,
    /// Its plain-valued attributes.
    pub attributes: ClientAttributes,
    /// Loyalty, by id or title.
    pub loyalty: Option<CatalogueRef>,
    /// Source, by id or title.
    pub source: Option<CatalogueRef>,
    /// Contact group, by id or title.
    pub group: Option<CatalogueRef>,
    /// Custom-field values.
    pub fields: Vec<FieldValue>,
    /// Companies to link this person to.
    pub companies: Vec<ClientId>,
    /// Avatar picture bytes.
    pub avatar: Option<Vec<u8>>,
    /// Contact points to create with it.
    pub contacts: Vec<NewContactPoint>,
    /// Creation instant when the writer supplies one (SalesMan `date_create`).
    pub created_at: Option<Timestamp>,
}

impl NewClient {
    /// A client with only a kind and a name; every other attribute empty.
    pub fn new(kind: ClientKind, name: Name) -> Self {
        Self {
            kind,
            name,
            attributes: ClientAttributes::default(),
            loyalty: None,
            source: None,
            group: None,
            fields: Vec::new(),
            companies: Vec::new(),
            avatar: None,
            contacts: Vec::new(),
            created_at: None,
        }
    }
}

/// Replace the live points of one slot with new values (SalesMan `tel`,
/// `socials[skype]`; Planfix `phones`). Points whose value stays are kept;
/// the others are soft-deleted, so nothing written is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactReplace {
    /// Which points form the slot.
    pub selector: super::ContactSelector,
    /// The slot's new values, in order.
    pub values: Vec<NewContactPoint>,
}

/// A new value for one existing contact point, kept in place: its id, kind,
/// service, label and origin stay (REST `email` and `phone` rewrite the first
/// point without touching what other dialects wrote around it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRewrite {
    /// The point; one of the client's live points, else it is left alone.
    pub id: super::ContactPointId,
    /// Its new value.
    pub value: String,
}

/// A partial change to a client. `kind` cannot change (REST ignores `type` on
/// update; Planfix has no `isCompany` in `contact.update`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientPatch {
    /// The name.
    pub name: Patch<Name>,
    /// Its plain-valued attributes.
    pub attributes: AttributesPatch,
    /// Loyalty.
    pub loyalty: Patch<CatalogueRef>,
    /// Source.
    pub source: Patch<CatalogueRef>,
    /// Contact group.
    pub group: Patch<CatalogueRef>,
    /// Custom-field values to set (`Set`) or clear (`Clear`), by number.
    pub fields: Vec<(i64, Patch<String>)>,
    /// The person's companies (replaces the list).
    pub companies: Patch<Vec<ClientId>>,
    /// Avatar bytes.
    pub avatar: Patch<Vec<u8>>,
    /// Slot-wise replacement of contact points, applied in order.
    pub contacts: Vec<ContactReplace>,
    /// In-place value changes of single points, applied after `contacts`.
    pub rewrites: Vec<ContactRewrite>,
    /// Single live points to soft-delete, by id (REST's `email: ""` removes
    /// the one e-mail it shows, not those other dialects wrote beside it).
    pub removals: Vec<super::ContactPointId>,
}
