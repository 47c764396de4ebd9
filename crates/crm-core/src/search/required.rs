//! The plain substrings any text a regular expression matches must contain,
//! read off its syntax tree: what lets an index of trigrams narrow a search
//! before the regex itself confirms each candidate.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The fewest characters a substring must have for an index of trigrams to
/// find it.
pub const LEAST_CHARS: usize = 3;

/// What a matching text must contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Required {
    /// Nothing an index can use: every text is a candidate.
    Nothing,
    /// This substring, exactly (same case), of at least [`LEAST_CHARS`].
    Text(String),
    /// Every one of these; never empty, no `Nothing` among them.
    All(Vec<Required>),
    /// At least one of these; never empty, no `Nothing` among them.
    AnyOf(Vec<Required>),
}

impl Required {
    /// What texts matching `hir` must contain.
    pub fn of(hir: &Hir) -> Self {
        shape(hir).into_required()
    }
}

/// A node of the tree: the one string it matches, when there is one, and
/// what every match contains otherwise.
struct Shape {
    exact: Option<String>,
    required: Required,
}

impl Shape {
    fn exact(text: String) -> Self {
        Self {
            exact: Some(text),
            required: Required::Nothing,
        }
    }

    fn loose(required: Required) -> Self {
        Self {
            exact: None,
            required,
        }
    }

    fn into_required(self) -> Required {
        match self.exact {
            Some(text) => text_of(text),
            None => self.required,
        }
    }
}

fn shape(hir: &Hir) -> Shape {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Shape::exact(String::new()),
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(text) => Shape::exact(text.to_owned()),
            Err(_) => Shape::loose(Required::Nothing),
        },
        HirKind::Class(Class::Unicode(class)) => match class.ranges() {
            [only] if only.start() == only.end() => Shape::exact(only.start().to_string()),
            _ => Shape::loose(Required::Nothing),
        },
        HirKind::Class(Class::Bytes(_)) => Shape::loose(Required::Nothing),
        HirKind::Capture(capture) => shape(&capture.sub),
        HirKind::Repetition(rep) if rep.min == 0 => Shape::loose(Required::Nothing),
        HirKind::Repetition(rep) => {
            let inner = shape(&rep.sub);
            if rep.min == 1 && rep.max == Some(1) {
                inner
            } else {
                Shape::loose(inner.into_required())
            }
        }
        HirKind::Concat(parts) => concat(parts),
        HirKind::Alternation(choices) => {
            Shape::loose(any_of(choices.iter().map(Required::of).collect()))
        }
    }
}

/// Adjacent exact parts join into one substring; the others add their own
/// requirements.
fn concat(parts: &[Hir]) -> Shape {
    let mut run = String::new();
    let mut all = Vec::new();
    let mut every_part_exact = true;
    for part in parts.iter().map(shape) {
        match part.exact {
            Some(text) => run.push_str(&text),
            None => {
                every_part_exact = false;
                all.push(text_of(std::mem::take(&mut run)));
                all.push(part.required);
            }
        }
    }
    if every_part_exact {
        return Shape::exact(run);
    }
    all.push(text_of(run));
    Shape::loose(all_of(all))
}

fn text_of(text: String) -> Required {
    if text.chars().count() >= LEAST_CHARS {
        Required::Text(text)
    } else {
        Required::Nothing
    }
}

fn all_of(parts: Vec<Required>) -> Required {
    let mut usable: Vec<Required> = parts
        .into_iter()
        .filter(|p| *p != Required::Nothing)
        .collect();
    match usable.len() {
        0 => Required::Nothing,
        1 => usable.pop().unwrap_or(Required::Nothing),
        _ => Required::All(usable),
    }
}

fn any_of(choices: Vec<Required>) -> Required {
    if choices.is_empty() || choices.contains(&Required::Nothing) {
        return Required::Nothing;
    }
    if choices.len() == 1 {
        return choices.into_iter().next().unwrap_or(Required::Nothing);
    }
    Required::AnyOf(choices)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn required(pattern: &str) -> Required {
        Required::of(&regex_syntax::parse(pattern).unwrap())
    }

    fn text(t: &str) -> Required {
        Required::Text(t.to_owned())
    }

    #[test]
    fn a_plain_word_is_its_own_requirement() {
        assert_eq!(required("Маркеров"), text("Маркеров"));
        assert_eq!(required(r"\+7 \(922\)"), text("+7 (922)"));
    }

    #[test]
    fn wildcards_split_the_literal() {
        assert_eq!(
            required("Марк.*Иван"),
            Required::All(vec![text("Марк"), text("Иван")])
        );
        assert_eq!(required("^Иван$"), text("Иван"));
    }

    #[test]
    fn alternation_needs_a_literal_in_every_branch() {
        assert_eq!(
            required("Иванов|Петров"),
            Required::AnyOf(vec![text("Иванов"), text("Петров")])
        );
        assert_eq!(required("Иванов|.+"), Required::Nothing);
    }

    #[test]
    fn optional_parts_and_short_literals_require_nothing() {
        assert_eq!(required("(Иванов)?"), Required::Nothing);
        assert_eq!(required("ab.cd"), Required::Nothing);
        assert_eq!(required(r"\d+"), Required::Nothing);
        assert_eq!(required("(?:abc)+x"), text("abc"));
    }

    #[test]
    fn case_insensitive_letters_are_no_literal() {
        assert_eq!(required("(?i)иван"), Required::Nothing);
        assert_eq!(required("(?i)9225"), text("9225"));
    }
}
