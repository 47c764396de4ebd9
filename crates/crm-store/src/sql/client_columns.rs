//! The attribute columns of `clients` that an insert and an update write,
//! each with the client value it holds: one table, from which the owned
//! values, their binds and the column names all come, so a new column is
//! one line here (and its migration).

use crm_core::{Client, CoreResult};

use crate::error::db_encode;

/// `$d` is a literal `$`, so that the macro can define `bind_columns!`.
macro_rules! client_columns {
    ($d:tt $client:ident => $($column:ident: $ty:ty = $value:expr,)*) => {
        /// Owned column values of one client, folded forms included, each
        /// field named for its column.
        #[derive(Debug)]
        pub(crate) struct Columns {
            $(pub(crate) $column: $ty,)*
        }

        impl Columns {
            pub(crate) fn of($client: &Client) -> CoreResult<Self> {
                Ok(Self { $($column: $value,)* })
            }
        }

        /// `, name, name_folded, …`: the columns, in the order
        /// [`bind_columns`] binds them.
        pub(crate) const NAMES: &str = concat!($(", ", stringify!($column)),*);

        /// Binds the columns in [`NAMES`]' order: onto a `push_values` row
        /// (`push_bind: row, columns`), or as `, column = value` pairs after
        /// an update's `SET` (`set: builder, columns`).
        macro_rules! bind_columns {
            (push_bind: $d row:expr, $d c:expr) => {{
                let c = &$d c;
                $d row $(.push_bind(&c.$column))*
            }};
            (set: $d q:expr, $d c:expr) => {{
                let c = &$d c;
                $( $d q.push(concat!(", ", stringify!($column), " = ")).push_bind(&c.$column); )*
            }};
        }
        pub(crate) use bind_columns;
    };
}

client_columns! { $ c =>
    name: String = c.name.as_full().to_owned(),
    name_folded: String = crm_core::fold_name(c.name.as_full()),
    given_name: Option<String> = c.name.parts().map(|p| p.given.clone()),
    middle_name: Option<String> = c.name.parts().map(|p| p.middle.clone()),
    last_name: Option<String> = c.name.parts().map(|p| p.last.clone()),
    position: Option<String> = c.attributes.position.clone(),
    position_folded: Option<String> = folded(&c.attributes.position),
    description: Option<String> = c.attributes.description.clone(),
    description_folded: Option<String> = folded(&c.attributes.description),
    address: Option<String> = c.attributes.address.clone(),
    address_folded: Option<String> = folded(&c.attributes.address),
    company_address: Option<String> = c.attributes.company_address.clone(),
    bank_details: Option<String> = c.attributes.bank_details.clone(),
    person_details: Option<String> = c.attributes.person_details.clone(),
    role: Option<String> = c.attributes.role.clone(),
    role_folded: Option<String> = folded(&c.attributes.role),
    sex: Option<&'static str> = c.attributes.sex.map(|s| s.as_str()),
    birthday: Option<String> = c.attributes.birthday.map(|d| d.format("%Y-%m-%d").to_string()),
    responsible_id: Option<i64> = c.attributes.responsible.map(|u| u.get()),
    loyalty_id: Option<i64> = c.loyalty.as_ref().map(|e| e.id.get()),
    source_id: Option<i64> = c.source.as_ref().map(|e| e.id.get()),
    group_id: Option<i64> = c.group.as_ref().map(|e| e.id.get()),
    segments: String = serde_json::to_string(&c.attributes.segments).map_err(db_encode)?,
    main_contact: bool = c.attributes.main_contact,
    portal_login: Option<String> = c.attributes.portal.as_ref().map(|p| p.login.clone()),
    portal_role: Option<String> = c.attributes.portal.as_ref().map(|p| p.role.clone()),
    portal_status: Option<String> = c.attributes.portal.as_ref().map(|p| p.status.clone()),
    portal_email: Option<String> = c.attributes.portal.as_ref().map(|p| p.email.clone()),
}

fn folded(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::to_lowercase)
}
