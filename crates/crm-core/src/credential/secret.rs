use sha2::{Digest, Sha256};

use crate::CoreError;

/// A random secret of 128 bits, as 32 lowercase hex digits: the shape of a
/// Planfix `sid` (`string(32)`), and long enough for every other token.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A new secret from the operating system's generator.
    pub fn generate() -> Result<Self, CoreError> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|err| CoreError::Internal(format!("random source failed: {err}")))?;
        Ok(Self(hex::encode(bytes)))
    }

    /// The secret itself, to hand to its owner once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the store keeps instead of the secret.
    pub fn digest(&self) -> String {
        digest(&self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// SHA-256 of a machine-made secret, in hex. High-entropy secrets need no slow
/// hash, and looking rows up by digest leaves no timing oracle on the secret.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_128_bit_hex_and_differ() {
        let a = Secret::generate().unwrap();
        let b = Secret::generate().unwrap();
        assert_eq!(a.expose().len(), 32);
        assert!(a.expose().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn digest_is_sha256_hex() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let s = Secret::generate().unwrap();
        assert!(!format!("{s:?}").contains(s.expose()));
    }
}
