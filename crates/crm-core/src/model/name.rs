/// A client's name. The full name is what most dialects show; the parts exist
/// when a dialect wrote them separately (Planfix `name` + `midName` + `lastName`).
///
/// reference/DECISIONS.md "Across dialects": parts read elsewhere as
/// `"<last> <given> <middle>"`; a full name written elsewhere clears the parts,
/// so Planfix then reads it whole as `name` with an empty `lastName`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    full: String,
    parts: Option<NameParts>,
}

/// The separately written parts of a name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameParts {
    /// Given name (Planfix `name` without the middle name).
    pub given: String,
    /// Middle name or patronymic.
    pub middle: String,
    /// Family name.
    pub last: String,
}

impl Name {
    /// A name written whole.
    pub fn full(full: impl Into<String>) -> Self {
        Self {
            full: full.into(),
            parts: None,
        }
    }

    /// A name written in parts; the full form is joined from them.
    pub fn from_parts(given: &str, middle: &str, last: &str) -> Self {
        let full = [last, given, middle]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            full,
            parts: Some(NameParts {
                given: given.to_owned(),
                middle: middle.to_owned(),
                last: last.to_owned(),
            }),
        }
    }

    /// Rebuilds a stored name; the store keeps both forms.
    pub fn restore(full: String, parts: Option<NameParts>) -> Self {
        Self { full, parts }
    }

    /// The whole name as most dialects show it.
    pub fn as_full(&self) -> &str {
        &self.full
    }

    /// The parts, when they were written separately.
    pub fn parts(&self) -> Option<&NameParts> {
        self.parts.as_ref()
    }
}

/// The form names are compared and sorted in: lowercase, without the
/// surrounding whitespace PHP's `trim` removes, so a name sent with a stray
/// space still finds its twin (reference/salesman.md §6 "add").
pub fn fold_name(name: &str) -> String {
    name.trim_matches([' ', '\t', '\n', '\r', '\x0B'])
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{Name, fold_name};

    #[test]
    fn folded_names_ignore_case_and_surrounding_whitespace() {
        assert_eq!(fold_name("\t Иван Петров \r\n"), "иван петров");
        assert_eq!(fold_name("Иван  Петров"), "иван  петров");
    }

    #[test]
    fn parts_join_last_name_first() {
        let name = Name::from_parts("Иван", "Петрович", "Сидоров");
        assert_eq!(name.as_full(), "Сидоров Иван Петрович");
    }

    #[test]
    fn empty_parts_leave_no_double_spaces() {
        assert_eq!(Name::from_parts("Иван", "", "").as_full(), "Иван");
        assert_eq!(Name::from_parts("", "", "Сидоров").as_full(), "Сидоров");
    }

    #[test]
    fn full_name_has_no_parts() {
        assert!(Name::full("ООО Ромашка").parts().is_none());
    }
}
