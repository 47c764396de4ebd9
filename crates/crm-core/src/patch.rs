/// A change to one attribute: leave it, set it, or clear it. Dialects decide
/// which of their wire forms (absent key, empty element, null) means which.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    /// Leave the stored value as it is.
    #[default]
    Keep,
    /// Replace the stored value.
    Set(T),
    /// Remove the stored value.
    Clear,
}

impl<T> Patch<T> {
    /// `Set` for `Some`, `Keep` for `None`.
    pub fn from_option(value: Option<T>) -> Self {
        value.map_or(Self::Keep, Self::Set)
    }

    /// Applies the change to an optional slot and tells whether the slot changed.
    pub fn apply(self, slot: &mut Option<T>) -> bool
    where
        T: PartialEq,
    {
        let next = match self {
            Self::Keep => return false,
            Self::Set(value) => Some(value),
            Self::Clear => None,
        };
        let changed = *slot != next;
        *slot = next;
        changed
    }

    /// Applies the change to a slot that always has a value; `Clear` writes `empty`.
    pub fn apply_or(self, slot: &mut T, empty: T) -> bool
    where
        T: PartialEq,
    {
        let next = match self {
            Self::Keep => return false,
            Self::Set(value) => value,
            Self::Clear => empty,
        };
        let changed = *slot != next;
        *slot = next;
        changed
    }

    /// True when the patch leaves the value alone.
    pub fn is_keep(&self) -> bool {
        matches!(self, Self::Keep)
    }
}

/// A stored value a [`Patch`] changes: an optional one is set or emptied, one
/// that is always there (a list, a flag) is set or reset to its empty value.
/// The attribute declaration relies on it to derive each attribute's patch.
pub trait Patchable {
    /// What a `Patch::Set` carries.
    type Value;

    /// Applies the change and tells whether the value changed.
    fn patch(&mut self, change: Patch<Self::Value>) -> bool;
}

impl<T: PartialEq> Patchable for Option<T> {
    type Value = T;

    fn patch(&mut self, change: Patch<T>) -> bool {
        change.apply(self)
    }
}

impl<T: PartialEq> Patchable for Vec<T> {
    type Value = Vec<T>;

    fn patch(&mut self, change: Patch<Vec<T>>) -> bool {
        change.apply_or(self, Vec::new())
    }
}

impl Patchable for bool {
    type Value = bool;

    fn patch(&mut self, change: Patch<bool>) -> bool {
        change.apply_or(self, false)
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;

    #[test]
    fn keep_leaves_value_and_reports_no_change() {
        let mut slot = Some("a".to_owned());
        assert!(!Patch::Keep.apply(&mut slot));
        assert_eq!(slot.as_deref(), Some("a"));
    }

    #[test]
    fn set_to_same_value_reports_no_change() {
        let mut slot = Some("a".to_owned());
        assert!(!Patch::Set("a".to_owned()).apply(&mut slot));
    }

    #[test]
    fn clear_removes_value() {
        let mut slot = Some(3);
        assert!(Patch::Clear.apply(&mut slot));
        assert_eq!(slot, None);
    }

    #[test]
    fn clear_on_required_slot_writes_empty() {
        let mut slot = vec![1, 2];
        assert!(Patch::Clear.apply_or(&mut slot, Vec::new()));
        assert!(slot.is_empty());
    }
}
