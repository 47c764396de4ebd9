//! Group commit for SQLite. With `synchronous=FULL` every commit waits for
//! the disk, and SQLite commits one writer at a time, so a commit a request
//! cuts throughput to the disk's flush rate. Here one task owns the writes:
//! it takes every write that has arrived, runs each in a savepoint of one
//! transaction, commits once, and only then answers each caller with its own
//! result. Writes that arrive while a commit is flushing make up the next.
//!
//! A write that fails rolls back to its savepoint and fails alone; a commit
//! that fails fails every write of its group. No caller hears of success
//! before its data is durable. The task is never cancelled by a caller going
//! away, so a write is committed whole or not at all.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crm_core::{CoreError, CoreResult};
use futures_util::future::BoxFuture;
use sqlx::Acquire;
use sqlx::sqlite::{SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::error::db;
use crate::pool::begin_write;

/// Writes one commit takes at most, so that none waits behind a huge group.
const MOST_PER_COMMIT: usize = 256;

/// Writes waiting for the task at most; past it a caller waits to queue.
const QUEUE: usize = 1024;

/// A write's work, run on the group's connection inside its savepoint.
pub(crate) type Work<R> =
    Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, CoreResult<R>> + Send>;

/// Answers a caller with its write's result once the group's commit is known.
type Answer = Box<dyn FnOnce(CoreResult<()>) + Send>;

/// A queued write: runs, and says whether it succeeded and how to answer.
type Job =
    Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, (bool, Answer)> + Send>;

/// The handle requests queue their writes on. Cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct GroupCommit {
    jobs: mpsc::Sender<Job>,
    tally: Arc<Tally>,
}

/// Commits and the writes they carried since the store opened.
#[derive(Debug, Default)]
struct Tally {
    commits: AtomicU64,
    writes: AtomicU64,
}

/// How many group commits ran and how many writes they carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitStats {
    /// Commits, whatever their outcome.
    pub commits: u64,
    /// Writes those commits carried.
    pub writes: u64,
}

impl GroupCommit {
    /// Starts the task that commits the writes of `pool`'s database.
    pub(crate) fn start(pool: SqlitePool) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let tally = Arc::new(Tally::default());
        tokio::spawn(commit_loop(pool, queue, Arc::clone(&tally)));
        Self { jobs, tally }
    }

    pub(crate) fn stats(&self) -> CommitStats {
        CommitStats {
            commits: self.tally.commits.load(Ordering::Relaxed),
            writes: self.tally.writes.load(Ordering::Relaxed),
        }
    }

    /// Runs `work` in the next group and answers once it is durable.
    pub(crate) async fn run<R: Send + 'static>(&self, work: Work<R>) -> CoreResult<R> {
        let (tell, told) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                let result = work(conn).await;
                let ok = result.is_ok();
                let answer: Answer = Box::new(move |committed: CoreResult<()>| {
                    // The caller may have gone away; the write stands.
                    let _ = tell.send(committed.and(result));
                });
                (ok, answer)
            })
        });
        self.jobs.send(job).await.map_err(|_| stopped())?;
        // A job dropped unrun: its group could not begin (the store is busy
        // or closing).
        told.await.map_err(|_| stopped())?
    }
}

fn stopped() -> CoreError {
    CoreError::Unavailable("the store could not take the write; try again later".to_owned())
}

async fn commit_loop(pool: SqlitePool, mut queue: mpsc::Receiver<Job>, tally: Arc<Tally>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < MOST_PER_COMMIT {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let mut answers = Vec::with_capacity(group.len());
        let committed = commit_group(&pool, group, &mut answers).await;
        tally.commits.fetch_add(1, Ordering::Relaxed);
        tally
            .writes
            .fetch_add(answers.len() as u64, Ordering::Relaxed);
        if let Err(err) = &committed {
            tracing::warn!(%err, writes = answers.len(), "a group commit failed");
        }
        for answer in answers {
            answer(committed.clone());
        }
    }
}

/// Runs the group in one transaction, a savepoint a write, and commits it.
/// Jobs not yet run when it fails are dropped, which answers them.
async fn commit_group(
    pool: &SqlitePool,
    group: Vec<Job>,
    answers: &mut Vec<Answer>,
) -> CoreResult<()> {
    let mut tx = begin_write!(sqlite pool).await.map_err(db)?;
    for job in group {
        let mut savepoint = tx.begin().await.map_err(db)?;
        let (ok, answer) = job(&mut savepoint).await;
        answers.push(answer);
        if ok {
            savepoint.commit().await.map_err(db)?;
        } else {
            savepoint.rollback().await.map_err(db)?;
        }
    }
    tx.commit().await.map_err(db)
}
