//! The origins the gateway's dialects stamp, for tests that write as some
//! dialect without depending on its crate.

use crm_core::{DialectName, Origin};

/// Written through Eadesk.
pub const EADESK: Origin = Origin::Dialect(DialectName::new("eadesk"));
/// Written through the REST dialect.
pub const REST: Origin = Origin::Dialect(DialectName::new("rest"));
/// Written through SalesMan.
pub const SALESMAN: Origin = Origin::Dialect(DialectName::new("salesman"));
/// Written through Planfix.
pub const PLANFIX: Origin = Origin::Dialect(DialectName::new("planfix"));
