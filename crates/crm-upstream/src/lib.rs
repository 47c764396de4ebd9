//! The translation proxy: for an account bound to a real CRM, its clients
//! and contact points are read and written there, through that dialect's
//! client half, while its keys, users and sessions stay in the gateway.
//! Which upstream dialects are served, and what each can and cannot carry,
//! is docs/proxy.md.

mod bound;
mod eadesk;
mod filters;
mod order;
mod patch;
mod planfix;
mod points;
mod rest;
mod salesman;

use std::sync::Arc;
use std::time::Duration;

use crm_core::crm::Upstreams;
use crm_core::store::{ClientData, UpstreamIdStore};
use crm_core::{AccountId, CoreError, CoreResult, UpstreamBinding};
use crm_http::client::{Upstream, UpstreamConfig};

use crate::bound::Bound;

/// How the proxy calls upstreams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxySettings {
    /// Most time one upstream call may take.
    pub call_timeout: Duration,
    /// Most records a list the upstream cannot filter is read to filter
    /// here; past it the list is refused rather than cut short.
    pub scan_ceiling: usize,
}

impl Default for ProxySettings {
    fn default() -> Self {
        Self {
            call_timeout: Duration::from_secs(5),
            scan_ceiling: 10_000,
        }
    }
}

/// Opens an account's client data in its upstream, by the upstream's
/// dialect.
#[derive(Clone, Default)]
pub struct Connector {
    settings: ProxySettings,
    ids: Option<Arc<dyn UpstreamIdStore>>,
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connector")
            .field("settings", &self.settings)
            .field("ids", &self.ids.is_some())
            .finish()
    }
}

impl Connector {
    /// A connector calling upstreams as `settings` says.
    pub fn new(settings: ProxySettings) -> Self {
        Self {
            settings,
            ids: None,
        }
    }

    /// The connector numbering upstream ids that are not numbers in `ids`
    /// (the gateway's store), so every dialect can show them.
    pub fn with_ids(mut self, ids: Arc<dyn UpstreamIdStore>) -> Self {
        self.ids = Some(ids);
        self
    }

    /// Signs in to the upstream `binding` names and reads one record, so
    /// that a bind with a wrong URL or credentials is refused with the
    /// reason.
    pub async fn check(&self, binding: &UpstreamBinding) -> CoreResult<()> {
        self.adapter(binding, None)?.adapter.check().await
    }

    /// The client data behind `binding` for a tool of its own (a
    /// migration), outside any account: ids that are not numbers are
    /// numbered in the connector's id map, under account 0, and refused
    /// when it has none.
    pub fn client_data(&self, binding: &UpstreamBinding) -> CoreResult<Arc<dyn ClientData>> {
        Ok(Arc::new(self.adapter(binding, Some(AccountId(0)))?))
    }

    /// The adapter of the binding's dialect, over a client of its URL; an
    /// account's, with its id map, or one only to check the binding with.
    fn adapter(&self, binding: &UpstreamBinding, account: Option<AccountId>) -> CoreResult<Bound> {
        let (upstream, settings) = (self.upstream(binding)?, self.settings);
        let ids = match account {
            Some(account) => eadesk::Ids::new(account, self.ids.clone()),
            None => eadesk::Ids::new(AccountId(0), None),
        };
        let adapter: Box<dyn bound::Adapter> = match binding.dialect.as_str() {
            rest::DIALECT => Box::new(rest::RestData::open(upstream, binding, settings)?),
            eadesk::DIALECT => {
                Box::new(eadesk::EadeskData::open(upstream, binding, settings, ids)?)
            }
            salesman::DIALECT => {
                Box::new(salesman::SalesmanData::open(upstream, binding, settings)?)
            }
            planfix::DIALECT => Box::new(planfix::PlanfixData::open(upstream, binding, settings)?),
            other => return Err(unsupported(other)),
        };
        let upstream = DIALECTS
            .iter()
            .copied()
            .find(|d| *d == binding.dialect.as_str())
            .unwrap_or("unknown");
        Ok(Bound { adapter, upstream })
    }

    fn upstream(&self, binding: &UpstreamBinding) -> CoreResult<Upstream> {
        let mut config = UpstreamConfig::new(&binding.base_url);
        config.timeout = self.settings.call_timeout;
        Upstream::new(config).map_err(|err| CoreError::invalid("url", err.to_string()))
    }
}

impl Upstreams for Connector {
    fn open(
        &self,
        account: AccountId,
        binding: &UpstreamBinding,
    ) -> CoreResult<Arc<dyn ClientData>> {
        Ok(Arc::new(self.adapter(binding, Some(account))?))
    }
}

/// The upstream dialects served; a bind to another is refused.
pub const DIALECTS: &[&str] = &[
    rest::DIALECT,
    eadesk::DIALECT,
    salesman::DIALECT,
    planfix::DIALECT,
];

fn unsupported(dialect: &str) -> CoreError {
    CoreError::invalid(
        "upstream",
        format!(
            "a {dialect} upstream is not served; served: {}",
            DIALECTS.join(", ")
        ),
    )
}

/// The binding's credentials as the upstream dialect's client half reads
/// them; `shape` says what they should have been.
fn credentials<T: serde::de::DeserializeOwned>(
    binding: &UpstreamBinding,
    shape: &str,
) -> CoreResult<T> {
    serde_json::from_str(binding.expose_credentials())
        .map_err(|_| CoreError::invalid("credentials", shape.to_owned()))
}
