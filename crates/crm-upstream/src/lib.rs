//! The translation proxy: for an account bound to a real CRM, its clients
//! and contact points are read and written there, through that dialect's
//! client half, while its keys, users and sessions stay in the gateway.
//! Which upstream dialects are served, and what each can and cannot carry,
//! is docs/proxy.md.

mod planfix;
mod points;
mod rest;

use std::sync::Arc;
use std::time::Duration;

use crm_core::crm::Upstreams;
use crm_core::store::ClientData;
use crm_core::{AccountId, CoreError, CoreResult, UpstreamBinding};
use crm_http::client::{Upstream, UpstreamConfig};

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
            call_timeout: Duration::from_secs(10),
            scan_ceiling: 10_000,
        }
    }
}

/// Opens an account's client data in its upstream, by the upstream's
/// dialect.
#[derive(Debug, Clone, Default)]
pub struct Connector {
    settings: ProxySettings,
}

impl Connector {
    /// A connector calling upstreams as `settings` says.
    pub fn new(settings: ProxySettings) -> Self {
        Self { settings }
    }

    /// Signs in to the upstream `binding` names and reads one page, so that
    /// a bind with a wrong URL or credentials is refused with the reason.
    pub async fn check(&self, binding: &UpstreamBinding) -> CoreResult<()> {
        match binding.dialect.as_str() {
            rest::DIALECT => {
                rest::RestData::open(self.upstream(binding)?, binding, self.settings)?
                    .check()
                    .await
            }
            planfix::DIALECT => {
                planfix::PlanfixData::open(self.upstream(binding)?, binding, self.settings)?
                    .check()
                    .await
            }
            other => Err(unsupported(other)),
        }
    }

    fn upstream(&self, binding: &UpstreamBinding) -> CoreResult<Upstream> {
        let mut config = UpstreamConfig::new(&binding.base_url);
        config.timeout = self.settings.call_timeout;
        Upstream::new(config).map_err(|err| CoreError::invalid("url", err.to_string()))
    }
}

impl Upstreams for Connector {
    fn open(&self, _: AccountId, binding: &UpstreamBinding) -> CoreResult<Arc<dyn ClientData>> {
        match binding.dialect.as_str() {
            rest::DIALECT => Ok(Arc::new(rest::RestData::open(
                self.upstream(binding)?,
                binding,
                self.settings,
            )?)),
            planfix::DIALECT => Ok(Arc::new(planfix::PlanfixData::open(
                self.upstream(binding)?,
                binding,
                self.settings,
            )?)),
            other => Err(unsupported(other)),
        }
    }
}

/// The upstream dialects served; a bind to another is refused.
pub const DIALECTS: &[&str] = &[rest::DIALECT, planfix::DIALECT];

fn unsupported(dialect: &str) -> CoreError {
    CoreError::invalid(
        "upstream",
        format!(
            "a {dialect} upstream is not served; served: {}",
            DIALECTS.join(", ")
        ),
    )
}
