use chrono::{DateTime, TimeZone, Utc};

/// An instant, in Unix milliseconds UTC: the one form both backends store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current instant.
    pub fn now() -> Self {
        Self(Utc::now().timestamp_millis())
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// The instant as a chrono value, for formatting. Out-of-range values
    /// (never produced by the gateway) clamp to the epoch.
    pub fn to_utc(self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.0)
            .single()
            .unwrap_or(DateTime::UNIX_EPOCH)
    }

    /// From a chrono value.
    pub fn from_utc(at: DateTime<Utc>) -> Self {
        Self(at.timestamp_millis())
    }

    /// This instant moved by `millis` (saturating).
    pub fn plus_millis(self, millis: i64) -> Self {
        Self(self.0.saturating_add(millis))
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn round_trips_through_chrono() {
        let t = Timestamp(1_700_000_000_123);
        assert_eq!(Timestamp::from_utc(t.to_utc()), t);
        assert_eq!(
            t.to_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "2023-11-14T22:13:20.123Z"
        );
    }
}
