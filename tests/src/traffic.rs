//! The cross-dialect suite's traffic: what every dialect writes, every
//! dialect reads; a rename in each, seen by all. Each returns what went
//! wrong, so a suite can assert on it and another use (a shadow) can drive it.

use crate::dialect::{ALL, Session};
use crate::person::Person;

/// Each of the 16 (writer, reader) pairs: a person written through one and
/// read through the other.
pub async fn written_and_read_everywhere(s: &Session) -> Vec<String> {
    let mut failures = Vec::new();
    for writer in ALL {
        for reader in ALL {
            let person = Person::sample(&format!("{writer:?} {reader:?}"));
            let id = s.write(writer, &person).await;
            match s.read(reader, id).await {
                Some(seen) if seen.shows(&person) => {}
                other => failures.push(format!(
                    "{writer:?} -> {reader:?}: wrote {person:?}, read {other:?}"
                )),
            }
        }
    }
    failures
}

/// A person renamed through each dialect, read through all four.
pub async fn renamed_and_read_everywhere(s: &Session) -> Vec<String> {
    let mut failures = Vec::new();
    for updater in ALL {
        let before = Person::sample(&format!("{updater:?} before"));
        let id = s.write(updater, &before).await;
        let after = Person {
            given: format!("Пётр {updater:?}"),
            ..before.clone()
        };
        s.rename(updater, id, &after).await;
        for reader in ALL {
            let name = s.read(reader, id).await.map(|seen| seen.name);
            if name.as_deref() != Some(after.full_name().as_str()) {
                failures.push(format!("{updater:?} -> {reader:?}: {name:?}"));
            }
        }
    }
    failures
}
