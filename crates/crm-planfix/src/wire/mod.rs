//! The Planfix wire: the request tree, the contact element as clients write
//! it, and the response writer.

pub mod contact;
pub mod tree;
pub mod writer;

pub use contact::{ContactIn, CustomValueIn, PhoneIn};
pub use tree::{Element, TreeLimits};
pub use writer::Xml;
