#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Replays what the real client library (wmakeev/yeahdesk 0.1.3) put on the
//! wire, byte for byte but for the token and the ids, and compares every
//! answer with a golden file.

mod support;

use std::path::PathBuf;

use axum::body::Body;
use http::{Request, StatusCode};
use support::{App, Reply, golden};

/// The capture's fake token and the ids the real service had issued.
const TOKEN: &str = "ed_tok_0123456789abcdef";
const PERSON: &str = "9067b9dea16f43108e2cce17";
const MAIL: &str = "437a6ecdbc4d4662b235503c";
const PHONE: &str = "0c75e157845e41f0a787eb56";

struct Capture {
    name: String,
    text: String,
}

fn captures() -> Vec<Capture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/captures/yeahdesk");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| Capture {
            name: path.file_stem().unwrap().to_str().unwrap().to_owned(),
            text: std::fs::read_to_string(&path).unwrap(),
        })
        .collect()
}

/// Builds the request a capture holds, with `swap` applied to its target.
fn request(text: &str, swap: &dyn Fn(&str) -> String) -> Request<Body> {
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let mut start = lines.next().unwrap().split(' ');
    let (method, target) = (start.next().unwrap(), start.next().unwrap());
    let mut builder = Request::builder().method(method).uri(swap(target));
    for line in lines {
        let (name, value) = line.split_once(": ").unwrap();
        // The body length is recomputed; the host is the test's.
        if !name.eq_ignore_ascii_case("content-length") && !name.eq_ignore_ascii_case("host") {
            builder = builder.header(name, value);
        }
    }
    builder.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn the_real_client_library_session_gets_the_right_answers() {
    let app = App::new().await;
    let mut ids: Vec<(&str, String)> = Vec::new();
    let mut replies: Vec<(String, Reply)> = Vec::new();
    for capture in captures() {
        let swap = |target: &str| {
            let mut target = target.replace(TOKEN, app.token());
            for (fake, real) in &ids {
                target = target.replace(fake, real);
            }
            target
        };
        let reply = app.send(request(&capture.text, &swap)).await;
        let json = reply.json();
        match capture.name.as_str() {
            "01-POST-person-create" => ids.push((PERSON, json["_id"].as_str().unwrap().to_owned())),
            "02-POST-person-contacts-create" => {
                ids.push((PHONE, json["result"]["id"].as_str().unwrap().to_owned()));
            }
            "03-POST-person-contacts-create" => {
                ids.push((MAIL, json["result"]["id"].as_str().unwrap().to_owned()));
            }
            _ => {}
        }
        replies.push((capture.name, reply));
    }
    let statuses: Vec<(&str, StatusCode)> = replies
        .iter()
        .map(|(name, reply)| (name.as_str(), reply.status))
        .collect();
    let mut expected: Vec<(&str, StatusCode)> = replies
        .iter()
        .map(|(name, _)| (name.as_str(), StatusCode::OK))
        .collect();
    if let Some(last) = expected.last_mut() {
        last.1 = StatusCode::UNAUTHORIZED;
    }
    assert_eq!(statuses, expected);
    assert_eq!(replies.len(), 16);
    for (name, reply) in &replies {
        golden(&format!("captures/{name}"), reply);
    }
}
