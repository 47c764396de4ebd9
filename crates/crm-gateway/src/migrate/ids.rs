//! The numbers a migration shows for ids that are not numbers (a real
//! Eadesk's 24 hex digits), one series per side and kind of record. They
//! are kept as lines of the state file, written before the lines that use
//! them, so the sync that makes a carried pair durable makes its numbers
//! durable too, and a run started again reads the same ids under the same
//! numbers.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use crm_core::store::{IdKind, UpstreamIdStore};
use crm_core::{AccountId, CoreError, CoreResult};
use serde::{Deserialize, Serialize};

/// Which end of the migration an id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The source.
    From,
    /// The destination.
    To,
}

/// One number given: a line of the state file.
#[derive(Serialize, Deserialize)]
pub(super) struct Numbered {
    side: Side,
    kind: String,
    id: String,
    n: i64,
}

type Series = (Side, &'static str);

#[derive(Default)]
struct Book {
    numbers: HashMap<(Series, String), i64>,
    ids: HashMap<(Series, i64), String>,
    last: HashMap<Series, i64>,
    file: Option<File>,
}

impl Book {
    fn note(&mut self, series: Series, id: String, n: i64) {
        let last = self.last.entry(series).or_default();
        *last = (*last).max(n);
        self.ids.insert((series, n), id.clone());
        self.numbers.insert((series, id), n);
    }
}

/// Every number given so far, for both sides.
#[derive(Default)]
pub struct IdBook(Mutex<Book>);

impl IdBook {
    /// The numbers read back from a state file, writing new ones to `file`
    /// (none for a run that writes nothing).
    pub(super) fn new(read: Vec<Numbered>, file: Option<File>) -> Self {
        let mut book = Book {
            file,
            ..Book::default()
        };
        for line in read {
            if let Some(kind) = kind_named(&line.kind) {
                book.note((line.side, kind.as_str()), line.id, line.n);
            }
        }
        Self(Mutex::new(book))
    }

    /// The map of `side`, as the upstream adapters take one.
    pub fn side(self: &Arc<Self>, side: Side) -> Arc<dyn UpstreamIdStore> {
        Arc::new(SideIds {
            side,
            book: self.clone(),
        })
    }

    fn book(&self) -> MutexGuard<'_, Book> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn kind_named(name: &str) -> Option<IdKind> {
    [IdKind::Client, IdKind::ContactPoint]
        .into_iter()
        .find(|kind| kind.as_str() == name)
}

struct SideIds {
    side: Side,
    book: Arc<IdBook>,
}

#[async_trait]
impl UpstreamIdStore for SideIds {
    async fn local_id(&self, _: AccountId, kind: IdKind, upstream: &str) -> CoreResult<i64> {
        let series = (self.side, kind.as_str());
        let mut book = self.book.book();
        if let Some(n) = book.numbers.get(&(series, upstream.to_owned())) {
            return Ok(*n);
        }
        let n = book.last.get(&series).copied().unwrap_or(0) + 1;
        if let Some(file) = &mut book.file {
            let line = Numbered {
                side: self.side,
                kind: kind.as_str().to_owned(),
                id: upstream.to_owned(),
                n,
            };
            let mut text = serde_json::to_string(&line).map_err(unavailable)?;
            text.push('\n');
            file.write_all(text.as_bytes()).map_err(unavailable)?;
        }
        book.note(series, upstream.to_owned(), n);
        Ok(n)
    }

    async fn upstream_id(&self, _: AccountId, kind: IdKind, n: i64) -> CoreResult<Option<String>> {
        let series = (self.side, kind.as_str());
        Ok(self.book.book().ids.get(&(series, n)).cloned())
    }
}

fn unavailable(err: impl std::fmt::Display) -> CoreError {
    CoreError::Unavailable(format!("writing the migration's id map: {err}"))
}
