//! The translation proxy's cost: a second gateway, on a SQLite database of
//! its own, whose account is bound to the measured gateway's REST dialect.
//! The same point read goes through it and straight to the measured
//! gateway, one connection each, so the p50s differ by what the proxy adds.

use std::net::SocketAddr;
use std::sync::Arc;

use crm_core::{Crm, DialectName, UpstreamBinding};
use crm_store::SqlStore;
use serde_json::Value;

use crate::servers::Server;
use crate::wire::Wire;

/// The proxy gateway and the wire of its own account.
pub struct Proxy {
    /// The proxy's server.
    pub server: Server,
    /// Requests with the proxy account's credentials.
    pub wire: Arc<Wire>,
    _dir: tempfile::TempDir,
}

/// Starts a gateway whose account `proxy` is bound to the REST dialect of
/// the gateway at `upstream`, signing in with `upstream_creds` (its
/// account's `account create --json`).
pub async fn start(upstream: SocketAddr, upstream_creds: &Value) -> anyhow::Result<Proxy> {
    let dir = tempfile::tempdir()?;
    let mut config = crm_gateway::Config::default();
    config.database.url = format!("sqlite://{}", dir.path().join("proxy.db").display());
    let crm = Crm::new(
        Arc::new(SqlStore::connect(&config.db()).await?),
        config.crm(),
    )?;
    let issued = crm
        .create_account("proxy", &crm_gateway::account::credentials())
        .await?;
    let binding = UpstreamBinding::new(
        DialectName::new("rest"),
        &format!("http://{upstream}"),
        upstream_creds["rest"].to_string(),
    );
    crm.bind_upstream("proxy", &binding).await?;
    crm.close().await;
    let server = Server::start("gateway", &config.database.url, false)?;
    let creds = crm_gateway::account::credentials_json(&issued);
    Ok(Proxy {
        server,
        wire: Arc::new(Wire::new(creds)),
        _dir: dir,
    })
}
