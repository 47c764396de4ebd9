//! The SQL statements a piece of code runs, read from sqlx's own statement
//! log, so a test can pin what an operation costs on either backend.

use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};

/// Every statement logged since the last [`StatementLog::take`], lowercased.
/// One per test binary: the log is the process's tracing subscriber.
#[derive(Debug, Clone, Default)]
pub struct StatementLog(Arc<Mutex<Vec<String>>>);

impl StatementLog {
    /// The process's log, installed as the global subscriber on first use.
    pub fn global() -> Self {
        static LOG: OnceLock<StatementLog> = OnceLock::new();
        LOG.get_or_init(|| {
            let log = StatementLog::default();
            tracing::subscriber::set_global_default(Registry::default().with(log.clone()))
                .expect("no other subscriber in a test binary that counts statements");
            log
        })
        .clone()
    }

    /// The statements logged so far, and a fresh start.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The statement text of one sqlx log event.
#[derive(Default)]
struct Summary(String);

impl tracing::field::Visit for Summary {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "summary" {
            value.clone_into(&mut self.0);
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}");
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for StatementLog {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let mut summary = Summary::default();
        event.record(&mut summary);
        let text = summary.0.trim_start_matches('"').to_ascii_lowercase();
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(text);
    }
}
