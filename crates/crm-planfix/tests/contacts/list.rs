//! contact.getList: pages, counts and the page-size clamp.

use crate::support::{Env, between, code_of, golden, redact};
use crm_core::{ClientKind, Name, NewClient};

#[tokio::test]
async fn get_list_pages_and_counts() {
    let env = Env::new().await;
    let sid = env.login().await;
    let a = env
        .add(
            &sid,
            "<name>Анна</name><lastName>Ангелова</lastName><email>anna@example.com</email>",
        )
        .await;
    let b = env.add(&sid, "<name>Борис</name><lastName>Быков</lastName><phones><phone><number>+7 (900) 555-00-11</number><typeId>1</typeId></phone></phones>").await;
    let c = env
        .add(&sid, "<name>ООО Ромашка</name><isCompany>1</isCompany>")
        .await;
    let ids = [(a, "a"), (b, "b"), (c, "c")];
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageCurrent>1</pageCurrent><pageSize>2</pageSize>",
        )
        .await;
    assert!(
        text.contains("<contacts totalCount=\"3\" count=\"2\"><contact>"),
        "{text}"
    );
    golden("contact.getList", &redact(&text, &ids));
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageCurrent>2</pageCurrent><pageSize>2</pageSize>",
        )
        .await;
    assert!(text.contains("<contacts totalCount=\"3\" count=\"1\">"));
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageCurrent>3</pageCurrent><pageSize>2</pageSize>",
        )
        .await;
    assert_eq!(
        text,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"ok\"><contacts totalCount=\"3\" count=\"0\"/></response>\n"
    );
    golden("contact.getList.empty", &text);
    let count = |t: &str| between(t, "count=\"", "\"").unwrap();
    let text = env
        .call(&sid, "contact.getList", "<target>company</target>")
        .await;
    assert_eq!(count(&text), "1");
    assert!(text.contains("<name>ООО Ромашка</name>"));
    let text = env
        .call(&sid, "contact.getList", "<search>ангел</search>")
        .await;
    assert_eq!(count(&text), "1");
    let text = env
        .call(&sid, "contact.getList", "<search>anna@</search>")
        .await;
    assert_eq!(count(&text), "1");
    let filter = |t: &str, v: &str| {
        format!(
            "<filters><filter><type>{t}</type><operator>equal</operator><value>{v}</value></filter></filters>"
        )
    };
    let text = env
        .call(&sid, "contact.getList", &filter("4003", "79005550011"))
        .await;
    assert!(
        text.contains(&format!("<id>{b}</id>")) && count(&text) == "1",
        "{text}"
    );
    let text = env
        .call(&sid, "contact.getList", &filter("4005", "ANNA@example"))
        .await;
    assert!(
        text.contains(&format!("<id>{a}</id>")) && count(&text) == "1",
        "{text}"
    );
    let text = env
        .call(&sid, "contact.getList", &filter("4006", "1"))
        .await;
    assert!(text.contains(&format!("<id>{c}</id>")) && count(&text) == "1");
    let text = env.call(&sid, "contact.getList", &filter("12", "1")).await;
    assert_eq!(code_of(&text), "0018");
    let text = env
        .call(&sid, "contact.getList", "<pageSize>abc</pageSize>")
        .await;
    assert_eq!(code_of(&text), "0015");
    let text = env
        .call(
            &sid,
            "contact.getList",
            "<pageSize>100000</pageSize><pageCurrent>-5</pageCurrent>",
        )
        .await;
    assert_eq!(between(&text, "totalCount=\"", "\"").unwrap(), "3");
}

#[tokio::test]
async fn get_list_clamps_page_size_to_100() {
    let env = Env::new().await;
    let sid = env.login().await;
    let clients: Vec<NewClient> = (0..105)
        .map(|i| NewClient::new(ClientKind::Person, Name::full(format!("C{i}"))))
        .collect();
    env.crm
        .create_clients(env.acct.admin, crm_testkit::origin::REST, clients)
        .await
        .unwrap();
    let text = env
        .call(&sid, "contact.getList", "<pageSize>500</pageSize>")
        .await;
    assert!(text.contains("<contacts totalCount=\"105\" count=\"100\">"));
    let text = env
        .call(&sid, "contact.getList", "<pageCurrent>2</pageCurrent>")
        .await;
    assert!(text.contains("<contacts totalCount=\"105\" count=\"5\">"));
}
