//! The columns of `clients` that an insert and an update write and a read
//! of whole clients selects: one table, from which the owned values, their
//! binds, the column names, the select list and the attributes read back
//! all come, so a new attribute is one line here (and its migration).

use crm_core::{Client, ClientAttributes, CoreResult};

use crate::stored::Stored;

/// `$d` is a literal `$`, so that the macro can define macros.
///
/// `derived` columns are written from the client `$client` and read by hand
/// (the name) or not at all (folded forms, kept for filters). Each line of
/// `attributes` is one field of `ClientAttributes` and the columns that hold
/// it, converted both ways by its type's [`Stored`].
macro_rules! client_columns {
    ($d:tt $client:ident =>
        derived { $($column:ident: $ty:ty = $value:expr,)* }
        attributes { $($attribute:ident => ($($stored:ident: $stored_ty:ty),+),)* }
    ) => {
        /// Owned column values of one client, folded forms included, each
        /// field named for its column.
        #[derive(Debug)]
        pub(crate) struct Columns {
            $(pub(crate) $column: $ty,)*
            pub(crate) attributes: AttributeColumns,
        }

        impl Columns {
            pub(crate) fn of($client: &Client) -> CoreResult<Self> {
                Ok(Self {
                    $($column: $value,)*
                    attributes: AttributeColumns::of(&$client.attributes)?,
                })
            }
        }

        /// The columns that hold a client's attributes, as a read of whole
        /// clients selects them ([`attribute_select`]) and a write binds them.
        #[derive(Debug, sqlx::FromRow)]
        pub(crate) struct AttributeColumns {
            $($(pub(crate) $stored: $stored_ty,)+)*
        }

        impl AttributeColumns {
            fn of(attributes: &ClientAttributes) -> CoreResult<Self> {
                $(let ($($stored,)+): ($($stored_ty,)+) =
                    Stored::to_columns(&attributes.$attribute)?;)*
                Ok(Self { $($($stored,)+)* })
            }

            /// The attributes these columns hold.
            pub(crate) fn into_attributes(self) -> CoreResult<ClientAttributes> {
                Ok(ClientAttributes {
                    $($attribute: Stored::from_columns(
                        ($(self.$stored,)+),
                        stringify!($attribute),
                    )?,)*
                })
            }
        }

        /// `, name, name_folded, …`: the columns, in the order
        /// [`bind_columns`] binds them.
        pub(crate) const NAMES: &str = concat!(
            $(", ", stringify!($column),)*
            $($(", ", stringify!($stored),)+)*
        );

        /// `, c.position, …`: the attribute columns of a read of whole
        /// clients, which decodes them into [`AttributeColumns`]. Reached
        /// through `#[macro_use]`: `concat!` cannot resolve an imported
        /// macro that a macro defined.
        macro_rules! attribute_select {
            () => {
                concat!($($(", c.", stringify!($stored),)+)*)
            };
        }

        /// Binds the columns in [`NAMES`]' order: onto a `push_values` row
        /// (`push_bind: row, columns`), or as `, column = value` pairs after
        /// an update's `SET` (`set: builder, columns`).
        macro_rules! bind_columns {
            (push_bind: $d row:expr, $d c:expr) => {{
                let c = &$d c;
                $d row $(.push_bind(&c.$column))* $($(.push_bind(&c.attributes.$stored))+)*
            }};
            (set: $d q:expr, $d c:expr) => {{
                let c = &$d c;
                $( $d q.push(concat!(", ", stringify!($column), " = ")).push_bind(&c.$column); )*
                $($( $d q.push(concat!(", ", stringify!($stored), " = "))
                    .push_bind(&c.attributes.$stored); )+)*
            }};
        }
        pub(crate) use bind_columns;
    };
}

client_columns! { $ c =>
    derived {
        name: String = c.name.as_full().to_owned(),
        name_folded: String = crm_core::fold_name(c.name.as_full()),
        given_name: Option<String> = c.name.parts().map(|p| p.given.clone()),
        middle_name: Option<String> = c.name.parts().map(|p| p.middle.clone()),
        last_name: Option<String> = c.name.parts().map(|p| p.last.clone()),
        position_folded: Option<String> = folded(&c.attributes.position),
        description_folded: Option<String> = folded(&c.attributes.description),
        address_folded: Option<String> = folded(&c.attributes.address),
        role_folded: Option<String> = folded(&c.attributes.role),
        loyalty_id: Option<i64> = c.loyalty.as_ref().map(|e| e.id.get()),
        source_id: Option<i64> = c.source.as_ref().map(|e| e.id.get()),
        group_id: Option<i64> = c.group.as_ref().map(|e| e.id.get()),
    }
    attributes {
        position => (position: Option<String>),
        description => (description: Option<String>),
        address => (address: Option<String>),
        company_address => (company_address: Option<String>),
        bank_details => (bank_details: Option<String>),
        person_details => (person_details: Option<String>),
        role => (role: Option<String>),
        sex => (sex: Option<String>),
        birthday => (birthday: Option<String>),
        responsible => (responsible_id: Option<i64>),
        segments => (segments: String),
        main_contact => (main_contact: bool),
        portal => (
            portal_login: Option<String>,
            portal_role: Option<String>,
            portal_status: Option<String>,
            portal_email: Option<String>
        ),
    }
}

fn folded(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::to_lowercase)
}
