//! The REST wire: attribute names as the spec spells them, and request bodies
//! as Yii reads them.

pub mod attribute;
pub mod input;
pub mod multipart;

pub use attribute::Attribute;
pub use input::{Input, Value};
