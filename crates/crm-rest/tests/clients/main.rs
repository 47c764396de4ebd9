#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bodies;
#[path = "../support/mod.rs"]
mod support;

use crm_core::DocumentKind;
use http::{Method, StatusCode};
use support::{App, Envelope, golden};

#[tokio::test]
async fn create_answers_200_with_the_client_and_its_location() {
    let app = App::new().await;
    let reply = app
        .post(r#"{"name":"ClientCompany ltd","type":1,"email":"clientcomp@clientcomp.com","phone":"8(890)56-67-67","real_address":"Moscow, red square 1","description":"Additional descr for cur. client","company_address":"Legal 1","bank_details":"BIK 1","person_details":"ignored"}"#)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id = reply.response()["id"].as_i64().unwrap();
    assert_eq!(
        reply.header("location"),
        Some(format!("http://crm.example/rest/client/{id}").as_str())
    );
    golden(&app, "create-company", &reply);
    let view = app.get(&format!("/{id}")).await;
    assert_eq!(view.body, reply.body);
}

#[tokio::test]
async fn view_applies_fields_expand_and_counts() {
    let app = App::new().await;
    let id = app.client("Ромашка", 1).await;
    app.documents(id, DocumentKind::Deal, 2).await;
    app.documents(id, DocumentKind::Invoice, 3).await;
    let reply = app
        .get(&format!("/{id}?fields=id,name,bank_details&expand=user&count_deals=1&count_offers=1&count_invoices=1&count_contracts=1"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    golden(&app, "view-expanded", &reply);
    let c = reply.response();
    assert_eq!(c["count_deals"], 2);
    assert_eq!(c["count_invoices"], 3);
    assert_eq!(c["count_offers"], 0);
    assert_eq!(c["user"]["username"], "admin@acme");
}

#[tokio::test]
async fn a_client_with_no_field_left_is_an_empty_php_array() {
    let app = App::new().await;
    let id = app.client("A", 1).await;
    app.get(&format!("/{id}?fields=bogus"))
        .await
        .is(StatusCode::OK, r#"{"response":[]}"#);
    let patch = app
        .call(Method::PATCH, &format!("/{id}?fields=,"), r#"{"name":"B"}"#)
        .await;
    assert_eq!(patch.response()["name"], "B", "{}", patch.body);
}

#[tokio::test]
async fn put_and_patch_change_only_what_is_sent_and_ignore_type() {
    let app = App::new().await;
    let created = app
        .post(r#"{"name":"A","type":2,"email":"a@x.io","phone":"1","description":"d","person_details":"p"}"#)
        .await;
    let id = created.response()["id"].as_i64().unwrap();
    let put = app
        .call(Method::PUT, &format!("/{id}"), r#"{"name":"B","type":1,"email":"b@x.io","company_address":"no","id":5,"created_at":"2000-01-01 00:00:00"}"#)
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    golden(&app, "update", &put);
    let c = put.response();
    assert_eq!(
        (c["id"].as_i64(), &c["type"], &c["name"]),
        (Some(id), &2.into(), &"B".into())
    );
    assert_eq!(
        (&c["email"], &c["phone"], &c["description"]),
        (&"b@x.io".into(), &"1".into(), &"d".into())
    );
    assert_eq!(c["created_at"], created.response()["created_at"]);
    assert!(c.get("company_address").is_none());
    let patch = app
        .form(
            Method::PATCH,
            &format!("/{id}"),
            "phone=&description=new&person_details=q",
        )
        .await;
    assert_eq!(patch.status, StatusCode::OK, "{}", patch.body);
    let c = patch.response();
    assert_eq!(
        (&c["phone"], &c["description"], &c["person_details"]),
        (&serde_json::Value::Null, &"new".into(), &"q".into())
    );
    assert_eq!(c["email"], "b@x.io");
    assert_eq!(app.get(&format!("/{id}")).await.body, patch.body);
}

#[tokio::test]
async fn changing_the_email_keeps_the_clients_other_addresses() {
    let app = App::new().await;
    let id = app.client("A", 2).await;
    let who = app.acct.admin;
    for value in ["first@x.io", "second@x.io"] {
        let point = crm_core::NewContactPoint {
            kind: crm_core::ContactKind::Mail,
            service: crm_core::Service::Mail,
            label: None,
            value: value.to_owned(),
            origin: None,
        };
        app.crm
            .add_contact_point(
                who,
                crm_core::ClientId(id),
                crm_core::Visibility::LiveOnly,
                crm_testkit::origin::SALESMAN,
                &point,
            )
            .await
            .unwrap();
    }
    let reply = app
        .call(
            Method::PATCH,
            &format!("/{id}"),
            r#"{"email":"changed@x.io"}"#,
        )
        .await;
    assert_eq!(reply.response()["email"], "changed@x.io", "{}", reply.body);
    let stored = app.acct.live_client(&app.crm, id).await;
    let live: Vec<&str> = stored
        .contacts
        .iter()
        .filter(|p| p.status == crm_core::Status::Active)
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(live, ["changed@x.io", "second@x.io"]);
}

#[tokio::test]
async fn user_must_be_a_user_of_the_account() {
    let app = App::new().await;
    let other = App::new().await;
    let reply = app
        .post(&format!(
            r#"{{"name":"A","type":1,"user":{}}}"#,
            app.admin_id() + 1000
        ))
        .await;
    reply.is(
        StatusCode::UNPROCESSABLE_ENTITY,
        r#"{"response":[{"field":"user","message":"User is invalid."}]}"#,
    );
    let ok = app
        .post(&format!(
            r#"{{"name":"A","type":1,"user":"{}"}}"#,
            app.admin_id()
        ))
        .await;
    assert_eq!(ok.response()["user"], app.admin_id(), "{}", ok.body);
    drop(other);
}

#[tokio::test]
async fn validation_errors_are_422_first_per_field() {
    let app = App::new().await;
    let reply = app
        .post(r#"{"name":"","type":"x","email":"bad","phone":5,"user":"u"}"#)
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    golden(&app, "validation", &reply);
    let id = app.client("A", 1).await;
    app.call(Method::PATCH, &format!("/{id}"), r#"{"name":"   "}"#)
        .await
        .is(
            StatusCode::UNPROCESSABLE_ENTITY,
            r#"{"response":[{"field":"name","message":"Name cannot be blank."}]}"#,
        );
    assert_eq!(app.get(&format!("/{id}")).await.response()["name"], "A");
}

#[tokio::test]
async fn delete_answers_200_and_the_client_is_gone() {
    let app = App::new().await;
    let id = app.client("A", 1).await;
    let reply = app.call(Method::DELETE, &format!("/{id}"), "").await;
    reply.is(StatusCode::OK, "");
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=UTF-8")
    );
    let gone = app.get(&format!("/{id}")).await;
    gone.is(
        StatusCode::NOT_FOUND,
        &format!(r#"{{"response":{{"name":"Not Found","message":"Object not found: {id}","code":0,"status":404}}}}"#),
    );
    app.call(Method::DELETE, &format!("/{id}"), "")
        .await
        .is(gone.status, &gone.body);
    assert!(app.get("").await.ids().is_empty());
}

#[tokio::test]
async fn a_client_with_deals_cannot_be_deleted() {
    let app = App::new().await;
    let id = app.client("A", 1).await;
    app.documents(id, DocumentKind::Deal, 1).await;
    let reply = app.call(Method::DELETE, &format!("/{id}"), "").await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    golden(&app, "delete-has-deals", &reply);
    assert_eq!(app.get(&format!("/{id}")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn another_accounts_ids_do_not_exist() {
    let app = App::new().await;
    let other = crm_testkit::TestAccount::create(&app.crm, "other").await;
    let foreign = other
        .client(&app.crm, crm_core::ClientKind::Person, "Secret")
        .await;
    let missing = |id: i64| {
        format!(
            r#"{{"response":{{"name":"Not Found","message":"Object not found: {id}","code":0,"status":404}}}}"#
        )
    };
    for method in [Method::GET, Method::PUT, Method::PATCH, Method::DELETE] {
        let reply = app
            .call(method.clone(), &format!("/{foreign}"), r#"{"name":"Mine"}"#)
            .await;
        reply.is(StatusCode::NOT_FOUND, &missing(foreign));
    }
    assert!(app.get("").await.ids().is_empty());
    assert!(app.get("?name=Secret").await.ids().is_empty());
    let theirs = other.live_client(&app.crm, foreign).await;
    assert_eq!(theirs.name.as_full(), "Secret");
    let user = app
        .post(&format!(
            r#"{{"name":"A","type":1,"user":{}}}"#,
            other.admin.user.get()
        ))
        .await;
    assert_eq!(
        user.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        user.body
    );
}

#[tokio::test]
async fn odd_ids_are_not_found() {
    let app = App::new().await;
    let id = app.client("A", 1).await;
    assert_eq!(app.get(&format!("/00{id}")).await.response()["id"], id);
    for path in ["5,6", "99999999999999999999", "0"] {
        app.get(&format!("/{path}")).await.is(
            StatusCode::NOT_FOUND,
            &format!(r#"{{"response":{{"name":"Not Found","message":"Object not found: {path}","code":0,"status":404}}}}"#),
        );
    }
}
