//! An account's life through the operator commands, seen from each
//! dialect's wire: `account disable|enable|rotate` and `user
//! add|list|disable|enable`. A running gateway trusts what it verified for
//! `auth.credential_cache_ms` (1 s by default), so a refusal is awaited
//! within a bound well past it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use crm_e2e::{Gateway, create_account, operator};
use crm_testkit::TestDb;
use serde_json::Value;

/// Well past the 1-second credential cache, for a loaded machine.
const BOUND: Duration = Duration::from_secs(10);

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

/// One authenticated read per dialect with the credentials `creds` (the
/// shape of `account create --json`), telling which were accepted.
struct Probe {
    base: String,
    http: reqwest::Client,
}

impl Probe {
    fn new(gateway: &Gateway) -> Self {
        Self {
            base: gateway.url("").trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
        }
    }

    async fn eadesk(&self, creds: &Value) -> bool {
        let url = format!(
            "{}/api/clients/person/read?token={}",
            self.base,
            text(&creds["eadesk"]["token"])
        );
        let status = self.http.get(url).send().await.unwrap().status();
        assert!(status == 200 || status == 401, "{status}");
        status == 200
    }

    async fn rest(&self, creds: &Value) -> bool {
        let url = format!("{}/rest/client", self.base);
        let token = text(&creds["rest"]["access_token"]);
        let status = self
            .http
            .get(url)
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status();
        assert!(status == 200 || status == 401, "{status}");
        status == 200
    }

    /// SalesMan `list` as `login`: `Err` with the refusal's message.
    async fn salesman_as(&self, creds: &Value, login: &str) -> Result<(), String> {
        let apikey = text(&creds["salesman"]["apikey"]);
        let form = [("login", login), ("apikey", apikey), ("action", "list")];
        let url = format!("{}/developer/v2/person", self.base);
        let answer: Value = self
            .http
            .post(url)
            .form(&form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        match answer.get("error") {
            Some(error) => Err(error["text"].to_string()),
            None => Ok(()),
        }
    }

    async fn salesman(&self, creds: &Value) -> bool {
        let login = text(&creds["salesman"]["login"]).to_owned();
        self.salesman_as(creds, &login).await.is_ok()
    }

    /// Planfix `auth.login` as `login` with `password`, signed in with the
    /// API key of `creds`.
    async fn planfix_as(&self, creds: &Value, login: &str, password: &str) -> bool {
        let pf = &creds["planfix"];
        let body = format!(
            "<request method=\"auth.login\"><account>{}</account><login>{login}</login><password>{password}</password></request>",
            text(&pf["account"]),
        );
        let answer = self
            .http
            .post(format!("{}/xml/", self.base))
            .basic_auth(text(&pf["api_key"]), Some("X"))
            .body(body)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        answer.contains("status=\"ok\"")
    }

    async fn planfix(&self, creds: &Value) -> bool {
        let (login, password) = (text(&creds["login"]), text(&creds["password"]));
        self.planfix_as(creds, login, password).await
    }

    /// Which of the four dialects accepted `creds`, in the order Eadesk,
    /// REST, SalesMan, Planfix.
    async fn accepted(&self, creds: &Value) -> [bool; 4] {
        [
            self.eadesk(creds).await,
            self.rest(creds).await,
            self.salesman(creds).await,
            self.planfix(creds).await,
        ]
    }

    /// Waits until the dialects answer `want`, or the bound passes.
    async fn until(&self, creds: &Value, want: [bool; 4]) {
        let start = Instant::now();
        loop {
            let got = self.accepted(creds).await;
            if got == want {
                return;
            }
            assert!(start.elapsed() < BOUND, "accepted {got:?}, want {want:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn json_line(printed: &str) -> Value {
    let first = printed.lines().next().unwrap_or_default();
    serde_json::from_str(first).unwrap_or_else(|_| panic!("{printed}"))
}

#[tokio::test]
async fn a_disabled_account_is_refused_in_every_dialect_until_enabled() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let beta = create_account(db.url(), "beta");
    let gateway = Gateway::start(db.url());
    let probe = Probe::new(&gateway);
    probe.until(&creds, [true; 4]).await;

    let (ok, printed) = operator::account(db.url(), &["disable", "acme"]);
    assert!(ok && printed.contains("acme: disabled"), "{printed}");
    probe.until(&creds, [false; 4]).await;
    assert_eq!(probe.accepted(&beta).await, [true; 4], "another account");
    let (ok, shown) = operator::account(db.url(), &["show", "acme"]);
    assert!(ok && shown.contains("status: disabled"), "{shown}");
    let (ok, listed) = operator::account(db.url(), &["list", "--json"]);
    assert!(ok, "{listed}");
    let listed = json_line(&listed);
    let statuses: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["disabled", "enabled"]);

    let (ok, printed) = operator::account(db.url(), &["enable", "--name", "acme"]);
    assert!(ok && printed.contains("acme: enabled"), "{printed}");
    probe.until(&creds, [true; 4]).await;

    let (ok, printed) = operator::account(db.url(), &["disable", "nobody"]);
    assert!(!ok && printed.contains("account nobody"), "{printed}");
}

#[tokio::test]
async fn rotating_a_dialect_refuses_its_old_credentials_and_leaves_the_rest() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let probe = Probe::new(&gateway);
    probe.until(&creds, [true; 4]).await;

    let (ok, printed) =
        operator::account(db.url(), &["rotate", "acme", "--dialect", "rest", "--json"]);
    assert!(ok, "{printed}");
    let rotated = json_line(&printed);
    assert_eq!(rotated["account"], "acme");
    let mut renewed = creds.clone();
    renewed["rest"] = rotated["rest"].clone();
    assert_ne!(
        renewed["rest"]["access_token"],
        creds["rest"]["access_token"]
    );
    assert!(probe.rest(&renewed).await, "the new token at once");
    probe.until(&creds, [true, false, true, true]).await;

    let (ok, printed) = operator::account(
        db.url(),
        &["rotate", "acme", "--dialect", "planfix", "--json"],
    );
    assert!(ok, "{printed}");
    let planfix = json_line(&printed)["planfix"].clone();
    assert_eq!(planfix["account"], "acme");
    assert_eq!(planfix["login"], creds["login"]);
    assert!(
        planfix.get("password").is_none(),
        "the password is not the dialect's to rotate: {planfix}"
    );
    for key in ["api_key", "private_key", "token"] {
        assert_ne!(planfix[key], creds["planfix"][key], "{key}");
    }
    renewed["planfix"]["api_key"] = planfix["api_key"].clone();
    assert!(probe.planfix(&renewed).await, "the new API key at once");
    probe.until(&creds, [true, false, true, false]).await;

    let (ok, printed) = operator::account(db.url(), &["rotate", "acme", "--dialect", "bitrix"]);
    assert!(
        !ok && printed.contains("eadesk, rest, salesman, planfix"),
        "{printed}"
    );
}

#[tokio::test]
async fn a_user_added_signs_in_and_a_disabled_one_is_refused() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let probe = Probe::new(&gateway);
    let add = [
        "user",
        "add",
        "--account",
        "acme",
        "--login",
        "ivan@acme",
        "--first-name",
        "Иван",
        "--last-name",
        "Петров",
        "--json",
    ];
    let (ok, printed) = operator::run(db.url(), &add);
    assert!(ok, "{printed}");
    let ivan = json_line(&printed);
    assert_eq!(
        (&ivan["login"], &ivan["role"], &ivan["status"]),
        (&"ivan@acme".into(), &"user".into(), &"active".into())
    );
    let password = text(&ivan["password"]).to_owned();
    assert!(probe.planfix_as(&creds, "ivan@acme", &password).await);
    probe.salesman_as(&creds, "ivan@acme").await.unwrap();
    let (ok, printed) = operator::run(db.url(), &add);
    assert!(
        !ok && printed.contains("duplicate user"),
        "a login taken: {printed}"
    );

    let (ok, printed) = operator::run(
        db.url(),
        &["user", "disable", "--account", "acme", "ivan@acme"],
    );
    assert!(ok, "{printed}");
    assert!(
        !probe.planfix_as(&creds, "ivan@acme", &password).await,
        "a password is checked at once"
    );
    let start = Instant::now();
    while probe.salesman_as(&creds, "ivan@acme").await.is_ok() {
        assert!(start.elapsed() < BOUND, "SalesMan still accepts ivan");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let refusal = probe.salesman_as(&creds, "ivan@acme").await.unwrap_err();
    assert!(refusal.contains("Неизвестный пользователь"), "{refusal}");
    assert!(probe.salesman(&creds).await, "the admin is not touched");

    let (ok, table) = operator::run(db.url(), &["user", "list", "--account", "acme"]);
    assert!(ok, "{table}");
    let ivan_row = table
        .lines()
        .find(|l| l.contains("ivan@acme"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(
        ivan_row.contains("inactive") && ivan_row.contains("Иван Петров"),
        "{ivan_row}"
    );

    let (ok, printed) = operator::run(
        db.url(),
        &["user", "enable", "--account", "acme", "ivan@acme"],
    );
    assert!(ok, "{printed}");
    assert!(probe.planfix_as(&creds, "ivan@acme", &password).await);
    let (ok, printed) = operator::run(
        db.url(),
        &["user", "disable", "--account", "acme", "nobody@acme"],
    );
    assert!(!ok && printed.contains("nobody@acme"), "{printed}");
}
