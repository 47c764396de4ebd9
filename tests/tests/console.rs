//! The console in a real browser: Chromium driven through WebDriver
//! (`chromedriver`) signs in, searches, opens a client and reads it as the
//! four dialects answer it; a screenshot of that page is saved as
//! `target/console.png`. Without a browser the test is skipped outside CI
//! (`.ci/run` installs Debian's `chromium` and `chromium-driver`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crm_e2e::dialect::{Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account, gateway_binary};
use crm_testkit::TestDb;
use fantoccini::{Client, ClientBuilder, Locator};

/// `chromedriver` on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Option<Self> {
        let Some(binary) = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
        else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "no chromedriver; .ci/run installs chromium-driver"
            );
            eprintln!("skipped: no chromedriver (apt-get install chromium chromium-driver)");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let start = Instant::now();
        while TcpStream::connect(addr).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Self { child, port })
    }

    async fn browser(&self) -> Client {
        let mut capabilities = serde_json::Map::new();
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--window-size=1400,1100",
        ];
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            serde_json::json!({ "args": args }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a browser session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The text of the element `css` names once it satisfies `ready`: a click
/// that loads a page returns before the page has replaced the last one,
/// whose element may answer first, or go stale while it is read.
async fn text_when(browser: &Client, css: &str, ready: impl Fn(&str) -> bool) -> String {
    let start = std::time::Instant::now();
    let mut last = String::new();
    while start.elapsed() < Duration::from_secs(15) {
        if let Ok(element) = browser.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if ready(&text) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never became ready; last: {last:?}")
}

async fn text_of(browser: &Client, css: &str) -> String {
    text_when(browser, css, |_| true).await
}

async fn sign_in(browser: &Client, base: &str, account: &str, login: &str, password: &str) {
    browser.goto(&format!("{base}/console")).await.unwrap();
    for (id, value) in [
        ("account", account),
        ("login", login),
        ("password", password),
    ] {
        let field = browser.find(Locator::Id(id)).await.unwrap();
        field.send_keys(value).await.unwrap();
    }
    browser
        .find(Locator::Id("sign-in"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_person_searches_opens_a_client_and_reads_it_in_four_dialects() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let db = TestDb::new().await;
    let credentials = create_account(db.url(), "acme");
    let other = create_account(db.url(), "beta");
    let gateway = Gateway::start(db.url());
    let base = gateway.url("").trim_end_matches('/').to_owned();
    let session = Session::open(&base, credentials.clone()).await;
    let person = Person::sample("Console");
    session.write(Dialect::Rest, &person).await;
    session
        .write(Dialect::Planfix, &Person::sample("Other"))
        .await;
    let strangers = Session::open(&base, other).await;
    let foreign = strangers
        .write(Dialect::Eadesk, &Person::sample("Stranger"))
        .await;

    let browser = driver.browser().await;
    let password = credentials["password"].as_str().unwrap();
    sign_in(&browser, &base, "acme", "admin@acme", "wrong").await;
    let refused = text_of(&browser, "#error").await;
    assert!(
        refused.contains("Wrong account, login or password"),
        "{refused}"
    );

    sign_in(&browser, &base, "acme", "admin@acme", password).await;
    let field = browser.wait().for_element(Locator::Id("q")).await.unwrap();
    field.send_keys("Console").await.unwrap();
    browser
        .find(Locator::Id("search"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let summary = text_when(&browser, "#summary", |t| t.contains("Console")).await;
    assert!(summary.starts_with("1 clients"), "{summary}");
    let found = text_of(&browser, "#clients").await;
    assert!(
        found.contains(&person.full_name()) && !found.contains("Other"),
        "{found}"
    );

    browser
        .find(Locator::LinkText(&person.full_name()))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let name = text_when(&browser, "#name", |t| !t.is_empty()).await;
    assert_eq!(name, person.full_name());
    let history = text_of(&browser, "#history").await;
    assert!(history.contains("created rest"), "{history}");
    let contacts = text_of(&browser, "#contacts").await;
    assert!(
        contacts.contains(&person.email) && contacts.contains(&person.phone),
        "{contacts}"
    );
    for (dialect, shows) in [
        ("eadesk", format!("\"name\": \"{}\"", person.full_name())),
        ("rest", format!("\"name\": \"{}\"", person.full_name())),
        ("salesman", format!("\"mail\": \"{}\"", person.email)),
        ("planfix", format!("<name>{}</name>", person.full_name())),
    ] {
        let pane = text_of(&browser, &format!("#dialect-{dialect}")).await;
        assert!(pane.contains("→ 200"), "{dialect}: {pane}");
        assert!(
            pane.contains(&shows),
            "{dialect} should show {shows}: {pane}"
        );
    }
    let shot = browser.screenshot().await.unwrap();
    assert!(shot.starts_with(b"\x89PNG"), "a PNG");
    let target = gateway_binary()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    std::fs::write(target.join("console.png"), &shot).unwrap();

    browser
        .goto(&format!("{base}/console/client/{foreign}"))
        .await
        .unwrap();
    let body = text_when(&browser, "body", |t| !t.contains("Contact points")).await;
    assert_eq!(body, "No such client.", "another account's client");

    browser.goto(&format!("{base}/console")).await.unwrap();
    browser
        .find(Locator::Css("header button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait()
        .for_element(Locator::Id("sign-in"))
        .await
        .unwrap();
    browser.close().await.unwrap();
}
