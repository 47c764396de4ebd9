//! The soak's connections: each sends the mix's next request when the last
//! answer is read, and keeps the id of every create the gateway answered.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use http_body_util::BodyExt;

use super::mix::{Ack, Kind, Mix};
use crate::load;

/// Refusals printed in full; past these the run only counts them.
const SHOWN_REFUSALS: u64 = 10;

/// What a set of connections saw.
#[derive(Debug)]
pub struct Tally {
    /// Answers read.
    pub requests: u64,
    /// Answers with a 5xx status.
    pub server_errors: u64,
    /// Other answers that were not the dialect's success.
    pub refusals: u64,
    /// Connections that failed and answers cut short.
    pub broken: u64,
    /// Latency of every answer, in microseconds.
    pub latency: Histogram<u64>,
    /// The same, a histogram a kind of request.
    pub by_kind: HashMap<Kind, Histogram<u64>>,
    /// Creates the gateway answered as done.
    pub acks: Vec<Ack>,
}

impl Tally {
    fn new() -> Self {
        Self {
            requests: 0,
            server_errors: 0,
            refusals: 0,
            broken: 0,
            latency: load::histogram(),
            by_kind: HashMap::new(),
            acks: Vec::new(),
        }
    }

    fn merge(&mut self, other: Tally) {
        self.requests += other.requests;
        self.server_errors += other.server_errors;
        self.refusals += other.refusals;
        self.broken += other.broken;
        let _ = self.latency.add(other.latency);
        for (kind, latency) in other.by_kind {
            let _ = self.kind(kind).add(latency);
        }
        self.acks.extend(other.acks);
    }

    fn kind(&mut self, kind: Kind) -> &mut Histogram<u64> {
        self.by_kind.entry(kind).or_insert_with(load::histogram)
    }

    /// Milliseconds at `quantile`.
    pub fn millis(&self, quantile: f64) -> f64 {
        self.latency.value_at_quantile(quantile) as f64 / 1000.0
    }
}

/// Runs the mix on `connections` connections until `until`.
pub async fn drive(addr: SocketAddr, mix: Arc<Mix>, connections: usize, until: Instant) -> Tally {
    let seq = Arc::new(AtomicU64::new(0));
    let shown = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            tokio::spawn(connection(
                addr,
                mix.clone(),
                seq.clone(),
                shown.clone(),
                until,
            ))
        })
        .collect();
    let mut tally = Tally::new();
    for task in tasks {
        match task.await {
            Ok(one) => tally.merge(one),
            Err(_) => tally.broken += 1,
        }
    }
    tally
}

async fn connection(
    addr: SocketAddr,
    mix: Arc<Mix>,
    seq: Arc<AtomicU64>,
    shown: Arc<AtomicU64>,
    until: Instant,
) -> Tally {
    let mut tally = Tally::new();
    let mut sender = None;
    while Instant::now() < until {
        let conn = match sender.as_mut() {
            Some(conn) => conn,
            None => match load::connect(addr).await {
                Ok(conn) => sender.insert(conn),
                Err(_) => {
                    tally.broken += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let n = seq.fetch_add(1, Ordering::Relaxed);
        let sent = Instant::now();
        let Ok(answer) = conn.send_request(mix.request(n)).await else {
            tally.broken += 1;
            sender = None;
            continue;
        };
        let status = answer.status().as_u16();
        let Ok(body) = answer.into_body().collect().await else {
            tally.broken += 1;
            sender = None;
            continue;
        };
        let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
        let kind = Mix::kind(n);
        let _ = tally.latency.record(micros.max(1));
        let _ = tally.kind(kind).record(micros.max(1));
        tally.requests += 1;
        let body = body.to_bytes();
        if kind.check()(status, &body) {
            if let Some(id) = kind.created_id(&body) {
                tally.acks.push(Ack {
                    id,
                    tag: mix.tag(n),
                });
            }
            continue;
        }
        if status >= 500 {
            tally.server_errors += 1;
        } else {
            tally.refusals += 1;
        }
        if shown.fetch_add(1, Ordering::Relaxed) < SHOWN_REFUSALS {
            let excerpt = String::from_utf8_lossy(&body[..body.len().min(300)]);
            eprintln!("  {kind:?} answered {status}: {excerpt}");
        }
    }
    tally
}
