//! Query strings and `application/x-www-form-urlencoded` bodies decoded as
//! PHP's `parse_str` decodes them (`$_GET`, `$_POST`): bracket keys build
//! nested arrays (`filter[clid]`, `persons[0][socials][blog]`, `tags[]`), in the
//! order they came, under the caller's bounds on pairs and nesting.

use std::fmt;

use thiserror::Error;

use crate::Limits;

/// One parameter value: a string, or a PHP array built from bracket keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// A scalar, percent-decoded.
    Str(String),
    /// An ordered array (`a[x]=1&a[y]=2`).
    Map(ParamMap),
}

impl Param {
    /// The string, when the value is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s),
            Self::Map(_) => None,
        }
    }

    /// The array, when the value is one.
    pub fn as_map(&self) -> Option<&ParamMap> {
        match self {
            Self::Str(_) => None,
            Self::Map(m) => Some(m),
        }
    }
}

/// An ordered map of unique keys, like a PHP array. Integer-like keys are kept
/// as their decimal text; `[]` appends after the largest of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParamMap {
    entries: Vec<(String, Param)>,
}

impl ParamMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Param> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The scalar under `key`; `None` when absent or an array.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Param::as_str)
    }

    /// The array under `key`; `None` when absent or a scalar.
    pub fn get_map(&self, key: &str) -> Option<&ParamMap> {
        self.get(key).and_then(Param::as_map)
    }

    /// True when `key` is present, whatever its value.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`; an existing key keeps its position, as in PHP.
    pub fn insert(&mut self, key: String, value: Param) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Appends under the next integer key (PHP `$a[] = v`).
    pub fn push(&mut self, value: Param) {
        let key = self.next_index().to_string();
        self.entries.push((key, value));
    }

    /// Entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Param)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `$_REQUEST` from `$_GET` and `$_POST`: keys of `over` replace this
    /// map's keys whole (no deep merge), as PHP's `request_order=GP` does.
    pub fn merge_over(&mut self, over: ParamMap) {
        for (k, v) in over.entries {
            self.insert(k, v);
        }
    }

    fn next_index(&self) -> i64 {
        self.entries
            .iter()
            .filter_map(|(k, _)| integer_key(k))
            .max()
            .map_or(0, |max| max.saturating_add(1))
    }

    fn slot(&mut self, key: String) -> &mut Param {
        let index = match self.entries.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.entries.push((key, Param::Map(ParamMap::new())));
                self.entries.len() - 1
            }
        };
        &mut self.entries[index].1
    }
}

/// PHP turns canonical decimal integer keys into integers.
fn integer_key(key: &str) -> Option<i64> {
    let digits = key.strip_prefix('-').unwrap_or(key);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && key != "-0";
    if canonical { key.parse().ok() } else { None }
}

/// Bounds on one decoded parameter set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamLimits {
    /// Most `key=value` pairs (PHP `max_input_vars`).
    pub max_pairs: usize,
    /// Most bracket levels in one key (PHP `max_input_nesting_level`).
    pub max_depth: usize,
}

impl From<&Limits> for ParamLimits {
    fn from(limits: &Limits) -> Self {
        Self {
            max_pairs: limits.max_pairs,
            max_depth: limits.max_depth,
        }
    }
}

/// Why a parameter set was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParamsError {
    /// More pairs than [`ParamLimits::max_pairs`].
    #[error("more than {0} parameters")]
    TooManyPairs(usize),
    /// A key nested deeper than [`ParamLimits::max_depth`].
    #[error("parameter {key} is nested deeper than {max} levels")]
    TooDeep {
        /// The key as sent, cut to 64 characters.
        key: String,
        /// The limit.
        max: usize,
    },
    /// A key or value that is not UTF-8 after percent-decoding.
    #[error("parameter {0} is not valid UTF-8")]
    NotUtf8(String),
}

/// Decodes a query string or urlencoded body as PHP's `parse_str`.
pub fn parse_query(input: &[u8], limits: ParamLimits) -> Result<ParamMap, ParamsError> {
    let mut map = ParamMap::new();
    for pair in decoded_pairs(input, limits.max_pairs) {
        let (key, value) = pair?;
        insert_pair(&mut map, &key, Param::Str(value), limits)?;
    }
    Ok(map)
}

/// The `key=value` pairs of a query string or urlencoded body, in order and
/// as sent: `+` is a space, `%XX` a byte, a key without `=` has an empty
/// value, and each must be UTF-8 once decoded. Past `max_pairs` pairs, the
/// next is an error. Lazy, so a caller that checks each pair as it comes
/// reports the first fault in the string.
pub fn decoded_pairs(
    input: &[u8],
    max_pairs: usize,
) -> impl Iterator<Item = Result<(String, String), ParamsError>> + '_ {
    input
        .split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(move |(i, pair)| {
            if i >= max_pairs {
                return Err(ParamsError::TooManyPairs(max_pairs));
            }
            let (raw_key, raw_value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &b""[..]),
            };
            let key = String::from_utf8(url_decode(raw_key))
                .map_err(|_| ParamsError::NotUtf8(lossy_name(raw_key)))?;
            let value = String::from_utf8(url_decode(raw_value))
                .map_err(|_| ParamsError::NotUtf8(short(&key)))?;
            Ok((key, value))
        })
}

/// Stores one decoded pair under a PHP-style key (also for multipart fields
/// and other sources of `name=value` pairs). A key PHP would drop is dropped.
pub fn insert_pair(
    map: &mut ParamMap,
    key: &str,
    value: Param,
    limits: ParamLimits,
) -> Result<(), ParamsError> {
    let Some(path) = KeyPath::parse(key) else {
        return Ok(());
    };
    if path.segments.len() > limits.max_depth {
        return Err(ParamsError::TooDeep {
            key: short(key),
            max: limits.max_depth,
        });
    }
    insert_at(map, path.base, &path.segments, value);
    Ok(())
}

fn insert_at(map: &mut ParamMap, key: String, rest: &[Option<String>], value: Param) {
    let Some((segment, tail)) = rest.split_first() else {
        map.insert(key, value);
        return;
    };
    let slot = map.slot(key);
    // PHP: writing `a[x]` over a scalar `a` replaces it with an array.
    let mut child = match std::mem::replace(slot, Param::Map(ParamMap::new())) {
        Param::Map(m) => m,
        Param::Str(_) => ParamMap::new(),
    };
    let next = segment
        .clone()
        .unwrap_or_else(|| child.next_index().to_string());
    insert_at(&mut child, next, tail, value);
    *slot = Param::Map(child);
}

/// A key split as PHP splits it: a base name and bracket segments (`None` = `[]`).
#[derive(Debug, PartialEq, Eq)]
struct KeyPath {
    base: String,
    segments: Vec<Option<String>>,
}

impl KeyPath {
    fn parse(key: &str) -> Option<Self> {
        let key = key.trim_start_matches(' ');
        let key = key.split('\0').next().unwrap_or_default();
        let Some(open) = key.find('[') else {
            return Self::plain(key);
        };
        let mut segments = Vec::new();
        let mut rest = &key[open..];
        while let Some(after_open) = rest.strip_prefix('[') {
            let Some(close) = after_open.find(']') else {
                if segments.is_empty() {
                    // PHP: an unmatched first `[` becomes `_` and the key is plain.
                    let mut base = php_base_name(&key[..open]);
                    base.push('_');
                    base.extend(after_open.chars().map(|c| match c {
                        ' ' | '.' | '[' => '_',
                        c => c,
                    }));
                    return (!key[..open].is_empty()).then_some(Self {
                        base,
                        segments: Vec::new(),
                    });
                }
                break;
            };
            let inner = after_open[..close].trim_start_matches([' ', '\t', '\r', '\n']);
            segments.push((!inner.is_empty()).then(|| inner.to_owned()));
            rest = &after_open[close + 1..];
        }
        let base = php_base_name(&key[..open]);
        (!base.is_empty()).then_some(Self { base, segments })
    }

    fn plain(key: &str) -> Option<Self> {
        let base = php_base_name(key);
        (!base.is_empty()).then_some(Self {
            base,
            segments: Vec::new(),
        })
    }
}

/// PHP turns ` ` and `.` in the base name into `_`.
fn php_base_name(name: &str) -> String {
    name.chars()
        .map(|c| if matches!(c, ' ' | '.') { '_' } else { c })
        .collect()
}

/// `urldecode`: `+` is a space, `%XX` a byte, a broken escape stays as sent.
fn url_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < input.len() => match (hex(input[i + 1]), hex(input[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn lossy_name(raw: &[u8]) -> String {
    short(&String::from_utf8_lossy(raw))
}

fn short(s: &str) -> String {
    s.chars().take(64).collect()
}

impl fmt::Display for ParamMap {
    /// A compact debugging form: `{a: x, b: {c: y}}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, (k, v)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match v {
                Param::Str(s) => write!(f, "{k}: {s}")?,
                Param::Map(m) => write!(f, "{k}: {m}")?,
            }
        }
        f.write_str("}")
    }
}

#[cfg(test)]
mod tests;
