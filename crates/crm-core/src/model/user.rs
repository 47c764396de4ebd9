use super::{AccountId, Timestamp, UserId};

/// What a user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Administrator of the account.
    Admin,
    /// Ordinary employee.
    User,
}

impl Role {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::User => "user",
        }
    }
}

/// Whether a user may sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserStatus {
    /// May sign in.
    Active,
    /// Blocked.
    Inactive,
}

impl UserStatus {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
        }
    }
}

/// An employee of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Its account.
    pub account: AccountId,
    /// Login, unique within the account.
    pub login: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Status.
    pub status: UserStatus,
    /// The user this one reports to.
    pub manager: Option<UserId>,
    /// When it was created.
    pub created_at: Timestamp,
}

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Login, unique within the account.
    pub login: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
    /// Role.
    pub role: Role,
    /// The user this one reports to.
    pub manager: Option<UserId>,
}
