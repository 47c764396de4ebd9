//! Counting refusals and requests against a rate, per key: failed sign-ins
//! per address (the gateway) and per login (Planfix `auth.login`), and an
//! account's request quota. Each replica counts on its own, so N replicas
//! allow N times a bound.

use std::collections::HashMap;
use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, RateLimiter};

/// Keys kept at most before the expired are swept.
const SWEEP_PAST: usize = 10_000;

/// The refusals of each key, and the keys held back: a key refused more
/// often than the rate is held back until its next refusal is due.
#[derive(Debug)]
pub struct Failures<K: Hash + Eq + Clone> {
    refusals: DefaultKeyedRateLimiter<K>,
    held: Mutex<HashMap<K, Instant>>,
}

impl<K: Hash + Eq + Clone> Failures<K> {
    /// `per_minute` refusals a key (a burst of as many, refilled evenly);
    /// `None` when it is 0, which turns counting off.
    pub fn per_minute(per_minute: u32) -> Option<Self> {
        let per_minute = NonZeroU32::new(per_minute)?;
        Some(Self {
            refusals: RateLimiter::keyed(governor::Quota::per_minute(per_minute)),
            held: Mutex::new(HashMap::new()),
        })
    }

    /// How long `key` is still held back, if it is.
    pub fn held_for(&self, key: &K) -> Option<Duration> {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let until = *held.get(key)?;
        let now = Instant::now();
        if until <= now {
            held.remove(key);
            return None;
        }
        Some(until - now)
    }

    /// Counts a refusal of `key`; past the rate, holds it back until the
    /// next one is due (a second at least).
    pub fn refused(&self, key: K) {
        let Err(not_until) = self.refusals.check_key(&key) else {
            return;
        };
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.insert(key, Instant::now() + wait.max(Duration::from_secs(1)));
        if held.len() > SWEEP_PAST {
            let now = Instant::now();
            held.retain(|_, until| *until > now);
            self.refusals.retain_recent();
        }
    }
}

/// A rate of requests per key; `spend` says how long to wait when it is spent.
#[derive(Debug)]
pub struct Quota<K: Hash + Eq + Clone>(DefaultKeyedRateLimiter<K>);

impl<K: Hash + Eq + Clone> Quota<K> {
    /// `per_second` requests a key; `None` when it is 0 (no quota).
    pub fn per_second(per_second: u32) -> Option<Self> {
        let per_second = NonZeroU32::new(per_second)?;
        Some(Self(RateLimiter::keyed(governor::Quota::per_second(
            per_second,
        ))))
    }

    /// Takes one request of `key`'s quota, or says how long until one is due.
    pub fn spend(&self, key: &K) -> Result<(), Duration> {
        self.0
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_held_back_past_its_rate_and_others_are_not() {
        let failures = Failures::per_minute(2).unwrap();
        for _ in 0..2 {
            failures.refused("a");
            assert_eq!(failures.held_for(&"a"), None);
        }
        failures.refused("a");
        let held = failures.held_for(&"a").unwrap();
        assert!(
            held >= Duration::from_secs(1) && held <= Duration::from_secs(30),
            "{held:?}"
        );
        assert_eq!(failures.held_for(&"b"), None);
        assert!(Failures::<&str>::per_minute(0).is_none());
    }

    #[test]
    fn a_quota_is_spent_and_says_how_long_to_wait() {
        let quota = Quota::per_second(2).unwrap();
        assert!(quota.spend(&1).is_ok() && quota.spend(&1).is_ok());
        let wait = quota.spend(&1).unwrap_err();
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert!(quota.spend(&2).is_ok(), "another key has its own");
    }
}
