//! Each dialect driven as its integrations drive it: the requests of the spec
//! pages, nothing gateway-specific. Every call answers `None` where the
//! dialect says the record does not exist.

use serde_json::{Value, json};

use crate::person::{Person, Seen};

mod transport;

use transport::text;
pub use transport::{escape, xml_all, xml_text};

/// One of the four wire dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `/api/clients/person/...`, JSON.
    Eadesk,
    /// `/rest/client`, Yii2 JSON.
    Rest,
    /// `/developer/v2/person`, PHP form in, PHP JSON out.
    Salesman,
    /// `/xml/`, Planfix XML.
    Planfix,
}

/// All four, in a fixed order.
pub const ALL: [Dialect; 4] = [
    Dialect::Eadesk,
    Dialect::Rest,
    Dialect::Salesman,
    Dialect::Planfix,
];

/// A client of one account on one gateway, holding the account's credentials
/// (the object `account create --json` printed) and a Planfix session.
#[derive(Debug)]
pub struct Session {
    base: String,
    creds: Value,
    sid: Option<String>,
    http: reqwest::Client,
}

impl Session {
    /// Logs in where a dialect needs it (Planfix `auth.login`).
    pub async fn open(base: &str, creds: Value) -> Self {
        let mut session = Self {
            base: base.trim_end_matches('/').to_owned(),
            creds,
            sid: None,
            http: reqwest::Client::new(),
        };
        let pf = &session.creds["planfix"];
        let body = format!(
            "<request method=\"auth.login\"><account>{}</account><login>{}</login><password>{}</password></request>",
            text(&pf["account"]),
            text(&pf["login"]),
            text(&pf["password"])
        );
        let answer = session.planfix(&body).await;
        // Kept absent rather than failing here, so the other dialects can be
        // driven even where a Planfix login is refused; Planfix calls then fail.
        session.sid = xml_text(&answer, "sid");
        session
    }

    /// The Planfix session `auth.login` opened, if it did.
    pub fn planfix_sid(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// The same credentials and Planfix session against another gateway.
    pub fn moved_to(self, base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
            ..self
        }
    }

    /// Writes `person` through `dialect`; returns the id it answered.
    pub async fn write(&self, dialect: Dialect, person: &Person) -> i64 {
        match dialect {
            Dialect::Eadesk => self.eadesk_write(person).await,
            Dialect::Rest => {
                let body = json!({"type": 2, "name": person.full_name(), "phone": person.phone, "email": person.email});
                let answer = self.rest(reqwest::Method::POST, "", Some(body)).await;
                answer["response"]["id"]
                    .as_i64()
                    .unwrap_or_else(|| panic!("rest create: {answer}"))
            }
            Dialect::Salesman => {
                let answer = self
                    .salesman(&[
                        ("action", "add"),
                        ("person", &person.full_name()),
                        ("tel", &person.phone),
                        ("mail", &person.email),
                    ])
                    .await;
                answer["data"]
                    .as_i64()
                    .unwrap_or_else(|| panic!("salesman add: {answer}"))
            }
            Dialect::Planfix => {
                let contact = format!(
                    "<name>{}</name><lastName>{}</lastName><email>{}</email><phones><phone><number>{}</number><typeId>1</typeId></phone></phones>",
                    escape(&person.given),
                    escape(&person.last),
                    escape(&person.email),
                    escape(&person.phone)
                );
                let answer = self.planfix_call("contact.add", &contact).await;
                xml_text(&answer, "id")
                    .and_then(|id| id.parse().ok())
                    .unwrap_or_else(|| panic!("planfix add: {answer}"))
            }
        }
    }

    async fn eadesk_write(&self, person: &Person) -> i64 {
        let created = self
            .eadesk_post(
                "create",
                json!({"name": person.full_name(), "description": ""}),
            )
            .await;
        let id = text(&created["_id"]);
        for (kind, value) in [("phone", &person.phone), ("mail", &person.email)] {
            let body = json!({"value": value, "type": kind, "service": kind});
            let added = self
                .eadesk_post(&format!("contacts/create/{id}"), body)
                .await;
            assert!(
                added.get("result").is_some(),
                "eadesk contacts/create: {added}"
            );
        }
        id.parse()
            .unwrap_or_else(|_| panic!("eadesk create: {created}"))
    }

    /// Reads client `id` through `dialect`; `None` when it says there is none.
    pub async fn read(&self, dialect: Dialect, id: i64) -> Option<Seen> {
        match dialect {
            Dialect::Eadesk => {
                let url = format!(
                    "{}/api/clients/person/read?id={id}&token={}",
                    self.base,
                    text(&self.creds["eadesk"]["token"])
                );
                let answer: Value = self
                    .http
                    .get(url)
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let person = answer.as_array()?.first()?.clone();
                if person["status"] == "deleted" {
                    return None;
                }
                let points = person["contacts"].as_array().cloned().unwrap_or_default();
                let live = |kind: &str| -> Vec<String> {
                    points
                        .iter()
                        .filter(|p| p["type"] == kind && p["status"] != "deleted")
                        .map(|p| text(&p["value"]))
                        .collect()
                };
                Some(Seen {
                    name: text(&person["name"]),
                    phones: live("phone"),
                    emails: live("mail"),
                })
            }
            Dialect::Rest => {
                let answer = self
                    .rest(reqwest::Method::GET, &format!("/{id}"), None)
                    .await;
                let c = answer["response"].as_object()?;
                c.get("id")?;
                Some(Seen {
                    name: text(&c["name"]),
                    phones: vec![text(&c["phone"])],
                    emails: vec![text(&c["email"])],
                })
            }
            Dialect::Salesman => {
                let answer = self
                    .salesman(&[("action", "info"), ("pid", &id.to_string())])
                    .await;
                let d = answer.get("data")?.as_object()?;
                let split = |v: &Value| {
                    text(v)
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                };
                let mut phones = split(&d["tel"]);
                phones.extend(split(&d["mob"]));
                Some(Seen {
                    name: text(&d["person"]),
                    phones,
                    emails: split(&d["mail"]),
                })
            }
            Dialect::Planfix => {
                let answer = self
                    .planfix_call("contact.get", &format!("<id>{id}</id>"))
                    .await;
                if !answer.contains("status=\"ok\"") {
                    return None;
                }
                let name = xml_text(&answer, "name").unwrap_or_default();
                let last = xml_text(&answer, "lastName").unwrap_or_default();
                let full = [last, name]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                let phones = xml_all(&answer, "number");
                Some(Seen {
                    name: full,
                    phones,
                    emails: xml_text(&answer, "email").into_iter().collect(),
                })
            }
        }
    }

    /// Renames client `id` to `person`'s name through `dialect`.
    pub async fn rename(&self, dialect: Dialect, id: i64, person: &Person) {
        match dialect {
            Dialect::Eadesk => {
                let answer = self
                    .eadesk_post(
                        &format!("update/{id}"),
                        json!({"name": person.full_name(), "description": ""}),
                    )
                    .await;
                assert!(answer.get("result").is_some(), "eadesk update: {answer}");
            }
            Dialect::Rest => {
                let answer = self
                    .rest(
                        reqwest::Method::PATCH,
                        &format!("/{id}"),
                        Some(json!({"name": person.full_name()})),
                    )
                    .await;
                assert_eq!(
                    answer["response"]["id"].as_i64(),
                    Some(id),
                    "rest update: {answer}"
                );
            }
            Dialect::Salesman => {
                let answer = self
                    .salesman(&[
                        ("action", "update"),
                        ("pid", &id.to_string()),
                        ("person", &person.full_name()),
                    ])
                    .await;
                // spec/salesman-person.txt, "update": `"data":"2509"`, a string.
                assert_eq!(
                    text(&answer["data"]),
                    id.to_string(),
                    "salesman update: {answer}"
                );
            }
            Dialect::Planfix => {
                let contact = format!(
                    "<id>{id}</id><name>{}</name><lastName>{}</lastName>",
                    escape(&person.given),
                    escape(&person.last)
                );
                let answer = self.planfix_call("contact.update", &contact).await;
                assert!(answer.contains("status=\"ok\""), "planfix update: {answer}");
            }
        }
    }

    /// Deletes client `id` through `dialect`.
    pub async fn delete(&self, dialect: Dialect, id: i64) {
        match dialect {
            Dialect::Eadesk => {
                let answer = self.eadesk_post(&format!("delete/{id}"), json!({})).await;
                assert_eq!(answer, json!({"result": true}), "eadesk delete");
            }
            Dialect::Rest => {
                let url = format!(
                    "{}/rest/client/{id}?access-token={}",
                    self.base,
                    self.rest_token()
                );
                let status = self.http.delete(url).send().await.unwrap().status();
                assert_eq!(status, 200, "rest delete");
            }
            Dialect::Salesman => {
                let answer = self
                    .salesman(&[("action", "delete"), ("pid", &id.to_string())])
                    .await;
                assert_eq!(answer["result"], "Успешно", "salesman delete: {answer}");
            }
            Dialect::Planfix => {
                let answer = self
                    .planfix_call("contact.delete", &format!("<id>{id}</id>"))
                    .await;
                assert!(answer.contains("status=\"ok\""), "planfix delete: {answer}");
            }
        }
    }
}
