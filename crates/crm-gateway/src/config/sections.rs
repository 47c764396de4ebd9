//! The sections of the configuration file, each with its defaults; what
//! each key means is written beside it in `config/gateway.toml`.

use std::net::SocketAddr;

use crm_core::SearchLimits;
use crm_core::credential::PasswordHashing;
use crm_core::crm::CrmConfig;
use crm_http::Limits;
use serde::Deserialize;

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

/// `[throttle]`: failed sign-ins per source address and per login, and an
/// account's request quota. Each replica counts on its own.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThrottleSection {
    /// Failed sign-ins one address may make a minute (a burst of as many,
    /// refilled evenly); the one past it is answered as usual, and from then
    /// on the address is answered each dialect's "too many requests" until a
    /// sign-in is due again. 0 turns it off.
    /// The address is the TCP peer's: behind a reverse proxy every caller
    /// shares the proxy's, so turn it off there or set it high.
    pub failed_sign_ins_per_minute: u32,
    /// Wrong passwords one login may be given a minute (Planfix
    /// `auth.login`), from any address; past it the login's sign-ins are
    /// answered "try later" until one is due again. 0 turns it off.
    pub failed_logins_per_minute: u32,
    /// Requests an account may make a second; past it, each dialect's "try
    /// later". 0 (the default) is no quota.
    pub account_requests_per_second: u32,
}

impl Default for ThrottleSection {
    fn default() -> Self {
        Self {
            failed_sign_ins_per_minute: 30,
            failed_logins_per_minute: 10,
            account_requests_per_second: 0,
        }
    }
}
