//! Which client data an account's calls reach: the gateway's own store, or
//! the upstream CRM the account is bound to (the translation proxy).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::Crm;
use super::ttl_map::TtlMap;
use crate::model::{AccountId, UpstreamBinding};
use crate::store::ClientData;
use crate::{CoreError, CoreResult};

/// Opens the client data of an upstream CRM: the translation proxy's
/// adapters, one per upstream dialect, behind one entry.
pub trait Upstreams: Send + Sync + fmt::Debug {
    /// The client data of `account` in the CRM `binding` names. Called when
    /// an account's binding is first seen or has changed; what it returns
    /// is kept (with its connections and sessions) while the binding stays.
    fn open(
        &self,
        account: AccountId,
        binding: &UpstreamBinding,
    ) -> CoreResult<Arc<dyn ClientData>>;
}

/// An upstream opened for a binding.
type Opened = (UpstreamBinding, Arc<dyn ClientData>);

/// The accounts' bindings, as recently read, and the upstreams opened for
/// them.
pub(crate) struct Routes {
    bindings: TtlMap<AccountId, Option<UpstreamBinding>>,
    opened: Mutex<HashMap<AccountId, Opened>>,
    upstreams: Option<Arc<dyn Upstreams>>,
}

impl fmt::Debug for Routes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Routes")
            .field("upstreams", &self.upstreams)
            .finish_non_exhaustive()
    }
}

impl Routes {
    pub(crate) fn new(ttl: Duration, upstreams: Option<Arc<dyn Upstreams>>) -> Self {
        Self {
            bindings: TtlMap::new(ttl),
            opened: Mutex::new(HashMap::new()),
            upstreams,
        }
    }

    fn open(
        &self,
        account: AccountId,
        binding: &UpstreamBinding,
    ) -> CoreResult<Arc<dyn ClientData>> {
        let mut opened = self.opened.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((kept, data)) = opened.get(&account)
            && kept == binding
        {
            return Ok(data.clone());
        }
        let upstreams = self.upstreams.as_ref().ok_or_else(|| {
            CoreError::Unavailable(format!(
                "the account's client data is in a {} CRM, which this gateway does not reach",
                binding.dialect
            ))
        })?;
        let data = upstreams.open(account, binding)?;
        opened.insert(account, (binding.clone(), data.clone()));
        Ok(data)
    }
}

impl Crm {
    /// The service with `upstreams` to open the client data of accounts
    /// bound to an upstream CRM. Without it, such an account's client calls
    /// answer `Unavailable`.
    pub fn with_upstreams(mut self, upstreams: Arc<dyn Upstreams>) -> Self {
        self.routes = Arc::new(Routes::new(self.config.credential_ttl, Some(upstreams)));
        self
    }

    /// Where the account's client data is: the store, or its upstream.
    pub(crate) async fn data(&self, account: AccountId) -> CoreResult<Arc<dyn ClientData>> {
        let binding = self
            .routes
            .bindings
            .get_or_load(account, || self.store.upstream_binding(account))
            .await?;
        match binding {
            None => Ok(self.store.clone()),
            Some(binding) => self.routes.open(account, &binding),
        }
    }

    /// Forgets what this replica knew of the account's binding, and the
    /// list totals and anchors read from where its data was.
    pub(crate) fn rerouted(&self, account: AccountId) {
        self.routes.bindings.forget(&account);
        self.lists
            .written(account, super::list_cache::Change::Reshaped);
    }
}
