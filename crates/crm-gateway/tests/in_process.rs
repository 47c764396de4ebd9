//! The real router and server, started in-process on port 0 over a real
//! database (SQLite, or PostgreSQL when CRM_TEST_DATABASE_URL names it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use crm_gateway::Config;
use crm_testkit::TestDb;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

struct Running {
    base: String,
    addr: std::net::SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
    _db: TestDb,
}

async fn start(tune: impl FnOnce(&mut Config)) -> Running {
    let db = TestDb::new().await;
    let mut config = Config::default();
    config.database.url = db.url().to_owned();
    config.auth.argon2_memory_kib = 64;
    config.auth.argon2_iterations = 1;
    tune(&mut config);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(crm_gateway::run(listener, config, async {
        let _ = rx.await;
    }));
    Running {
        base: format!("http://{addr}"),
        addr,
        stop: Some(tx),
        task,
        _db: db,
    }
}

impl Running {
    async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(Duration::from_secs(15), &mut self.task)
            .await
            .expect("server stops within the grace period")
            .expect("server task")
    }
}

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let gw = start(|_| {}).await;
    let response = reqwest::get(format!("{}/healthz", gw.base)).await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!({"status": "ok"}));
    gw.stop().await.unwrap();
}

#[tokio::test]
async fn unknown_path_is_a_json_404() {
    let gw = start(|_| {}).await;
    let response = reqwest::get(format!("{}/no/such/path", gw.base))
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    gw.stop().await.unwrap();
}

#[tokio::test]
async fn responses_carry_a_request_id() {
    let gw = start(|_| {}).await;
    let response = reqwest::get(format!("{}/healthz", gw.base)).await.unwrap();
    assert!(response.headers().contains_key("x-request-id"));
    gw.stop().await.unwrap();
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_disconnected() {
    let gw = start(|c| c.http.header_read_timeout_ms = 300).await;
    let mut stream = TcpStream::connect(gw.addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "connection still open after 5 s");
    assert!(started.elapsed() < Duration::from_secs(5));
    gw.stop().await.unwrap();
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let gw = start(|c| c.http.max_connections = 1).await;
    let mut first = TcpStream::connect(gw.addr).await.unwrap();
    first
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 12];
    first.read_exact(&mut buf).await.unwrap();
    assert_eq!(&buf, b"HTTP/1.1 200");
    // The first connection is kept alive and holds the only slot.
    let second = tokio::time::timeout(
        Duration::from_millis(500),
        reqwest::get(format!("{}/healthz", gw.base)),
    )
    .await;
    assert!(
        second.is_err(),
        "second connection was served while the cap was reached"
    );
    drop(first);
    let third = tokio::time::timeout(
        Duration::from_secs(5),
        reqwest::get(format!("{}/healthz", gw.base)),
    )
    .await
    .expect("served once the slot is free")
    .unwrap();
    assert_eq!(third.status(), 200);
    gw.stop().await.unwrap();
}

#[tokio::test]
async fn shutdown_lets_the_server_return_cleanly() {
    let gw = start(|_| {}).await;
    assert_eq!(
        reqwest::get(format!("{}/healthz", gw.base))
            .await
            .unwrap()
            .status(),
        200
    );
    gw.stop().await.unwrap();
}

#[tokio::test]
async fn a_kept_alive_connection_that_goes_quiet_is_closed() {
    let gw = start(|c| c.http.idle_timeout_ms = 300).await;
    let mut stream = TcpStream::connect(gw.addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).await.unwrap();
    assert_eq!(&head, b"HTTP/1.1 200");
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut rest)).await;
    assert!(
        closed.is_ok(),
        "an idle kept-alive connection stayed open for 5 s"
    );
    gw.stop().await.unwrap();
}
