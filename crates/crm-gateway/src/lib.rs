//! The crm-gateway binary's parts: configuration, the assembled router, the
//! HTTP server and the operator commands. `run` is public so tests can bind
//! port 0 first and serve the real thing.

pub mod account;
mod api_documents;
pub mod app;
pub mod binding;
pub mod cli;
pub mod config;
mod console;
mod health;
mod idle;
pub mod lifecycle;
pub mod metrics;
pub mod migrate;
pub mod operate;
mod request_id;
pub mod server;
mod service;
pub mod telemetry;
mod throttle;
pub mod traffic;

pub use config::Config;
pub use server::run;
