//! The tenant matrix (reference/reliability.md G8): for every operation of
//! every dialect, as the routing tables list them, account `beta`'s
//! credentials against account `acme`'s ids (and Planfix session) get
//! exactly the answer an id that exists nowhere gets, byte for byte once
//! the id itself is set aside; no answer to `beta` holds a trace of
//! `acme`'s clients; and `acme`'s data is as it was afterwards. A new
//! operation fails the coverage check until it has a probe here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::tenant_probes::{Caller, Ids, MARK, Request, probes, text};
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::json;

/// Every operation the routing tables name, by dialect.
fn routed_operations() -> BTreeSet<(String, String)> {
    let mut all = BTreeSet::new();
    for (dialect, operations) in crm_gateway::metrics::OPERATIONS {
        for operation in *operations {
            all.insert(((*dialect).to_owned(), (*operation).to_owned()));
        }
    }
    for action in crm_salesman::op::ACTIONS {
        all.insert(("salesman".to_owned(), (*action).to_owned()));
    }
    for method in crm_planfix::op::Method::ALL {
        all.insert(("planfix".to_owned(), method.name().to_owned()));
    }
    all
}

/// The answer with each number that is one of `ids` (or, for a call that
/// creates a record, every number) written as `{id}`, so an answer about
/// acme's record and one about a missing record can be compared.
fn without_ids(body: &str, ids: Ids, creates: bool) -> String {
    let named = [ids.person, ids.company, ids.point, ids.user].map(|id| id.to_string());
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let end = rest[start..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |n| start + n);
        let number = &rest[start..end];
        let in_version = rest[..start].ends_with('.') || rest[end..].starts_with('.');
        let masked = !in_version && (creates || named.iter().any(|id| id == number));
        out.push_str(&rest[..start]);
        out.push_str(if masked { "{id}" } else { number });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn another_accounts_ids_answer_as_missing_ones_in_every_operation() {
    let probes = probes();
    let probed: BTreeSet<(String, String)> = probes
        .iter()
        .map(|p| (p.dialect.to_owned(), p.operation.to_owned()))
        .collect();
    let unprobed: Vec<_> = routed_operations().difference(&probed).cloned().collect();
    assert!(
        unprobed.is_empty(),
        "operations without a probe: {unprobed:?}"
    );

    let db = TestDb::new().await;
    let acme_creds = create_account(db.url(), "acme");
    let beta_creds = create_account(db.url(), "beta");
    let gateway = Gateway::start(db.url());
    let base = gateway.url("").trim_end_matches('/').to_owned();
    let acme = Session::open(&base, acme_creds.clone()).await;
    let person = Person {
        last: MARK.to_owned(),
        given: "Owner".to_owned(),
        phone: "+79001112233".to_owned(),
        email: format!("{MARK}@example.com"),
    };
    let person_id = acme.write(Dialect::Rest, &person).await;
    let company = acme
        .rest(
            reqwest::Method::POST,
            "",
            Some(json!({"name": format!("{MARK} company"), "type": 1})),
        )
        .await;
    let company_id = company["response"]["id"].as_i64().unwrap();
    let points = acme
        .eadesk_get(&format!("contacts/read?contact_id={person_id}"))
        .await;
    let point_id: i64 = text(&points["result"][0]["id"]).parse().unwrap();
    let ids = Ids {
        person: person_id,
        company: company_id,
        point: point_id,
        user: company["response"]["user"].as_i64().unwrap(),
    };
    let beta = Session::open(&base, beta_creds.clone()).await;
    let caller = Caller {
        base: base.clone(),
        creds: beta_creds,
        sid: beta.planfix_sid().unwrap().to_owned(),
        http: reqwest::Client::new(),
    };

    let mut wrong = Vec::new();
    for probe in &probes {
        let (status, body) = caller.send((probe.send)(&caller, ids)).await;
        if body.contains(MARK) {
            wrong.push(format!(
                "{} {}: beta sees acme's data: {body}",
                probe.dialect, probe.operation
            ));
        }
        if status >= 500 {
            wrong.push(format!(
                "{} {}: {status} {body}",
                probe.dialect, probe.operation
            ));
        }
        if !probe.names_ids {
            continue;
        }
        let (missing_status, missing) = caller.send((probe.send)(&caller, Ids::nowhere())).await;
        let creates = [
            "create",
            "add",
            "add.list",
            "contact.add",
            "POST /rest/client",
        ]
        .contains(&probe.operation);
        let seen = without_ids(&body, ids, creates);
        let unseen = without_ids(&missing, Ids::nowhere(), creates);
        if (status, &seen) != (missing_status, &unseen) {
            wrong.push(format!(
                "{} {}: acme's id {status} {seen}\n    missing id {missing_status} {unseen}",
                probe.dialect, probe.operation
            ));
        }
    }
    let sid_probe = Request::PlanfixIn;
    let (_, with_acme_sid) = caller
        .send(sid_probe(acme.planfix_sid().unwrap().to_owned()))
        .await;
    let (_, with_no_sid) = caller.send(sid_probe("0".repeat(32))).await;
    if with_acme_sid != with_no_sid {
        wrong.push(format!(
            "acme's sid with beta's key: {with_acme_sid} / {with_no_sid}"
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    let seen = acme
        .read(Dialect::Eadesk, person_id)
        .await
        .expect("acme's person is still there");
    assert!(seen.shows(&person), "acme's person is as written: {seen:?}");
}
