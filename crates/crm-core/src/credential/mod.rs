//! Secrets: how they are made, how they are kept, how they are checked.

mod password;
mod secret;

pub use password::{PasswordHasher, PasswordHashing};
pub use secret::{KeyKind, Secret, digest};
