//! The domain service over the configured store, as the operator commands
//! use it: opened for one piece of work and closed after.

use std::sync::Arc;

use crm_core::Crm;
use crm_store::SqlStore;

use crate::Config;

/// Runs `work` on a service over the configured store, closing it after.
pub(crate) async fn with_crm<T>(
    config: &Config,
    work: impl AsyncFnOnce(&Crm) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let store = SqlStore::connect(&config.db()).await?;
    let crm = Crm::new(Arc::new(store), config.crm())?;
    let done = work(&crm).await;
    crm.close().await;
    done
}
