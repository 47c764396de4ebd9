//! A PostgreSQL login role that has the tables of a test database granted
//! to it and owns nothing: the role PostgreSQL's row-level security binds.

use sqlx::{Connection, PgConnection};

use crate::TestDb;

/// The role, dropped with everything granted to it when this goes.
#[derive(Debug)]
pub struct GrantedRole {
    name: String,
    admin_url: String,
}

impl GrantedRole {
    /// Creates the role and grants it the tables and sequences of `db`,
    /// which must be on PostgreSQL and migrated. `tag` tells apart the
    /// roles of tests that run at once (roles belong to the whole server).
    pub async fn on(db: &TestDb, tag: &str) -> Self {
        let name = format!("crm_{tag}_{}", std::process::id());
        let mut admin = PgConnection::connect(db.url())
            .await
            .expect("connect as admin");
        for statement in [
            format!("DROP ROLE IF EXISTS {name}"),
            format!("CREATE ROLE {name} LOGIN"),
            format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}"
            ),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}"),
        ] {
            // The name is the test's tag and a number, never input:
            // identifiers cannot be bound.
            sqlx::query(&statement)
                .execute(&mut admin)
                .await
                .expect("create the granted role");
        }
        Self {
            name,
            admin_url: db.url().to_owned(),
        }
    }

    /// The test database's URL, signing in as this role.
    pub fn url(&self) -> String {
        let mut url = url::Url::parse(&self.admin_url).expect("the test database's URL");
        url.set_username(&self.name).expect("a URL with a user");
        url.to_string()
    }
}

impl Drop for GrantedRole {
    fn drop(&mut self) {
        let (url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs outside any runtime guarantee, so the cleanup gets its own.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Runtime::new() else {
                return;
            };
            runtime.block_on(async {
                let Ok(mut admin) = PgConnection::connect(&url).await else {
                    return;
                };
                for statement in [format!("DROP OWNED BY {name}"), format!("DROP ROLE {name}")] {
                    let _ = sqlx::query(&statement).execute(&mut admin).await;
                }
            });
        })
        .join();
    }
}
