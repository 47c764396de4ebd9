//! Secrets: how they are made, how they are kept, how they are checked.

mod issue;
mod password;
mod secret;

pub use issue::{Credential, KeyKind, SecretName};
pub use password::{PasswordHasher, PasswordHashing};
pub use secret::{Secret, digest};
