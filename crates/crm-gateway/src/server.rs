//! The HTTP/1.1 server. axum's own `serve` sets no header-read timeout and no
//! connection cap (reference/reliability.md §1.6), so connections are served
//! with hyper directly: a timer-backed header timeout, a bounded head size,
//! a semaphore around accept, and a graceful drain at shutdown.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::{Extension, Router};
use crm_core::Crm;
use crm_store::SqlStore;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::Layer;

use crate::Config;
use crate::config::HttpSection;
use crate::idle::IdleTimeout;

/// Connects the store, then serves `listener` until `shutdown` resolves;
/// open requests get `shutdown_grace_ms` to finish, then the store closes.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    let store = SqlStore::connect(&config.db()).await?;
    report_durability(&store).await?;
    let store = Arc::new(store);
    let connector = crm_upstream::Connector::new(config.proxy()).with_ids(store.clone());
    let metrics = crate::metrics::endpoint(store.clone());
    let crm = Crm::new(store, config.crm())?.with_upstreams(Arc::new(connector));
    let limits = config.http_limits();
    let taps = config.traffic.start(&limits)?;
    let mut app = taps.wrap(crate::app::router(
        crm.clone(),
        &limits,
        Some(&config.throttle),
    ));
    match config.metrics.listen {
        Some(listen) => serve_metrics(listen, metrics).await?,
        None => app = app.merge(metrics),
    }
    serve(listener, app, &config.http, shutdown).await;
    taps.finish().await;
    crm.close().await;
    tracing::info!("crm-gateway stopped");
    Ok(())
}

/// `GET /metrics` alone on `listen`, for as long as the process runs.
async fn serve_metrics(listen: std::net::SocketAddr, metrics: axum::Router) -> anyhow::Result<()> {
    let listener = TcpListener::bind(listen).await?;
    tracing::info!(listen = %listener.local_addr()?, "metrics");
    tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, metrics).await {
            tracing::warn!(%err, "the metrics listener stopped");
        }
    });
    Ok(())
}

async fn report_durability(store: &SqlStore) -> anyhow::Result<()> {
    for (name, value) in store.durability().await? {
        let durable = match (name.as_str(), value.as_str()) {
            ("journal_mode", v) => v.eq_ignore_ascii_case("wal"),
            ("synchronous", v) => v == "2" || v == "3",
            (_, v) => v == "on" || v == "remote_apply" || v == "remote_write" || v == "local",
        };
        if durable {
            tracing::info!(backend = store.backend(), name, value, "durability");
        } else {
            tracing::warn!(
                backend = store.backend(),
                name,
                value,
                "acknowledged writes may be lost in a crash"
            );
        }
    }
    Ok(())
}

async fn serve(
    listener: TcpListener,
    app: Router,
    http: &HttpSection,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(http.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_millis(http.header_read_timeout_ms))
        .max_buf_size(http.max_header_bytes.max(8192))
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: back off, keep serving.
                    tracing::warn!(%err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let stream = IdleTimeout::new(stream, Duration::from_millis(http.idle_timeout_ms));
        // The peer's address, for the failed sign-in throttle.
        let app = Extension(ConnectInfo(peer)).layer(app.clone());
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(%err, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_millis(http.shutdown_grace_ms)) => {
            tracing::warn!("shutdown grace period over; dropping open connections");
        }
    }
}

/// Installs the Ctrl-C and SIGTERM handlers now, before the listener is
/// bound, and resolves when either signal arrives. Installing them on first
/// poll instead would leave a window in which a SIGTERM kills the process
/// with the default action rather than draining it.
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
            tracing::info!("shutdown requested");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
            tracing::info!("shutdown requested");
        })
    }
}
