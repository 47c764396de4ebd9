//! Test support: a database of its own for every test, on the backend that
//! `CRM_TEST_DATABASE_URL` names (unset: a temporary SQLite file; a
//! `postgres://` URL: a fresh database on that server, dropped afterwards).

// A fixture that cannot be set up must fail the test loudly.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

mod app;
pub mod credentials;
mod db;
mod fixtures;
mod golden;
mod granted_role;
pub mod http;
pub mod loopback;
pub mod origin;
pub mod round_trip;
mod statements;
pub mod stored;

pub use app::{ACCOUNT, TestApp};
pub use db::{Backend, TestDb};
pub use fixtures::{TestAccount, cheap_crm_config};
pub use golden::assert_golden;
pub use granted_role::GrantedRole;
pub use statements::StatementLog;

/// What [`dialect_app!`] expands to, reachable from any crate.
#[doc(hidden)]
pub mod __private {
    pub use crm_core::Crm;
    pub use crm_http::Limits;
}
