//! The machine-readable API documents are true to the gateway: each
//! OpenAPI 3.1 document is well formed (every `$ref` resolves), served at
//! `/openapi/<dialect>.json`, and every golden answer of the dialect's tests
//! fits the schema of the call and status that wrote it. The placeholders
//! golden files hold for ids and instants (`"<person1>"`, `"[date]"`) are
//! first replaced by a value of the kind the gateway writes there. Schemathesis runs the documents against a live gateway in
//! `.ci/run`; the Planfix XSD is checked by `planfix_xsd.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn document(dialect: &str) -> Value {
    let path = root().join(format!("crates/crm-gateway/api/openapi/{dialect}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The value a local `$ref` (`#/a/b~1c`) names.
fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

/// `value`, or what it names when it is a `{"$ref": ...}`.
fn deref<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => resolve(doc, reference).unwrap_or_else(|| panic!("{reference}")),
        None => value,
    }
}

fn every_ref(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(reference)) => found.push(reference.clone()),
                    _ => every_ref(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| every_ref(i, found)),
        _ => {}
    }
}

/// The JSON schema of the answer `status` to `method path`.
fn answer_schema<'a>(doc: &'a Value, path: &str, method: &str, status: &str) -> &'a Value {
    let operation = &doc["paths"][path][method];
    let answer = deref(doc, &operation["responses"][status]);
    let content = answer["content"]
        .as_object()
        .and_then(|c| c.values().next())
        .unwrap_or_else(|| panic!("{method} {path} {status} has no content"));
    &content["schema"]
}

/// Whether `instance` fits `schema`, read with the whole document as its
/// root so `#/components/...` references resolve; the errors that remain.
fn misfits(doc: &Value, schema: &Value, instance: &Value) -> Vec<String> {
    let mut rooted = doc.clone();
    let Value::Object(fields) = &mut rooted else {
        panic!("a document is an object");
    };
    fields.insert(
        "$schema".to_owned(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    match schema {
        Value::Object(schema) => fields.extend(schema.clone()),
        other => panic!("a schema is an object: {other}"),
    }
    let validator = jsonschema::validator_for(&rooted).unwrap();
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// What each dialect's placeholders stand for: a value of the kind the
/// gateway writes in their place (ids of Eadesk are strings, of REST numbers).
fn placeholders(dialect: &str) -> Vec<(&'static str, Value)> {
    match dialect {
        "eadesk" => vec![
            ("<person>", "17".into()),
            ("<contact>", "23".into()),
            ("<account>", "1".into()),
            ("<createdAt>", "2026-11-28T14:07:12.568Z".into()),
            ("<color>", "#E91E63".into()),
        ],
        "rest" => vec![
            ("<client>", 17.into()),
            ("<admin>", 1.into()),
            ("<datetime>", "2026-11-28 14:07:12".into()),
        ],
        _ => vec![("[date]", "2026-11-28 14:07:12".into())],
    }
}

/// `value` with each placeholder string (`"<person1>"`: the name, digits
/// dropped) replaced; a placeholder the table lacks fails the test.
fn substituted(value: &Value, table: &[(&str, Value)]) -> Value {
    match value {
        Value::String(text) if is_placeholder(text) => {
            let name = text
                .trim_end_matches('>')
                .trim_end_matches(|c: char| c.is_ascii_digit());
            let name = if text.ends_with('>') {
                format!("{name}>")
            } else {
                name.to_owned()
            };
            table
                .iter()
                .find(|(placeholder, _)| *placeholder == name)
                .map(|(_, stands_for)| stands_for.clone())
                .unwrap_or_else(|| panic!("no value for the placeholder {text}"))
        }
        Value::Array(items) => Value::Array(items.iter().map(|i| substituted(i, table)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substituted(v, table)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn is_placeholder(text: &str) -> bool {
    (text.starts_with('<') && text.ends_with('>') && text.len() > 2) || text == "[date]"
}

fn golden_answer(dialect: &str, file: &Path) -> Value {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    substituted(
        &serde_json::from_str(&text).unwrap(),
        &placeholders(dialect),
    )
}

fn check(dialect: &str, golden_dir: &str, cases: &[(&str, &str, &str, &str)]) {
    let doc = document(dialect);
    let mut wrong = Vec::new();
    for (file, method, path, status) in cases {
        let file = root().join(golden_dir).join(file);
        let instance = golden_answer(dialect, &file);
        let schema = answer_schema(&doc, path, method, status);
        for misfit in misfits(&doc, schema, &instance) {
            wrong.push(format!("{}: {misfit}", file.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_document_is_openapi_3_1_and_every_reference_resolves() {
    for dialect in ["eadesk", "rest", "salesman"] {
        let doc = document(dialect);
        assert_eq!(doc["openapi"], "3.1.0", "{dialect}");
        let paths = doc["paths"].as_object().unwrap();
        assert!(!paths.is_empty(), "{dialect}");
        for (path, operations) in paths {
            for (method, operation) in operations.as_object().unwrap() {
                if ["get", "post", "put", "patch", "delete", "head", "options"]
                    .contains(&method.as_str())
                {
                    assert!(
                        operation["responses"].is_object(),
                        "{dialect} {method} {path}"
                    );
                }
            }
        }
        let mut references = Vec::new();
        every_ref(&doc, &mut references);
        for reference in references {
            assert!(
                resolve(&doc, &reference).is_some(),
                "{dialect}: {reference}"
            );
        }
    }
}

#[test]
fn eadesk_golden_answers_fit_the_document() {
    const P: &str = "/api/clients/person";
    let create = format!("{P}/create");
    let read = format!("{P}/read");
    let update = format!("{P}/update/{{id}}");
    let delete = format!("{P}/delete/{{id}}");
    let contact_create = format!("{P}/contacts/create/{{contact_id}}");
    let contacts_read = format!("{P}/contacts/read");
    let contact_update = format!("{P}/contacts/update/{{id}}");
    let contact_delete = format!("{P}/contacts/delete/{{id}}");
    let cases: Vec<(&str, &str, &str, &str)> = vec![
        ("person-create.json", "post", &create, "200"),
        ("invalid-json.json", "post", &create, "400"),
        ("too-large.json", "post", &create, "413"),
        ("person-read.json", "get", &read, "200"),
        ("person-read-deleted.json", "get", &read, "200"),
        ("person-read-deleted-contact.json", "get", &read, "200"),
        ("invalid-regex.json", "get", &read, "400"),
        ("unauthorized.json", "get", &read, "401"),
        ("person-update.json", "post", &update, "200"),
        ("not-found.json", "post", &update, "200"),
        ("no-method.json", "post", &update, "404"),
        ("deleted.json", "post", &delete, "200"),
        ("contact-create.json", "post", &contact_create, "200"),
        ("contacts-read.json", "get", &contacts_read, "200"),
        ("contact-update.json", "post", &contact_update, "200"),
        (
            "captures/01-POST-person-create.json",
            "post",
            &create,
            "200",
        ),
        (
            "captures/02-POST-person-contacts-create.json",
            "post",
            &contact_create,
            "200",
        ),
        (
            "captures/03-POST-person-contacts-create.json",
            "post",
            &contact_create,
            "200",
        ),
        ("captures/04-GET-person-read.json", "get", &read, "200"),
        ("captures/05-GET-person-read.json", "get", &read, "200"),
        (
            "captures/06-GET-person-contacts-read.json",
            "get",
            &contacts_read,
            "200",
        ),
        (
            "captures/07-POST-person-update.json",
            "post",
            &update,
            "200",
        ),
        (
            "captures/08-POST-person-contacts-update.json",
            "post",
            &contact_update,
            "200",
        ),
        (
            "captures/09-POST-person-contacts-delete.json",
            "post",
            &contact_delete,
            "200",
        ),
        ("captures/10-GET-person-read.json", "get", &read, "200"),
        ("captures/11-GET-person-read.json", "get", &read, "200"),
        (
            "captures/12-POST-person-delete.json",
            "post",
            &delete,
            "200",
        ),
        ("captures/13-GET-person-read.json", "get", &read, "200"),
        ("captures/14-GET-person-read.json", "get", &read, "200"),
        (
            "captures/15-POST-person-update.json",
            "post",
            &update,
            "200",
        ),
        ("captures/16-GET-person-read.json", "get", &read, "401"),
    ];
    let golden = "crates/crm-eadesk/tests/golden";
    assert_eq!(
        cases.len(),
        golden_files(golden),
        "every golden file is checked"
    );
    check("eadesk", golden, &cases);
}

#[test]
fn rest_golden_answers_fit_the_document() {
    let (many, one) = ("/rest/client", "/rest/client/{id}");
    let cases = [
        ("create-company.json", "post", many, "200"),
        ("create-person-form.json", "post", many, "200"),
        ("delete-has-deals.json", "delete", one, "409"),
        ("invalid-json.json", "post", many, "400"),
        ("list-expanded.json", "get", many, "200"),
        ("list.json", "get", many, "200"),
        ("page-not-found.json", "get", one, "404"),
        ("unauthorized.json", "get", many, "401"),
        ("update.json", "put", one, "200"),
        ("validation.json", "post", many, "422"),
        ("view-expanded.json", "get", one, "200"),
    ];
    let golden = "crates/crm-rest/tests/golden";
    assert_eq!(
        cases.len(),
        golden_files(golden),
        "every golden file is checked"
    );
    check("rest", golden, &cases);
}

#[test]
fn salesman_golden_answers_fit_the_document() {
    let doc = document("salesman");
    let golden = "crates/crm-salesman/tests/golden";
    let cases = [
        ("add.json", "AddResponse"),
        ("addlist_add_list.json", "AddListResponse"),
        ("addlist_addlist.json", "AddListResponse"),
        ("fields.json", "FieldsResponse"),
        ("info_after_add.json", "InfoResponse"),
        ("info_after_update.json", "InfoResponse"),
        ("json_add_list.json", "ListResponse"),
        ("list_default.json", "ListResponse"),
        ("list_fields_socinfo.json", "ListResponse"),
    ];
    assert_eq!(
        cases.len(),
        golden_files(golden),
        "every golden file is checked"
    );
    let mut wrong = Vec::new();
    for (file, schema) in cases {
        let instance = golden_answer("salesman", &root().join(golden).join(file));
        // Each action's answer is its own schema and one branch of the
        // script's answer: the golden file must fit both.
        let own = serde_json::json!({"$ref": format!("#/components/schemas/{schema}")});
        let script = answer_schema(&doc, "/developer/v2/person", "post", "200");
        for misfit in misfits(&doc, &own, &instance)
            .into_iter()
            .chain(misfits(&doc, script, &instance))
        {
            wrong.push(format!("{file}: {misfit}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// JSON files under `dir`, its subfolders included.
fn golden_files(dir: &str) -> usize {
    fn count(path: &Path) -> usize {
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                if p.is_dir() {
                    count(&p)
                } else {
                    usize::from(p.extension().is_some_and(|e| e == "json"))
                }
            })
            .sum()
    }
    count(&root().join(dir))
}

#[tokio::test]
async fn the_documents_are_served_as_written() {
    use tower::ServiceExt;

    let db = crm_testkit::TestDb::new().await;
    let app = crm_gateway::app::router(db.crm().await, &crm_http::Limits::default(), None);
    for (path, file, media) in [
        (
            "/openapi/eadesk.json",
            "api/openapi/eadesk.json",
            "application/json",
        ),
        (
            "/openapi/rest.json",
            "api/openapi/rest.json",
            "application/json",
        ),
        (
            "/openapi/salesman.json",
            "api/openapi/salesman.json",
            "application/json",
        ),
        ("/openapi/planfix.xsd", "api/planfix.xsd", "application/xml"),
    ] {
        let request = http::Request::get(path)
            .body(axum::body::Body::empty())
            .unwrap();
        let answer = app.clone().oneshot(request).await.unwrap();
        assert_eq!(answer.status(), 200, "{path}");
        assert_eq!(answer.headers()["content-type"], media, "{path}");
        let body = axum::body::to_bytes(answer.into_body(), 1 << 20)
            .await
            .unwrap();
        let written = std::fs::read(root().join("crates/crm-gateway").join(file)).unwrap();
        assert_eq!(body, written, "{path}");
    }
}
