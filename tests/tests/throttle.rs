//! Failed sign-ins throttled per source address (reference/reliability.md
//! G10): past `[throttle] failed_sign_ins_per_minute`, the address gets each
//! dialect's "too many requests" whatever it sends, and another address is
//! served as before.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::{IpAddr, Ipv4Addr};

use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::{Value, json};

const QUOTA: usize = 5;

fn client_from(address: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::from(address)))
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_address_that_keeps_failing_to_sign_in_is_held_back_in_every_dialect() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("gateway.toml");
    std::fs::write(
        &config,
        format!(
            "[throttle]\nfailed_sign_ins_per_minute = {QUOTA}\nfailed_logins_per_minute = {QUOTA}\n"
        ),
    )
    .unwrap();
    let gateway = Gateway::start_with(db.url(), &config);
    let rest = gateway.url("/rest/client");
    let token = creds["rest"]["access_token"].as_str().unwrap();
    let attacker = client_from([127, 0, 0, 1]);

    // The quota's failures, and the one past it, are answered as usual.
    for attempt in 0..=QUOTA {
        let answer = attacker
            .get(&rest)
            .bearer_auth("wrong")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 401, "attempt {attempt}");
    }
    let held = attacker.get(&rest).bearer_auth(token).send().await.unwrap();
    assert_eq!(held.status(), 429, "even with the right token");
    let retry: u64 = held.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(held.headers()["x-rate-limit-remaining"], "0");
    let body: Value = held.json().await.unwrap();
    assert_eq!(
        body,
        json!({"response": {"name": "Too Many Requests", "message": "Rate limit exceeded.", "code": 0, "status": 429}})
    );

    let eadesk = attacker
        .get(gateway.url("/api/clients/person/read?token=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(eadesk.status(), 429);
    let eadesk: Value = eadesk.json().await.unwrap();
    assert_eq!(eadesk["err"], "ETOO_MANY_REQUESTS", "{eadesk}");
    let salesman: Value = attacker
        .post(gateway.url("/developer/v2/person"))
        .form(&[("action", "fields"), ("login", "x"), ("apikey", "x")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(salesman["error"]["code"], "408", "{salesman}");
    let planfix = attacker
        .post(gateway.url("/xml/"))
        .basic_auth("x", Some("X"))
        .body("<request method=\"contact.getPhoneTypes\"><account>acme</account></request>")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(planfix.contains("<code>0007</code>"), "{planfix}");

    let bystander = client_from([127, 0, 0, 2]);
    let served = bystander
        .get(&rest)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200, "another address is served");

    // A login given wrong passwords from many addresses is held back too.
    let login = |address: [u8; 4], password: &'static str| {
        let body = format!(
            "<request method=\"auth.login\"><account>acme</account><login>admin@acme</login><password>{password}</password></request>"
        );
        let key = creds["planfix"]["api_key"].as_str().unwrap().to_owned();
        let url = gateway.url("/xml/");
        async move {
            client_from(address)
                .post(url)
                .basic_auth(key, Some("X"))
                .body(body)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    for attempt in 0..=QUOTA {
        let octet = u8::try_from(10 + attempt).unwrap();
        let refused = login([127, 0, 0, octet], "wrong").await;
        assert!(
            refused.contains("<code>1001</code>"),
            "attempt {attempt}: {refused}"
        );
    }
    let right = creds["password"].as_str().unwrap().to_owned();
    let held = login([127, 0, 0, 3], Box::leak(right.into_boxed_str())).await;
    assert!(
        held.contains("<code>0007</code>"),
        "the login is held back: {held}"
    );

    let metrics = bystander
        .get(gateway.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(
            "dialect=\"rest\",operation=\"GET /rest/client\",outcome=\"Too Many Requests\""
        ),
        "{metrics}"
    );
}
