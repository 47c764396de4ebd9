//! Ids across two servers: the id a recorded answer gave a record, and the
//! id the server replayed against gave the same record. Learned where an
//! answer names a record, used where a later request names it again.

use std::collections::HashMap;

/// Which records an id names, per dialect: client and contact ids are
/// counted apart, so the same number may stand for one of each.
pub type IdKind = &'static str;

/// Recorded ids and their counterparts, by kind.
#[derive(Debug, Default)]
pub struct IdMap {
    forward: HashMap<(IdKind, String), String>,
    backward: HashMap<(IdKind, String), String>,
}

impl IdMap {
    /// Whether `answered` stands where `recorded` stood: the same record
    /// as before, or a record met for the first time on both sides.
    pub fn agree(&mut self, kind: IdKind, recorded: &str, answered: &str) -> bool {
        let key = (kind, recorded.to_owned());
        if let Some(known) = self.forward.get(&key) {
            return known == answered;
        }
        if self.backward.contains_key(&(kind, answered.to_owned())) {
            return false;
        }
        self.forward.insert(key, answered.to_owned());
        self.backward
            .insert((kind, answered.to_owned()), recorded.to_owned());
        true
    }

    /// The counterpart of recorded id `recorded`, when known.
    pub fn get(&self, kind: IdKind, recorded: &str) -> Option<&str> {
        self.forward
            .get(&(kind, recorded.to_owned()))
            .map(String::as_str)
    }
}

/// The kind of id a field holds in `dialect`'s answers and requests, by
/// its name and its parent's (Planfix's `<id>` names a contact or a user
/// by where it stands).
pub fn kind_of(dialect: &str, parent: &str, key: &str) -> Option<IdKind> {
    match (dialect, parent, key) {
        ("eadesk", _, "_id" | "contact_id") => Some("client"),
        ("eadesk", _, "id") => Some("contact"),
        ("eadesk", _, "accountId") => Some("account"),
        ("rest", _, "id") => Some("client"),
        ("rest", _, "user") => Some("user"),
        ("salesman", _, "id" | "pid" | "clid") => Some("client"),
        // `add` answers the new person's id as the top-level `data`.
        ("salesman", "", "data") => Some("client"),
        ("planfix", "contact" | "company" | "client", "id") => Some("client"),
        ("planfix", "user" | "owner" | "manager" | "responsible", "id") => Some("user"),
        ("planfix", _, "general") => Some("general"),
        ("planfix", _, "userid") => Some("user"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_met_again_must_be_the_same_record() {
        let mut ids = IdMap::default();
        assert!(ids.agree("client", "1", "7"));
        assert!(ids.agree("client", "1", "7"));
        assert!(!ids.agree("client", "1", "8"));
        assert!(!ids.agree("client", "2", "7"), "two records, one id");
        assert!(ids.agree("contact", "1", "3"), "kinds are counted apart");
        assert_eq!(ids.get("client", "1"), Some("7"));
    }
}
