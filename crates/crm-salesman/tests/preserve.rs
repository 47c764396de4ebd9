#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! What other dialects wrote survives a SalesMan write.

mod support;

use crm_core::{
    ClientId, ClientKind, ContactKind, Label, Name, NewClient, NewContactPoint, Service, Status,
    Visibility,
};
use serde_json::json;
use support::App;

fn phone(label: Option<Label>, value: &str) -> NewContactPoint {
    NewContactPoint {
        kind: ContactKind::Phone,
        service: Service::Phone,
        label,
        value: value.to_owned(),
        origin: None,
    }
}

/// A person Planfix wrote: a work, a home and an unlabelled phone.
async fn planfix_person(app: &App) -> ClientId {
    let mut new = NewClient::new(ClientKind::Person, Name::full("Иванов Иван"));
    new.contacts = vec![
        phone(Some(Label::Work), "111"),
        phone(Some(Label::Home), "222"),
        phone(None, "333"),
    ];
    app.acct
        .create_client(&app.crm, crm_testkit::origin::PLANFIX, new)
        .await
        .id
}

/// Links the person to several companies, as Planfix `contractors` can.
async fn link_as_planfix(app: &App, pid: i64, companies: Vec<ClientId>) {
    let links = crm_core::ClientPatch {
        companies: crm_core::Patch::Set(companies),
        ..Default::default()
    };
    app.crm
        .update_client(
            app.admin(),
            ClientId(pid),
            Visibility::LiveOnly,
            crm_testkit::origin::PLANFIX,
            &links,
        )
        .await
        .unwrap();
}

async fn live_phones(app: &App, pid: ClientId) -> Vec<(Option<Label>, String)> {
    let client = app.acct.live_client(&app.crm, pid.get()).await;
    client
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active && p.kind == ContactKind::Phone)
        .map(|p| (p.label, p.value.clone()))
        .collect()
}

#[tokio::test]
async fn tel_update_keeps_the_labels_of_phones_it_still_lists() {
    let app = App::new().await;
    let pid = planfix_person(&app).await;
    let info = app
        .post_json("info", json!({"pid": pid.get(), "fields": "tel"}))
        .await;
    assert_eq!(info, json!({"data": {"tel": "111, 222, 333"}}));

    let reply = app
        .post(
            "update",
            json!({"pid": pid.get(), "tel": "111, 222, 333, 444"}),
        )
        .await;
    assert_eq!(
        reply.body,
        format!(
            r#"{{"result":"Успешно","data":"{}","social":"Соц.контакты обновлены"}}"#,
            pid.get()
        )
    );
    assert_eq!(
        live_phones(&app, pid).await,
        vec![
            (Some(Label::Work), "111".to_owned()),
            (Some(Label::Home), "222".to_owned()),
            (None, "333".to_owned()),
            (Some(Label::Work), "444".to_owned()),
        ]
    );

    app.post("update", json!({"pid": pid.get(), "tel": "222"}))
        .await;
    assert_eq!(
        live_phones(&app, pid).await,
        vec![(Some(Label::Home), "222".to_owned())]
    );
}

#[tokio::test]
async fn clid_update_keeps_live_links_and_is_not_refused_for_a_deleted_company() {
    let app = App::new().await;
    let first = app.company("Первая").await;
    let gone = app.company("Закрытая").await;
    let next = app.company("Новая").await;
    let pid = app
        .add(json!({"person": "Связанный", "clid": first.get()}))
        .await;
    link_as_planfix(&app, pid, vec![first, gone]).await;
    app.crm
        .delete_client(app.admin(), gone, Visibility::LiveOnly)
        .await
        .unwrap();

    let reply = app
        .post("update", json!({"pid": pid, "clid": next.get()}))
        .await;
    assert_eq!(
        reply.body,
        format!(r#"{{"result":"Успешно","data":"{pid}","social":"Соц.контакты обновлены"}}"#)
    );
    let client = app.acct.live_client(&app.crm, pid).await;
    let ids: Vec<ClientId> = client.companies.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![next, first]);
}

#[tokio::test]
async fn a_deleted_company_is_not_shown_as_the_persons_client() {
    let app = App::new().await;
    let gone = app.company("Закрытая").await;
    let kept = app.company("Живая").await;
    let pid = app.add(json!({"person": "Один", "clid": gone.get()})).await;
    link_as_planfix(&app, pid, vec![gone, kept]).await;
    let lone = app.add(json!({"person": "Два", "clid": gone.get()})).await;
    app.crm
        .delete_client(app.admin(), gone, Visibility::LiveOnly)
        .await
        .unwrap();

    let info = app
        .post_json("info", json!({"pid": pid, "fields": "clid"}))
        .await;
    assert_eq!(
        info,
        json!({"data": {"clid": kept.get().to_string(), "client": "Живая"}})
    );
    let same = app
        .post("update", json!({"pid": pid, "clid": kept.get()}))
        .await;
    assert_eq!(
        same.body,
        format!(r#"{{"result":"Данные корректны, но идентичны имеющимся","data":{pid}}}"#)
    );
    let list = app
        .post_json("list", json!({"fields": "pid,clid", "first": "old"}))
        .await;
    assert_eq!(
        list,
        json!({"data": [
            {"pid": pid, "clid": kept.get(), "client": "Живая"},
            {"pid": lone, "clid": 0, "client": ""}
        ], "count": 2})
    );
}
