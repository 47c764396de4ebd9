//! `crm-bench soak`: connections of mixed traffic through all four dialects
//! for a given time (G1), beside slow clients when asked (G7); then every
//! create the gateway acknowledged is read back. Prints requests, 5xx, lost
//! writes, p99 and the gateway's resident memory from the end of a warm-up
//! to the end, and fails when a 5xx was answered, a write was lost, a slow
//! client outlived its timeout, or a bound given on the command line was
//! passed.

mod drive;
mod mix;
mod report;
mod slow;
mod verify;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::cli::SoakArgs;
use crate::load;
use crate::seed;
use crate::servers::Server;
use crate::wire::{self, Wire};

use self::mix::Mix;
use self::report::{Memory, Soaked};

/// Runs the soak and prints its figures; `false` when it failed.
pub async fn run(args: SoakArgs) -> anyhow::Result<bool> {
    let seeded = seed::prepare(&args.seeding()).await?;
    let gateway = Server::start("gateway", &seeded.url, false)?;
    let mut wire = Wire::new(seeded.creds.clone());
    let (_, login) = load::once(gateway.addr, wire.planfix_login()).await?;
    wire.sid = wire::sid_of(&login).context("auth.login answered no sid")?;
    let bearer = wire.rest_bearer();
    let mix = Arc::new(Mix::new(wire, seeded.ids, args.clients));

    let started = Instant::now();
    let until = started + args.duration();
    let traffic = drive::drive(gateway.addr, mix.clone(), args.connections, until);
    let traffic = tokio::spawn(traffic);
    let slow = tokio::spawn(slow::trickle(gateway.addr, args.slow, bearer, until));
    let memory = watch_memory(&gateway, started + args.warmup(), until).await;
    let mut tally = traffic.await?;
    let slow = slow.await?;
    eprintln!("reading back {} acknowledged writes", tally.acks.len());
    let acks = Arc::new(std::mem::take(&mut tally.acks));
    let read = verify::read_back(gateway.addr, mix, acks.clone()).await;

    let soaked = Soaked {
        args: &args,
        backend: backend(&seeded.url),
        tally: &tally,
        acked: acks.len(),
        read,
        memory,
        slow,
        elapsed: started.elapsed(),
    };
    let failures = soaked.failures();
    soaked.print(&failures);
    drop(gateway);
    seeded.remove().await?;
    Ok(failures.is_empty())
}

fn backend(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

/// The gateway's resident memory each second: when the warm-up ends, at the
/// end, and its peak.
async fn watch_memory(gateway: &Server, warm: Instant, until: Instant) -> Memory {
    let mut memory = Memory::default();
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (now, peak) = gateway.memory_kib();
        if memory.after_warmup == 0 && Instant::now() >= warm {
            memory.after_warmup = now;
        }
        memory.end = now;
        memory.peak = peak;
    }
    memory
}
