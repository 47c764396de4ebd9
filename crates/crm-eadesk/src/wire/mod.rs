//! Types spelled exactly as the Eadesk wire spells them, readable and
//! writable from either side: the server writes the answers and reads the
//! requests, a client does the opposite.

mod answer;
mod input;
mod person;
mod query;

pub use answer::{ErrorBody, Wrapped};
pub use input::{ContactInput, ContactUpdateInput, PersonInput};
pub use person::{Person, PersonContact};
pub use query::Params;
pub(crate) use query::encode_component;
