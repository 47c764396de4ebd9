//! Settings: flag > environment > config file > default. Every key of the
//! file is documented, with its default, in `config/gateway.toml`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use crm_core::SearchLimits;
use crm_core::credential::PasswordHashing;
use crm_core::crm::CrmConfig;
use crm_http::Limits;
use crm_store::DbConfig;
use serde::Deserialize;

use crate::cli::Overrides;

/// Where the file is looked for when no `--config` or `CRM_CONFIG` names one.
pub const DEFAULT_CONFIG_PATH: &str = "config/gateway.toml";

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Logs: the filter, and text or JSON.
    pub log: crate::telemetry::LogSection,
    /// The database.
    pub database: DatabaseSection,
    /// The HTTP server.
    pub http: HttpSection,
    /// Request bodies and parameters.
    pub limits: LimitsSection,
    /// Callers' regular expressions.
    pub search: SearchSection,
    /// Credentials and sessions.
    pub auth: AuthSection,
    /// Accounts whose clients live in an upstream CRM.
    pub proxy: ProxySection,
    /// Where `/metrics` is served.
    pub metrics: MetricsSection,
    /// Recording and shadowing, set by `serve`'s flags only.
    #[serde(skip)]
    pub traffic: crate::traffic::Traffic,
}

/// `[proxy]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProxySection {
    /// Most time one call to an upstream CRM may take, in ms; a read that
    /// fails is tried once more, so twice this stays below a request's time.
    pub call_timeout_ms: u64,
    /// Most clients a list the upstream cannot filter is read to filter
    /// here; past it the list is refused rather than cut short.
    pub scan_ceiling: usize,
}

impl Default for ProxySection {
    fn default() -> Self {
        Self {
            call_timeout_ms: 5_000,
            scan_ceiling: 10_000,
        }
    }
}

/// `[database]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSection {
    /// `sqlite://FILE` (created if missing) or `postgres://...`.
    pub url: String,
    /// Most pooled connections; unset: 8 for PostgreSQL, two a core up to
    /// 8 for SQLite.
    pub max_connections: Option<u32>,
    /// How long a request waits for a connection, in milliseconds.
    pub acquire_timeout_ms: u64,
    /// PostgreSQL `statement_timeout` and SQLite busy timeout, in milliseconds.
    pub statement_timeout_ms: u64,
    /// What SQLite may keep in memory, all connections together, in MiB.
    pub sqlite_heap_mib: u64,
}

/// `[metrics]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsSection {
    /// An address of its own for `GET /metrics`, so that it is not served
    /// beside the API; unset, it is served on the API's listener.
    pub listen: Option<SocketAddr>,
}

/// `[http]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSection {
    /// Most open connections; further clients wait in the kernel's backlog.
    pub max_connections: usize,
    /// Time a client has to send its request headers, in milliseconds.
    pub header_read_timeout_ms: u64,
    /// Time a connection may stay without any traffic, in milliseconds
    /// (longer than `request_timeout_ms`, so no running request is cut).
    pub idle_timeout_ms: u64,
    /// Largest request head (request line and headers), in bytes.
    pub max_header_bytes: usize,
    /// Time a whole request may take, in milliseconds.
    pub request_timeout_ms: u64,
    /// Time open requests get to finish at shutdown, in milliseconds.
    pub shutdown_grace_ms: u64,
}

/// `[limits]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsSection {
    /// Largest JSON or form body, in bytes.
    pub json_form_body: usize,
    /// Largest bulk-insert body, in bytes.
    pub bulk_body: usize,
    /// Largest XML body, in bytes.
    pub xml_body: usize,
    /// Most parameters in one query string or form (PHP `max_input_vars`).
    pub max_pairs: usize,
    /// Deepest bracket nesting of a PHP-style parameter.
    pub max_depth: usize,
    /// Most clients in one bulk insert.
    pub max_bulk_records: usize,
}

/// `[search]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchSection {
    /// Longest regular expression, in bytes.
    pub max_pattern_bytes: usize,
    /// Compiled program size limit, in bytes.
    pub size_limit: usize,
    /// Lazy DFA cache limit, in bytes.
    pub dfa_size_limit: usize,
    /// Deepest nesting of groups and repetitions.
    pub nest_limit: u32,
}

/// `[auth]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthSection {
    /// A Planfix session ends after this many seconds unused.
    pub session_idle_secs: u64,
    /// Argon2id memory, in KiB.
    pub argon2_memory_kib: u32,
    /// Argon2id passes.
    pub argon2_iterations: u32,
    /// Password hashes computed at once.
    pub argon2_concurrency: usize,
    /// How long a verified credential is trusted before the database is
    /// asked again, in milliseconds; a revoked key or disabled user is
    /// refused at most this much later. 0 asks on every request. Users,
    /// custom fields and list totals are kept as long.
    pub credential_cache_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            log: crate::telemetry::LogSection::default(),
            database: DatabaseSection::default(),
            http: HttpSection::default(),
            limits: LimitsSection::default(),
            search: SearchSection::default(),
            auth: AuthSection::default(),
            proxy: ProxySection::default(),
            metrics: MetricsSection::default(),
            traffic: crate::traffic::Traffic::default(),
        }
    }
}

impl Default for DatabaseSection {
    fn default() -> Self {
        Self {
            url: "sqlite://data/crm.db".to_owned(),
            max_connections: None,
            acquire_timeout_ms: 5_000,
            statement_timeout_ms: 5_000,
            sqlite_heap_mib: 32,
        }
    }
}

impl Default for HttpSection {
    fn default() -> Self {
        Self {
            max_connections: 1024,
            header_read_timeout_ms: 10_000,
            idle_timeout_ms: 60_000,
            max_header_bytes: 64 * 1024,
            request_timeout_ms: 15_000,
            shutdown_grace_ms: 10_000,
        }
    }
}

impl Default for LimitsSection {
    fn default() -> Self {
        let http = Limits::default();
        Self {
            json_form_body: http.json_form_body,
            bulk_body: http.bulk_body,
            xml_body: http.xml_body,
            max_pairs: http.max_pairs,
            max_depth: http.max_depth,
            max_bulk_records: CrmConfig::default().max_bulk_records,
        }
    }
}

impl Default for SearchSection {
    fn default() -> Self {
        let s = SearchLimits::default();
        Self {
            max_pattern_bytes: s.max_pattern_bytes,
            size_limit: s.size_limit,
            dfa_size_limit: s.dfa_size_limit,
            nest_limit: s.nest_limit,
        }
    }
}

impl Default for AuthSection {
    fn default() -> Self {
        let p = PasswordHashing::default();
        Self {
            session_idle_secs: 3600,
            argon2_memory_kib: p.memory_kib,
            argon2_iterations: p.iterations,
            argon2_concurrency: p.concurrency,
            credential_cache_ms: 1_000,
        }
    }
}

impl Config {
    /// Reads the file (if any) and applies the overrides.
    pub fn load(overrides: &Overrides, listen: Option<SocketAddr>) -> anyhow::Result<Self> {
        let mut config = match &overrides.config {
            Some(path) => Self::from_file(path)?,
            None if Path::new(DEFAULT_CONFIG_PATH).exists() => {
                Self::from_file(&PathBuf::from(DEFAULT_CONFIG_PATH))?
            }
            None => Self::default(),
        };
        if let Some(url) = &overrides.database_url {
            config.database.url.clone_from(url);
        }
        if let Some(listen) = listen {
            config.listen = listen;
        }
        config.check()?;
        Ok(config)
    }

    /// Refuses timeouts that would cut a request short: a connection may not
    /// go idle, nor wait for a database connection, longer than a request
    /// may take.
    pub fn check(&self) -> anyhow::Result<()> {
        let request = self.http.request_timeout_ms;
        anyhow::ensure!(
            self.http.idle_timeout_ms > request,
            "http.idle_timeout_ms ({}) must be longer than http.request_timeout_ms ({request})",
            self.http.idle_timeout_ms
        );
        anyhow::ensure!(
            self.proxy.call_timeout_ms.saturating_mul(2) < request,
            "proxy.call_timeout_ms ({}) must be under half http.request_timeout_ms ({request}): a read is tried twice",
            self.proxy.call_timeout_ms
        );
        anyhow::ensure!(
            self.database.acquire_timeout_ms < request,
            "database.acquire_timeout_ms ({}) must be shorter than http.request_timeout_ms ({request})",
            self.database.acquire_timeout_ms
        );
        Ok(())
    }

    /// Parses one config file.
    pub fn from_file(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid config file {}", path.display()))
    }

    /// The database settings for the store.
    pub fn db(&self) -> DbConfig {
        DbConfig {
            url: self.database.url.clone(),
            max_connections: self.database.max_connections,
            acquire_timeout: Duration::from_millis(self.database.acquire_timeout_ms),
            statement_timeout: Duration::from_millis(self.database.statement_timeout_ms),
            sqlite_heap: self.database.sqlite_heap_mib.saturating_mul(1 << 20),
        }
    }

    /// The service settings.
    pub fn crm(&self) -> CrmConfig {
        CrmConfig {
            session_idle: Duration::from_secs(self.auth.session_idle_secs),
            search: SearchLimits {
                max_pattern_bytes: self.search.max_pattern_bytes,
                size_limit: self.search.size_limit,
                dfa_size_limit: self.search.dfa_size_limit,
                nest_limit: self.search.nest_limit,
            },
            password: PasswordHashing {
                memory_kib: self.auth.argon2_memory_kib,
                iterations: self.auth.argon2_iterations,
                concurrency: self.auth.argon2_concurrency,
            },
            max_bulk_records: self.limits.max_bulk_records,
            credential_ttl: Duration::from_millis(self.auth.credential_cache_ms),
        }
    }

    /// How upstream CRMs are called.
    pub fn proxy(&self) -> crm_upstream::ProxySettings {
        crm_upstream::ProxySettings {
            call_timeout: Duration::from_millis(self.proxy.call_timeout_ms),
            scan_ceiling: self.proxy.scan_ceiling,
        }
    }

    /// The limits every dialect router applies.
    pub fn http_limits(&self) -> Limits {
        Limits {
            json_form_body: self.limits.json_form_body,
            bulk_body: self.limits.bulk_body,
            xml_body: self.limits.xml_body,
            max_pairs: self.limits.max_pairs,
            max_depth: self.limits.max_depth,
            request_timeout: Duration::from_millis(self.http.request_timeout_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_file_matches_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/gateway.toml");
        let file = Config::from_file(&path).unwrap();
        assert_eq!(format!("{file:?}"), format!("{:?}", Config::default()));
    }

    #[test]
    fn timeouts_that_would_cut_a_request_short_are_refused() {
        assert!(Config::default().check().is_ok());
        let mut idle = Config::default();
        idle.http.idle_timeout_ms = idle.http.request_timeout_ms;
        let err = idle.check().unwrap_err().to_string();
        assert!(err.contains("http.idle_timeout_ms"), "{err}");
        let mut acquire = Config::default();
        acquire.database.acquire_timeout_ms = acquire.http.request_timeout_ms;
        let err = acquire.check().unwrap_err().to_string();
        assert!(err.contains("database.acquire_timeout_ms"), "{err}");
        let mut proxy = Config::default();
        proxy.proxy.call_timeout_ms = proxy.http.request_timeout_ms / 2;
        let err = proxy.check().unwrap_err().to_string();
        assert!(err.contains("proxy.call_timeout_ms"), "{err}");
    }

    #[test]
    fn log_is_a_filter_or_a_table_with_the_format() {
        use crate::telemetry::LogFormat;
        let text = toml::from_str::<Config>("log = \"debug\"\n").unwrap();
        assert_eq!(
            (text.log.filter.as_str(), text.log.format),
            ("debug", LogFormat::Text)
        );
        let json = toml::from_str::<Config>("[log]\nformat = \"json\"\n").unwrap();
        assert_eq!(
            (json.log.filter.as_str(), json.log.format),
            ("info", LogFormat::Json)
        );
        assert!(toml::from_str::<Config>("[log]\nformat = \"xml\"\n").is_err());
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = toml::from_str::<Config>("[http]\nmax_conections = 3\n").unwrap_err();
        assert!(err.to_string().contains("max_conections"), "{err}");
    }

    #[test]
    fn flags_beat_the_file() {
        let dir = tempfile_dir();
        let path = dir.join("gw.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:9000\"\n[database]\nurl = \"sqlite://a.db\"\n",
        )
        .unwrap();
        let overrides = Overrides {
            config: Some(path),
            database_url: Some("postgres://x/y".to_owned()),
        };
        let config = Config::load(&overrides, None).unwrap();
        assert_eq!(config.database.url, "postgres://x/y");
        assert_eq!(config.listen.port(), 9000);
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("crm-gw-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
