//! Where a read's statements run: on the pool when the read is one
//! statement, in one read transaction when it is several, so that a count
//! and its page, or a search's chunks and its page, see one snapshot.

use crm_core::CoreResult;
use sqlx::{Postgres, Sqlite, Transaction};

use crate::error::db;
use crate::pool::Pool;

/// An open read transaction. Dropped without [`Snapshot::close`], it rolls
/// back, which for a read is the same.
pub(crate) enum Snapshot {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// PostgreSQL's default, READ COMMITTED, takes a new snapshot per statement;
/// SQLite's deferred transaction keeps the one its first read takes.
const BEGIN_POSTGRES: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

impl Snapshot {
    /// Begins a read transaction on a connection of `pool`.
    pub(crate) async fn begin(pool: &Pool) -> CoreResult<Self> {
        Ok(match pool {
            Pool::Sqlite(p) => Self::Sqlite(p.begin().await.map_err(db)?),
            Pool::Postgres(p) => Self::Postgres(p.begin_with(BEGIN_POSTGRES).await.map_err(db)?),
        })
    }

    /// Ends the transaction and gives the connection back.
    pub(crate) async fn close(self) -> CoreResult<()> {
        match self {
            Self::Sqlite(tx) => tx.commit().await.map_err(db),
            Self::Postgres(tx) => tx.commit().await.map_err(db),
        }
    }
}

/// What a read's statements run on.
pub(crate) enum Reader<'a> {
    /// Any connection of the pool, one statement at a time.
    Pool(&'a Pool),
    /// One transaction's connection.
    Snapshot(&'a mut Snapshot),
}

/// Runs one body on the reader's executor (a pool, or a transaction's
/// connection); the body is compiled once for each, so statements and row
/// types are checked against both backends.
macro_rules! on_reader {
    ($reader:expr, $e:ident => $body:expr) => {
        match $reader {
            $crate::reader::Reader::Pool($crate::pool::Pool::Sqlite($e)) => $body,
            $crate::reader::Reader::Pool($crate::pool::Pool::Postgres($e)) => $body,
            $crate::reader::Reader::Snapshot($crate::reader::Snapshot::Sqlite(tx)) => {
                let $e = &mut **tx;
                $body
            }
            $crate::reader::Reader::Snapshot($crate::reader::Snapshot::Postgres(tx)) => {
                let $e = &mut **tx;
                $body
            }
        }
    };
}
pub(crate) use on_reader;
