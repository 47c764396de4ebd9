use std::sync::Arc;

use crm_core::crm::CrmConfig;
use crm_core::{CoreError, Crm};
use crm_store::{DbConfig, SqlStore};
use sqlx::Connection;

use crate::fixtures::cheap_crm_config;

/// Which backend the tests run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A temporary SQLite file.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
}

/// A database that exists for one test and is removed after it.
#[derive(Debug)]
pub struct TestDb {
    url: String,
    backend: Backend,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A new empty database on the backend `CRM_TEST_DATABASE_URL` names.
    pub async fn new() -> Self {
        // A misspelt URL must not quietly turn a PostgreSQL run into SQLite.
        match std::env::var("CRM_TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Self::postgres(&url).await
            }
            Ok(url) if !url.is_empty() => {
                panic!("CRM_TEST_DATABASE_URL must be a postgres:// URL or unset, not {url:?}")
            }
            _ => Self::sqlite(),
        }
    }

    /// A new empty database on the other backend where one is at hand: a
    /// SQLite file when the suite runs on PostgreSQL; PostgreSQL at
    /// `CRM_TEST_OTHER_DATABASE_URL` when that is set, else a SQLite file.
    pub async fn other() -> Self {
        let suite_on_postgres = std::env::var("CRM_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty());
        match std::env::var("CRM_TEST_OTHER_DATABASE_URL") {
            Ok(url) if !suite_on_postgres && url.starts_with("postgres") => {
                Self::postgres(&url).await
            }
            _ => Self::sqlite(),
        }
    }

    fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("crm.db").display());
        Self {
            url,
            backend: Backend::Sqlite,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    async fn postgres(admin_url: &str) -> Self {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("random source");
        let name = format!("crm_test_{}", hex::encode(bytes));
        let mut admin = sqlx::PgConnection::connect(admin_url)
            .await
            .unwrap_or_else(|err| panic!("CRM_TEST_DATABASE_URL is unreachable: {err}"));
        // The name is ours (hex digits), never input: identifiers cannot be bound.
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let mut url = url::Url::parse(admin_url).expect("CRM_TEST_DATABASE_URL is a URL");
        url.set_path(&name);
        Self {
            url: url.to_string(),
            backend: Backend::Postgres,
            cleanup: Cleanup::Postgres {
                admin_url: admin_url.to_owned(),
                name,
            },
        }
    }

    /// The URL the gateway connects with.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Which backend this database is on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A store over this database, migrated.
    pub async fn store(&self) -> SqlStore {
        SqlStore::connect(&DbConfig::new(&self.url))
            .await
            .expect("connect to the test database")
    }

    /// The service over this database, with cheap password hashing.
    pub async fn crm(&self) -> Crm {
        self.crm_with(cheap_crm_config()).await
    }

    /// The service over this database with the given settings.
    pub async fn crm_with(&self, config: CrmConfig) -> Crm {
        Crm::new(Arc::new(self.store().await), config).expect("service")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside any runtime guarantee, so the cleanup gets its own.
            let _ = std::thread::spawn(move || drop_database(&admin_url, &name)).join();
        }
    }
}

fn drop_database(admin_url: &str, name: &str) -> Result<(), CoreError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CoreError::Internal(e.to_string()))?;
    runtime.block_on(async {
        let mut admin = sqlx::PgConnection::connect(admin_url)
            .await
            .map_err(|e| CoreError::Internal(e.to_string()))?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await
            .map_err(|e| CoreError::Internal(e.to_string()))?;
        Ok(())
    })
}
