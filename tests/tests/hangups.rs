//! A client that hangs up never wedges the store: thousands of writes in all
//! four dialects are reset before their body is complete, right after it, or
//! as their answer arrives, while ordinary writers keep writing. Afterwards
//! every ordinary write succeeds and every acknowledged write is readable
//! (issue: a cancelled request once left a pooled SQLite connection inside
//! its transaction, and every later write failed until a restart).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crm_e2e::dialect::{ALL, Dialect, Session};
use crm_e2e::hangup::{Cut, Writes};
use crm_e2e::person::Person;
use crm_e2e::{Gateway, create_account};
use crm_testkit::TestDb;
use tokio::sync::{Mutex, Semaphore};
use tokio::task::JoinSet;
use tokio::time::timeout;

const CUT_WRITES: usize = 4000;
const IN_FLIGHT: usize = 32;
const VICTIMS: usize = 200;
/// Longer than any answer a writing gateway gives (its deadline is 15 s).
const ANSWER_WAIT: Duration = Duration::from_secs(20);
/// The cut writes take seconds on a gateway that keeps writing; a wedged one
/// answers each after a 5 s busy wait, and the test stops waiting here.
const STORM_WAIT: Duration = Duration::from_secs(120);

type Log<T> = Arc<Mutex<Vec<T>>>;

/// A small deterministic generator, so a failing run can be replayed.
fn mix(seed: u64) -> u64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

fn cut_of(roll: u64, request_len: usize) -> Cut {
    match roll % 3 {
        0 => Cut::MidRequest(1 + (roll >> 8) as usize % request_len),
        1 => Cut::AfterRequest(Duration::from_micros((roll >> 8) % 4_000)),
        _ => Cut::MidAnswer,
    }
}

/// An ordinary write through `dialect`: its id, or the reason it failed
/// (the driver panics on any answer but success).
async fn write(session: &Arc<Session>, dialect: Dialect, person: &Person) -> Result<i64, String> {
    let (session, person) = (session.clone(), person.clone());
    let task = tokio::spawn(async move { session.write(dialect, &person).await });
    // An Eadesk write is three requests.
    let Ok(joined) = timeout(3 * ANSWER_WAIT, task).await else {
        return Err("no answer".to_owned());
    };
    joined.map_err(|err| match err.try_into_panic() {
        Ok(panic) => panic
            .downcast_ref::<String>()
            .cloned()
            .unwrap_or_else(|| "the write panicked".to_owned()),
        Err(err) => err.to_string(),
    })
}

async fn ordinary_writer(
    session: Arc<Session>,
    dialect: Dialect,
    storm: Arc<AtomicBool>,
    acked: Log<(Dialect, i64, Person)>,
    failed: Log<String>,
) {
    for seq in 0.. {
        if !storm.load(Ordering::Relaxed) {
            return;
        }
        let person = Person::sample(&format!("steady {dialect:?} {seq}"));
        match write(&session, dialect, &person).await {
            Ok(id) => acked.lock().await.push((dialect, id, person)),
            Err(why) => failed
                .lock()
                .await
                .push(format!("{dialect:?} during the cuts: {why}")),
        }
    }
}

async fn cut_writes(
    gateway: &Gateway,
    writes: Writes,
    victims: Arc<Vec<i64>>,
    failed: Log<String>,
) {
    let permits = Arc::new(Semaphore::new(IN_FLIGHT));
    let mut tasks = JoinSet::new();
    for i in 0..CUT_WRITES {
        let permit = permits.clone().acquire_owned().await.unwrap();
        let (writes, victims, failed) = (writes.clone(), victims.clone(), failed.clone());
        let addr = gateway.addr;
        tasks.spawn(async move {
            let roll = mix(i as u64);
            let dialect = ALL[i % ALL.len()];
            let victim = victims[(roll >> 40) as usize % victims.len()];
            let request = writes.nth(dialect, i / ALL.len(), victim, &format!("обрыв {i}"));
            let cut = cut_of(roll, request.bytes.len());
            if let Ok(Ok(Some(status))) = timeout(ANSWER_WAIT, request.send_cut(addr, cut)).await
                && status >= 500
            {
                failed
                    .lock()
                    .await
                    .push(format!("{dialect:?} write {i} answered {status}"));
            }
            drop(permit);
        });
    }
    tasks.join_all().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_hang_up_never_stop_the_store_writing() {
    let db = TestDb::new().await;
    let creds = create_account(db.url(), "acme");
    let gateway = Gateway::start(db.url());
    let session = Arc::new(Session::open(&gateway.url(""), creds.clone()).await);
    let mut victims = Vec::with_capacity(VICTIMS);
    for v in 0..VICTIMS {
        let person = Person::sample(&format!("victim {v}"));
        victims.push(write(&session, Dialect::Rest, &person).await.unwrap());
    }
    let writes = Writes::new(
        creds.clone(),
        session.planfix_sid().expect("a Planfix session").to_owned(),
    );

    let (acked, failed): (Log<_>, Log<_>) = Default::default();
    let storm = Arc::new(AtomicBool::new(true));
    let steady: Vec<_> = ALL
        .iter()
        .map(|&d| {
            let (session, storm) = (session.clone(), storm.clone());
            tokio::spawn(ordinary_writer(
                session,
                d,
                storm,
                acked.clone(),
                failed.clone(),
            ))
        })
        .collect();
    let storm_ended = timeout(
        STORM_WAIT,
        cut_writes(&gateway, writes, Arc::new(victims), failed.clone()),
    )
    .await;
    if storm_ended.is_err() {
        let why = format!("the cut writes were not all answered within {STORM_WAIT:?}");
        failed.lock().await.push(why);
    }
    storm.store(false, Ordering::Relaxed);
    for task in steady {
        task.await.unwrap();
    }

    let mut failed = failed.lock().await.clone();
    let mut acked = acked.lock().await.clone();
    for (d, dialect) in ALL.iter().enumerate() {
        for seq in 0..4 {
            let person = Person::sample(&format!("after {d} {seq}"));
            match write(&session, *dialect, &person).await {
                Ok(id) => acked.push((*dialect, id, person)),
                Err(why) => failed.push(format!("{dialect:?} after the cuts: {why}")),
            }
        }
    }
    for (dialect, id, person) in &acked {
        let seen = timeout(ANSWER_WAIT, session.read(*dialect, *id)).await;
        if !seen.is_ok_and(|seen| seen.is_some_and(|seen| seen.shows(person))) {
            failed.push(format!(
                "{dialect:?} acknowledged {id}, which cannot be read back"
            ));
        }
    }
    let log = gateway.log_lines();
    let orphans = log
        .iter()
        .filter(|l| l.contains("inside a transaction"))
        .count();
    eprintln!(
        "{} acknowledged writes; {orphans} connections came back inside a transaction",
        acked.len()
    );
    gateway.stop_cleanly();
    assert!(
        failed.is_empty(),
        "{} failures ({} acknowledged writes):\n{}\ngateway log:\n{}",
        failed.len(),
        acked.len(),
        failed
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n"),
        log.iter()
            .filter(|l| l.contains("ERROR"))
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
