//! An acknowledged write survives a crash: writers create clients through
//! all four dialects while the gateway is killed with SIGKILL at a varying
//! moment; after a restart on the same database every write that got its
//! answer is there, readable through its own dialect and another one, and
//! no client is half written (each create carried a phone and an e-mail)
//! (reference/reliability.md §2.5, G2). `CRM_CRASH_TRIALS` sets the number
//! of kills: 5 by default (`.ci/run`), 20 for the long run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use crm_e2e::dialect::{ALL, Dialect, Session};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use tokio::sync::Mutex;

const WRITERS: usize = 8;

fn trials() -> u64 {
    std::env::var("CRM_CRASH_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

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
    let trials = trials();
    for trial in 0..trials {
        let gateway = Gateway::start(db.url());
        let session = Arc::new(Session::open(&gateway.url(""), creds.clone()).await);
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| tokio::spawn(writer(session.clone(), w, trial, acked.clone())))
            .collect();
        tokio::time::sleep(Duration::from_millis(300 + (trial * 397) % 1500)).await;
        gateway.kill();
        for w in writers {
            w.await.unwrap();
        }
    }

    let gateway = Gateway::start(db.url());
    let session = Session::open(&gateway.url(""), creds).await;
    let acked = acked.lock().await;
    assert!(acked.len() > 10, "the writers got {} answers", acked.len());
    let half_written = half_written(&session).await;
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
    eprintln!(
        "{} acknowledged writes across {trials} crashes: {} lost, {} clients half written",
        acked.len(),
        lost.len(),
        half_written.len()
    );
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged writes lost:\n{}",
        lost.len(),
        acked.len(),
        lost.join("\n")
    );
    assert!(half_written.is_empty(), "half written: {half_written:?}");
}

/// The dialect that wrote a person, read off the name `writer` gave it;
/// `None` for a name it did not give.
fn writer_of(name: &str) -> Option<Dialect> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let [.., "crash", _, worker, seq] = words.as_slice() else {
        return None;
    };
    let (worker, seq): (usize, usize) = (worker.parse().ok()?, seq.parse().ok()?);
    Some(ALL[(worker + seq) % ALL.len()])
}

/// Every person of the account, acknowledged or not, that lacks the phone
/// or the e-mail its create carried. Eadesk's client adds contact points
/// in calls of their own after the create, so a person it was cut off
/// from is the client's unfinished work, not a half-written create.
async fn half_written(session: &Session) -> Vec<String> {
    let mut found = Vec::new();
    let mut checked = 0;
    for page in 0.. {
        let persons = session
            .eadesk_get(&format!("read?limit=1000&offset={}", page * 1000))
            .await;
        let persons = persons.as_array().unwrap();
        for person in persons {
            let name = person["name"].as_str().unwrap_or_default();
            if writer_of(name).is_none_or(|d| d == Dialect::Eadesk) {
                continue;
            }
            checked += 1;
            let kinds: Vec<&str> = person["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|c| c["type"].as_str())
                .collect();
            if !(kinds.contains(&"phone") && kinds.contains(&"mail")) {
                found.push(format!("{} {:?}", person["_id"], kinds));
            }
        }
        if persons.len() < 1000 {
            break;
        }
    }
    assert!(checked > 10, "only {checked} persons written in one call");
    found
}
