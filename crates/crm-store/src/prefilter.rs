//! Index prefilters for searches inside texts: ` AND c.id IN (...)` over the
//! indexes of trigrams (SQLite FTS5 `trigram` tables, PostgreSQL `pg_trgm`)
//! that narrows a regular-expression or word search to the clients whose
//! name or some contact value may match. The exact condition (the regex in
//! Rust, `LIKE` on the folded column) still decides; a prefilter only ever
//! lets through a superset. Needles are always bound, never spliced.

use crm_core::{
    ClientFilter, ClientQuery, ContactKind, LEAST_CHARS, Required, Share, TextField, Visibility,
    normalize_search,
};
use sqlx::{Database, Encode, QueryBuilder, Type};

use crate::filter::like_contains;
use crate::sql::filters;

/// Which SQL the prefilters speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// Whether an index of trigrams narrows this list: a regex with a literal,
/// or a word search every field of which is indexed (unless the list asks
/// for one name, whose index narrows it further).
pub(crate) fn narrows(query: &ClientQuery) -> bool {
    let regex = query
        .search
        .as_ref()
        .is_some_and(|pattern| *pattern.required() != Required::Nothing);
    let words = !crate::filter::names_one(query)
        && query.filters.iter().any(|filter| match filter {
            ClientFilter::Contains { fields, needle } => WordNeedles::of(fields, needle).is_some(),
            _ => false,
        });
    regex || words
}

/// Whether a list's statement is kept prepared for reuse. SQLite's plans do
/// not depend on the values bound (the build enables its query planner
/// stability guarantee, `.cargo/config.toml`), so its statements always
/// are. PostgreSQL would soon plan a statement once for any value, and a
/// generic `LIKE $1` cannot use the trigram index: there a list the index
/// narrows is prepared afresh.
pub(crate) fn reusable(backend: Backend, query: &ClientQuery) -> bool {
    backend == Backend::Sqlite || !narrows(query)
}

/// Whether a page of this list is read from the index's candidates, sorted,
/// rather than by walking the list's order and keeping the clients among
/// them. A page walks about `(offset + limit) * of / matches` entries of
/// the order's index (the offset stays below an anchor's spacing); the
/// candidates number about `matches`, and each costs some twenty entries
/// (at a million clients on SQLite: 2.5 µs for a candidate's row and its
/// place in the sort, 0.13 µs an entry). Counting reads every match either
/// way, and a list whose [`Share`] the core did not work out is taken to be
/// narrow. The walk assumes the matches spread along the order: when they
/// sit at its far end (old clients, newest first), a page walks that far,
/// at worst the whole index, where the candidates would have cost the same
/// whatever their place.
pub(crate) fn starts_from_candidates(query: &ClientQuery) -> bool {
    narrows(query) && !query.share.is_some_and(walk_pays)
}

/// `matches² ≥ 64 · of`: the walk pays from about 40 on this machine; the
/// margin leans towards the candidates, whose cost the matches bound.
fn walk_pays(share: Share) -> bool {
    u128::from(share.matches).pow(2) >= 64 * u128::from(share.of)
}

/// The clients whose stored name, or some contact value, contains what
/// `required` asks; `points` says whether deleted values count. Nothing is
/// pushed when the pattern has no literal an index can use.
pub(crate) fn push_regex_candidates<'a, DB>(
    qb: &mut QueryBuilder<'a, DB>,
    backend: Backend,
    account: i64,
    required: &Required,
    points: Visibility,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    String: Encode<'a, DB> + Type<DB>,
{
    if *required == Required::Nothing {
        return;
    }
    let candidates = Candidates {
        own: Some((&["name"], required.clone())),
        values: Some(("value", required.clone())),
        live_points: points == Visibility::LiveOnly,
    };
    candidates.push(qb, backend, account);
}

/// The clients that may hold `needle` in one of `fields`, folded per field
/// as `filter::push_contains` folds it. Nothing is pushed when a field has
/// no index of trigrams or its needle is too short for one.
pub(crate) fn push_word_candidates<'a, DB>(
    qb: &mut QueryBuilder<'a, DB>,
    backend: Backend,
    account: i64,
    fields: &[TextField],
    needle: &str,
) where
    DB: Database,
    i64: Encode<'a, DB> + Type<DB>,
    String: Encode<'a, DB> + Type<DB>,
{
    let Some(words) = WordNeedles::of(fields, needle) else {
        return;
    };
    let any_value = |values: Vec<String>| match values.len() {
        1 => values.into_iter().map(Required::Text).next(),
        _ => Some(Required::AnyOf(
            values.into_iter().map(Required::Text).collect(),
        )),
    };
    let candidates = Candidates {
        own: (!words.columns.is_empty()).then(|| (&words.columns[..], Required::Text(words.own))),
        values: (!words.values.is_empty())
            .then(|| any_value(words.values))
            .flatten()
            .map(|required| ("value_folded", required)),
        live_points: false,
    };
    candidates.push(qb, backend, account);
}

/// The folded needles of a word search: one for the client's own columns,
/// and those of its contact values (a phone's drops its punctuation).
struct WordNeedles {
    columns: Vec<&'static str>,
    own: String,
    values: Vec<String>,
}

impl WordNeedles {
    fn of(fields: &[TextField], needle: &str) -> Option<Self> {
        let own = needle.to_lowercase();
        let mut words = Self {
            columns: Vec::new(),
            own: own.clone(),
            values: Vec::new(),
        };
        for field in fields {
            match field {
                TextField::Name => words.columns.push("name_folded"),
                TextField::Position => words.columns.push("position_folded"),
                TextField::Phone => {
                    let phone = normalize_search(ContactKind::Phone, needle).to_lowercase();
                    // No phone holds an empty needle: the field adds nothing.
                    if !phone.is_empty() {
                        words.values.push(phone);
                    }
                }
                TextField::Mail | TextField::AnyContact => words.values.push(own.clone()),
                TextField::Description | TextField::Address | TextField::Role => return None,
            }
        }
        words.values.dedup();
        let short = |t: &String| t.chars().count() < LEAST_CHARS;
        let own_short = !words.columns.is_empty() && short(&words.own);
        if own_short || words.values.iter().any(short) {
            return None;
        }
        if words.columns.is_empty() && words.values.is_empty() {
            return None;
        }
        Some(words)
    }
}

/// ` AND c.id IN (...)`: the clients whose own columns, or one of whose
/// contact values, hold what is required of each.
struct Candidates<'c> {
    /// Columns of `clients` (any of them may hold it), and what they hold.
    own: Option<(&'c [&'static str], Required)>,
    /// A column of `contact_points`, and what it holds.
    values: Option<(&'static str, Required)>,
    /// Whether deleted contact points are left out.
    live_points: bool,
}

impl Candidates<'_> {
    fn push<'a, DB>(self, qb: &mut QueryBuilder<'a, DB>, backend: Backend, account: i64)
    where
        DB: Database,
        i64: Encode<'a, DB> + Type<DB>,
        String: Encode<'a, DB> + Type<DB>,
    {
        qb.push(" AND c.id IN (");
        if let Some((columns, required)) = &self.own {
            match backend {
                Backend::Sqlite => {
                    let query = format!("{{{}}} : {}", columns.join(" "), fts_query(required));
                    qb.push(filters::CLIENTS_MATCHING).push_bind(query);
                }
                Backend::Postgres => {
                    qb.push(filters::CLIENTS_OF_ACCOUNT)
                        .push_bind(account)
                        .push(" AND (");
                    for (i, column) in columns.iter().enumerate() {
                        if i > 0 {
                            qb.push(" OR ");
                        }
                        push_like_tree(qb, "n.", column, required);
                    }
                    qb.push(")");
                }
            }
        }
        if let Some((column, required)) = &self.values {
            if self.own.is_some() {
                qb.push(" UNION ");
            }
            match backend {
                Backend::Sqlite => {
                    qb.push(filters::POINTS_MATCHING)
                        .push_bind(account)
                        .push(" AND contact_points_trgm MATCH ")
                        .push_bind(format!("{column} : {}", fts_query(required)));
                }
                Backend::Postgres => {
                    qb.push(filters::POINTS_OF_ACCOUNT)
                        .push_bind(account)
                        .push(" AND ");
                    push_like_tree(qb, "cp.", column, required);
                }
            }
            if self.live_points {
                qb.push(" AND cp.status = 'active'");
            }
        }
        qb.push(")");
    }
}

/// `required` as an FTS5 query: phrases joined by `AND` and `OR`.
fn fts_query(required: &Required) -> String {
    match required {
        Required::Nothing => String::new(),
        Required::Text(text) => phrase(narrowing(text)),
        Required::All(parts) => join(parts, " AND "),
        Required::AnyOf(parts) => join(parts, " OR "),
    }
}

fn join(parts: &[Required], with: &str) -> String {
    let parts: Vec<String> = parts.iter().map(fts_query).collect();
    format!("({})", parts.join(with))
}

/// The part of a required text the index narrows by: its longest word.
/// Every match holds each word of the text, and a phrase with a common word
/// in it (a first name most clients share) makes the index read that word's
/// long lists for nothing; the regex or the filter confirms each candidate.
fn narrowing(text: &str) -> &str {
    text.split_whitespace()
        .rev()
        .max_by_key(|word| word.chars().count())
        .filter(|word| word.chars().count() >= LEAST_CHARS)
        .unwrap_or(text)
}

/// An FTS5 string: whatever it holds is one phrase, `"` doubled.
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `required` as `{table}{column} LIKE` conditions joined by `AND` and `OR`.
fn push_like_tree<'a, DB>(
    qb: &mut QueryBuilder<'a, DB>,
    table: &'static str,
    column: &'static str,
    required: &Required,
) where
    DB: Database,
    String: Encode<'a, DB> + Type<DB>,
{
    let (parts, with) = match required {
        Required::Nothing => {
            qb.push("TRUE");
            return;
        }
        Required::Text(text) => {
            qb.push(table)
                .push(column)
                .push(" LIKE ")
                .push_bind(like_contains(narrowing(text)))
                .push(" ESCAPE '\\'");
            return;
        }
        Required::All(parts) => (parts, " AND "),
        Required::AnyOf(parts) => (parts, " OR "),
    };
    qb.push("(");
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            qb.push(with);
        }
        push_like_tree(qb, table, column, part);
    }
    qb.push(")");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_matches_walk_the_order_and_few_start_from_the_candidates() {
        let of = 1_000_000;
        assert!(walk_pays(Share {
            matches: 10_000,
            of
        }));
        assert!(!walk_pays(Share { matches: 2_000, of }));
        assert!(walk_pays(Share {
            matches: 3_000,
            of: 100_000
        }));
    }

    #[test]
    fn fts_phrases_quote_their_quotes() {
        let required = Required::All(vec![
            Required::Text("a\"b cd".to_owned()),
            Required::AnyOf(vec![
                Required::Text("abc".to_owned()),
                Required::Text("def".to_owned()),
            ]),
        ]);
        assert_eq!(
            fts_query(&required),
            "(\"a\"\"b\" AND (\"abc\" OR \"def\"))"
        );
    }

    #[test]
    fn the_index_narrows_by_the_longest_word() {
        assert_eq!(narrowing("маркеров иван"), "маркеров");
        assert_eq!(narrowing("иван  маркеров "), "маркеров");
        assert_eq!(narrowing("ab cde fgh"), "cde");
        assert_eq!(narrowing("ab cd"), "ab cd");
        assert_eq!(narrowing("+7 (922)"), "(922)");
    }

    #[test]
    fn word_needles_fold_per_field_and_refuse_what_no_index_holds() {
        let words = WordNeedles::of(
            &[TextField::Name, TextField::Phone, TextField::Mail],
            "+7 (922)",
        )
        .unwrap();
        assert_eq!(words.columns, ["name_folded"]);
        assert_eq!(words.values, ["7922", "+7 (922)"]);
        assert!(WordNeedles::of(&[TextField::Name], "ab").is_none());
        assert!(WordNeedles::of(&[TextField::Name, TextField::Role], "abcd").is_none());
    }
}
