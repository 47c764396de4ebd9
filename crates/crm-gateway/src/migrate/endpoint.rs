//! One side of a migration: an account of this gateway's database
//! (`local:NAME`), or a real CRM reached through its own API
//! (`DIALECT+URL`, with that dialect's credentials).

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use crm_core::store::{ClientData, UpstreamIdStore, UserStore};
use crm_core::{
    AccountId, Client, ClientFilter, ClientId, ClientKind, ClientPage, ClientQuery, Crm,
    DialectName, Direction, NewClient, Origin, Page, Principal, Role, SortKey, Status, Timestamp,
    UpstreamBinding, UserId, Visibility, normalize_search,
};
use crm_store::SqlStore;
use crm_upstream::{Connector, DIALECTS};

use super::carry::CALLS;
use super::fields::lists_whole_clients;
use super::ids::{IdBook, Side};
use crate::Config;

/// Where clients are read from or written to.
pub enum Endpoint {
    /// An account of this gateway, acting as its administrator.
    Local {
        /// The service over this gateway's database.
        crm: Box<Crm>,
        /// The account's administrator.
        who: Principal,
    },
    /// A real CRM of one dialect.
    Upstream {
        /// Its dialect.
        dialect: DialectName,
        /// Its clients.
        data: Arc<dyn ClientData>,
    },
}

impl Endpoint {
    /// Opens `spec` (`local:NAME` or `DIALECT+URL`); an upstream needs
    /// `credentials`, a JSON file in the shape of that dialect's member of
    /// `account create --json`, and must answer a call with them. Its ids
    /// that are not numbers are shown under numbers of `ids`.
    pub async fn open(
        config: &Config,
        spec: &str,
        credentials: Option<&Path>,
        ids: Arc<dyn UpstreamIdStore>,
    ) -> anyhow::Result<Self> {
        if let Some(name) = spec.strip_prefix("local:") {
            return local(config, name).await;
        }
        let Some((dialect, url)) = spec.split_once('+') else {
            bail!("{spec}: an endpoint is local:NAME or DIALECT+URL");
        };
        let dialect = DialectName::parse(dialect)
            .filter(|d| DIALECTS.contains(&d.as_str()))
            .with_context(|| format!("{spec}: the dialect is one of {}", DIALECTS.join(", ")))?;
        let file = credentials.with_context(|| format!("{spec} needs its credentials file"))?;
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let binding = UpstreamBinding::new(dialect, url, text);
        let connector = Connector::new(config.proxy()).with_ids(ids);
        connector
            .check(&binding)
            .await
            .with_context(|| format!("the {dialect} CRM at {url} refused the credentials"))?;
        let data = connector.client_data(&binding)?;
        Ok(Self::Upstream { dialect, data })
    }

    /// The source and the destination `ends` name, numbering ids in `ids`.
    pub async fn open_both(
        config: &Config,
        ends: &super::Ends,
        ids: &Arc<IdBook>,
    ) -> anyhow::Result<(Self, Self)> {
        let (from, to) = (&ends.from, &ends.to);
        let from_ids = ids.side(Side::From);
        let from = Self::open(config, from, ends.from_credentials.as_deref(), from_ids).await?;
        let to = Self::open(
            config,
            to,
            ends.to_credentials.as_deref(),
            ids.side(Side::To),
        )
        .await?;
        Ok((from, to))
    }

    /// How many live clients of `kind` there are.
    pub async fn count(&self, kind: ClientKind) -> anyhow::Result<u64> {
        let query = by_id(kind, 0, 0);
        Ok(match self {
            Self::Local { crm, who } => crm.list_clients(*who, &query).await?,
            Self::Upstream { data, .. } => data.list_clients(NO_ACCOUNT, &query).await?,
        }
        .total)
    }

    /// Clients of `kind`, in id order, from `offset`, with no total: an
    /// upstream that counts nothing (Eadesk) would read its whole list for
    /// one, page after page.
    pub async fn window(
        &self,
        kind: ClientKind,
        offset: u64,
        limit: u64,
    ) -> anyhow::Result<Vec<Client>> {
        let query = by_id(kind, offset, limit);
        Ok(match self {
            Self::Local { crm, who } => crm.clients(*who, &query).await?,
            Self::Upstream { data, .. } => data.window_clients(NO_ACCOUNT, &query).await?,
        })
    }

    /// The client a create of `client` made, if one landed: the newest of
    /// the name and kind whose contact values are all among those
    /// `client` carries, and some of them when it carries any.
    pub async fn find_copy(&self, client: &NewClient) -> anyhow::Result<Option<ClientId>> {
        let mut query = ClientQuery::new(
            Visibility::LiveOnly,
            Page {
                offset: 0,
                limit: 100,
            },
        );
        query.filters.push(ClientFilter::Kind(client.kind));
        query
            .filters
            .push(ClientFilter::NameIs(client.name.as_full().to_owned()));
        query.sort = vec![(SortKey::Id, Direction::Desc)];
        let found = match self {
            Self::Local { crm, who } => crm.list_clients(*who, &query).await?,
            Self::Upstream { data, .. } => data.list_clients(NO_ACCOUNT, &query).await?,
        };
        // A destination may keep fewer values than were sent (REST keeps
        // one phone) and write them its own way, never others.
        let sent: Vec<String> = client
            .contacts
            .iter()
            .map(|p| normalize_search(p.kind, &p.value))
            .collect();
        let holds = |copy: &Client| {
            let kept: Vec<String> = copy
                .contacts
                .iter()
                .filter(|p| p.status == Status::Active)
                .map(|p| normalize_search(p.kind, &p.value))
                .collect();
            let some = sent.is_empty() || kept.iter().any(|v| sent.contains(v));
            some && kept.iter().all(|v| sent.contains(v))
        };
        Ok(found.clients.iter().find(|c| holds(c)).map(|c| c.id))
    }

    /// The upstream's dialect; `None` for an account of this gateway.
    pub fn dialect(&self) -> Option<&str> {
        match self {
            Self::Local { .. } => None,
            Self::Upstream { dialect, .. } => Some(dialect.as_str()),
        }
    }

    /// Every live client, companies and persons.
    pub async fn total(&self) -> anyhow::Result<u64> {
        let mut total = 0;
        for kind in [ClientKind::Company, ClientKind::Person] {
            total += self.count(kind).await?;
        }
        Ok(total)
    }

    /// The live client `id`, or `None`.
    pub async fn read(&self, id: ClientId) -> anyhow::Result<Option<Client>> {
        Ok(match self {
            Self::Local { crm, who } => match crm.client(*who, id, Visibility::LiveOnly).await {
                Ok(client) => Some(client),
                Err(crm_core::CoreError::NotFound { .. }) => None,
                Err(err) => return Err(err.into()),
            },
            Self::Upstream { data, .. } => {
                data.client(NO_ACCOUNT, id, Visibility::LiveOnly).await?
            }
        })
    }

    /// Each of `clients` read whole, `CALLS` at a time; one deleted since
    /// it was listed is left out.
    async fn read_each(&self, clients: &[Client]) -> anyhow::Result<Vec<Client>> {
        let mut whole = Vec::with_capacity(clients.len());
        for chunk in clients.chunks(CALLS) {
            let reads = chunk.iter().map(|c| self.read(c.id));
            whole.extend(
                futures_util::future::try_join_all(reads)
                    .await?
                    .into_iter()
                    .flatten(),
            );
        }
        Ok(whole)
    }

    /// Writes `clients` as new clients; their ids there, in order. An
    /// account of this gateway takes them in one transaction; a real CRM
    /// in `calls` concurrent runs of its own creates.
    pub async fn create(
        &self,
        origin: Origin,
        clients: Vec<NewClient>,
        calls: usize,
    ) -> anyhow::Result<Vec<ClientId>> {
        let count = clients.len();
        let ids = match self {
            Self::Local { crm, who } => crm.create_clients(*who, origin, clients).await?,
            Self::Upstream { data, .. } => {
                let now = Timestamp::now();
                let share = count.div_ceil(calls.max(1)).max(1);
                let runs = clients
                    .chunks(share)
                    .map(|chunk| data.insert_clients(NO_ACCOUNT, UserId(0), origin, now, chunk));
                futures_util::future::try_join_all(runs)
                    .await?
                    .into_iter()
                    .flatten()
                    .collect()
            }
        };
        anyhow::ensure!(
            ids.len() == count,
            "the destination answered {} ids for {count} creates",
            ids.len()
        );
        Ok(ids)
    }
}

/// Reads an endpoint's clients of one kind page after page, in id order.
pub struct Pager<'a> {
    endpoint: &'a Endpoint,
    kind: ClientKind,
    offset: u64,
    total: Option<u64>,
}

impl<'a> Pager<'a> {
    /// From the first client of `kind`.
    pub fn new(endpoint: &'a Endpoint, kind: ClientKind) -> Self {
        Self {
            endpoint,
            kind,
            offset: 0,
            total: None,
        }
    }

    /// The next page, with the source's total as it was when the first
    /// page was read; `None` once none is left.
    pub async fn next(&mut self, limit: u64) -> anyhow::Result<Option<ClientPage>> {
        let total = match self.total {
            Some(total) => total,
            None => *self.total.insert(self.endpoint.count(self.kind).await?),
        };
        let mut clients = self.endpoint.window(self.kind, self.offset, limit).await?;
        if clients.is_empty() {
            return Ok(None);
        }
        self.offset += clients.len() as u64;
        if !lists_whole_clients(self.endpoint.dialect()) {
            clients = self.endpoint.read_each(&clients).await?;
        }
        Ok(Some(ClientPage { total, clients }))
    }
}

/// Live clients of `kind` in id order, `limit` from `offset`.
fn by_id(kind: ClientKind, offset: u64, limit: u64) -> ClientQuery {
    let mut query = ClientQuery::new(Visibility::LiveOnly, Page { offset, limit });
    query.filters.push(ClientFilter::Kind(kind));
    query.sort = vec![(SortKey::Id, Direction::Asc)];
    query
}

/// An upstream's adapter serves one account and ignores the gateway's.
const NO_ACCOUNT: AccountId = AccountId(0);

async fn local(config: &Config, name: &str) -> anyhow::Result<Endpoint> {
    let store = Arc::new(SqlStore::connect(&config.db()).await?);
    let crm = Crm::new(store.clone(), config.crm())?;
    let account = crm
        .named_account(name)
        .await
        .with_context(|| format!("no account {name}"))?;
    let admin = store
        .users(account.id)
        .await?
        .into_iter()
        .find(|u| u.role == Role::Admin)
        .with_context(|| format!("account {name} has no administrator"))?;
    let who = Principal {
        account: account.id,
        user: admin.id,
    };
    Ok(Endpoint::Local {
        crm: Box::new(crm),
        who,
    })
}
