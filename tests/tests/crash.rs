//! An acknowledged write survives a crash: writers create clients through
//! all four dialects while the gateway is killed with SIGKILL at a random
//! moment; after a restart on the same database every write that got its
//! answer is there, readable through its own dialect and another one
//! (reference/reliability.md §2.5).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use crm_e2e::dialect::{ALL, Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use tokio::sync::Mutex;

const TRIALS: u64 = 3;
const WRITERS: usize = 8;

type Acked = Arc<Mutex<Vec<(Dialect, i64, Person)>>>;

/// A write that counts only when its answer arrived whole; a cut connection
/// (the panic of the driver's `unwrap`) is an indeterminate write, not a loss.
async fn try_write(session: &Arc<Session>, dialect: Dialect, person: &Person) -> Option<i64> {
    let (session, person) = (session.clone(), person.clone());
    tokio::spawn(async move { session.write(dialect, &person).await })
        .await
        .ok()
}

/// Writes until the gateway stops answering; records each acknowledged id.
async fn writer(session: Arc<Session>, worker: usize, trial: u64, acked: Acked) {
    for seq in 0.. {
        let dialect = ALL[(worker + seq) % ALL.len()];
        let person = Person::sample(&format!("crash {trial} {worker} {seq}"));
        let Some(id) = try_write(&session, dialect, &person).await else {
            return;
        };
        acked.lock().await.push((dialect, id, person));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let acked: Acked = Arc::default();
    for trial in 0..TRIALS {
        let gateway = Gateway::start(db.url());
        let session = Arc::new(Session::open(&gateway.url(""), creds.clone()).await);
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| tokio::spawn(writer(session.clone(), w, trial, acked.clone())))
            .collect();
        tokio::time::sleep(Duration::from_millis(300 + 400 * trial)).await;
        gateway.kill();
        for w in writers {
            w.await.unwrap();
        }
    }

    let gateway = Gateway::start(db.url());
    let session = Session::open(&gateway.url(""), creds).await;
    let acked = acked.lock().await;
    assert!(acked.len() > 10, "the writers got {} answers", acked.len());
    eprintln!(
        "{} acknowledged writes across {TRIALS} crashes",
        acked.len()
    );
    let mut lost = Vec::new();
    for (dialect, id, person) in acked.iter() {
        let other = ALL[(ALL.iter().position(|d| d == dialect).unwrap() + 1) % ALL.len()];
        for reader in [*dialect, other] {
            if !session
                .read(reader, *id)
                .await
                .is_some_and(|seen| seen.shows(person))
            {
                lost.push(format!("{dialect:?} wrote {id}, {reader:?} cannot read it"));
            }
        }
    }
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged writes lost:\n{}",
        lost.len(),
        acked.len(),
        lost.join("\n")
    );
}
