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
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use serde_json::{Value, json};

/// In every text of acme's clients: no answer to beta may hold it.
const MARK: &str = "tenantmark";

/// An id no record of any account has.
const NOWHERE: i64 = 987_654_321;

/// acme's ids a probe can name.
#[derive(Debug, Clone, Copy)]
struct Ids {
    person: i64,
    company: i64,
    point: i64,
    user: i64,
}

impl Ids {
    fn nowhere() -> Self {
        Self {
            person: NOWHERE,
            company: NOWHERE,
            point: NOWHERE,
            user: NOWHERE,
        }
    }
}

/// One request of one operation.
struct Probe {
    dialect: &'static str,
    operation: &'static str,
    /// Whether the request names acme's ids (else only the mark is looked for).
    names_ids: bool,
    send: fn(&Caller, Ids) -> Request,
}

enum Request {
    Eadesk(reqwest::Method, String, Option<Value>),
    Rest(reqwest::Method, String, Option<Value>),
    Salesman(Vec<(&'static str, String)>),
    /// A method and the request's children, in beta's session.
    Planfix(&'static str, String),
    /// `contact.getList` in the session `sid`.
    PlanfixIn(String),
}

/// beta's side of the wire.
struct Caller {
    base: String,
    creds: Value,
    sid: String,
    http: reqwest::Client,
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap()
}

impl Caller {
    /// Status and body.
    async fn send(&self, request: Request) -> (u16, String) {
        let creds = &self.creds;
        let builder = match request {
            Request::Eadesk(method, path, body) => {
                let sep = if path.contains('?') { '&' } else { '?' };
                let url = format!(
                    "{}/api/clients/person{path}{sep}token={}",
                    self.base,
                    text(&creds["eadesk"]["token"])
                );
                let builder = self.http.request(method, url);
                match body {
                    Some(body) => builder.json(&body),
                    None => builder,
                }
            }
            Request::Rest(method, path, body) => {
                let url = format!("{}/rest/client{path}", self.base);
                let token = text(&creds["rest"]["access_token"]);
                let builder = self.http.request(method, url).bearer_auth(token);
                match body {
                    Some(body) => builder.json(&body),
                    None => builder,
                }
            }
            Request::Salesman(params) => {
                let mut form: Vec<(&str, String)> = vec![
                    ("login", text(&creds["salesman"]["login"]).to_owned()),
                    ("apikey", text(&creds["salesman"]["apikey"]).to_owned()),
                ];
                form.extend(params);
                self.http
                    .post(format!("{}/developer/v2/person", self.base))
                    .form(&form)
            }
            Request::Planfix(method, children) => self.planfix(method, &children, &self.sid),
            Request::PlanfixIn(sid) => self.planfix("contact.getList", "", &sid),
        };
        let answer = builder.send().await.unwrap();
        let status = answer.status().as_u16();
        (status, answer.text().await.unwrap())
    }

    fn planfix(&self, method: &str, children: &str, sid: &str) -> reqwest::RequestBuilder {
        let body = format!(
            "<request method=\"{method}\"><account>beta</account><sid>{sid}</sid>{children}</request>"
        );
        self.http
            .post(format!("{}/xml/", self.base))
            .basic_auth(text(&self.creds["planfix"]["api_key"]), Some("X"))
            .body(body)
    }
}

fn eadesk(method: reqwest::Method, path: String, body: Option<Value>) -> Request {
    Request::Eadesk(method, path, body)
}

fn rest(method: reqwest::Method, path: String, body: Option<Value>) -> Request {
    Request::Rest(method, path, body)
}

fn salesman(params: &[(&'static str, String)]) -> Request {
    Request::Salesman(params.to_vec())
}

fn planfix(method: &'static str, children: String) -> Request {
    Request::Planfix(method, children)
}

fn probes() -> Vec<Probe> {
    use reqwest::Method as M;
    let p = |dialect, operation, names_ids, send| Probe {
        dialect,
        operation,
        names_ids,
        send,
    };
    vec![
        p("eadesk", "create", false, |_, _| {
            eadesk(M::POST, "/create".into(), Some(json!({"name": "n"})))
        }),
        p("eadesk", "read", true, |_, i| {
            eadesk(M::GET, format!("/read?id={}", i.person), None)
        }),
        p("eadesk", "read", false, |_, _| {
            eadesk(M::GET, format!("/read?search={MARK}"), None)
        }),
        p("eadesk", "update/{id}", true, |_, i| {
            eadesk(
                M::POST,
                format!("/update/{}", i.person),
                Some(json!({"name": "stolen"})),
            )
        }),
        p("eadesk", "delete/{id}", true, |_, i| {
            eadesk(M::POST, format!("/delete/{}", i.person), None)
        }),
        p("eadesk", "contacts/create/{id}", true, |_, i| {
            eadesk(
                M::POST,
                format!("/contacts/create/{}", i.person),
                Some(json!({"value": "x@y.ru", "type": "mail", "service": "mail"})),
            )
        }),
        p("eadesk", "contacts/read", true, |_, i| {
            eadesk(
                M::GET,
                format!("/contacts/read?contact_id={}", i.person),
                None,
            )
        }),
        p("eadesk", "contacts/read", true, |_, i| {
            eadesk(M::GET, format!("/contacts/read?id={}", i.point), None)
        }),
        p("eadesk", "contacts/read", false, |_, _| {
            eadesk(M::GET, format!("/contacts/read?search={MARK}"), None)
        }),
        p("eadesk", "contacts/update/{id}", true, |_, i| {
            eadesk(
                M::POST,
                format!("/contacts/update/{}", i.point),
                Some(json!({"value": "x@y.ru", "type": "mail", "service": "mail"})),
            )
        }),
        p("eadesk", "contacts/delete/{id}", true, |_, i| {
            eadesk(M::POST, format!("/contacts/delete/{}", i.point), None)
        }),
        p("rest", "GET /rest/client", false, |_, _| {
            rest(M::GET, "?per-page=100".into(), None)
        }),
        p("rest", "GET /rest/client", true, |_, i| {
            rest(M::GET, format!("?user_id={}", i.user), None)
        }),
        p("rest", "HEAD /rest/client", false, |_, _| {
            rest(M::HEAD, String::new(), None)
        }),
        p("rest", "OPTIONS /rest/client", false, |_, _| {
            rest(M::OPTIONS, String::new(), None)
        }),
        p("rest", "POST /rest/client", true, |_, i| {
            rest(
                M::POST,
                String::new(),
                Some(json!({"name": "n", "type": 2, "user": i.user})),
            )
        }),
        p("rest", "GET /rest/client/{id}", true, |_, i| {
            rest(M::GET, format!("/{}?expand=user", i.person), None)
        }),
        p("rest", "HEAD /rest/client/{id}", true, |_, i| {
            rest(M::HEAD, format!("/{}", i.person), None)
        }),
        p("rest", "OPTIONS /rest/client/{id}", true, |_, i| {
            rest(M::OPTIONS, format!("/{}", i.person), None)
        }),
        p("rest", "PUT /rest/client/{id}", true, |_, i| {
            rest(
                M::PUT,
                format!("/{}", i.person),
                Some(json!({"name": "stolen"})),
            )
        }),
        p("rest", "PATCH /rest/client/{id}", true, |_, i| {
            rest(
                M::PATCH,
                format!("/{}", i.company),
                Some(json!({"name": "stolen"})),
            )
        }),
        p("rest", "DELETE /rest/client/{id}", true, |_, i| {
            rest(M::DELETE, format!("/{}", i.person), None)
        }),
        p("salesman", "fields", false, |_, _| {
            salesman(&[("action", "fields".into())])
        }),
        p("salesman", "list", false, |_, _| {
            salesman(&[("action", "list".into()), ("count", "100".into())])
        }),
        p("salesman", "list", true, |_, i| {
            salesman(&[
                ("action", "list".into()),
                ("filter[clid]", i.company.to_string()),
            ])
        }),
        p("salesman", "info", true, |_, i| {
            salesman(&[("action", "info".into()), ("pid", i.person.to_string())])
        }),
        p("salesman", "add", true, |_, i| {
            salesman(&[
                ("action", "add".into()),
                ("person", "n".into()),
                ("clid", i.company.to_string()),
            ])
        }),
        p("salesman", "add.list", true, |_, i| {
            salesman(&[
                ("action", "add.list".into()),
                ("list[0][person]", "n".into()),
                ("list[0][clid]", i.company.to_string()),
            ])
        }),
        p("salesman", "update", true, |_, i| {
            salesman(&[
                ("action", "update".into()),
                ("pid", i.person.to_string()),
                ("person", "stolen".into()),
            ])
        }),
        p("salesman", "delete", true, |_, i| {
            salesman(&[("action", "delete".into()), ("pid", i.person.to_string())])
        }),
        p("planfix", "auth.login", false, |_, _| {
            planfix(
                "auth.login",
                "<login>admin@acme</login><password>x</password>".into(),
            )
        }),
        p("planfix", "contact.add", true, |_, i| {
            planfix(
                "contact.add",
                format!(
                    "<contact><name>n</name><contractors><addClient><id>{}</id></addClient></contractors></contact>",
                    i.company
                ),
            )
        }),
        p("planfix", "contact.update", true, |_, i| {
            planfix(
                "contact.update",
                format!(
                    "<contact><id>{}</id><name>stolen</name></contact>",
                    i.person
                ),
            )
        }),
        p("planfix", "contact.updateCustomData", true, |_, i| {
            planfix(
                "contact.updateCustomData",
                format!(
                    "<contact><id>{}</id><customData><customValue><id>1</id><value>x</value></customValue></customData></contact>",
                    i.person
                ),
            )
        }),
        p("planfix", "contact.get", true, |_, i| {
            planfix(
                "contact.get",
                format!("<contact><id>{}</id></contact>", i.person),
            )
        }),
        p("planfix", "contact.getList", false, |_, _| {
            planfix("contact.getList", "<pageSize>100</pageSize>".into())
        }),
        p("planfix", "contact.getList", true, |_, i| {
            planfix(
                "contact.getList",
                format!("<company>{}</company>", i.company),
            )
        }),
        p("planfix", "contact.managePlanfixAccess", true, |_, i| {
            planfix(
                "contact.managePlanfixAccess",
                format!(
                    "<contact><id>{}</id><havePlanfixAccess>1</havePlanfixAccess></contact>",
                    i.person
                ),
            )
        }),
        p("planfix", "contact.updateUserInfo", true, |_, i| {
            planfix(
                "contact.updateUserInfo",
                format!(
                    "<contact><id>{}</id><user><status>ACTIVE</status></user></contact>",
                    i.person
                ),
            )
        }),
        p("planfix", "contact.updateContractors", true, |_, i| {
            planfix(
                "contact.updateContractors",
                format!(
                    "<contact><id>{}</id><contractors><addClient><id>{}</id></addClient></contractors></contact>",
                    i.person, i.company
                ),
            )
        }),
        p("planfix", "contact.getPhoneTypes", false, |_, _| {
            planfix("contact.getPhoneTypes", String::new())
        }),
        p("planfix", "contact.getGroupList", false, |_, _| {
            planfix("contact.getGroupList", String::new())
        }),
        p("planfix", "contact.delete", true, |_, i| {
            planfix(
                "contact.delete",
                format!("<contact><id>{}</id></contact>", i.person),
            )
        }),
    ]
}

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
