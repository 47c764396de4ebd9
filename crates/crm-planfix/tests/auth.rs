#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use crm_testkit::{TestAccount, TestDb, cheap_crm_config};
use http::StatusCode;
use support::{Env, basic, code_of, error_doc, golden, redact, send};

#[tokio::test]
async fn login_returns_a_32_hex_sid() {
    let env = Env::new().await;
    let body = format!(
        "<request method=\"auth.login\"><account>acme</account><login>admin@acme</login><password>{}</password></request>",
        env.acct.issued.password.expose()
    );
    let (status, text) = env.post(&body).await;
    assert_eq!(status, StatusCode::OK);
    let sid = support::between(&text, "<sid>", "</sid>").unwrap();
    assert_eq!(sid.len(), 32);
    assert!(sid.bytes().all(|b| b.is_ascii_hexdigit()));
    golden("auth.login", &redact(&text, &[]));
}

#[tokio::test]
async fn wrong_password_or_login_is_1001() {
    let env = Env::new().await;
    for (login, password) in [("admin@acme", "nope"), ("nobody", "x")] {
        let body = format!(
            "<request method=\"auth.login\"><account>acme</account><login>{login}</login><password>{password}</password></request>"
        );
        let (status, text) = env.post(&body).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(text, error_doc("1001", "Неверный логин или пароль"));
    }
    golden(
        "error.1001",
        &env.post("<request method=\"auth.login\"><account>acme</account><login>a</login><password>b</password></request>").await.1,
    );
}

#[tokio::test]
async fn missing_or_unknown_api_key_is_0001_before_anything_else() {
    let env = Env::new().await;
    let garbage = "<not xml";
    for auth in [None, Some(basic("wrong", "X")), Some("Bearer x".to_owned())] {
        let (status, text) = send(&env.app, "POST", "/xml/", auth.as_deref(), garbage).await;
        assert_eq!(status, StatusCode::OK);
        // The one real capture: reference/planfix.md §4.
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"error\"><code>0001</code><message/></response>\n"
        );
    }
}

#[tokio::test]
async fn session_errors_0012_and_0005() {
    let env = Env::new().await;
    let get = "<contact><id>1</id></contact>";
    let no_sid = format!("<request method=\"contact.get\"><account>acme</account>{get}</request>");
    let (_, text) = env.post(&no_sid).await;
    assert_eq!(
        text,
        error_doc(
            "0012",
            "Отсутствует сессия, не передан параметр сессии в запрос"
        )
    );
    golden("error.0012", &text);
    let empty_sid = format!(
        "<request method=\"contact.get\"><account>acme</account><sid></sid>{get}</request>"
    );
    assert_eq!(code_of(&env.post(&empty_sid).await.1), "0012");
    let text = env
        .call("ffffffffffffffffffffffffffffffff", "contact.get", get)
        .await;
    assert_eq!(
        text,
        error_doc(
            "0005",
            "Ключ сессии недействителен (время жизни сессии истекло)"
        )
    );
    golden("error.0005", &text);
}

#[tokio::test]
async fn expired_session_is_0005() {
    let db = TestDb::new().await;
    let mut config = cheap_crm_config();
    config.session_idle = Duration::from_millis(0);
    let crm = db.crm_with(config).await;
    let env = Env::over(db, crm).await;
    let sid = env.login().await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    let text = env.call(&sid, "contact.getPhoneTypes", "").await;
    assert_eq!(code_of(&text), "0005");
}

#[tokio::test]
async fn sid_works_with_any_basic_password() {
    let env = Env::new().await;
    let sid = env.login().await;
    let body = format!(
        "<request method=\"contact.getPhoneTypes\"><account>acme</account><sid>{sid}</sid></request>"
    );
    for password in ["", "X", "x", "whatever"] {
        let auth = basic(env.api_key(), password);
        let (_, text) = send(&env.app, "POST", "/xml", Some(&auth), &body).await;
        assert!(
            text.contains("<response status=\"ok\">"),
            "{password}: {text}"
        );
    }
}

#[tokio::test]
async fn token_mode_uses_the_basic_password() {
    let env = Env::new().await;
    let token = env.acct.issued.key(crm_planfix::TOKEN).unwrap();
    let body = "<request method=\"contact.getPhoneTypes\"><account>acme</account><sid></sid><signature></signature></request>";
    let auth = basic(env.api_key(), token.expose());
    let (_, text) = send(&env.app, "POST", "/xml", Some(&auth), body).await;
    assert!(text.contains("<phoneTypes totalCount=\"4\">"), "{text}");
    let auth = basic(env.api_key(), "0123456789abcdef0123456789abcdef");
    let (_, text) = send(&env.app, "POST", "/xml", Some(&auth), body).await;
    assert_eq!(code_of(&text), "0012");
}

#[tokio::test]
async fn account_must_match_the_key() {
    let env = Env::new().await;
    let other = TestAccount::with_credentials(&env.crm, "other", crm_planfix::CREDENTIALS).await;
    let sid = env.login().await;
    for account in ["other", "nosuch"] {
        let body = format!(
            "<request method=\"contact.getPhoneTypes\"><account>{account}</account><sid>{sid}</sid></request>"
        );
        let (_, text) = env.post(&body).await;
        assert_eq!(text, error_doc("0004", "Неизвестный аккаунт"), "{account}");
    }
    let (_, text) = env
        .post(&format!(
            "<request method=\"contact.getPhoneTypes\"><sid>{sid}</sid></request>"
        ))
        .await;
    assert_eq!(
        text,
        error_doc(
            "0009",
            "Отсутствует один из обязательных параметров функции: account"
        )
    );
    // Another account's key with this account's sid: that account knows no such sid.
    let body = format!(
        "<request method=\"contact.getPhoneTypes\"><account>other</account><sid>{sid}</sid></request>"
    );
    let auth = basic(other.key(crm_planfix::API_KEY), "X");
    let (_, text) = send(&env.app, "POST", "/xml/", Some(&auth), &body).await;
    assert_eq!(code_of(&text), "0005");
}

#[tokio::test]
async fn unknown_method_is_0008() {
    let env = Env::new().await;
    let sid = env.login().await;
    let text = env.call(&sid, "contact.fly", "").await;
    assert_eq!(text, error_doc("0008", "Неизвестное имя функции"));
    golden("error.0008", &text);
    let (_, text) = env.post("<request><account>acme</account></request>").await;
    assert_eq!(code_of(&text), "0008");
}

#[tokio::test]
async fn signatures_are_checked_when_present() {
    let env = Env::new().await;
    let sid = env.login().await;
    let unsigned = format!(
        "<request method=\"contact.getList\"><account>acme</account><sid>{sid}</sid><pageCurrent>1</pageCurrent><pageSize>100</pageSize>"
    );
    let good =
        crm_planfix::signature::sign_document(&format!("{unsigned}</request>"), env.private_key())
            .unwrap();
    let (_, text) = env
        .post(&format!(
            "{unsigned}<signature>{good}</signature></request>"
        ))
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    let (_, text) = env
        .post(&format!(
            "{unsigned}<signature>{}</signature></request>",
            good.to_uppercase()
        ))
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    let (_, text) = env
        .post(&format!("{unsigned}<signature></signature></request>"))
        .await;
    assert!(text.contains("status=\"ok\""), "{text}");
    let (_, text) = env
        .post(&format!(
            "{unsigned}<signature>00000000000000000000000000000000</signature></request>"
        ))
        .await;
    assert_eq!(text, error_doc("0006", "Неверная подпись"));
    golden("error.0006", &text);
    // The wiki's example: method + values in name order + key.
    let login = "<request method=\"auth.login\"><account>acme</account><password>p</password><login>l</login></request>";
    let expected = format!(
        "{:x}",
        <md5::Md5 as md5::Digest>::digest(format!("auth.loginacmelp{}", env.private_key()))
    );
    assert_eq!(
        crm_planfix::signature::sign_document(login, env.private_key()).unwrap(),
        expected
    );
}

#[tokio::test]
async fn signed_login_with_wrong_signature_is_0006_not_1001() {
    let env = Env::new().await;
    let body = "<request method=\"auth.login\"><account>acme</account><login>a</login><password>b</password><signature>ecde7d62483ba4d6ae79b195c3d6a6df</signature></request>";
    assert_eq!(code_of(&env.post(body).await.1), "0006");
}

#[tokio::test]
async fn another_accounts_token_is_0012() {
    let env = Env::new().await;
    let other = TestAccount::with_credentials(&env.crm, "other", crm_planfix::CREDENTIALS).await;
    let body = "<request method=\"contact.getPhoneTypes\"><account>acme</account></request>";
    let auth = basic(env.api_key(), other.key(crm_planfix::TOKEN));
    let (status, text) = send(&env.app, "POST", "/xml/", Some(&auth), body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        text,
        error_doc(
            "0012",
            "Отсутствует сессия, не передан параметр сессии в запрос"
        )
    );
    // The same token with its own key and account works.
    let body = "<request method=\"contact.getPhoneTypes\"><account>other</account></request>";
    let auth = basic(
        other.key(crm_planfix::API_KEY),
        other.key(crm_planfix::TOKEN),
    );
    let (_, text) = send(&env.app, "POST", "/xml/", Some(&auth), body).await;
    assert!(text.contains("<phoneTypes totalCount=\"4\">"), "{text}");
}

#[tokio::test]
async fn account_name_is_matched_without_regard_to_case() {
    let env = Env::new().await;
    let sid = env.login().await;
    let body = format!(
        "<request method=\"contact.getPhoneTypes\"><account>Acme</account><sid>{sid}</sid></request>"
    );
    let (_, text) = env.post(&body).await;
    assert!(text.contains("<phoneTypes totalCount=\"4\">"), "{text}");
}
