//! The records the store keeps, in the domain's own names.

mod account;
mod attributes;
mod catalogue;
mod client;
mod client_copy;
mod contact_point;
mod document;
mod field;
mod id;
mod name;
mod origin;
mod principal;
mod timestamp;
mod upstream;
mod user;

pub use account::{Account, AccountName, NewAccount};
pub use attributes::{AttributesPatch, ClientAttributes};
pub use catalogue::{CatalogueEntry, CatalogueKind, CatalogueRef};
pub use client::{
    Client, ClientKind, ClientPatch, CompanyRef, ContactReplace, ContactRewrite, NewClient,
    PortalAccess, Sex, Status,
};
pub use contact_point::{
    ContactKind, ContactPoint, ContactPointPatch, ContactSelector, Label, NewContactPoint, Service,
    normalize_search,
};
pub use document::{DocumentCounts, DocumentKind};
pub use field::{CustomField, FieldValue};
pub use id::{AccountId, CatalogueEntryId, ClientId, ContactPointId, DocumentId, UserId};
pub use name::{Name, NameParts, fold_name};
pub use origin::{DialectName, Origin};
pub use principal::Principal;
pub use timestamp::Timestamp;
pub use upstream::UpstreamBinding;
pub use user::{NewUser, Role, User, UserStatus};
