//! Plumbing the dialects share, with no domain rules.

pub mod limits;

pub use limits::Limits;
