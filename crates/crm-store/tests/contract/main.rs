//! The store contract: one suite, run on the backend `CRM_TEST_DATABASE_URL`
//! names (unset: a temporary SQLite file; a `postgres://` URL: a fresh
//! PostgreSQL database per test). Everything goes through the `Crm` service,
//! so each case is what a dialect would see.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod bulk;
mod cancelled;
mod clients;
mod contacts;
mod credential_cache;
mod deep_pages;
mod deletes;
mod lifecycle;
mod lists;
mod migrations;
mod routes;
mod schema;
mod search_index;
mod snapshots;
mod support;
mod tenancy;
mod upstream_ids;
mod upstreams;
