//! Golden answers read with a wire type and written again: a dialect's
//! answers must parse as well as render, for the side that calls a real
//! service.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads a golden body with one wire type and writes it again.
pub type Reader = fn(&str) -> Result<String, String>;

/// Reads `text` as `T` and writes the value back.
pub fn read_as<T: Serialize + DeserializeOwned>(text: &str) -> Result<String, String> {
    let value: T = serde_json::from_str(text).map_err(|err| format!("does not read: {err}"))?;
    serde_json::to_string(&value).map_err(|err| format!("does not write: {err}"))
}

/// Every file below `dir`, by its path below `dir` (`captures/01-auth.login.xml`),
/// sorted: what a table of golden files must name.
pub fn files_below(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    let mut names: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(dir)
                .unwrap()
                .to_str()
                .unwrap()
                .replace('\\', "/")
        })
        .collect();
    names.sort();
    names
}

/// Every `.json` below `dir`, named without the extension
/// (`captures/01-POST-person-create`), sorted.
pub fn golden_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = files_below(dir)
        .into_iter()
        .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
        .collect();
    names.sort();
    names
}

/// What is wrong with reading `original` through `reader`: it does not
/// read, or what it writes differs in meaning (as JSON values) or in bytes.
pub fn difference(original: &str, reader: Reader) -> Option<String> {
    let written = match reader(original) {
        Ok(written) => written,
        Err(err) => return Some(err),
    };
    let before: Value = serde_json::from_str(original).unwrap();
    let after: Value = serde_json::from_str(&written).unwrap();
    if before != after {
        return Some(format!(
            "meaning differs:\n  read  {before}\n  wrote {after}"
        ));
    }
    // Our wire types keep the order of the keys, so the bytes come back too.
    (written != original).then(|| format!("bytes differ:\n  read  {original}\n  wrote {written}"))
}

/// Checks that `table` names every golden file under `dir` exactly once and
/// that each reads and writes back unchanged. `prepare` turns a golden's
/// text into the body it stands for (undoing placeholders of other JSON
/// types, for instance).
pub fn check_goldens(dir: &Path, table: &[(&str, Reader)], prepare: fn(&str) -> String) {
    let mut listed: Vec<String> = table.iter().map(|(name, _)| (*name).to_owned()).collect();
    listed.sort();
    assert_eq!(
        golden_names(dir),
        listed,
        "every golden file needs exactly one reader in the table"
    );
    let failures: Vec<String> = table
        .iter()
        .filter_map(|(name, reader)| {
            let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
            let body = prepare(text.trim_end_matches('\n'));
            difference(&body, *reader).map(|why| format!("{name}: {why}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
