use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::{OnceCell, Semaphore};

use crate::CoreError;

/// Argon2id cost. The default is OWASP's (m = 19 MiB, t = 2, p = 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordHashing {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes.
    pub iterations: u32,
    /// Hashes allowed to run at once; a login flood waits instead of starving
    /// every other request of CPU.
    pub concurrency: usize,
}

impl Default for PasswordHashing {
    fn default() -> Self {
        Self {
            memory_kib: 19 * 1024,
            iterations: 2,
            concurrency: 2,
        }
    }
}

/// Hashes and checks human passwords off the async threads, a bounded number
/// at a time. Only sign-in pays for it; requests carry digested tokens.
#[derive(Debug, Clone)]
pub struct PasswordHasher {
    params: Params,
    permits: Arc<Semaphore>,
    decoy: Arc<OnceCell<String>>,
}

impl PasswordHasher {
    /// A hasher with the given cost.
    pub fn new(cost: PasswordHashing) -> Result<Self, CoreError> {
        let params = Params::new(cost.memory_kib, cost.iterations, 1, None)
            .map_err(|err| CoreError::Internal(format!("argon2 parameters: {err}")))?;
        Ok(Self {
            params,
            permits: Arc::new(Semaphore::new(cost.concurrency.max(1))),
            decoy: Arc::default(),
        })
    }

    /// Spends what checking a real password costs, for a login that has none,
    /// so the answer's timing does not tell which logins exist.
    pub async fn verify_decoy(&self, password: &str) -> Result<(), CoreError> {
        let decoy = self
            .decoy
            .get_or_try_init(|| self.hash("decoy password"))
            .await?;
        self.verify(password, decoy).await.map(drop)
    }

    /// The PHC string of `password` with a fresh salt.
    pub async fn hash(&self, password: &str) -> Result<String, CoreError> {
        let password = password.to_owned();
        let params = self.params.clone();
        self.run(move || {
            let mut salt = [0u8; 16];
            getrandom::fill(&mut salt)
                .map_err(|err| CoreError::Internal(format!("random source failed: {err}")))?;
            let salt = SaltString::encode_b64(&salt)
                .map_err(|err| CoreError::Internal(format!("salt: {err}")))?;
            argon(params)
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|err| CoreError::Internal(format!("argon2: {err}")))
        })
        .await
    }

    /// True when `password` matches the stored PHC string.
    pub async fn verify(&self, password: &str, stored: &str) -> Result<bool, CoreError> {
        let password = password.to_owned();
        let stored = stored.to_owned();
        let params = self.params.clone();
        self.run(move || {
            let parsed = PasswordHash::new(&stored)
                .map_err(|err| CoreError::Internal(format!("stored password hash: {err}")))?;
            Ok(argon(params)
                .verify_password(password.as_bytes(), &parsed)
                .is_ok())
        })
        .await
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
    ) -> Result<T, CoreError> {
        // The permit travels with the work: a caller that gives up (a request
        // past its deadline) must not free a slot while its hash still runs.
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| CoreError::Internal("password hasher closed".to_owned()))?;
        tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            result
        })
        .await
        .map_err(|err| CoreError::Internal(format!("password hashing task: {err}")))?
    }
}

fn argon(params: Params) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> PasswordHasher {
        PasswordHasher::new(PasswordHashing {
            memory_kib: 64,
            iterations: 1,
            concurrency: 1,
        })
        .unwrap()
    }

    #[tokio::test]
    async fn right_password_verifies_and_wrong_does_not() {
        let hasher = cheap();
        let stored = hasher.hash("s3cret").await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(hasher.verify("s3cret", &stored).await.unwrap());
        assert!(!hasher.verify("s3cret ", &stored).await.unwrap());
    }

    #[tokio::test]
    async fn the_decoy_is_hashed_once_and_checked_like_a_password() {
        let hasher = cheap();
        hasher.verify_decoy("anything").await.unwrap();
        let decoy = hasher.decoy.get().cloned().unwrap();
        assert!(decoy.starts_with("$argon2id$"));
        hasher.verify_decoy("again").await.unwrap();
        assert_eq!(hasher.decoy.get(), Some(&decoy));
    }
}
