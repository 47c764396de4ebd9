//! The store's side of PostgreSQL's row-level security (migration 0012,
//! G9 of docs/reliability.md): when the policies bind the role the gateway
//! connects as, every connection names the account of the request that
//! takes it (`crm.account`) before a statement of that request runs on it.
//! A superuser or a role with BYPASSRLS is exempt from the policies, so its
//! connections are left as they are and pay no round trip for it.

use crm_core::CoreResult;
use futures_util::future::BoxFuture;
use sqlx::pool::PoolConnectionMetadata;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{ConnectOptions, Connection};

use crate::pool::{Pool, SqlStore};

const EXEMPT: &str = "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user";
const NAME: &str = "SELECT set_config('crm.account', $1, false)";
const NAMED: &str = "SELECT current_setting('crm.account', true)";

/// Whether the policies bind the role `options` connects as.
pub(crate) async fn policies_bind(options: &PgConnectOptions) -> Result<bool, sqlx::Error> {
    let mut conn = options.connect().await?;
    let exempt: bool = sqlx::query_scalar(EXEMPT).fetch_one(&mut conn).await?;
    conn.close().await?;
    Ok(!exempt)
}

/// The running request's account; `all` before it has signed in, and
/// outside requests (the operator's commands, migrations).
fn scope() -> String {
    crm_core::scope::current().map_or_else(|| "all".to_owned(), |account| account.get().to_string())
}

/// Names the running request's scope on `conn`.
async fn name_scope(conn: &mut PgConnection, scope: String) -> Result<(), sqlx::Error> {
    sqlx::query(NAME).bind(scope).execute(conn).await?;
    Ok(())
}

/// Names the scope on a connection just opened for the request taking it.
pub(crate) fn on_connect(
    conn: &mut PgConnection,
    _: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(name_scope(conn, scope()))
}

/// Names the scope on an idle connection before the request taking it
/// gets it; whatever the last request named is replaced.
pub(crate) fn on_acquire(
    conn: &mut PgConnection,
    _: PoolConnectionMetadata,
) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    let named = name_scope(conn, scope());
    Box::pin(async move { named.await.map(|()| true) })
}

impl SqlStore {
    /// The account a pooled connection names for the running request, as
    /// the database reads it back; `None` on SQLite and on a role the
    /// policies do not bind.
    pub async fn account_scope(&self) -> CoreResult<Option<String>> {
        let Pool::Postgres(pool) = &self.pool else {
            return Ok(None);
        };
        let named: Option<String> = sqlx::query_scalar(NAMED)
            .fetch_one(pool)
            .await
            .map_err(crate::error::db)?;
        Ok(named.filter(|n| !n.is_empty()))
    }
}
