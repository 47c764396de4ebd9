//! The one implementation of the store port: SQLite (the embedded default) and
//! PostgreSQL through sqlx. The only crate with SQL text.

mod child_json;
mod error;
mod filter;
mod ops;
mod pool;
mod prefilter;
mod rows;
mod sql;

pub use pool::{DbConfig, SqlStore};
