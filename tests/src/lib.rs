//! Harness for end-to-end tests: runs the real `crm-gateway` binary as a
//! child process on a free port and drives its operator commands.

// A harness that cannot start the gateway must fail the test loudly.
#![allow(clippy::expect_used, clippy::panic, clippy::unwrap_used)]

pub mod captures;
pub mod dialect;
pub mod hangup;
pub mod hex_eadesk;
pub mod migration;
pub mod operator;
pub mod person;
pub mod pg_cluster;
pub mod proxy;
pub mod rewriting;
pub mod tenant_probes;
pub mod traffic;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The `crm-gateway` executable that `cargo test --workspace` built beside
/// this test binary (crm-gateway's own integration tests make cargo build it).
pub fn gateway_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target directory");
    let binary = dir.join(format!("crm-gateway{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "{} is missing: run the workspace tests (cargo test --workspace) so cargo builds it",
        binary.display()
    );
    binary
}

/// Runs `crm-gateway account create --json` and returns the printed object.
pub fn create_account(database_url: &str, name: &str) -> serde_json::Value {
    let output = Command::new(gateway_binary())
        .args(["account", "create", "--name", name, "--json"])
        .env("CRM_DATABASE_URL", database_url)
        .env("CRM_CONFIG", empty_config())
        .output()
        .expect("run crm-gateway account create");
    assert!(
        output.status.success(),
        "account create failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("account create prints JSON")
}

/// The config every test gateway and command starts with, so a
/// developer's `config/gateway.toml` does not leak in: the defaults, save
/// the failed sign-in throttles, off, since many tests fail sign-ins from
/// one address on purpose (`throttle.rs` tests them on).
pub fn empty_config() -> PathBuf {
    let path = std::env::temp_dir().join("crm-e2e-defaults-2.toml");
    if !path.exists() {
        let text = "[throttle]\nfailed_sign_ins_per_minute = 0\nfailed_logins_per_minute = 0\n";
        std::fs::write(&path, text).expect("write the test config");
    }
    path
}

/// A running gateway process.
#[derive(Debug)]
pub struct Gateway {
    child: Child,
    /// Where it listens.
    pub addr: SocketAddr,
    log: mpsc::Receiver<String>,
}

impl Gateway {
    /// Starts `crm-gateway serve` on a free loopback port over `database_url`.
    pub fn start(database_url: &str) -> Self {
        Self::start_with(database_url, &empty_config())
    }

    /// Same, with a config file.
    pub fn start_with(database_url: &str, config: &std::path::Path) -> Self {
        Self::spawn(database_url, config, "info", &[])
    }

    /// Same, with more `serve` flags (`--record DIR`).
    pub fn start_args(database_url: &str, args: &[&str]) -> Self {
        Self::spawn(database_url, &empty_config(), "info", args)
    }

    /// Starts it logging every SQL statement, for [`Gateway::statements_of`],
    /// with credentials trusted for a minute: a count is of a warm cache,
    /// whatever a loaded machine makes of the default second.
    pub fn start_counting(database_url: &str) -> Self {
        let config = std::env::temp_dir().join("crm-e2e-counting.toml");
        if !config.exists() {
            let text =
                "[auth]\ncredential_cache_ms = 60000\n[throttle]\nfailed_sign_ins_per_minute = 0\n";
            std::fs::write(&config, text).expect("write the counting config");
        }
        Self::spawn(database_url, &config, "info,sqlx::query=debug", &[])
    }

    /// Starts `crm-gateway record` on a free loopback port in front of
    /// `upstream`, recording into `dir`.
    pub fn record(upstream: &str, dir: &std::path::Path) -> Self {
        let args = [
            "record",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            upstream,
            "--dir",
        ];
        Self::run(
            Command::new(gateway_binary())
                .args(args)
                .arg(dir)
                .env("RUST_LOG", "info"),
        )
    }

    fn spawn(database_url: &str, config: &std::path::Path, rust_log: &str, args: &[&str]) -> Self {
        Self::run(
            Command::new(gateway_binary())
                .args(["serve", "--listen", "127.0.0.1:0"])
                .args(args)
                .env("CRM_DATABASE_URL", database_url)
                .env("CRM_CONFIG", config)
                .env("RUST_LOG", rust_log),
        )
    }

    fn run(command: &mut Command) -> Self {
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn crm-gateway");
        let stderr = child.stderr.take().expect("stderr pipe");
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let addr = wait_for_listen(&log, &mut child);
        Self { child, addr, log }
    }

    /// `http://ADDR/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Sends SIGTERM, waits for the process to exit (at most 15 s) and
    /// asserts that it drained and exited cleanly, showing its log if not.
    pub fn stop_cleanly(mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(15);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for gateway") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "gateway did not stop after SIGTERM; log:\n{}",
                self.log_lines().join("\n")
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(
            status.success(),
            "gateway exited with {status} after SIGTERM; log:\n{}",
            self.log_lines().join("\n")
        );
    }

    /// Kills the process with SIGKILL: no shutdown, no flush, as a crash.
    pub fn kill(mut self) {
        self.crash();
    }

    /// Kills the process with SIGKILL, keeping the handle (and whatever
    /// holds it) in place.
    pub fn crash(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The SQL statements the gateway ran for `request`, read from the log
    /// of a gateway started with [`Gateway::start_counting`]. A `/healthz`
    /// after it marks the end: its ping is logged after every statement of
    /// the request, whose answer came first.
    pub async fn statements_of<F: std::future::Future>(&self, request: F) -> Vec<String> {
        let _ = self.log_lines();
        request.await;
        let health = reqwest::get(self.url("/healthz")).await.expect("healthz");
        assert!(health.status().is_success(), "healthz: {}", health.status());
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut statements = Vec::new();
        while Instant::now() < deadline {
            let Ok(line) = self.log.recv_timeout(Duration::from_millis(100)) else {
                continue;
            };
            if !line.contains("sqlx::query") {
                continue;
            }
            if line.contains("summary=\"SELECT 1\"") {
                return statements;
            }
            statements.push(line);
        }
        panic!("no /healthz ping in the log; statements so far: {statements:#?}");
    }

    /// Log lines printed so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.try_iter().collect()
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for_listen(log: &mpsc::Receiver<String>, child: &mut Child) -> SocketAddr {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        match log.recv_timeout(Duration::from_millis(100)) {
            Ok(line) => {
                // Text lines say `listen=ADDR`, JSON lines `"listen":"ADDR"`.
                let text = line
                    .split("listen=")
                    .nth(1)
                    .map(|a| a.split_whitespace().next());
                let json = line
                    .split("\"listen\":\"")
                    .nth(1)
                    .map(|a| a.split('"').next());
                if let Some(addr) = text.or(json).flatten() {
                    return addr.parse().expect("listen address in the log");
                }
                seen.push(line);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("gateway exited with {status}: {}", seen.join("\n"));
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("gateway closed its log: {}", seen.join("\n"))
            }
        }
    }
    panic!("gateway did not start: {}", seen.join("\n"));
}
