//! The attributes a client holds as plain values, declared once: the record
//! ([`Client`](super::Client)), the draft ([`NewClient`](super::NewClient))
//! and the change ([`ClientPatch`](super::ClientPatch)) all embed what this
//! declaration generates, so a new attribute is one line here (and its
//! column in the store's `sql/client_columns.rs`).
//!
//! Attributes whose shape differs between the three stay outside: the name
//! (its patch keeps stored parts), catalogue entries (a reference in a draft
//! or patch, an entry in a record), companies (ids, or ids with names),
//! custom fields (patched one number at a time), the avatar (bytes, or a
//! flag) and the contact points.

use chrono::NaiveDate;

use super::{PortalAccess, Sex, UserId};
use crate::patch::{Patch, Patchable};
use crate::storable::Texts;

/// Generates [`ClientAttributes`], its patch [`AttributesPatch`] with one
/// `Patch` of each attribute's [`Patchable::Value`], how the patch applies,
/// and a walk over the attributes for the NUL check (`storable`).
macro_rules! client_attributes {
    ($($(#[$doc:meta])* $name:ident: $ty:ty,)*) => {
        /// The plain-valued attributes of a client; every one is empty on a
        /// new client until a dialect writes it.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct ClientAttributes {
            $($(#[$doc])* pub $name: $ty,)*
        }

        /// A partial change to [`ClientAttributes`], one attribute at a time.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct AttributesPatch {
            $($(#[$doc])* pub $name: Patch<<$ty as Patchable>::Value>,)*
        }

        impl AttributesPatch {
            /// Applies the patch and tells whether an attribute changed.
            pub fn apply(&self, to: &mut ClientAttributes) -> bool {
                let mut changed = false;
                $(changed |= to.$name.patch(self.$name.clone());)*
                changed
            }

            /// Shows each attribute's change to `visit`, with its name.
            pub(crate) fn visit<'a>(&'a self, visit: &mut dyn FnMut(&'static str, &'a dyn Texts)) {
                $(visit(stringify!($name), &self.$name);)*
            }
        }

        impl ClientAttributes {
            /// Shows each attribute to `visit`, with its name.
            pub(crate) fn visit<'a>(&'a self, visit: &mut dyn FnMut(&'static str, &'a dyn Texts)) {
                $(visit(stringify!($name), &self.$name);)*
            }
        }
    };
}

client_attributes! {
    /// Job title (SalesMan `ptitle`, Planfix `post`).
    position: Option<String>,
    /// Free text.
    description: Option<String>,
    /// Postal address (REST `real_address`, Planfix `address`).
    address: Option<String>,
    /// A company's legal address.
    company_address: Option<String>,
    /// A company's bank details.
    bank_details: Option<String>,
    /// A person's document details.
    person_details: Option<String>,
    /// SalesMan `rol`.
    role: Option<String>,
    /// Sex.
    sex: Option<Sex>,
    /// Date of birth.
    birthday: Option<NaiveDate>,
    /// The employee responsible for the client; on a new client `None`
    /// means the caller.
    responsible: Option<UserId>,
    /// Eadesk segment ids, verbatim (a patch replaces the list).
    segments: Vec<String>,
    /// Main contact of its company (SalesMan `mperson`).
    main_contact: bool,
    /// Access to the CRM's own portal, when granted.
    portal: Option<PortalAccess>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clearing_a_list_or_a_flag_empties_it_and_is_a_change() {
        let mut attributes = ClientAttributes {
            segments: vec!["b2b".to_owned()],
            main_contact: true,
            position: Some("Директор".to_owned()),
            ..ClientAttributes::default()
        };
        let patch = AttributesPatch {
            segments: Patch::Clear,
            main_contact: Patch::Clear,
            position: Patch::Set("Директор".to_owned()),
            ..AttributesPatch::default()
        };
        assert!(patch.apply(&mut attributes));
        assert_eq!(
            attributes,
            ClientAttributes {
                position: Some("Директор".to_owned()),
                ..ClientAttributes::default()
            }
        );
        assert!(!patch.apply(&mut attributes), "the same patch again");
    }

    #[test]
    fn the_walk_names_every_text_of_every_attribute() {
        let attributes = ClientAttributes {
            role: Some("ЛПР".to_owned()),
            segments: vec!["a".to_owned(), "b".to_owned()],
            sex: Some(Sex::Female),
            portal: Some(PortalAccess {
                login: "l".to_owned(),
                role: "r".to_owned(),
                status: "s".to_owned(),
                email: "e".to_owned(),
            }),
            ..ClientAttributes::default()
        };
        let mut seen = Vec::new();
        attributes.visit(&mut |name, value| {
            seen.extend(value.texts().into_iter().map(|t| (name, t)));
        });
        assert_eq!(
            seen,
            [
                ("role", "ЛПР"),
                ("segments", "a"),
                ("segments", "b"),
                ("portal", "l"),
                ("portal", "e"),
                ("portal", "r"),
                ("portal", "s"),
            ]
        );
    }
}
