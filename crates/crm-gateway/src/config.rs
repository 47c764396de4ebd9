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
    /// Failed sign-ins throttled per address.
    pub throttle: ThrottleSection,
    /// Recording and shadowing, set by `serve`'s flags only.
    #[serde(skip)]
    pub traffic: crate::traffic::Traffic,
}
mod sections;

pub use sections::{
    AuthSection, DatabaseSection, HttpSection, LimitsSection, MetricsSection, ProxySection,
    SearchSection, ThrottleSection,
};

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
            throttle: ThrottleSection::default(),
            traffic: crate::traffic::Traffic::default(),
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
            failed_logins_per_minute: self.throttle.failed_logins_per_minute,
            account_requests_per_second: self.throttle.account_requests_per_second,
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
