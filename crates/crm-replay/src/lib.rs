//! Record, replay and shadow. A record is the exchanges a server had, as
//! JSON Lines with every secret redacted; a replay sends them to another
//! server with its credentials and ids put in, and compares each answer
//! with the recorded one as its dialect means it, not byte for byte; a
//! shadow does the same live, to a candidate, off the request path.

pub mod capture;
pub mod classify;
pub mod credentials;
pub mod diff;
pub mod exchange;
mod form;
pub mod ids;
pub mod journal;
pub mod lane;
pub mod passthrough;
pub mod replay;
pub mod report;
pub mod rewrite;
pub mod secrets;
pub mod shadow;
pub mod tree;
mod xml;

pub use capture::{CaptureLayer, Sink};
pub use credentials::Credentials;
pub use exchange::Exchange;
pub use journal::{Journal, JournalConfig};
pub use report::Report;
pub use shadow::{Shadow, ShadowConfig};
