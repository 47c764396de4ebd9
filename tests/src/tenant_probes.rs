//! The probes of the tenant matrix (`tests/tenant_matrix.rs`): one request
//! or more for every operation of every dialect, each sent as account
//! `beta` naming account `acme`'s ids, or ids that exist nowhere.

use serde_json::{Value, json};

/// In every text of acme's clients: no answer to beta may hold it.
pub const MARK: &str = "tenantmark";

/// An id no record of any account has.
pub const NOWHERE: i64 = 987_654_321;

/// acme's ids a probe can name.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    pub person: i64,
    pub company: i64,
    pub point: i64,
    pub user: i64,
}

impl Ids {
    pub fn nowhere() -> Self {
        Self {
            person: NOWHERE,
            company: NOWHERE,
            point: NOWHERE,
            user: NOWHERE,
        }
    }
}

/// One request of one operation.
#[derive(Debug)]
pub struct Probe {
    pub dialect: &'static str,
    pub operation: &'static str,
    /// Whether the request names acme's ids (else only the mark is looked for).
    pub names_ids: bool,
    pub send: fn(&Caller, Ids) -> Request,
}

#[derive(Debug)]
pub enum Request {
    Eadesk(reqwest::Method, String, Option<Value>),
    Rest(reqwest::Method, String, Option<Value>),
    Salesman(Vec<(&'static str, String)>),
    /// A method and the request's children, in beta's session.
    Planfix(&'static str, String),
    /// `contact.getList` in the session `sid`.
    PlanfixIn(String),
}

/// beta's side of the wire.
#[derive(Debug)]
pub struct Caller {
    pub base: String,
    pub creds: Value,
    pub sid: String,
    pub http: reqwest::Client,
}

pub fn text(value: &Value) -> &str {
    value.as_str().expect("a probe's exchange")
}

impl Caller {
    /// Status and body.
    pub async fn send(&self, request: Request) -> (u16, String) {
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
        let answer = builder.send().await.expect("a probe's exchange");
        let status = answer.status().as_u16();
        (status, answer.text().await.expect("a probe's exchange"))
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

pub fn probes() -> Vec<Probe> {
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
