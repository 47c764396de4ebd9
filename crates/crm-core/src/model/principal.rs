use super::{AccountId, UserId};

/// Who is calling: the account every query is scoped by, and the user acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    /// The tenant.
    pub account: AccountId,
    /// The acting employee.
    pub user: UserId,
}
