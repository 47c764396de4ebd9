//! The request and the record as the SalesMan wire spells them.

pub mod fields;
pub mod request;

pub use fields::{Column, Social};
pub use request::RawRequest;
