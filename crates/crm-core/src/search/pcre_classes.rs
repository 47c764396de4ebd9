//! `\d`, `\s` and `\w` as PCRE reads them. The original's `$regex` runs on
//! PCRE, whose classes are ASCII unless a pattern asks for Unicode
//! (`(*UCP)`); Rust's regex reads them as Unicode classes, which match
//! other text (`\w` takes Cyrillic letters) and compile large (`\w{6}`
//! alone passes the size limit). Each is written as the bracket class PCRE
//! means, inside brackets too (Rust's classes nest).

use regex_syntax::ast::parse::ParserBuilder;
use regex_syntax::ast::{self, Ast, ClassPerl, ClassPerlKind, ClassSetItem, Span, Visitor};

/// `pattern` with every `\d \D \s \S \w \W` written as PCRE's ASCII class;
/// `None` when it does not parse (the regex crate then says why).
pub fn ascii_perl_classes(pattern: &str, nest_limit: u32) -> Option<String> {
    let parsed = ParserBuilder::new()
        .nest_limit(nest_limit)
        .build()
        .parse(pattern)
        .ok()?;
    let mut found = Vec::new();
    ast::visit(&parsed, PerlClasses(&mut found)).ok()?;
    found.sort_by_key(|(span, _)| span.start.offset);
    let mut out = String::with_capacity(pattern.len() + 16 * found.len());
    let mut at = 0;
    for (span, class) in found {
        out.push_str(pattern.get(at..span.start.offset)?);
        out.push_str(class);
        at = span.end.offset;
    }
    out.push_str(pattern.get(at..)?);
    Some(out)
}

struct PerlClasses<'a>(&'a mut Vec<(Span, &'static str)>);

impl Visitor for PerlClasses<'_> {
    type Output = ();
    type Err = ();

    fn finish(self) -> Result<(), ()> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
        if let Ast::ClassPerl(class) = ast {
            self.0.push((class.span, ascii(class)));
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
        if let ClassSetItem::Perl(class) = item {
            self.0.push((class.span, ascii(class)));
        }
        Ok(())
    }
}

/// PCRE2's ASCII classes; `\s` has held the vertical tab since PCRE 8.34.
fn ascii(class: &ClassPerl) -> &'static str {
    match (&class.kind, class.negated) {
        (ClassPerlKind::Digit, false) => "[0-9]",
        (ClassPerlKind::Digit, true) => "[^0-9]",
        (ClassPerlKind::Space, false) => r"[\t\n\x0B\x0C\r ]",
        (ClassPerlKind::Space, true) => r"[^\t\n\x0B\x0C\r ]",
        (ClassPerlKind::Word, false) => "[0-9A-Za-z_]",
        (ClassPerlKind::Word, true) => "[^0-9A-Za-z_]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perl_classes_become_ascii_brackets_wherever_they_stand() {
        let cases = [
            (r"\w{6}", "[0-9A-Za-z_]{6}"),
            (r"\+7 \(\d{3}\)", r"\+7 \([0-9]{3}\)"),
            (r"[\w.-]+@", "[[0-9A-Za-z_].-]+@"),
            (r"[^\s]", r"[^[\t\n\x0B\x0C\r ]]"),
            (r"\W\S\D", r"[^0-9A-Za-z_][^\t\n\x0B\x0C\r ][^0-9]"),
            (r"Иван\b", r"Иван\b"),
            (r"\\w", r"\\w"),
        ];
        for (given, written) in cases {
            assert_eq!(
                ascii_perl_classes(given, 32).as_deref(),
                Some(written),
                "{given}"
            );
        }
        assert_eq!(ascii_perl_classes("(", 32), None);
    }
}
