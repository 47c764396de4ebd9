//! The domain of crm-gateway: one store of clients that four wire dialects read
//! and write. No HTTP, no SQL, no wire formats live here.

pub mod apply;
pub mod credential;
pub mod crm;
pub mod error;
pub mod model;
pub mod patch;
pub mod query;
pub mod scope;
pub mod search;
pub mod storable;
pub mod store;
pub mod throttle;

pub use crm::Crm;
pub use error::{CoreError, CoreResult};
pub use model::*;
pub use patch::Patch;
pub use query::{
    Anchor, ClientFilter, ClientPage, ClientQuery, ContactPointQuery, Direction, Page, Share,
    SortKey, SortValue, TextField, Visibility,
};
pub use search::{LEAST_CHARS, Required, SearchLimits, SearchPattern};
pub use store::Store;
