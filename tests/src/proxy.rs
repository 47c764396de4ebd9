//! Two gateways chained as a translation proxy: A, on a database of its
//! own, plays the real CRM of one dialect; B's account `acme` is bound to
//! A's `acme` through that dialect's API. The round every proxy test runs
//! goes through B in all four inbound dialects and looks at A through the
//! upstream's own API.

use std::future::Future;

use crm_testkit::TestDb;
use serde_json::Value;

use crate::dialect::{ALL, Session};
use crate::operator::{account, bind};
use crate::person::Person;
use crate::{Gateway, create_account};

/// What the upstream's own API shows of one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landed {
    /// Its name, phones and e-mails, as the upstream shows them.
    Holds {
        /// The full name.
        name: String,
        /// Live phones.
        phones: Vec<String>,
        /// Live e-mails.
        emails: Vec<String>,
    },
    /// Shown or refused as deleted.
    Deleted,
    /// Not there at all.
    Absent,
}

impl Landed {
    /// What the upstream shows of `person` written under `name`.
    pub fn holding(name: &str, person: &Person) -> Self {
        Self::Holds {
            name: name.to_owned(),
            phones: vec![person.phone.clone()],
            emails: vec![person.email.clone()],
        }
    }
}

/// Gateway A (the upstream) and B (the proxy) over their databases.
#[derive(Debug)]
pub struct Chain {
    /// The upstream.
    pub a: Gateway,
    /// The proxy.
    pub b: Gateway,
    /// A's `account create --json`.
    pub upstream: Value,
    /// B's `account create --json`.
    pub proxy: Value,
    /// B's account, signed in in every dialect.
    pub session: Session,
    _dbs: (TestDb, TestDb),
}

impl Chain {
    /// Both gateways, B's `acme` bound to A's CRM of `dialect` with A's
    /// credentials of that dialect; the bind must succeed and print none of
    /// them.
    pub async fn bound(dialect: &str) -> Self {
        let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
        let upstream = create_account(upstream_db.url(), "acme");
        let proxy = create_account(proxy_db.url(), "acme");
        let a = Gateway::start(upstream_db.url());
        let b = Gateway::start(proxy_db.url());
        let credentials = &upstream[dialect];
        let (ok, printed) = bind(proxy_db.url(), dialect, &a.url(""), credentials);
        assert!(ok, "{printed}");
        for (name, secret) in credentials.as_object().into_iter().flatten() {
            let secret = secret.as_str().unwrap_or_default();
            let shown = secret.len() >= 8 && printed.contains(secret);
            assert!(!shown, "the bind printed the upstream's {name}: {printed}");
        }
        let session = Session::open(&b.url(""), proxy.clone()).await;
        Self {
            a,
            b,
            upstream,
            proxy,
            session,
            _dbs: (upstream_db, proxy_db),
        }
    }

    /// B's database.
    pub fn proxy_url(&self) -> &str {
        self._dbs.1.url()
    }

    /// In each inbound dialect: a person with a phone and an e-mail is
    /// written through B and lands upstream, reads back through B, is
    /// renamed upstream, and once deleted is gone from both. `landed` reads
    /// a client through the upstream's own API. Every miss is returned.
    pub async fn round<F, Fut>(&self, landed: F) -> Vec<String>
    where
        F: Fn(i64) -> Fut,
        Fut: Future<Output = Landed>,
    {
        let s = &self.session;
        let mut failures = Vec::new();
        for dialect in ALL {
            let person = Person::sample(&format!("{dialect:?} proxy"));
            let id = s.write(dialect, &person).await;
            let written = landed(id).await;
            if written != Landed::holding(&person.full_name(), &person) {
                failures.push(format!("{dialect:?} write: upstream holds {written:?}"));
            }
            match s.read(dialect, id).await {
                Some(seen) if seen.shows(&person) => {}
                other => failures.push(format!("{dialect:?} read: {other:?}")),
            }
            let renamed = Person {
                given: format!("Пётр {dialect:?}"),
                ..person.clone()
            };
            s.rename(dialect, id, &renamed).await;
            let after = landed(id).await;
            if after != Landed::holding(&renamed.full_name(), &person) {
                failures.push(format!("{dialect:?} rename: upstream holds {after:?}"));
            }
            s.delete(dialect, id).await;
            let gone = landed(id).await;
            if !matches!(gone, Landed::Deleted | Landed::Absent) {
                failures.push(format!("{dialect:?} delete: upstream holds {gone:?}"));
            }
            if let Some(still) = s.read(dialect, id).await {
                failures.push(format!(
                    "{dialect:?} delete: the proxy still reads {still:?}"
                ));
            }
        }
        failures
    }
}

/// A gateway whose `acme` is bound with `wrong` credentials to A's CRM of
/// `dialect`: the bind is refused, says so, prints none of `wrong`'s
/// `secret`, and leaves the account's clients in the gateway.
pub async fn refused_bind(dialect: &str, wrong: impl Fn(&Value) -> Value, secret: &str) {
    let (upstream_db, proxy_db) = (TestDb::new().await, TestDb::new().await);
    let upstream = create_account(upstream_db.url(), "acme");
    create_account(proxy_db.url(), "acme");
    let a = Gateway::start(upstream_db.url());
    let (ok, printed) = bind(
        proxy_db.url(),
        dialect,
        &a.url(""),
        &wrong(&upstream[dialect]),
    );
    assert!(!ok, "{printed}");
    assert!(printed.contains("refused"), "{printed}");
    assert!(!printed.contains(secret), "{printed}");
    let (_, shown) = account(proxy_db.url(), &["show", "--name", "acme"]);
    assert!(shown.contains("clients: in the gateway"), "{shown}");
}
