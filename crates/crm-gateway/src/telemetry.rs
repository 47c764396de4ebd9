//! Logs: `tracing` to stderr, filtered by `RUST_LOG` or the config's `log`,
//! as text or, for log shippers, as one JSON object a line.

use std::io::IsTerminal;

use serde::Deserialize;
use tracing_subscriber::EnvFilter;

/// `log`: a filter (`log = "info"`), or a table with the filter and the
/// format (`[log]`, `filter = "info"`, `format = "json"`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "LogSetting")]
pub struct LogSection {
    /// `tracing` filter, e.g. `info` or `crm_gateway=debug,info`.
    pub filter: String,
    /// How each line is written.
    pub format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Text for people.
    #[default]
    Text,
    /// One JSON object a line: the event's fields and its request's (the
    /// request id, the method and the path without its query).
    Json,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LogSetting {
    Filter(String),
    Table {
        #[serde(default = "info")]
        filter: String,
        #[serde(default)]
        format: LogFormat,
    },
}

fn info() -> String {
    "info".to_owned()
}

impl From<LogSetting> for LogSection {
    fn from(setting: LogSetting) -> Self {
        match setting {
            LogSetting::Filter(filter) => Self::text(&filter),
            LogSetting::Table { filter, format } => Self { filter, format },
        }
    }
}

impl LogSection {
    /// Text lines filtered by `filter`.
    pub fn text(filter: &str) -> Self {
        Self {
            filter: filter.to_owned(),
            format: LogFormat::Text,
        }
    }
}

impl Default for LogSection {
    fn default() -> Self {
        Self::text("info")
    }
}

/// Installs the subscriber once; later calls (tests) are ignored.
pub fn init(log: &LogSection) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&log.filter));
    let lines = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match log.format {
        LogFormat::Text => lines.with_ansi(std::io::stderr().is_terminal()).try_init(),
        LogFormat::Json => lines
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}
