//! The operator commands beyond `account create`: binding an account to an
//! upstream CRM, looking at it, migrating a base.

use std::process::Command;

use serde_json::Value;

use crate::{empty_config, gateway_binary};

/// Runs `crm-gateway account ARGS` over `database_url`: whether it
/// succeeded, and what it printed on both streams.
pub fn account(database_url: &str, args: &[&str]) -> (bool, String) {
    let mut all = vec!["account"];
    all.extend_from_slice(args);
    run(database_url, &all)
}

/// Runs `crm-gateway ARGS` over `database_url`: whether it succeeded, and
/// what it printed on both streams.
pub fn run(database_url: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(gateway_binary())
        .args(args)
        .env("CRM_DATABASE_URL", database_url)
        .env("CRM_CONFIG", empty_config())
        .output()
        .expect("run crm-gateway");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

/// `account bind` of account `acme` to the `dialect` CRM at `url`, with
/// `credentials` (that dialect's member of `account create --json`).
pub fn bind(database_url: &str, dialect: &str, url: &str, credentials: &Value) -> (bool, String) {
    let file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::fs::write(file.path(), credentials.to_string()).expect("write the credentials");
    let path = file.path().to_str().expect("a UTF-8 temporary path");
    let args = [
        "bind",
        "--name",
        "acme",
        "--upstream",
        dialect,
        "--url",
        url,
        "--credentials",
        path,
    ];
    account(database_url, &args)
}
