//! Every statement names `account_id`, save the few that find the account
//! itself and the list prefixes whose `WHERE` the filter builder appends.

const SOURCES: &[(&str, &str)] = &[
    ("accounts", include_str!("accounts.rs")),
    ("catalogue", include_str!("catalogue.rs")),
    ("client_columns", include_str!("client_columns.rs")),
    ("clients", include_str!("clients.rs")),
    ("contacts", include_str!("contacts.rs")),
    ("documents", include_str!("documents.rs")),
    ("durability", include_str!("durability.rs")),
    ("filters", include_str!("filters.rs")),
    ("users", include_str!("users.rs")),
    ("mod", include_str!("mod.rs")),
];

/// Statements allowed to run without an account scope, and why.
const UNSCOPED: &[&str] = &[
    // Credential lookups: they are how the account is found.
    "accounts::INSERT",
    "accounts::BY_NAME",
    // The operator's list of accounts (`account list`): names, no tenant data.
    "accounts::ALL",
    // The operator's switch of one account, found by its own id.
    "accounts::SET_DISABLED",
    "users::KEY_OWNER",
    // Ids from a sequence: no tenant data until they are written.
    "clients::RESERVE_IDS_POSTGRES",
    // Server settings and liveness: no tenant data.
    "durability::SQLITE_JOURNAL",
    "durability::SQLITE_SYNCHRONOUS",
    // The operator's copy of the whole SQLite file (`backup`).
    "durability::BACKUP",
    "durability::PG_FSYNC",
    "durability::PG_SYNCHRONOUS_COMMIT",
    "mod::PING",
    // Prefixes: `filter.rs` always appends `account_id = ` first.
    "clients::SELECT_SQLITE",
    "clients::SELECT_POSTGRES",
    "clients::SEARCH_END",
    "clients::COUNT",
    "clients::PAGE_IDS_SQLITE",
    "clients::PAGE_IDS_POSTGRES",
    "clients::PAGE_ROWS",
    "clients::ANCHORS_HEAD",
    "clients::ANCHORS_ID",
    "clients::ANCHORS_STEP",
    "clients::ANCHORS_END",
    "clients::NEXT_ID",
    "clients::UPDATE_HEAD",
    "clients::RETURNING_ID",
    "clients::AND_ID",
    // The attribute columns of inserts and updates, not a statement.
    "client_columns::NAMES",
    // The index of trigrams holds every account; the list it narrows is
    // scoped.
    "filters::CLIENTS_MATCHING",
    // Typed NULL columns of the anchors' select list, not statements.
    "clients::NO_INSTANT",
    "clients::NO_TEXT",
    "contacts::SELECT",
];

fn statements() -> impl Iterator<Item = (String, &'static str)> {
    SOURCES.iter().flat_map(|(file, text)| {
        text.split("pub(crate) const ").skip(1).map(move |chunk| {
            let name = chunk.split(':').next().unwrap_or_default();
            let body = chunk.split(";\n").next().unwrap_or_default();
            (format!("{file}::{name}"), body)
        })
    })
}

#[test]
fn every_statement_is_scoped_by_account_or_listed() {
    let unscoped: Vec<String> = statements()
        .filter(|(_, body)| !body.contains("account_id"))
        .map(|(name, _)| name)
        .filter(|name| !UNSCOPED.contains(&name.as_str()))
        .collect();
    assert!(
        unscoped.is_empty(),
        "statements without account scope: {unscoped:?}"
    );
}

#[test]
fn the_allow_list_names_only_real_statements() {
    let names: Vec<String> = statements().map(|(name, _)| name).collect();
    for listed in UNSCOPED {
        assert!(
            names.iter().any(|n| n == listed),
            "{listed} is not a statement"
        );
    }
}
