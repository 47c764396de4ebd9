//! Types spelled exactly as the Eadesk wire spells them.

mod input;
mod person;
mod query;

pub use input::{ContactInput, ContactUpdateInput, PersonInput};
pub use person::{Person, PersonContact};
pub use query::Params;
