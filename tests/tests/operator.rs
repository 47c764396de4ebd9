//! The operator commands of the real binary (DESIGN.md "Operator interface").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use crm_e2e::{Gateway, create_account, empty_config, gateway_binary};
use crm_testkit::TestDb;

fn is_secret(value: &serde_json::Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[tokio::test]
async fn account_create_json_has_the_documented_shape() {
    let db = TestDb::new().await;
    let out = create_account(db.url(), "acme");
    let keys: Vec<&str> = out
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "account",
            "account_id",
            "login",
            "password",
            "eadesk",
            "rest",
            "salesman",
            "planfix"
        ]
    );
    assert_eq!(out["account"], "acme");
    assert!(out["account_id"].as_i64().unwrap() > 0);
    assert_eq!(out["login"], "admin@acme");
    assert!(is_secret(&out["password"]));
    assert!(is_secret(&out["eadesk"]["token"]));
    assert!(is_secret(&out["rest"]["access_token"]));
    assert_eq!(out["salesman"]["login"], "admin@acme");
    assert!(is_secret(&out["salesman"]["apikey"]));
    let planfix = out["planfix"].as_object().unwrap();
    let planfix_keys: Vec<&str> = planfix.keys().map(String::as_str).collect();
    assert_eq!(
        planfix_keys,
        [
            "account",
            "api_key",
            "private_key",
            "login",
            "password",
            "token"
        ]
    );
    assert_eq!(planfix["account"], "acme");
    assert_eq!(planfix["password"], out["password"]);
    assert!(is_secret(&planfix["api_key"]) && is_secret(&planfix["private_key"]));
    assert!(is_secret(&planfix["token"]));
    let secrets = [
        &out["password"],
        &out["eadesk"]["token"],
        &out["rest"]["access_token"],
        &out["salesman"]["apikey"],
        &planfix["api_key"],
        &planfix["private_key"],
        &planfix["token"],
    ];
    for (i, a) in secrets.iter().enumerate() {
        for b in &secrets[i + 1..] {
            assert_ne!(a, b, "two credentials are equal");
        }
    }
}

fn account_create_raw(url: &str, name: &str) -> std::process::Output {
    Command::new(gateway_binary())
        .args(["account", "create", "--name", name])
        .env("CRM_DATABASE_URL", url)
        .env("CRM_CONFIG", empty_config())
        .output()
        .unwrap()
}

#[tokio::test]
async fn account_create_text_lists_every_credential() {
    let db = TestDb::new().await;
    let out = account_create_raw(db.url(), "textual");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for key in [
        "account: textual",
        "login: admin@textual",
        "eadesk.token: ",
        "planfix.private_key: ",
    ] {
        assert!(text.contains(key), "{key} missing from:\n{text}");
    }
}

#[tokio::test]
async fn a_taken_account_name_fails_with_a_message() {
    let db = TestDb::new().await;
    create_account(db.url(), "twice");
    let out = account_create_raw(db.url(), "twice");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("duplicate account"), "{stderr}");
}

#[tokio::test]
async fn an_invalid_account_name_fails_with_a_message() {
    let db = TestDb::new().await;
    let out = account_create_raw(db.url(), "Not Valid");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lowercase letters"), "{stderr}");
}

#[tokio::test]
async fn serve_answers_healthz_and_stops_on_sigterm() {
    let db = TestDb::new().await;
    let gateway = Gateway::start(db.url());
    let response = reqwest::get(gateway.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    gateway.stop_cleanly();
}

#[tokio::test]
async fn serve_stops_cleanly_on_sigterm_sent_while_it_starts() {
    // The listener is announced before the store is connected: a SIGTERM in
    // that window must drain, not kill the process with the default action.
    let db = TestDb::new().await;
    Gateway::start(db.url()).stop_cleanly();
}

#[tokio::test]
async fn sqlite_file_and_its_folder_are_created_on_first_start() {
    let dir = tempfile_dir("first-start");
    let file = dir.join("nested/deeper/crm.db");
    let url = format!("sqlite://{}", file.display());
    let gateway = Gateway::start(&url);
    assert_eq!(
        reqwest::get(gateway.url("/healthz"))
            .await
            .unwrap()
            .status(),
        200
    );
    assert!(file.exists());
    gateway.stop_cleanly();
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_log_records_paths_without_query_strings() {
    let db = TestDb::new().await;
    let gateway = Gateway::start(db.url());
    let secret = "0123456789abcdef0123456789abcdef";
    let url = gateway.url(&format!("/api/clients/person/read?token={secret}"));
    let _ = reqwest::get(url).await.unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let log = gateway.log_lines().join("\n");
    assert!(log.contains("/api/clients/person/read"), "{log}");
    assert!(!log.contains(secret), "token leaked into the log:\n{log}");
}

fn tempfile_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crm-e2e-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// reference/reliability.md G11: the database holds digests of tokens and
/// keys and a hash of the password, never the issued values (the Planfix
/// private key excepted: signatures need it).
#[tokio::test]
async fn no_issued_secret_is_stored_in_plain_text() {
    let db = TestDb::new().await;
    if db.backend() != crm_testkit::Backend::Sqlite {
        return; // the bytes on disk are only this test's to read on SQLite
    }
    let out = create_account(db.url(), "acme");
    let path = db.url().trim_start_matches("sqlite://").to_owned();
    let mut stored = Vec::new();
    for suffix in ["", "-wal"] {
        if let Ok(bytes) = std::fs::read(format!("{path}{suffix}")) {
            stored.extend(bytes);
        }
    }
    assert!(!stored.is_empty());
    let contains = |needle: &str| stored.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(
        contains(out["planfix"]["private_key"].as_str().unwrap()),
        "the test reads the right file"
    );
    for secret in [
        &out["password"],
        &out["eadesk"]["token"],
        &out["rest"]["access_token"],
        &out["salesman"]["apikey"],
        &out["planfix"]["api_key"],
        &out["planfix"]["token"],
    ] {
        assert!(
            !contains(secret.as_str().unwrap()),
            "{secret} is stored as issued"
        );
    }
}
