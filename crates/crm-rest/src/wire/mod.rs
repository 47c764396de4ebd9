//! The REST wire: attribute names as the spec spells them, request bodies
//! as Yii reads them, and answers as it writes them, each readable and
//! writable from either side (server or client).

mod answer;
pub mod attribute;
mod client;
mod fields;
pub mod input;
pub mod multipart;
pub mod page;

pub use answer::{Envelope, ErrorBody, FieldError, Items};
pub use attribute::Attribute;
pub use client::{Client, ExpandedUser};
pub use fields::{Fields, Unrepresentable};
pub use input::{Input, Value};
pub use page::{Link, PageHeaders};
