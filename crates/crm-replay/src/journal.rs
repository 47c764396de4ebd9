//! The record on disk: exchanges as JSON Lines in files of a bounded size,
//! written by a thread of their own behind a bounded queue, so that a slow
//! disk drops records (counted) rather than slowing a request.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError, sync_channel};
use std::time::{Duration, Instant};

use crate::capture::Sink;
use crate::exchange::Exchange;
use crate::{classify, secrets};

/// How often the writer looks for exchanges: at 4,096 waiting, the queue
/// holds 400,000 a second.
const TICK: Duration = Duration::from_millis(10);

/// How a record is kept.
#[derive(Debug, Clone)]
pub struct JournalConfig {
    /// The folder of the record's files.
    pub dir: PathBuf,
    /// A file is closed and the next begun past this size.
    pub max_file_bytes: u64,
    /// Exchanges waiting to be written; past it they are dropped.
    pub queue: usize,
}

impl JournalConfig {
    /// Files of 64 MiB in `dir`, 4,096 exchanges waiting at most.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            max_file_bytes: 64 << 20,
            queue: 4096,
        }
    }
}

#[derive(Debug, Default)]
struct Counts {
    offered: AtomicU64,
    written: AtomicU64,
    dropped: AtomicU64,
}

/// A record being written.
#[derive(Debug)]
pub struct Journal {
    sender: SyncSender<Exchange>,
    counts: Arc<Counts>,
    last_warning: std::sync::Mutex<Option<Instant>>,
}

impl Journal {
    /// Starts writing a record into `config.dir` (created when missing).
    pub fn open(config: &JournalConfig) -> std::io::Result<Self> {
        std::fs::create_dir_all(&config.dir)?;
        let (sender, receiver) = sync_channel(config.queue);
        let counts = Arc::new(Counts::default());
        let writer = Writer::new(config, counts.clone());
        std::thread::Builder::new()
            .name("record-writer".into())
            .spawn(move || writer.run(&receiver))?;
        Ok(Self {
            sender,
            counts,
            last_warning: std::sync::Mutex::new(None),
        })
    }

    /// Exchanges dropped because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.counts.dropped.load(Ordering::Relaxed)
    }

    /// Exchanges written and flushed to the file.
    pub fn written(&self) -> u64 {
        self.counts.written.load(Ordering::Relaxed)
    }

    /// Waits, at most `limit`, until every exchange offered is written or
    /// dropped: at shutdown, after the last request.
    pub fn drain(&self, limit: Duration) {
        let until = Instant::now() + limit;
        while Instant::now() < until {
            let done = self.written() + self.dropped();
            if done >= self.counts.offered.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn warn_dropped(&self) {
        let mut last = self
            .last_warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
            *last = Some(Instant::now());
            tracing::warn!(
                dropped = self.dropped(),
                "the record's queue is full: exchanges dropped"
            );
        }
    }
}

impl Sink for Journal {
    fn take(&self, exchange: Exchange) {
        self.counts.offered.fetch_add(1, Ordering::Relaxed);
        match self.sender.try_send(exchange) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                self.counts.dropped.fetch_add(1, Ordering::Relaxed);
                metrics::counter!("crm_record_exchanges_total", "result" => "dropped").increment(1);
                self.warn_dropped();
            }
        }
    }
}

/// The writer thread's side.
struct Writer {
    dir: PathBuf,
    max_file_bytes: u64,
    counts: Arc<Counts>,
    opened: i64,
    sequence: u32,
    file: Option<(BufWriter<File>, u64)>,
}

impl Writer {
    fn new(config: &JournalConfig, counts: Arc<Counts>) -> Self {
        Self {
            dir: config.dir.clone(),
            max_file_bytes: config.max_file_bytes,
            counts,
            opened: chrono::Utc::now().timestamp_millis(),
            sequence: 0,
            file: None,
        }
    }

    /// Wakes every `TICK` and writes what waits: a request never wakes
    /// this thread, and a record costs a write call a tick, not one an
    /// exchange.
    fn run(mut self, receiver: &Receiver<Exchange>) {
        loop {
            let mut written = 0;
            let closed = loop {
                match receiver.try_recv() {
                    Ok(exchange) => written += self.write(exchange),
                    Err(TryRecvError::Empty) => break false,
                    Err(TryRecvError::Disconnected) => break true,
                }
            };
            self.flush();
            self.counts.written.fetch_add(written, Ordering::Relaxed);
            metrics::counter!("crm_record_exchanges_total", "result" => "written")
                .increment(written);
            if closed {
                return;
            }
            std::thread::sleep(TICK);
        }
    }

    /// Writes one exchange: 1 when it was, 0 when it was dropped.
    fn write(&mut self, exchange: Exchange) -> u64 {
        let line = match serde_json::to_string(&secrets::redact(classify::complete(exchange))) {
            Ok(line) => line,
            Err(err) => {
                tracing::warn!(%err, "an exchange could not be written");
                self.counts.dropped.fetch_add(1, Ordering::Relaxed);
                return 0;
            }
        };
        if let Err(err) = self.append(&line) {
            tracing::warn!(%err, dir = %self.dir.display(), "writing the record failed");
            self.counts.dropped.fetch_add(1, Ordering::Relaxed);
            return 0;
        }
        1
    }

    fn append(&mut self, line: &str) -> std::io::Result<()> {
        let full = self
            .file
            .as_ref()
            .is_some_and(|(_, size)| *size >= self.max_file_bytes);
        if full {
            self.flush();
            self.file = None;
        }
        if self.file.is_none() {
            self.sequence += 1;
            let path = file_path(&self.dir, self.opened, self.sequence);
            self.file = Some((BufWriter::new(File::create(path)?), 0));
        }
        if let Some((file, size)) = &mut self.file {
            file.write_all(line.as_bytes())?;
            file.write_all(b"\n")?;
            *size += line.len() as u64 + 1;
        }
        Ok(())
    }

    fn flush(&mut self) {
        if let Some((file, _)) = &mut self.file
            && let Err(err) = file.flush()
        {
            tracing::warn!(%err, "flushing the record failed");
        }
    }
}

/// `exchanges-<ms the record began>-<n>.jsonl`: the files of one folder
/// sort in the order they were written, across runs too.
fn file_path(dir: &Path, opened: i64, sequence: u32) -> PathBuf {
    dir.join(format!("exchanges-{opened:013}-{sequence:04}.jsonl"))
}

/// Every exchange of the record in `dir`, in the order written.
pub fn read_dir(dir: &Path) -> anyhow::Result<Vec<Exchange>> {
    use anyhow::Context;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut exchanges = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let exchange = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not an exchange", file.display(), n + 1))?;
            exchanges.push(exchange);
        }
    }
    Ok(exchanges)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn exchange(n: usize) -> Exchange {
        let target = format!("/rest/client/{n}?access-token=secret-token");
        Exchange::sample("GET", &target, "", "{}")
    }

    #[test]
    fn a_record_rotates_by_size_and_reads_back_in_order_redacted() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = JournalConfig::new(dir.path());
        config.max_file_bytes = 600;
        let journal = Journal::open(&config).unwrap();
        for n in 0..20 {
            journal.take(exchange(n));
        }
        journal.drain(Duration::from_secs(5));
        assert_eq!((journal.written(), journal.dropped()), (20, 0));
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert!(files > 1, "{files} files");
        let read = read_dir(dir.path()).unwrap();
        let targets: Vec<&str> = read.iter().map(|e| e.request.target.as_str()).collect();
        let expected: Vec<String> = (0..20)
            .map(|n| format!("/rest/client/{n}?access-token=REDACTED"))
            .collect();
        assert_eq!(targets, expected);
        assert!(read.iter().all(|e| e.operation == "GET /rest/client/{id}"));
    }
}
