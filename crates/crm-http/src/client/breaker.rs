//! A circuit breaker per upstream: after enough failures in a row, calls
//! fail at once instead of each waiting out its timeout; after a pause one
//! probe goes through, and its outcome closes or reopens the circuit.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::UpstreamError;

/// When the breaker opens and how long it stays open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerConfig {
    /// Failures in a row that open it.
    pub failures: u32,
    /// How long it stays open before a probe.
    pub open_for: Duration,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        Self {
            failures: 5,
            open_for: Duration::from_secs(5),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Calls go through; this many have failed in a row.
    Closed(u32),
    /// Calls fail at once until then.
    Open(Instant),
    /// One probe is out; the others fail at once.
    Probing,
}

#[derive(Debug)]
pub(super) struct Breaker {
    config: BreakerConfig,
    state: Mutex<State>,
}

/// Leave to send one call. Its outcome is reported with
/// [`Permit::finish`]; dropped unreported (the caller went away), a probe
/// lets the next call probe instead.
pub(super) struct Permit<'a> {
    breaker: &'a Breaker,
    reported: bool,
}

impl Breaker {
    pub(super) fn new(config: BreakerConfig) -> Self {
        Self {
            config,
            state: Mutex::new(State::Closed(0)),
        }
    }

    pub(super) fn admit(&self) -> Result<Permit<'_>, UpstreamError> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match *state {
            State::Closed(_) => Ok(Permit {
                breaker: self,
                reported: false,
            }),
            State::Open(until) if Instant::now() >= until => {
                *state = State::Probing;
                Ok(Permit {
                    breaker: self,
                    reported: false,
                })
            }
            State::Open(_) | State::Probing => Err(UpstreamError::Paused),
        }
    }

    fn record(&self, ok: bool) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = match (*state, ok) {
            (_, true) => State::Closed(0),
            (State::Closed(n), false) if n + 1 < self.config.failures => State::Closed(n + 1),
            (_, false) => State::Open(Instant::now() + self.config.open_for),
        };
    }
}

impl Permit<'_> {
    /// Reports the call's outcome: `ok` unless it failed in transit.
    pub(super) fn finish(mut self, ok: bool) {
        self.reported = true;
        self.breaker.record(ok);
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if self.reported {
            return;
        }
        let mut state = self.breaker.state.lock().unwrap_or_else(|e| e.into_inner());
        if *state == State::Probing {
            *state = State::Open(Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker(open_for: Duration) -> Breaker {
        Breaker::new(BreakerConfig {
            failures: 3,
            open_for,
        })
    }

    #[test]
    fn it_opens_after_the_configured_failures_in_a_row() {
        let b = breaker(Duration::from_secs(60));
        for _ in 0..2 {
            b.admit().unwrap().finish(false);
        }
        b.admit().unwrap().finish(true);
        for _ in 0..3 {
            b.admit().unwrap().finish(false);
        }
        assert_eq!(b.admit().err(), Some(UpstreamError::Paused));
    }

    #[test]
    fn one_probe_after_the_pause_closes_it_or_opens_it_again() {
        let b = breaker(Duration::ZERO);
        for _ in 0..3 {
            b.admit().unwrap().finish(false);
        }
        let probe = b.admit().unwrap();
        assert_eq!(
            b.admit().err(),
            Some(UpstreamError::Paused),
            "one probe at a time"
        );
        probe.finish(false);
        b.admit().unwrap().finish(true);
        assert!(b.admit().is_ok());
        assert!(b.admit().is_ok(), "closed again: every call goes through");
    }

    #[test]
    fn a_probe_abandoned_unreported_lets_the_next_call_probe() {
        let b = breaker(Duration::ZERO);
        for _ in 0..3 {
            b.admit().unwrap().finish(false);
        }
        drop(b.admit().unwrap());
        assert!(b.admit().is_ok());
    }
}
