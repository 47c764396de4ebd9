//! The Planfix XML Schema (`api/planfix.xsd`, served at
//! `/openapi/planfix.xsd`) holds every golden answer of the dialect's tests
//! and every request the captured client libraries sent. `xmllint` checks
//! it; outside CI the test is skipped when `xmllint` is missing (`.ci/run`
//! installs Debian's `libxml2-utils`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn xml_files(dir: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            xml_files(&path, extension, found);
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
}

/// The golden files' placeholders as values of their kind: a sid or a
/// picture hash, a date, and ids.
fn substituted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        let named = !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit());
        out.push_str(match name {
            "sid" | "h" => "0123456789abcdef0123456789abcdef",
            "date" => "01-01-2000 00:00",
            _ if named => "1",
            _ => &rest[open..=open + close],
        });
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// xmllint's complaint about `xml`, or `None` when it is valid.
fn complaint(xml: &str) -> Option<String> {
    let schema = root().join("crates/crm-gateway/api/planfix.xsd");
    let mut child = Command::new("xmllint")
        .args(["--noout", "--schema", schema.to_str().unwrap(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (!output.status.success()).then(|| String::from_utf8_lossy(&output.stderr).into_owned())
}

fn xmllint_here() -> bool {
    let here = Command::new("xmllint").arg("--version").output().is_ok();
    if !here {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "no xmllint; .ci/run installs libxml2-utils"
        );
        eprintln!("skipped: no xmllint (apt-get install libxml2-utils)");
    }
    here
}

#[test]
fn every_golden_answer_and_captured_request_fits_the_schema() {
    if !xmllint_here() {
        return;
    }
    let mut answers = Vec::new();
    xml_files(
        &root().join("crates/crm-planfix/tests/golden"),
        "xml",
        &mut answers,
    );
    let mut requests = Vec::new();
    xml_files(
        &root().join("crates/crm-planfix/tests/captures"),
        "txt",
        &mut requests,
    );
    assert!(
        answers.len() >= 40 && requests.len() >= 20,
        "{answers:?} {requests:?}"
    );
    let mut wrong = Vec::new();
    for file in &answers {
        let xml = substituted(&std::fs::read_to_string(file).unwrap());
        if let Some(why) = complaint(&xml) {
            wrong.push(format!("{}: {why}", file.display()));
        }
    }
    for file in &requests {
        let message = std::fs::read_to_string(file).unwrap();
        let (_, body) = message
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("{}", file.display()));
        if let Some(why) = complaint(body) {
            wrong.push(format!("{}: {why}", file.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_schema_refuses_what_the_dialect_refuses() {
    if !xmllint_here() {
        return;
    }
    for refused in [
        "<request method=\"contact.get\"><contact><id>1</id></contact></request>",
        "<request method=\"contact.nope\"><account>acme</account></request>",
        "<request method=\"contact.get\"><account>acme</account><contact><id>x</id></contact></request>",
        "<response status=\"maybe\"><sid>1</sid></response>",
    ] {
        assert!(complaint(refused).is_some(), "{refused}");
    }
    let asked = "<request method=\"contact.get\"><account>acme</account><contact><id>1</id></contact></request>";
    assert_eq!(complaint(asked), None);
}

#[test]
fn placeholders_become_values_of_their_kind() {
    assert_eq!(
        substituted("<sid>{sid}</sid><id>{id}</id><d>{date}</d><x>{}</x>"),
        "<sid>0123456789abcdef0123456789abcdef</sid><id>1</id><d>01-01-2000 00:00</d><x>{}</x>"
    );
}
