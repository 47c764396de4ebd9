//! Group commit for SQLite. With `synchronous=FULL` every commit waits for
//! the disk, and SQLite commits one writer at a time, so a commit a request
//! cuts throughput to the disk's flush rate. Here one task owns the writes:
//! it takes every write that has arrived, runs them all in one transaction,
//! commits once, and only then answers each caller with its own result.
//! Writes that arrive while a commit is flushing make up the next.
//!
//! A write that fails must fail alone. The group first runs with nothing
//! between its writes, since each statement is a round trip to the SQLite
//! thread and a savepoint a write would be two more; when one write fails,
//! that transaction is rolled back and the group runs again with a
//! savepoint a write, so the failing one rolls back to its own. A commit
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

/// A write's work, run on the group's connection. It may run twice: in the
/// group's transaction, and again in a savepoint of its own when another
/// write of the group failed.
pub(crate) type Work<R> =
    Box<dyn for<'c> Fn(&'c mut SqliteConnection) -> BoxFuture<'c, CoreResult<R>> + Send>;

/// A queued write, whatever its result's type.
trait Job: Send {
    /// Runs the work, keeps its result and says whether it succeeded.
    fn run<'c>(&'c mut self, conn: &'c mut SqliteConnection) -> BoxFuture<'c, bool>;

    /// Answers the caller with the write's result once the group's commit is
    /// known.
    fn answer(self: Box<Self>, committed: CoreResult<()>);
}

struct Queued<R> {
    work: Work<R>,
    result: Option<CoreResult<R>>,
    tell: oneshot::Sender<CoreResult<R>>,
}

impl<R: Send + 'static> Job for Queued<R> {
    fn run<'c>(&'c mut self, conn: &'c mut SqliteConnection) -> BoxFuture<'c, bool> {
        Box::pin(async move {
            let result = (self.work)(conn).await;
            let ok = result.is_ok();
            self.result = Some(result);
            ok
        })
    }

    fn answer(self: Box<Self>, committed: CoreResult<()>) {
        // A write that never ran: its group could not begin (the store is
        // busy or closing).
        let result = self.result.unwrap_or_else(|| Err(stopped()));
        // The caller may have gone away; the write stands.
        let _ = self.tell.send(committed.and(result));
    }
}

/// The handle requests queue their writes on. Cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct GroupCommit {
    jobs: mpsc::Sender<Box<dyn Job>>,
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
        let job = Box::new(Queued {
            work,
            result: None,
            tell,
        });
        self.jobs.send(job).await.map_err(|_| stopped())?;
        told.await.map_err(|_| stopped())?
    }
}

fn stopped() -> CoreError {
    CoreError::Unavailable("the store could not take the write; try again later".to_owned())
}

async fn commit_loop(pool: SqlitePool, mut queue: mpsc::Receiver<Box<dyn Job>>, tally: Arc<Tally>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < MOST_PER_COMMIT {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let committed = commit_group(&pool, &mut group).await;
        tally.commits.fetch_add(1, Ordering::Relaxed);
        tally
            .writes
            .fetch_add(group.len() as u64, Ordering::Relaxed);
        if let Err(err) = &committed {
            tracing::warn!(%err, writes = group.len(), "a group commit failed");
        }
        for job in group {
            job.answer(committed.clone());
        }
    }
}

async fn commit_group(pool: &SqlitePool, group: &mut [Box<dyn Job>]) -> CoreResult<()> {
    if all_together(pool, group).await? {
        return Ok(());
    }
    each_in_a_savepoint(pool, group).await
}

/// Runs the group's writes one after another in one transaction and commits
/// it; says `false`, having rolled it back, as soon as one write fails.
async fn all_together(pool: &SqlitePool, group: &mut [Box<dyn Job>]) -> CoreResult<bool> {
    let mut tx = begin_write!(sqlite pool).await.map_err(db)?;
    for job in group.iter_mut() {
        if !job.run(&mut tx).await {
            tx.rollback().await.map_err(db)?;
            return Ok(false);
        }
    }
    tx.commit().await.map_err(db)?;
    Ok(true)
}

/// Runs the group in one transaction, a savepoint a write, and commits it.
async fn each_in_a_savepoint(pool: &SqlitePool, group: &mut [Box<dyn Job>]) -> CoreResult<()> {
    let mut tx = begin_write!(sqlite pool).await.map_err(db)?;
    for job in group.iter_mut() {
        let mut savepoint = tx.begin().await.map_err(db)?;
        if job.run(&mut savepoint).await {
            savepoint.commit().await.map_err(db)?;
        } else {
            savepoint.rollback().await.map_err(db)?;
        }
    }
    tx.commit().await.map_err(db)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

    use super::*;

    /// Work that inserts `values` into `t`, in order.
    fn inserting(values: &'static [i64]) -> Work<()> {
        Box::new(move |conn| {
            Box::pin(async move {
                for value in values {
                    sqlx::query("INSERT INTO t (v) VALUES (?)")
                        .bind(value)
                        .execute(&mut *conn)
                        .await
                        .map_err(db)?;
                }
                Ok(())
            })
        })
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_failing_write_fails_alone_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("group.db"))
            .create_if_missing(true);
        let pool = SqlitePoolOptions::new()
            .connect_with(options)
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (v INTEGER PRIMARY KEY)")
            .execute(&pool)
            .await
            .unwrap();
        let writes = GroupCommit::start(pool.clone());
        // On one thread all three are queued before the task takes any, so
        // they make one group.
        let (first, failing, last) = tokio::join!(
            writes.run(inserting(&[1, 2])),
            writes.run(inserting(&[3, 1])),
            writes.run(inserting(&[4])),
        );
        assert!(first.is_ok() && last.is_ok(), "{first:?} {last:?}");
        assert!(failing.is_err(), "a duplicate key fails its write");
        let stored: Vec<i64> = sqlx::query_scalar("SELECT v FROM t ORDER BY v")
            .fetch_all(&pool)
            .await
            .unwrap();
        assert_eq!(stored, [1, 2, 4], "the failed write's first row is gone");
        let stats = writes.stats();
        assert_eq!((stats.commits, stats.writes), (1, 3));
    }
}
