use super::{AccountId, Timestamp};
use crate::CoreError;

/// A tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id.
    pub id: AccountId,
    /// Its name (Planfix `<account>`).
    pub name: AccountName,
    /// When it was created.
    pub created_at: Timestamp,
    /// When the operator disabled it; its credentials are refused meanwhile.
    pub disabled_at: Option<Timestamp>,
}

/// An account name: what Planfix clients send as `<account>` (the subdomain of
/// `acme.planfix.ru`), so it is held to subdomain rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountName(String);

impl AccountName {
    /// Checks the name: 1 to 63 of `a-z 0-9 -`, not starting or ending with `-`.
    pub fn parse(name: &str) -> Result<Self, CoreError> {
        let valid_chars = name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let valid = (1..=63).contains(&name.len())
            && valid_chars
            && !name.starts_with('-')
            && !name.ends_with('-');
        if valid {
            Ok(Self(name.to_owned()))
        } else {
            Err(CoreError::invalid(
                "account",
                "use 1 to 63 lowercase letters, digits or '-', not at either end",
            ))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the store needs to create an account with its first user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// The account's name.
    pub name: AccountName,
}

#[cfg(test)]
mod tests {
    use super::AccountName;

    #[test]
    fn subdomain_names_are_accepted() {
        for ok in ["acme", "a", "acme-2", "0day"] {
            assert!(AccountName::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn other_names_are_refused() {
        for bad in [
            "",
            "Acme",
            "-acme",
            "acme-",
            "ac me",
            "acme.ru",
            &"a".repeat(64),
        ] {
            assert!(AccountName::parse(bad).is_err(), "{bad}");
        }
    }
}
