//! What `serve --record` and `serve --shadow` add to the server, and the
//! `record` and `replay` commands (docs/migration-testing.md).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use crm_http::Limits;
use crm_replay::replay::{Plan, Server};
use crm_replay::{CaptureLayer, Credentials, Journal, JournalConfig, Shadow, ShadowConfig, Sink};

/// Recording and shadowing, as `serve`'s flags ask.
#[derive(Debug, Clone, Default)]
pub struct Traffic {
    /// Where the record goes, and its files' size.
    pub record: Option<JournalConfig>,
    /// The shadow's candidate and settings.
    pub shadow: Option<ShadowConfig>,
}

/// The record and the shadow of a running server.
#[derive(Debug, Default)]
pub struct Taps {
    journal: Option<Arc<Journal>>,
    shadow: Option<Arc<Shadow>>,
    max_body: usize,
}

impl Traffic {
    /// Opens the record and starts the shadow; a body is kept up to the
    /// largest a dialect takes, so every request can be sent again.
    pub fn start(&self, limits: &Limits) -> anyhow::Result<Taps> {
        let journal = self
            .record
            .as_ref()
            .map(Journal::open)
            .transpose()?
            .map(Arc::new);
        let shadow = self.shadow.as_ref().map(Shadow::start).transpose()?;
        if let Some(record) = &self.record {
            tracing::info!(dir = %record.dir.display(), "recording every exchange");
        }
        if let Some(shadow) = &self.shadow {
            tracing::info!(candidate = %shadow.candidate, writes = shadow.writes, "shadowing");
        }
        let max_body = limits
            .json_form_body
            .max(limits.bulk_body)
            .max(limits.xml_body);
        Ok(Taps {
            journal,
            shadow,
            max_body,
        })
    }
}

impl Taps {
    /// `app` with every exchange handed to the record and the shadow.
    pub fn wrap(&self, app: Router) -> Router {
        let mut sinks: Vec<Arc<dyn Sink>> = Vec::new();
        if let Some(journal) = &self.journal {
            sinks.push(journal.clone());
        }
        if let Some(shadow) = &self.shadow {
            sinks.push(shadow.clone());
        }
        if sinks.is_empty() {
            return app;
        }
        app.layer(CaptureLayer::new(sinks, self.max_body))
    }

    /// Writes what is waiting, once the server has stopped.
    pub async fn finish(self) {
        if let Some(journal) = self.journal {
            let drained = journal.clone();
            let _ =
                tokio::task::spawn_blocking(move || drained.drain(Duration::from_secs(5))).await;
            tracing::info!(
                written = journal.written(),
                dropped = journal.dropped(),
                "record closed"
            );
        }
        if let Some(shadow) = self.shadow {
            let total = shadow.total();
            shadow.finish().await;
            tracing::info!(
                requests = total.requests,
                matches = total.matches,
                findings = total.findings,
                "shadow stopped"
            );
        }
    }
}

/// `record`: a pass-through proxy to `upstream` on `listen`, recording
/// into `record`, until Ctrl-C or SIGTERM.
pub async fn record(
    listen: SocketAddr,
    upstream: &str,
    record: &JournalConfig,
) -> anyhow::Result<()> {
    let journal = Arc::new(Journal::open(record)?);
    let app = crm_replay::passthrough::router(upstream, journal.clone(), 16 << 20)?;
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!(listen = %listener.local_addr()?, upstream, dir = %record.dir.display(), "recording");
    let shutdown = crate::server::shutdown_signal()?;
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    let drained = journal.clone();
    tokio::task::spawn_blocking(move || drained.drain(Duration::from_secs(5))).await?;
    tracing::info!(
        written = journal.written(),
        dropped = journal.dropped(),
        "record closed"
    );
    Ok(())
}

/// What `replay` was asked.
#[derive(Debug)]
pub struct ReplayRequest<'a> {
    /// The record.
    pub dir: &'a Path,
    /// The target and its credentials file.
    pub target: (&'a str, &'a Path),
    /// The second reference and its credentials file (the target's when
    /// none is named).
    pub reference2: Option<(&'a str, Option<&'a Path>)>,
    /// Where the JSON report goes.
    pub report: Option<PathBuf>,
    /// Most time one request may take.
    pub timeout: Duration,
}

/// `replay`: prints the Markdown report; `Ok(false)` when anything was
/// found.
pub async fn replay(request: &ReplayRequest<'_>) -> anyhow::Result<bool> {
    let (url, credentials) = request.target;
    let credentials = Credentials::load(credentials)?;
    let reference2 = match request.reference2 {
        Some((url, file)) => Some(Server {
            url: url.to_owned(),
            credentials: file
                .map(Credentials::load)
                .transpose()?
                .unwrap_or_else(|| credentials.clone()),
        }),
        None => None,
    };
    let plan = Plan {
        dir: request.dir.to_owned(),
        target: Server {
            url: url.to_owned(),
            credentials,
        },
        reference2,
        timeout: request.timeout,
    };
    let report = crm_replay::replay::run(&plan).await?;
    if let Some(path) = &request.report {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    print!("{}", report.markdown());
    Ok(report.findings.is_empty())
}
