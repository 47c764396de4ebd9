//! An Eadesk that names its records by 24 hex digits, as the real one does:
//! a gateway playing Eadesk behind a rewrite of every id, decimal to hex on
//! the way out and back on the way in. The gateway's own filters, pages and
//! errors answer; only the ids look as the real service's.

use serde_json::Value;

use crate::rewriting::{Rewrite, each_string, serve as proxy};

/// The hex prefix of every id; what follows is the decimal id in hex.
const PREFIX: &str = "5f1d7a3c9b1e";

const ID_KEYS: &[&str] = &["_id", "id", "contact_id", "accountId"];

/// An id as the hex Eadesk names it.
pub fn hex(decimal: &str) -> Option<String> {
    let n: u64 = decimal.parse().ok()?;
    Some(format!("{PREFIX}{n:012x}"))
}

struct Hex;

impl Rewrite for Hex {
    fn inbound(&self, text: &str) -> String {
        text.strip_prefix(PREFIX)
            .filter(|rest| rest.len() == 12)
            .and_then(|rest| u64::from_str_radix(rest, 16).ok())
            .map_or_else(|| text.to_owned(), |n| n.to_string())
    }

    fn outbound(&self, _: &str, answer: &mut Value) {
        to_hex(answer);
    }
}

fn to_hex(value: &mut Value) {
    each_string(value, &mut |key, id| {
        if ID_KEYS.contains(&key)
            && let Some(hex) = hex(id)
        {
            *id = hex;
        }
    });
}

/// Serves the hex Eadesk in front of the gateway at `base` (its root URL);
/// its root URL.
pub async fn serve(base: &str) -> String {
    proxy(base, Hex).await
}
