//! The Planfix wire: the request tree, the contact element as clients write
//! it, the response bodies as values, and the response writer.

pub mod contact;
pub mod contact_out;
pub mod lists;
pub mod response;
pub mod tree;
pub mod writer;

pub use contact::{ContactIn, CustomValueIn, PhoneIn};
pub use contact_out::{ContactOut, CustomValueOut, PhoneOut, PortalUserOut, RefOut};
pub use lists::{ContactsPage, GroupList, Named, PhoneTypes};
pub use response::{
    AccessChanged, ContactIds, Deleted, Failure, ParseError, Reply, Session, XmlBody,
};
pub use tree::{Element, TreeLimits};
pub use writer::Xml;
