//! Client lists: filters in SQL, the caller's regex (if any) in Rust, then one
//! page with its children. A fixed number of queries whatever the page size.

use std::collections::HashMap;

use futures_util::TryStreamExt;

use crm_core::{AccountId, Anchor, ClientPage, ClientQuery, CoreResult, SearchPattern, Visibility};

use crate::SqlStore;
use crate::error::{corrupt, db};
use crate::filter::{push_client_order, push_client_where, push_in, window};
use crate::prefilter::{Backend, push_regex_candidates, reusable};
use crate::reader::{Reader, Snapshot, on_reader};
use crate::rows::ClientRow;
use crate::seek::{Past, push_seek};
use crate::sql::clients;

/// Whether a list counts all its matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tally {
    /// `ClientPage::total` is the number of matches.
    Count,
    /// The caller shows no total: `ClientPage::total` is left 0 unless the
    /// matches were counted anyway (a regex search counts them in Rust).
    Skip,
}

impl SqlStore {
    pub(crate) async fn list(
        &self,
        account: AccountId,
        query: &ClientQuery,
        tally: Tally,
    ) -> CoreResult<ClientPage> {
        let Some((offset, limit)) = window(query.page.offset, query.page.limit) else {
            return Ok(ClientPage {
                total: self
                    .tally(&mut self.reader(), account, query, tally)
                    .await?,
                clients: Vec::new(),
            });
        };
        if query.search.is_none() && tally == Tally::Skip {
            let reader = &mut self.reader();
            return self
                .list_filtered(reader, account, query, (offset, limit), tally, None)
                .await;
        }
        let mut snapshot = Snapshot::begin(&self.pool).await?;
        let reader = &mut Reader::Snapshot(&mut snapshot);
        let page = match &query.search {
            None => {
                self.list_filtered(reader, account, query, (offset, limit), tally, None)
                    .await?
            }
            Some(pattern) => {
                let window = Window {
                    offset: u64::try_from(offset).unwrap_or(0),
                    limit: u64::try_from(limit).unwrap_or(0),
                };
                self.list_searched(reader, account, query, pattern, window, tally)
                    .await?
            }
        };
        snapshot.close().await?;
        Ok(page)
    }

    /// Statements one at a time, each on any connection.
    pub(crate) fn reader(&self) -> Reader<'_> {
        Reader::Pool(&self.pool)
    }

    async fn tally(
        &self,
        reader: &mut Reader<'_>,
        account: AccountId,
        query: &ClientQuery,
        tally: Tally,
    ) -> CoreResult<u64> {
        match tally {
            Tally::Count => self.count(reader, account, query).await,
            Tally::Skip => Ok(0),
        }
    }

    /// Prepared for reuse as [`reusable`] says, as the page and the search.
    pub(crate) async fn count(
        &self,
        reader: &mut Reader<'_>,
        account: AccountId,
        query: &ClientQuery,
    ) -> CoreResult<u64> {
        let total: i64 = on_reader!(reader, p => {
            let mut q = sqlx::QueryBuilder::new(clients::COUNT);
            push_client_where(&mut q, self.pool.backend(), account, query);
            q.build_query_scalar().persistent(reusable(self.pool.backend(), query)).fetch_one(p).await.map_err(db)?
        });
        Ok(u64::try_from(total).unwrap_or(0))
    }

    /// The page `after` an anchor (not on it) when one is given.
    pub(crate) async fn list_filtered(
        &self,
        reader: &mut Reader<'_>,
        account: AccountId,
        query: &ClientQuery,
        (offset, limit): (i64, i64),
        tally: Tally,
        after: Option<&Anchor>,
    ) -> CoreResult<ClientPage> {
        let total = self.tally(reader, account, query, tally).await?;
        let page_ids = self.pool.client_reads().page_ids;
        let rows: Vec<ClientRow> = on_reader!(reader, p => {
            let mut q = sqlx::QueryBuilder::new(page_ids);
            push_client_where(&mut q, self.pool.backend(), account, query);
            if let Some(after) = after {
                push_seek(&mut q, &query.sort, Past::Anchor(after));
            }
            push_client_order(&mut q, &query.sort);
            q.push(" LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(offset);
            q.push(clients::PAGE_ROWS);
            push_client_order(&mut q, &query.sort);
            q.build_query_as().persistent(reusable(self.pool.backend(), query)).fetch_all(p).await.map_err(db)?
        });
        let clients = rows
            .into_iter()
            .map(ClientRow::into_client)
            .collect::<CoreResult<_>>()?;
        Ok(ClientPage { total, clients })
    }

    /// The regex runs here, never in the database: the clients passing the
    /// filters and the index prefilter stream by in the list's order, each
    /// with its name and contact values, and only the page's ids are kept.
    async fn list_searched(
        &self,
        reader: &mut Reader<'_>,
        account: AccountId,
        query: &ClientQuery,
        pattern: &SearchPattern,
        window: Window,
        tally: Tally,
    ) -> CoreResult<ClientPage> {
        let backend = self.pool.backend();
        let mut sieve = Sieve::new(window, tally);
        // PostgreSQL plans an unlimited stream for all of it, building every
        // candidate's contact values before the first row; a page that does
        // not count its matches reads them in growing chunks instead.
        let mut chunk = (backend == Backend::Postgres && tally == Tally::Skip).then_some(Chunk {
            offset: 0,
            size: FIRST_CHUNK,
        });
        loop {
            let sifted = self
                .sift(reader, account, query, pattern, chunk, &mut sieve)
                .await?;
            match chunk {
                Some(read) if sifted == Sifted::ReadAll(read.size) => chunk = Some(read.next()),
                _ => break,
            }
        }
        let select = self.pool.client_reads().select;
        let page = sieve.page;
        let rows: Vec<ClientRow> = on_reader!(reader, p => {
            let mut q = sqlx::QueryBuilder::new(select);
            // Without statistics SQLite would rather walk the account's
            // index than look the page's ids up; `+` keeps it off.
            q.push(match backend {
                Backend::Sqlite => "WHERE +c.account_id = ",
                Backend::Postgres => "WHERE c.account_id = ",
            });
            q.push_bind(account.get()).push(" AND c.id");
            push_in(&mut q, page.iter().copied());
            q.build_query_as().fetch_all(p).await.map_err(db)?
        });
        let mut by_id: HashMap<i64, _> = rows
            .into_iter()
            .map(|row| Ok((row.id, row.into_client()?)))
            .collect::<CoreResult<_>>()?;
        let clients = page.iter().filter_map(|id| by_id.remove(id)).collect();
        Ok(ClientPage {
            total: sieve.total,
            clients,
        })
    }
}

/// Candidates a chunked search reads first; each next chunk is four times
/// the last.
const FIRST_CHUNK: i64 = 64;

/// A slice of a search's candidates.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    offset: i64,
    size: i64,
}

impl Chunk {
    fn next(self) -> Self {
        Self {
            offset: self.offset.saturating_add(self.size),
            size: self.size.saturating_mul(4),
        }
    }
}

/// How one read of candidates ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sifted {
    /// The sieve wants nothing more.
    Done,
    /// Every candidate asked for was read: this many.
    ReadAll(i64),
}

impl SqlStore {
    /// Runs the search's candidates (all, or one chunk) through the regex
    /// into the sieve.
    async fn sift(
        &self,
        reader: &mut Reader<'_>,
        account: AccountId,
        query: &ClientQuery,
        pattern: &SearchPattern,
        chunk: Option<Chunk>,
        sieve: &mut Sieve,
    ) -> CoreResult<Sifted> {
        let backend = self.pool.backend();
        let head = match backend {
            Backend::Sqlite => clients::SEARCH_SQLITE,
            Backend::Postgres => clients::SEARCH_POSTGRES,
        };
        Ok(on_reader!(reader, p => {
            let mut q = sqlx::QueryBuilder::new(head);
            if query.search_points == Visibility::LiveOnly {
                q.push(" AND p.status = 'active'");
            }
            q.push(clients::SEARCH_END);
            push_client_where(&mut q, backend, account, query);
            push_regex_candidates(&mut q, backend, account.get(), pattern.required(), query.search_points);
            push_client_order(&mut q, &query.sort);
            if let Some(chunk) = chunk {
                q.push(" LIMIT ").push_bind(chunk.size).push(" OFFSET ").push_bind(chunk.offset);
            }
            let reuse = reusable(backend, query);
            let mut rows = q.build_query_as::<(i64, String, String)>().persistent(reuse).fetch(p);
            let mut read = 0;
            let mut sifted = None;
            while let Some((id, name, values)) = rows.try_next().await.map_err(db)? {
                read += 1;
                if matches(pattern, &name, &values)? && !sieve.keep(id) {
                    sifted = Some(Sifted::Done);
                    break;
                }
            }
            sifted.unwrap_or(Sifted::ReadAll(read))
        }))
    }
}

/// Whether the client's name or one of its contact values (`values`, a JSON
/// array of strings) matches.
fn matches(pattern: &SearchPattern, name: &str, values: &str) -> CoreResult<bool> {
    if pattern.is_match(name) {
        return Ok(true);
    }
    let values: Vec<String> =
        serde_json::from_str(values).map_err(|_| corrupt("contact values", values))?;
    Ok(values.iter().any(|v| pattern.is_match(v)))
}

/// The page's offset and size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    offset: u64,
    limit: u64,
}

/// Counts the matches going by and keeps the ids of the page's.
struct Sieve {
    window: Window,
    tally: Tally,
    seen: u64,
    total: u64,
    page: Vec<i64>,
}

impl Sieve {
    fn new(window: Window, tally: Tally) -> Self {
        Self {
            window,
            tally,
            seen: 0,
            total: 0,
            page: Vec::new(),
        }
    }

    /// Takes one match; false once nothing more is wanted (the page is full
    /// and nobody asked for the total).
    fn keep(&mut self, id: i64) -> bool {
        if self.seen >= self.window.offset && self.seen - self.window.offset < self.window.limit {
            self.page.push(id);
        }
        self.seen += 1;
        if self.tally == Tally::Count {
            self.total = self.seen;
        }
        self.tally == Tally::Count
            || self.seen < self.window.offset.saturating_add(self.window.limit)
    }
}
