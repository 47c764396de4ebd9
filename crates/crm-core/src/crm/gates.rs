//! One turn at a time per key, so that a costly read many requests miss at
//! once (a list's total as it expires, its anchors after a write) is read
//! by the first of them while the others wait to find it kept.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, Weak};

use tokio::sync::{Mutex as Gate, OwnedMutexGuard};

/// Gates kept before the ones nobody holds are swept away.
const SWEEP_PAST: usize = 1024;

#[derive(Debug)]
pub(crate) struct Gates<K> {
    open: Mutex<HashMap<K, Weak<Gate<()>>>>,
}

/// A key's turn; the next waiting request takes it when this is dropped,
/// cancelled requests included.
pub(crate) type Turn = OwnedMutexGuard<()>;

impl<K: Eq + Hash + Clone> Gates<K> {
    pub(crate) fn new() -> Self {
        Self {
            open: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for the key's turn.
    pub(crate) async fn turn(&self, key: &K) -> Turn {
        self.gate(key).lock_owned().await
    }

    /// The key's turn if nobody has it.
    pub(crate) fn try_turn(&self, key: &K) -> Option<Turn> {
        self.gate(key).try_lock_owned().ok()
    }

    fn gate(&self, key: &K) -> Arc<Gate<()>> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(gate) = open.get(key).and_then(Weak::upgrade) {
            return gate;
        }
        if open.len() >= SWEEP_PAST {
            open.retain(|_, gate| gate.strong_count() > 0);
        }
        let gate = Arc::new(Gate::new(()));
        open.insert(key.clone(), Arc::downgrade(&gate));
        gate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_key_has_one_turn_at_a_time() {
        let gates = Arc::new(Gates::new());
        let first = gates.turn(&1).await;
        assert!(gates.try_turn(&1).is_none());
        assert!(gates.try_turn(&3).is_some());
        let other_key = tokio::time::timeout(Duration::from_millis(50), gates.turn(&2)).await;
        assert!(other_key.is_ok());
        let waiting = tokio::spawn({
            let gates = gates.clone();
            async move { gates.turn(&1).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished());
        drop(first);
        let second = tokio::time::timeout(Duration::from_secs(5), waiting).await;
        assert!(matches!(second, Ok(Ok(_))));
    }

    #[tokio::test]
    async fn gates_nobody_holds_are_swept() {
        let gates = Gates::new();
        for key in 0..SWEEP_PAST * 2 {
            drop(gates.turn(&key).await);
        }
        let open = gates.open.lock().map(|o| o.len()).unwrap_or(0);
        assert!(open <= SWEEP_PAST, "{open}");
    }
}
