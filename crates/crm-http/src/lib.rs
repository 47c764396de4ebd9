//! Plumbing the dialects share, with no domain rules.

pub mod base_url;
pub mod body;
pub mod client;
pub mod deadline;
pub mod dialect;
pub mod limits;
pub mod mount;
pub mod multipart;
pub mod outcome;
pub mod panic;
pub mod params;
pub mod php_cast;
pub mod php_json;
pub mod php_query;

pub use limits::Limits;
pub use params::{Param, ParamLimits, ParamMap, ParamsError};
