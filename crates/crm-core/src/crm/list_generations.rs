//! An account's client writes through this replica, counted so that what a
//! list learnt (its total, its anchors) can tell whether it still holds: a
//! filtered list's only while nothing was written since, an unfiltered
//! list's also past additions, which it can count in, and edits, which
//! leave its size and its order by id or creation as they were. Without
//! that, every page read while clients are being added counted the whole
//! list again and walked it for anchors, one request at a time.

use std::collections::HashMap;

use crate::model::AccountId;

/// Accounts whose writes this replica remembers at most; past it, every
/// account starts afresh at a generation nothing has.
pub(crate) const MOST_ACCOUNTS: usize = 10_000;

/// How a write through this replica changed an account's clients, as far
/// as an unfiltered list can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// Live clients added, each created now: they close an oldest-first
    /// list and open a newest-first one.
    Added(u64),
    /// Clients or their contact points changed, none added or removed.
    Edited,
    /// Anything else (a delete, a client created with a date of its own, a
    /// write that failed half way): every list is learnt again.
    Reshaped,
}

/// Where an account's writes stood when a read began: what the read learnt
/// is kept with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Generation {
    /// The last write of any kind.
    tick: u64,
    /// The last write that was neither an addition nor an edit.
    shape: u64,
    /// Clients added so far.
    added: u64,
}

impl Generation {
    /// The clients added between `self` and `now`, when every write between
    /// them was an addition or an edit.
    pub(crate) fn added_until(self, now: Generation) -> Option<u64> {
        (self.shape == now.shape).then(|| now.added.saturating_sub(self.added))
    }
}

/// A clock that ticks on every client write of this replica, and where each
/// account's writes stand on it.
#[derive(Debug, Default)]
pub(crate) struct Generations {
    clock: u64,
    /// Where an account not in `written` stands.
    floor: u64,
    written: HashMap<AccountId, Generation>,
}

impl Generations {
    /// Where `account`'s writes stand.
    pub(crate) fn of(&self, account: AccountId) -> Generation {
        self.written.get(&account).copied().unwrap_or(Generation {
            tick: self.floor,
            shape: self.floor,
            added: 0,
        })
    }

    /// Counts a write of `account`.
    pub(crate) fn write(&mut self, account: AccountId, change: Change) {
        self.clock += 1;
        if self.written.len() >= MOST_ACCOUNTS && !self.written.contains_key(&account) {
            self.written.clear();
            self.floor = self.clock;
            self.clock += 1;
        }
        let mut at = self.of(account);
        at.tick = self.clock;
        match change {
            Change::Added(n) => at.added += n,
            Change::Edited => {}
            Change::Reshaped => at.shape = self.clock,
        }
        self.written.insert(account, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additions_are_counted_until_a_write_reshapes_the_list() {
        let mut g = Generations::default();
        let a = AccountId(1);
        let start = g.of(a);
        g.write(a, Change::Added(2));
        g.write(a, Change::Edited);
        g.write(a, Change::Added(3));
        assert_eq!(start.added_until(g.of(a)), Some(5));
        assert_ne!(start, g.of(a));
        let before = g.of(a);
        g.write(a, Change::Reshaped);
        assert_eq!(before.added_until(g.of(a)), None);
        assert_eq!(g.of(AccountId(2)).added_until(g.of(AccountId(2))), Some(0));
    }

    #[test]
    fn forgetting_accounts_reshapes_every_list() {
        let mut g = Generations::default();
        let kept = g.of(AccountId(1));
        for account in 2..(MOST_ACCOUNTS as i64 + 3) {
            g.write(AccountId(account), Change::Added(1));
        }
        assert_eq!(kept.added_until(g.of(AccountId(1))), None);
    }
}
