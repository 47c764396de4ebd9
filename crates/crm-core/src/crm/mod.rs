//! The service every dialect calls: the rules that hold whatever the wire.

mod accounts;
mod auth;
mod auth_cache;
mod client_lists;
mod clients;
mod contacts;
mod directory;
mod directory_cache;
mod gates;
mod lifecycle;
mod list_cache;
mod list_generations;
mod routes;
mod ttl_map;

use std::sync::Arc;
use std::time::Duration;

use crate::CoreResult;
use crate::credential::{PasswordHasher, PasswordHashing};
use crate::model::AccountId;
use crate::search::SearchLimits;
use crate::store::Store;
use crate::throttle::{Failures, Quota};

pub use accounts::IssuedAccount;
use auth_cache::AuthCache;
use directory_cache::DirectoryCache;
pub use lifecycle::{AddedUser, Rotated};
use list_cache::ListCache;
use routes::Routes;
pub use routes::Upstreams;

/// Settings of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrmConfig {
    /// A Planfix session expires after this long unused (reference/planfix.md §2: 1 hour).
    pub session_idle: Duration,
    /// Bounds on callers' regular expressions.
    pub search: SearchLimits,
    /// Argon2 cost for human passwords.
    pub password: PasswordHashing,
    /// Most clients one bulk insert may carry.
    pub max_bulk_records: usize,
    /// How long a verified credential is trusted without asking the
    /// database again; a revoked key or disabled user is refused by every
    /// replica at most this much later. Zero asks every time. An account's
    /// users, custom fields and list totals are trusted as long, and
    /// forgotten at once when this replica writes them.
    pub credential_ttl: Duration,
    /// Wrong passwords one login may be given a minute (Planfix
    /// `auth.login`) before it is held back, counted in each replica; 0
    /// turns it off.
    pub failed_logins_per_minute: u32,
    /// Requests an account may make a second, in each replica; 0 is no quota.
    pub account_requests_per_second: u32,
}

impl Default for CrmConfig {
    fn default() -> Self {
        Self {
            session_idle: Duration::from_secs(3600),
            search: SearchLimits::default(),
            password: PasswordHashing::default(),
            max_bulk_records: 500,
            credential_ttl: Duration::from_secs(1),
            failed_logins_per_minute: 10,
            account_requests_per_second: 0,
        }
    }
}

/// The domain service over the store port. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Crm {
    store: Arc<dyn Store>,
    hasher: PasswordHasher,
    cache: Arc<AuthCache>,
    directory: Arc<DirectoryCache>,
    lists: Arc<ListCache>,
    routes: Arc<Routes>,
    rates: Arc<Rates>,
    config: CrmConfig,
}

/// Failed logins per login and requests per account, this replica's.
#[derive(Debug)]
struct Rates {
    logins: Option<Failures<(AccountId, String)>>,
    quota: Option<Quota<AccountId>>,
}

impl Crm {
    /// A service over `store`.
    pub fn new(store: Arc<dyn Store>, config: CrmConfig) -> CoreResult<Self> {
        Ok(Self {
            hasher: PasswordHasher::new(config.password)?,
            cache: Arc::new(AuthCache::new(config.credential_ttl)),
            directory: Arc::new(DirectoryCache::new(config.credential_ttl)),
            rates: Arc::new(Rates {
                logins: Failures::per_minute(config.failed_logins_per_minute),
                quota: Quota::per_second(config.account_requests_per_second),
            }),
            lists: Arc::new(ListCache::new(config.credential_ttl)),
            routes: Arc::new(Routes::new(config.credential_ttl, None)),
            store,
            config,
        })
    }

    /// The service's settings.
    pub fn config(&self) -> &CrmConfig {
        &self.config
    }

    /// Checks that the database answers (`/healthz`).
    pub async fn ping(&self) -> CoreResult<()> {
        self.store.ping().await
    }

    /// Closes the store; called once at shutdown.
    pub async fn close(&self) {
        self.store.close().await;
    }
}
