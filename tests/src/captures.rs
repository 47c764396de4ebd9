//! The sessions real client libraries recorded (the captures of
//! crates/crm-eadesk and crates/crm-planfix), played against a running
//! gateway with its account's credentials: each capture is read as a
//! request whose secrets are redacted, and the replay's own rewriting puts
//! the account's credentials, its Planfix session and signatures, and the
//! ids this gateway gave in their place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crm_replay::exchange::{Answer, Body, Exchange, Request};
use crm_replay::lane::Lane;
use crm_replay::{Credentials, classify, secrets};
use serde_json::Value;

/// The capture folders, each with its dialect.
pub const FOLDERS: &[&str] = &[
    "crm-eadesk/tests/captures/yeahdesk",
    "crm-planfix/tests/captures/planfix-go",
    "crm-planfix/tests/captures/planfix-api",
    "crm-planfix/tests/captures/planfix-php-client",
];

/// The ids the real services had given in the captures.
const EADESK_PERSON: &str = "9067b9dea16f43108e2cce17";
const EADESK_MAIL: &str = "437a6ecdbc4d4662b235503c";
const EADESK_PHONE: &str = "0c75e157845e41f0a787eb56";
const PLANFIX_CONTACT: &str = "4021";

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates")
}

/// The request a capture file holds, as an exchange with no answer.
fn read(path: &Path) -> Exchange {
    let raw = std::fs::read(path).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let mut lines = head.split("\r\n");
    let mut start = lines.next().unwrap().split(' ');
    let (method, target) = (start.next().unwrap(), start.next().unwrap());
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            (name.trim().to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    let length: usize =
        crm_replay::exchange::header(&headers, "content-length").map_or(0, |v| v.parse().unwrap());
    let body = &raw[split + 4..split + 4 + length];
    classify::complete(Exchange {
        at: String::new(),
        dialect: String::new(),
        operation: String::new(),
        account: String::new(),
        request: Request {
            method: method.to_owned(),
            target: target.to_owned(),
            headers,
            body: Body::of(body, false),
        },
        answer: Answer {
            status: 0,
            headers: Vec::new(),
            body: Body::default(),
        },
    })
}

/// Plays every capture against the gateway at `base` as the account of
/// `credentials` (`account create --json`); how many requests were sent.
pub async fn play(base: &str, credentials: &Value) -> usize {
    let credentials: Credentials = serde_json::from_value(credentials.clone()).unwrap();
    let mut sent = 0;
    for folder in FOLDERS {
        let dir = crates_dir().join(folder);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        let mut lane = Lane::new(base, Some(credentials.clone()), Duration::from_secs(10)).unwrap();
        for file in files {
            let exchange = secrets::redact(read(&file));
            let prepared = lane.prepare(&exchange).unwrap().unwrap();
            let answer = lane.send(&exchange, prepared).await.unwrap();
            let name = file.file_stem().unwrap().to_str().unwrap();
            learn(&mut lane, name, &answer);
            sent += 1;
        }
    }
    sent
}

/// Notes the id this gateway gave where the capture's service gave its own.
fn learn(lane: &mut Lane, name: &str, answer: &Answer) {
    let json = || serde_json::from_str::<Value>(&answer.body.text).unwrap_or(Value::Null);
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let (kind, fake, real) = match name {
        "01-POST-person-create" => ("client", EADESK_PERSON, text(&json()["_id"])),
        "02-POST-person-contacts-create" => {
            ("contact", EADESK_PHONE, text(&json()["result"]["id"]))
        }
        "03-POST-person-contacts-create" => ("contact", EADESK_MAIL, text(&json()["result"]["id"])),
        name if name.ends_with("contact.add") => {
            let id = secrets::element_texts(&answer.body.text, "id")
                .next()
                .unwrap_or_default();
            ("client", PLANFIX_CONTACT, id.to_owned())
        }
        _ => return,
    };
    assert!(!real.is_empty(), "{name}: {}", answer.body.text);
    assert!(
        lane.ids.agree(kind, fake, &real),
        "{name}: {fake} -> {real}"
    );
}
