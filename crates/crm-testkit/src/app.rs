//! One test's gateway: a database of its own, an account on it and a
//! dialect's real router over the service. Each dialect's `tests/support`
//! declares its own app over it with [`dialect_app!`](crate::dialect_app)
//! and adds what only that dialect knows: how its requests are written.

use axum::Router;
use axum::body::Body;
use crm_core::Crm;
use crm_core::credential::Credential;
use http::Request;

use crate::http::{Reply, send};
use crate::{TestAccount, TestDb};

/// The account a [`TestApp`] creates; captures and spec examples name it.
pub const ACCOUNT: &str = "acme";

/// A database, the service over it, account [`ACCOUNT`] and a router.
#[derive(Debug)]
pub struct TestApp {
    /// The database, removed when the app is dropped.
    pub db: TestDb,
    /// The service over `db`.
    pub crm: Crm,
    /// Account [`ACCOUNT`], with the credentials the dialect asked for.
    pub acct: TestAccount,
    /// The dialect's router over `crm`.
    pub app: Router,
}

impl TestApp {
    /// A fresh database and service, an account holding `credentials`, and
    /// the router `router` builds over the service.
    pub async fn new(credentials: &[Credential], router: impl FnOnce(Crm) -> Router) -> Self {
        let db = TestDb::new().await;
        let crm = db.crm().await;
        Self::over(db, crm, credentials, router).await
    }

    /// The same over a database and service the test set up itself.
    pub async fn over(
        db: TestDb,
        crm: Crm,
        credentials: &[Credential],
        router: impl FnOnce(Crm) -> Router,
    ) -> Self {
        let acct = TestAccount::with_credentials(&crm, ACCOUNT, credentials).await;
        let app = router(crm.clone());
        Self { db, crm, acct, app }
    }

    /// Sends `request` through the router and reads the whole answer.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        send(&self.app, request).await
    }
}

/// Declares `$app`, one dialect's [`TestApp`]: a newtype that reads as the
/// app it wraps (fields and methods through `Deref`), made with the
/// account's `$credentials` and the router `$router(crm, limits)` builds.
/// It has `new()` (default limits), `with_limits(limits)` and
/// `over(db, crm)`, for a database and service the test set up itself; the
/// dialect's own calls go in an `impl $app` of its `tests/support`.
#[macro_export]
macro_rules! dialect_app {
    ($(#[$meta:meta])* $app:ident, $credentials:expr, $router:path) => {
        $(#[$meta])*
        pub struct $app($crate::TestApp);

        impl ::std::ops::Deref for $app {
            type Target = $crate::TestApp;

            fn deref(&self) -> &$crate::TestApp {
                &self.0
            }
        }

        impl $app {
            /// The app with the default limits.
            pub async fn new() -> Self {
                Self::with_limits($crate::__private::Limits::default()).await
            }

            /// The app with `limits`.
            pub async fn with_limits(limits: $crate::__private::Limits) -> Self {
                let router = |crm| $router(crm, limits);
                Self($crate::TestApp::new(&$credentials, router).await)
            }

            /// The app with the default limits over `db` and `crm`.
            pub async fn over(db: $crate::TestDb, crm: $crate::__private::Crm) -> Self {
                let router = |crm| $router(crm, $crate::__private::Limits::default());
                Self($crate::TestApp::over(db, crm, &$credentials, router).await)
            }
        }
    };
}
