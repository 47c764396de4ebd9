//! `serve --shadow URL`: every exchange, once answered, is sent again to a
//! candidate off the request path, and the two answers are compared as a
//! replay compares them. Reads always; writes only when the operator says
//! the candidate is disposable. Counts by dialect and operation go to
//! `summary.json`, each finding to `findings.jsonl`, in the shadow's folder.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;
use tokio::sync::mpsc;

use crate::capture::Sink;
use crate::classify::{complete, reads_only};
use crate::diff::{Difference, compare};
use crate::exchange::Exchange;
use crate::lane::Lane;
use crate::secrets::redact;

/// How a shadow runs.
#[derive(Debug, Clone)]
pub struct ShadowConfig {
    /// The candidate's root URL.
    pub candidate: String,
    /// Whether writes go to the candidate too.
    pub writes: bool,
    /// Where `summary.json` and `findings.jsonl` are written.
    pub dir: PathBuf,
    /// Exchanges waiting for the candidate; past it they are dropped.
    pub queue: usize,
}

/// Counts of one dialect and operation, or of all.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Exchanges sent to the candidate.
    pub requests: u64,
    /// Answered the same.
    pub matches: u64,
    /// Answered otherwise.
    pub findings: u64,
    /// Not sent: writes, or a body the capture cut.
    pub not_sent: u64,
    /// The candidate did not answer.
    pub failed: u64,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    total: Counts,
    dropped: u64,
    by_operation: BTreeMap<String, Counts>,
}

#[derive(Serialize)]
struct FindingLine<'a> {
    at: &'a str,
    dialect: &'a str,
    operation: &'a str,
    request: String,
    differences: &'a [Difference],
}

/// A running shadow.
#[derive(Debug)]
pub struct Shadow {
    sender: mpsc::Sender<Exchange>,
    dropped: Arc<AtomicU64>,
    summary: Arc<Mutex<Summary>>,
    done: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Shadow {
    /// Starts shadowing to `config.candidate`, on the current runtime.
    pub fn start(config: &ShadowConfig) -> anyhow::Result<Arc<Self>> {
        std::fs::create_dir_all(&config.dir).with_context(|| config.dir.display().to_string())?;
        // Appended to: a restart keeps what the runs before it found.
        let findings = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(config.dir.join("findings.jsonl"))?;
        let (sender, receiver) = mpsc::channel(config.queue);
        let summary = Arc::new(Mutex::new(Summary::default()));
        let dropped = Arc::new(AtomicU64::new(0));
        let worker = Worker {
            lane: Lane::new(&config.candidate, None, Duration::from_secs(10))?,
            writes: config.writes,
            findings,
            summary_path: config.dir.join("summary.json"),
            summary: summary.clone(),
            dropped: dropped.clone(),
            written_at: Instant::now(),
        };
        let done = tokio::spawn(worker.run(receiver));
        Ok(Arc::new(Self {
            sender,
            dropped,
            summary,
            done: Mutex::new(Some(done)),
        }))
    }

    /// The counts so far.
    pub fn total(&self) -> Counts {
        self.summary
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
            .clone()
    }

    /// Takes no more exchanges, compares those waiting, and writes the
    /// summary: at shutdown.
    pub async fn finish(self: Arc<Self>) {
        let done = self
            .done
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(self);
        if let Some(done) = done {
            let _ = tokio::time::timeout(Duration::from_secs(10), done).await;
        }
    }
}

impl Sink for Shadow {
    fn take(&self, exchange: Exchange) {
        if self.sender.try_send(exchange).is_err() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

struct Worker {
    lane: Lane,
    writes: bool,
    findings: File,
    summary_path: PathBuf,
    summary: Arc<Mutex<Summary>>,
    dropped: Arc<AtomicU64>,
    written_at: Instant,
}

/// What happened to one exchange.
enum Outcome {
    Same,
    Differs,
    NotSent,
    Failed,
}

impl Worker {
    async fn run(mut self, mut receiver: mpsc::Receiver<Exchange>) {
        while let Some(exchange) = receiver.recv().await {
            let exchange = complete(exchange);
            let outcome = self.shadow(&exchange).await;
            self.count(&exchange, &outcome);
            // Written when the queue runs dry, at most once a second under load.
            if receiver.is_empty() || self.written_at.elapsed() >= Duration::from_secs(1) {
                self.write_summary();
            }
        }
        self.write_summary();
    }

    async fn shadow(&mut self, exchange: &Exchange) -> Outcome {
        let request = &exchange.request;
        if !self.writes && !reads_only(&exchange.dialect, &request.method, &exchange.operation) {
            return Outcome::NotSent;
        }
        let prepared = match self.lane.prepare(exchange) {
            Ok(Some(prepared)) => prepared,
            Ok(None) => return Outcome::NotSent,
            Err(err) => {
                tracing::warn!(%err, "a shadow request could not be made");
                return Outcome::Failed;
            }
        };
        let answer = match self.lane.send(exchange, prepared).await {
            Ok(answer) => answer,
            Err(err) => {
                tracing::warn!(err = %format!("{err:#}"), "the shadow candidate did not answer");
                return Outcome::Failed;
            }
        };
        let differences = compare(
            &exchange.dialect,
            &exchange.answer,
            &answer,
            &mut self.lane.ids,
        );
        if differences.is_empty() {
            return Outcome::Same;
        }
        let shown = redact(exchange.clone());
        let line = FindingLine {
            at: &exchange.at,
            dialect: &exchange.dialect,
            operation: &exchange.operation,
            request: format!("{} {}", shown.request.method, shown.request.target),
            differences: &differences,
        };
        if let Ok(mut text) = serde_json::to_string(&line) {
            text.push('\n');
            if let Err(err) = self.findings.write_all(text.as_bytes()) {
                tracing::warn!(%err, "writing a shadow finding failed");
            }
        }
        Outcome::Differs
    }

    fn count(&self, exchange: &Exchange, outcome: &Outcome) {
        let mut summary = self.summary.lock().unwrap_or_else(PoisonError::into_inner);
        summary.dropped = self.dropped.load(Ordering::Relaxed);
        let name = match outcome {
            Outcome::Same => "same",
            Outcome::Differs => "differs",
            Outcome::NotSent => "not_sent",
            Outcome::Failed => "failed",
        };
        let dialect = crate::classify::dialect_name(&exchange.dialect);
        metrics::counter!("crm_shadow_exchanges_total", "dialect" => dialect, "outcome" => name)
            .increment(1);
        let key = format!("{} {}", exchange.dialect, exchange.operation);
        let Summary {
            total,
            by_operation,
            ..
        } = &mut *summary;
        for counts in [total, by_operation.entry(key).or_default()] {
            match outcome {
                Outcome::Same => {
                    counts.requests += 1;
                    counts.matches += 1;
                }
                Outcome::Differs => {
                    counts.requests += 1;
                    counts.findings += 1;
                }
                Outcome::NotSent => counts.not_sent += 1,
                Outcome::Failed => counts.failed += 1,
            }
        }
    }

    fn write_summary(&mut self) {
        self.written_at = Instant::now();
        let text = {
            let summary = self.summary.lock().unwrap_or_else(PoisonError::into_inner);
            serde_json::to_string_pretty(&*summary)
        };
        let written = text
            .map_err(std::io::Error::other)
            .and_then(|text| std::fs::write(&self.summary_path, text));
        if let Err(err) = written {
            tracing::warn!(%err, "writing the shadow summary failed");
        }
    }
}
