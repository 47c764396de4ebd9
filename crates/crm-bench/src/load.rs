//! A closed-loop load generator: a fixed number of HTTP/1.1 keep-alive
//! connections, each sending its next request when the last answer is read,
//! every latency recorded in an HDR histogram.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// Builds request number `n` of a case.
pub type MakeRequest = Arc<dyn Fn(u64) -> http::Request<Full<Bytes>> + Send + Sync>;
/// Whether an answer (status, body) is the success the case expects.
pub type Check = fn(u16, &[u8]) -> bool;

/// What one case measured.
#[derive(Debug)]
pub struct Outcome {
    /// Answers read.
    pub requests: u64,
    /// Answers that were not a success, and connections that failed.
    pub errors: u64,
    /// Latency of every answer, in microseconds.
    pub latency: Histogram<u64>,
    /// How long the case ran.
    pub elapsed: Duration,
}

impl Outcome {
    /// Answers per second.
    pub fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// An empty latency histogram, in microseconds.
// These bounds are valid constants: the constructor cannot refuse them.
#[allow(clippy::expect_used)]
pub fn histogram() -> Histogram<u64> {
    // One microsecond to one minute, three significant digits.
    Histogram::new_with_bounds(1, 60_000_000, 3).expect("valid histogram bounds")
}

/// A keep-alive HTTP/1.1 connection to `addr`.
pub async fn connect(addr: SocketAddr) -> anyhow::Result<http1::SendRequest<Full<Bytes>>> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    // A connection the benchmark drops is reset, as a client that goes away.
    stream.set_zero_linger()?;
    let (sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// Sends one request on a connection of its own and reads the whole answer.
pub async fn once(
    addr: SocketAddr,
    request: http::Request<Full<Bytes>>,
) -> anyhow::Result<(u16, Bytes)> {
    let mut sender = connect(addr).await?;
    let answer = sender.send_request(request).await?;
    let status = answer.status().as_u16();
    Ok((status, answer.into_body().collect().await?.to_bytes()))
}

/// Runs `make`'s requests on `connections` connections for `duration`.
pub async fn drive(
    addr: SocketAddr,
    connections: usize,
    duration: Duration,
    make: MakeRequest,
    check: Check,
) -> Outcome {
    let start = Instant::now();
    let deadline = start + duration;
    let seq = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            tokio::spawn(connection_loop(
                addr,
                deadline,
                seq.clone(),
                make.clone(),
                check,
            ))
        })
        .collect();
    let mut outcome = Outcome {
        requests: 0,
        errors: 0,
        latency: histogram(),
        elapsed: Duration::ZERO,
    };
    for task in tasks {
        if let Ok((requests, errors, latency)) = task.await {
            outcome.requests += requests;
            outcome.errors += errors;
            let _ = outcome.latency.add(latency);
        }
    }
    outcome.elapsed = start.elapsed();
    outcome
}

/// Runs `make`'s requests on `connections` connections and, after `after`,
/// resets every connection with its request in flight.
pub async fn cut_off(addr: SocketAddr, connections: usize, after: Duration, make: MakeRequest) {
    let far = Instant::now() + Duration::from_secs(3600);
    let seq = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            tokio::spawn(connection_loop(
                addr,
                far,
                seq.clone(),
                make.clone(),
                |_, _| true,
            ))
        })
        .collect();
    tokio::time::sleep(after).await;
    for task in &tasks {
        task.abort();
    }
    for task in tasks {
        let _ = task.await;
    }
}

async fn connection_loop(
    addr: SocketAddr,
    deadline: Instant,
    seq: Arc<AtomicU64>,
    make: MakeRequest,
    check: Check,
) -> (u64, u64, Histogram<u64>) {
    let (mut requests, mut errors, mut latency) = (0, 0, histogram());
    let mut sender = None;
    while Instant::now() < deadline {
        let conn = match sender.as_mut() {
            Some(conn) => conn,
            None => match connect(addr).await {
                Ok(conn) => sender.insert(conn),
                Err(_) => {
                    errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let request = make(seq.fetch_add(1, Ordering::Relaxed));
        let sent = Instant::now();
        let answer = match conn.send_request(request).await {
            Ok(answer) => answer,
            Err(_) => {
                errors += 1;
                sender = None;
                continue;
            }
        };
        let status = answer.status().as_u16();
        let Ok(body) = answer.into_body().collect().await else {
            errors += 1;
            sender = None;
            continue;
        };
        let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
        let _ = latency.record(micros.max(1));
        requests += 1;
        let body = body.to_bytes();
        if !check(status, &body) {
            if errors == 0 {
                // The first refusal of a connection says what went wrong.
                eprintln!(
                    "  answered {status}: {}",
                    String::from_utf8_lossy(&body[..body.len().min(300)])
                );
            }
            errors += 1;
        }
    }
    (requests, errors, latency)
}
