use std::fmt;

use super::Service;

/// Who created a client or a contact point (Eadesk `origin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Written through a dialect, under the name the dialect gives itself.
    Dialect(DialectName),
    /// A telephony system.
    Pbx,
    /// Typed in by a person.
    Manual,
    /// A named service (a chat widget, a messenger).
    Service(Service),
}

impl Origin {
    /// The lowercase name the store and Eadesk use.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Dialect(name) => name.as_str(),
            Self::Pbx => "pbx",
            Self::Manual => "manual",
            Self::Service(service) => service.as_str(),
        }
    }

    /// Parses the lowercase name. A name that is neither `pbx`, `manual` nor
    /// a service is a dialect's; `None` when it cannot be a name at all.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "pbx" => Some(Self::Pbx),
            "manual" => Some(Self::Manual),
            other => Service::parse(other)
                .map(Self::Service)
                .or_else(|| DialectName::parse(other).map(Self::Dialect)),
        }
    }
}

/// The name a dialect stamps on what it writes: 1 to 16 lowercase ASCII
/// letters, kept inline so that an origin read from a row costs no
/// allocation and stays `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DialectName {
    bytes: [u8; DialectName::MAX_LEN],
    len: u8,
}

impl DialectName {
    /// The longest name.
    pub const MAX_LEN: usize = 16;

    /// The name, checked when the program is compiled if used in a `const`.
    ///
    /// # Panics
    /// When `name` is not 1 to 16 lowercase ASCII letters.
    // Dialects call it in a `const`, where a bad name stops the build.
    #[allow(clippy::panic)]
    pub const fn new(name: &str) -> Self {
        match Self::parse(name) {
            Some(name) => name,
            None => panic!("a dialect name is 1 to 16 lowercase ASCII letters"),
        }
    }

    /// The name, or `None` when it is not 1 to 16 lowercase ASCII letters.
    pub const fn parse(name: &str) -> Option<Self> {
        let from = name.as_bytes();
        if from.is_empty() || from.len() > Self::MAX_LEN {
            return None;
        }
        let mut bytes = [0; Self::MAX_LEN];
        let mut i = 0;
        while i < from.len() {
            if !from[i].is_ascii_lowercase() {
                return None;
            }
            bytes[i] = from[i];
            i += 1;
        }
        Some(Self {
            bytes,
            len: from.len() as u8,
        })
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored, so this never falls back.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Debug for DialectName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DialectName({:?})", self.as_str())
    }
}

impl fmt::Display for DialectName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_names_round_trip() {
        for name in ["acme", "pbx", "manual", "chatra", "abcdefghijklmnop"] {
            assert_eq!(
                Origin::parse(name).map(|o| o.as_str().to_owned()),
                Some(name.to_owned())
            );
        }
    }

    #[test]
    fn services_and_fixed_origins_are_not_dialects() {
        assert_eq!(
            Origin::parse("chatra"),
            Some(Origin::Service(Service::Chatra))
        );
        assert_eq!(Origin::parse("pbx"), Some(Origin::Pbx));
        assert_eq!(
            Origin::parse("acme"),
            Some(Origin::Dialect(DialectName::new("acme")))
        );
    }

    #[test]
    fn malformed_names_are_refused() {
        for name in ["", "Chatra", "a1", "has space", "abcdefghijklmnopq", "имя"] {
            assert_eq!(Origin::parse(name), None, "{name:?}");
        }
    }
}
