//! What a list asks the store for. Column names never travel as text: sorts and
//! filters are enums the store maps to its own SQL.

use crate::model::{
    CatalogueEntryId, CatalogueKind, ClientId, ClientKind, ContactKind, ContactPointId, Service,
    Timestamp, UserId,
};
use crate::search::SearchPattern;

/// Whether deleted records take part. Eadesk shows deleted records; the other
/// dialects do not (reference/DECISIONS.md "All dialects").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Deleted records are found and shown with their status.
    IncludeDeleted,
    /// Deleted records behave as if they did not exist.
    LiveOnly,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// The columns a client list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Id (creation order).
    Id,
    /// Full name.
    Name,
    /// Person or company.
    Kind,
    /// Job title.
    Position,
    /// Description.
    Description,
    /// Postal address.
    Address,
    /// SalesMan `rol`.
    Role,
    /// Responsible user id.
    Responsible,
    /// Creation instant.
    Created,
    /// Last change instant.
    Updated,
    /// First live e-mail.
    Email,
    /// First live phone.
    Phone,
    /// Loyalty entry title.
    Loyalty,
    /// Source entry title.
    Source,
}

/// A window of a list. The store converts with checked arithmetic; dialects
/// clamp to their own limits first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return at most.
    pub limit: u64,
}

/// Text attributes a substring filter can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// Full name.
    Name,
    /// Job title.
    Position,
    /// Description.
    Description,
    /// Postal address.
    Address,
    /// SalesMan `rol`.
    Role,
    /// Phones, compared without `+ ( ) -` and spaces.
    Phone,
    /// E-mails.
    Mail,
    /// Any contact value.
    AnyContact,
}

/// One condition of a client list; all conditions must hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ClientFilter {
    /// Only these ids.
    Ids(Vec<ClientId>),
    /// Only this kind.
    Kind(ClientKind),
    /// Full name equal to this, ignoring case.
    NameIs(String),
    /// Created strictly after.
    CreatedAfter(Timestamp),
    /// Created strictly before.
    CreatedBefore(Timestamp),
    /// Responsible user is one of these.
    ResponsibleIn(Vec<UserId>),
    /// Persons linked to this company, while it is live: a deleted company
    /// has no members, as it has no place among a person's companies.
    MemberOf(ClientId),
    /// Case-insensitive substring of any of the fields.
    Contains {
        /// Where to look.
        fields: Vec<TextField>,
        /// What to look for.
        needle: String,
    },
    /// Has a contact point of this kind whose value equals, ignoring case.
    ContactIs {
        /// Kind of the point.
        kind: ContactKind,
        /// The value.
        value: String,
    },
    /// Has a contact point of one of these kinds.
    HasContactKind(Vec<ContactKind>),
    /// Has a contact point of one of these services.
    HasContactService(Vec<Service>),
    /// Refers to this catalogue entry.
    Catalogue {
        /// Which catalogue.
        kind: CatalogueKind,
        /// Which entry.
        entry: CatalogueEntryId,
    },
    /// Custom field's value contains the needle, ignoring case.
    FieldContains {
        /// Field number.
        number: i64,
        /// What to look for.
        needle: String,
    },
    /// Has portal access.
    HasPortalAccess,
}

/// A client list request.
#[derive(Debug, Clone)]
pub struct ClientQuery {
    /// Whether deleted clients take part.
    pub visibility: Visibility,
    /// Conditions, all of which must hold.
    pub filters: Vec<ClientFilter>,
    /// A regular expression over the name and every contact value.
    pub search: Option<SearchPattern>,
    /// Whether `search` also reads deleted contact values: Eadesk keeps them
    /// embedded in the person, so its search finds them even among live
    /// persons; the other dialects never show a deleted value.
    pub search_points: Visibility,
    /// Sort order; the id breaks ties, and an empty list means creation order.
    pub sort: Vec<(SortKey, Direction)>,
    /// The window.
    pub page: Page,
    /// How many clients the list holds against the account's whole list,
    /// when the core knows both: not part of what the list is, but what
    /// lets the store read a page the cheaper way (see [`Share`]).
    pub share: Option<Share>,
}

/// A filtered list's size against its account's whole list. A store with
/// an index that narrows the filter can read a page from the candidates
/// that index gives, or walk the list's order and keep the clients that
/// match; the second pays when the matches are many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// Clients the list holds.
    pub matches: u64,
    /// Clients the unfiltered list of the same visibility holds.
    pub of: u64,
}

impl ClientQuery {
    /// Every client the visibility allows, in creation order, in one window.
    pub fn new(visibility: Visibility, page: Page) -> Self {
        Self {
            visibility,
            filters: Vec::new(),
            search: None,
            search_points: Visibility::LiveOnly,
            sort: Vec::new(),
            page,
            share: None,
        }
    }
}

/// A contact-point list request (Eadesk `contacts/read`).
#[derive(Debug, Clone)]
pub struct ContactPointQuery {
    /// Only points of this client.
    pub client: Option<ClientId>,
    /// Only this point.
    pub id: Option<ContactPointId>,
    /// Only points whose value is exactly this.
    pub value: Option<String>,
    /// A regular expression over the value.
    pub search: Option<SearchPattern>,
    /// Only points of these kinds (empty: any).
    pub kinds: Vec<ContactKind>,
    /// Only points of these services (empty: any).
    pub services: Vec<Service>,
    /// Whether deleted points take part.
    pub visibility: Visibility,
    /// The window.
    pub page: Page,
}

/// One page of a client list and the number of all matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientPage {
    /// How many clients match, over all pages.
    pub total: u64,
    /// The clients of this page.
    pub clients: Vec<crate::model::Client>,
}

/// A client of a sorted list, named by where it stands and what it sorts by,
/// so that a deep page is sought from it through the index instead of
/// counted out from the list's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Its place in the list, from 0.
    pub position: u64,
    /// The client.
    pub id: ClientId,
    /// Its value of the list's sort key.
    pub key: SortValue,
}

/// The value a client sorts by, as far as the id does not decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortValue {
    /// The list is in id order: the id is all.
    IdOnly,
    /// An instant.
    Instant(Timestamp),
    /// A folded text.
    Text(String),
}

impl ClientQuery {
    /// Whether the store can seek a page of this list from an [`Anchor`]:
    /// the order is one key the store reads from an index, and no regex
    /// sorts the matches out in Rust.
    pub fn seekable(&self) -> bool {
        let one_key = match self.sort.as_slice() {
            [] => true,
            [(key, _)] => matches!(
                key,
                SortKey::Id | SortKey::Name | SortKey::Created | SortKey::Updated
            ),
            _ => false,
        };
        one_key && self.search.is_none()
    }
}
