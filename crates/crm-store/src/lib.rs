//! The one implementation of the store port: SQLite (the embedded default) and
//! PostgreSQL through sqlx. The only crate with SQL text.

mod account_scope;
mod child_json;
mod error;
mod filter;
mod group_commit;
mod inspect;
mod migrations;
mod ops;
mod pool;
mod prefilter;
mod reader;
mod rows;
mod seek;
mod sql;
mod stored;
mod timing;

pub use group_commit::CommitStats;
pub use inspect::{Inspection, inspect};
pub use pool::{DbConfig, PoolStats, SqlStore};
