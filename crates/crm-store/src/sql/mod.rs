//! Every SQL statement of the gateway, as constants with `$n` placeholders
//! (sqlx binds them by number on both backends). Statements are scoped by
//! `account_id` except the credential lookups; `tests.rs` holds that rule.

pub(crate) mod accounts;
pub(crate) mod catalogue;
#[macro_use]
pub(crate) mod client_columns;
pub(crate) mod clients;
pub(crate) mod contacts;
pub(crate) mod documents;
pub(crate) mod durability;
pub(crate) mod filters;
pub(crate) mod users;

#[cfg(test)]
mod tests;

/// Cheapest statement that proves the database answers.
pub(crate) const PING: &str = "SELECT 1";
