//! `GET /metrics` after the cross-dialect traffic and a refused request in
//! each dialect: every dialect and operation exercised is counted, each
//! refusal under its dialect's own error code, and no label holds a value
//! outside its closed set (no id, login or path).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use crm_e2e::dialect::Session;
use crm_e2e::traffic::{renamed_and_read_everywhere, written_and_read_everywhere};
use crm_e2e::{Gateway, create_account};
use crm_testkit::{Backend, TestDb};

/// Each sample of `metric` in the exposition `text`: its labels and value.
fn samples(text: &str, metric: &str) -> Vec<(BTreeMap<String, String>, f64)> {
    text.lines()
        .filter_map(|line| line.strip_prefix(metric))
        .filter_map(|rest| match rest.strip_prefix(' ') {
            Some(value) => Some(("", value)),
            None => rest.strip_prefix('{')?.rsplit_once("} "),
        })
        .map(|(labels, value)| {
            let labels = labels
                .split("\",")
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (key, value) = pair.split_once("=\"").unwrap();
                    (key.to_owned(), value.trim_end_matches('"').to_owned())
                })
                .collect();
            (labels, value.parse().unwrap())
        })
        .collect()
}

/// Whether `outcome` is a code of `dialect`'s error table, or a success.
fn closed_outcome(dialect: &str, outcome: &str) -> bool {
    let digits = |n: usize| outcome.len() == n && outcome.bytes().all(|b| b.is_ascii_digit());
    let yii = [
        "Bad Request",
        "Unauthorized",
        "Forbidden",
        "Not Found",
        "Method Not Allowed",
        "Conflict",
        "Request Entity Too Large",
        "Unsupported Media Type",
        "Data Validation Failed.",
        "Too Many Requests",
        "Internal Server Error",
        "Service Unavailable",
    ];
    matches!(outcome, "ok" | "3xx" | "4xx" | "5xx")
        || match dialect {
            "eadesk" => {
                outcome.starts_with('E')
                    && outcome.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
            }
            "rest" => yii.contains(&outcome),
            "salesman" => [
                "400", "401", "402", "403", "404", "405", "406", "408", "413", "500",
            ]
            .contains(&outcome),
            "planfix" => digits(4),
            _ => false,
        }
}

fn closed_operation(dialect: &str, operation: &str) -> bool {
    let known = crm_gateway::metrics::OPERATIONS
        .iter()
        .find(|(d, _)| *d == dialect)
        .is_some_and(|(_, ops)| ops.contains(&operation));
    let salesman = dialect == "salesman" && crm_salesman::op::ACTIONS.contains(&operation);
    let planfix = dialect == "planfix"
        && (operation == "userpic"
            || operation.starts_with("auth.")
            || operation.starts_with("contact."));
    known || salesman || planfix || operation == "unknown"
}

#[tokio::test]
async fn every_call_is_counted_under_labels_of_closed_sets() {
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let base = gateway.url("");
    let session = Session::open(&base, credentials).await;
    let mut failures = written_and_read_everywhere(&session).await;
    failures.extend(renamed_and_read_everywhere(&session).await);
    assert!(failures.is_empty(), "{failures:?}");
    let http = reqwest::Client::new();
    let refused = [
        http.get(format!("{base}/api/clients/person/read?token=wrong")),
        http.get(format!("{base}/rest/client/1?access-token=wrong")),
        http.post(format!("{base}/developer/v2/person")).form(&[
            ("action", "info"),
            ("apikey", "wrong"),
            ("login", "x"),
        ]),
        http.post(format!("{base}/xml/"))
            .basic_auth("wrong", Some("x"))
            .body("<request method=\"contact.get\"><account>acme</account></request>"),
        http.get(format!(
            "{base}/api/clients/person/no/such/call/12345?token=wrong"
        )),
    ];
    for request in refused {
        request.send().await.unwrap();
    }

    let text = http
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let requests = samples(&text, "crm_requests_total");
    assert!(!requests.is_empty(), "{text}");
    let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
    for (labels, _) in &requests {
        let (dialect, operation, outcome) =
            (&labels["dialect"], &labels["operation"], &labels["outcome"]);
        assert!(
            ["eadesk", "rest", "salesman", "planfix", "other"].contains(&dialect.as_str()),
            "{labels:?}"
        );
        assert!(closed_operation(dialect, operation), "{labels:?}");
        assert!(closed_outcome(dialect, outcome), "{labels:?}");
        seen.insert((dialect.clone(), operation.clone(), outcome.clone()));
    }
    let expected = [
        ("eadesk", "create", "ok"),
        ("eadesk", "read", "ok"),
        ("eadesk", "update/{id}", "ok"),
        ("eadesk", "read", "EUNAUTHORIZED"),
        ("rest", "POST /rest/client", "ok"),
        ("rest", "GET /rest/client/{id}", "ok"),
        ("rest", "GET /rest/client/{id}", "Unauthorized"),
        ("salesman", "add", "ok"),
        ("salesman", "info", "ok"),
        ("salesman", "info", "400"),
        ("planfix", "auth.login", "ok"),
        ("planfix", "contact.add", "ok"),
        ("planfix", "contact.get", "ok"),
        ("planfix", "contact.update", "ok"),
    ];
    for (dialect, operation, outcome) in expected {
        let key = (dialect.to_owned(), operation.to_owned(), outcome.to_owned());
        assert!(seen.contains(&key), "{key:?} missing from {seen:#?}");
    }
    let latency = samples(&text, "crm_request_duration_seconds_count");
    assert!(
        latency
            .iter()
            .any(|(l, n)| l["operation"] == "contact.get" && *n >= 8.0),
        "{text}"
    );
    let calls = samples(&text, "crm_store_call_duration_seconds_count");
    let named: BTreeSet<&str> = calls.iter().map(|(l, _)| l["call"].as_str()).collect();
    assert!(named.len() >= 3, "store calls timed by name: {named:?}");
    assert!(
        named
            .iter()
            .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')),
        "a store call is named for its method: {named:?}"
    );
    let pool = samples(&text, "crm_store_pool_connections");
    let states: BTreeSet<&str> = pool.iter().map(|(l, _)| l["state"].as_str()).collect();
    assert_eq!(states, BTreeSet::from(["idle", "in_use"]), "{text}");
    assert!(
        pool.iter().any(|(_, n)| *n >= 1.0),
        "an open connection: {text}"
    );
    let most = samples(&text, "crm_store_pool_max_connections");
    assert!(
        most.iter().all(|(_, n)| *n >= 1.0) && most.len() == 1,
        "{text}"
    );
    if db.backend() == Backend::Sqlite {
        let commits = samples(&text, "crm_store_group_commits_total");
        assert!(
            commits.iter().any(|(_, n)| *n >= 1.0),
            "the creates' commits: {text}"
        );
    }
}

#[tokio::test]
async fn metrics_with_a_listener_of_their_own_are_not_served_beside_the_api() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("gateway.toml");
    std::fs::write(&config, "[metrics]\nlisten = \"127.0.0.1:0\"\n").unwrap();
    let gateway = Gateway::start_with(db.url(), &config);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let address = loop {
        let found = gateway.log_lines().into_iter().find_map(|line| {
            let at = line.find("listen=")?;
            line.contains("metrics")
                .then(|| line[at + 7..].split_whitespace().next().unwrap().to_owned())
        });
        if let Some(address) = found {
            break address;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no metrics listener in the log"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let http = reqwest::Client::new();
    let own = http
        .get(format!("http://{address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    let beside = http.get(gateway.url("/metrics")).send().await.unwrap();
    assert_eq!(beside.status(), 404);
}
