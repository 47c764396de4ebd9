mod pcre_classes;
mod required;

use regex::{Regex, RegexBuilder};

use crate::CoreError;
pub use required::{LEAST_CHARS, Required};

/// Bounds on a caller's regular expression (reference/reliability.md §1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchLimits {
    /// Longest pattern accepted, in bytes.
    pub max_pattern_bytes: usize,
    /// Compiled program size limit.
    pub size_limit: usize,
    /// Lazy DFA cache size limit.
    pub dfa_size_limit: usize,
    /// Deepest nesting of groups and repetitions.
    pub nest_limit: u32,
}

impl Default for SearchLimits {
    fn default() -> Self {
        Self {
            max_pattern_bytes: 256,
            size_limit: 256 * 1024,
            dfa_size_limit: 1024 * 1024,
            nest_limit: 32,
        }
    }
}

/// A caller's regular expression, compiled by a linear-time engine under size
/// limits. It is matched in the gateway, never sent to the database as text.
#[derive(Debug, Clone)]
pub struct SearchPattern {
    given: String,
    regex: Regex,
    required: Required,
}

impl SearchPattern {
    /// Compiles `pattern`, or says in a sentence why it cannot.
    pub fn new(pattern: &str, limits: &SearchLimits) -> Result<Self, CoreError> {
        if pattern.len() > limits.max_pattern_bytes {
            return Err(CoreError::invalid(
                "search",
                format!(
                    "regular expression is longer than {} bytes",
                    limits.max_pattern_bytes
                ),
            ));
        }
        let pcre = pcre_classes::ascii_perl_classes(pattern, limits.nest_limit);
        let pattern_run = pcre.as_deref().unwrap_or(pattern);
        let regex = RegexBuilder::new(pattern_run)
            .size_limit(limits.size_limit)
            .dfa_size_limit(limits.dfa_size_limit)
            .nest_limit(limits.nest_limit)
            .build()
            .map_err(|err| CoreError::invalid("search", invalid_message(&err)))?;
        // The regex crate parsed the same text with the same limits, so this
        // parse succeeds; were it ever to fail, the search only goes unhelped.
        let required = regex_syntax::ParserBuilder::new()
            .nest_limit(limits.nest_limit)
            .build()
            .parse(pattern_run)
            .map_or(Required::Nothing, |hir| Required::of(&hir));
        Ok(Self {
            given: pattern.to_owned(),
            regex,
            required,
        })
    }

    /// What every text the pattern matches contains: the search's index
    /// prefilter.
    pub fn required(&self) -> &Required {
        &self.required
    }

    /// True when the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    /// The pattern as given.
    pub fn as_str(&self) -> &str {
        &self.given
    }
}

impl PartialEq for SearchPattern {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

fn invalid_message(err: &regex::Error) -> String {
    match err {
        regex::Error::CompiledTooBig(_) => "regular expression is too large".to_owned(),
        other => format!(
            "invalid regular expression: {}",
            one_line(&other.to_string())
        ),
    }
}

fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_are_pcre_s_ascii_and_fit_the_limits() {
        let limits = SearchLimits::default();
        for ordinary in [r"\w{6}", r"\w{10}", r"\w{2,4}\w{2,4}", r"^\d{3}-\d{2}"] {
            SearchPattern::new(ordinary, &limits).unwrap_or_else(|e| panic!("{ordinary}: {e:?}"));
        }
        let word = SearchPattern::new(r"^\w+$", &limits).unwrap();
        assert!(word.is_match("Ivan_2"));
        assert!(!word.is_match("Иван"), "PCRE's \\w is ASCII");
        assert_eq!(word.as_str(), r"^\w+$");
    }

    #[test]
    fn plain_pattern_matches() {
        let p = SearchPattern::new(r"\+7 \(922\)", &SearchLimits::default()).unwrap();
        assert!(p.is_match("+7 (922) 250-50-50"));
        assert!(!p.is_match("+7 (342) 250-50-50"));
    }

    #[test]
    fn backreference_is_refused_with_a_message() {
        let err = SearchPattern::new(r"(a)\1", &SearchLimits::default()).unwrap_err();
        let CoreError::Invalid { field, message } = err else {
            panic!("expected invalid");
        };
        assert_eq!(field, "search");
        assert!(
            message.starts_with("invalid regular expression"),
            "{message}"
        );
    }

    #[test]
    fn huge_repetition_is_refused() {
        let err = SearchPattern::new("a{1000}{1000}", &SearchLimits::default()).unwrap_err();
        assert!(matches!(
            err,
            CoreError::Invalid {
                field: "search",
                ..
            }
        ));
    }

    #[test]
    fn long_pattern_is_refused() {
        let limits = SearchLimits::default();
        let err = SearchPattern::new(&"a".repeat(257), &limits).unwrap_err();
        assert!(matches!(
            err,
            CoreError::Invalid {
                field: "search",
                ..
            }
        ));
    }

    #[test]
    fn nested_quantifiers_run_in_linear_time() {
        let p = SearchPattern::new("(a+)+$", &SearchLimits::default()).unwrap();
        let haystack = format!("{}!", "a".repeat(100_000));
        assert!(!p.is_match(&haystack));
    }
}
