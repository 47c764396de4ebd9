//! Test support: a database of its own for every test, on the backend that
//! `CRM_TEST_DATABASE_URL` names (unset: a temporary SQLite file; a
//! `postgres://` URL: a fresh database on that server, dropped afterwards).

// A fixture that cannot be set up must fail the test loudly.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

pub mod credentials;
mod db;
mod fixtures;
mod golden;
pub mod http;
pub mod loopback;
pub mod origin;
pub mod round_trip;
mod statements;

pub use db::{Backend, TestDb};
pub use fixtures::{TestAccount, cheap_crm_config};
pub use golden::assert_golden;
pub use statements::StatementLog;
