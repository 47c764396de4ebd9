//! The cases of the benchmark, in the order they run, and the run itself.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::cli::RunArgs;
use crate::load::{self, Check, MakeRequest};
use crate::report::{self, Row};
use crate::seed;
use crate::servers::Server;
use crate::wire::{self, Req, Wire};

/// Which server a case measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The bare axum + sqlx read.
    Bare,
    /// The gateway.
    Gateway,
    /// A second gateway whose account is bound to the first one's REST.
    Proxy,
    /// A fresh gateway over the same database.
    Twin,
    /// A fresh gateway over the same database, recording every exchange.
    Recording,
}

/// The read straight to the gateway that the proxied one is set against.
pub const DIRECT: &str = "REST GET /rest/client/{id}, one connection";
/// The same read through a gateway bound to the measured one's REST.
pub const PROXIED: &str = "REST GET /rest/client/{id} through a REST-bound proxy, one connection";

/// What `--only` takes for the cost of a record.
pub const TWINS: &str = "twin gateway";

/// The word `--only` takes for the migrations of the base.
pub const MIGRATIONS: &str = "migration";

/// One row of the table.
pub struct Case {
    /// What it measures.
    pub name: &'static str,
    /// Which server.
    pub target: Target,
    /// Connections kept busy.
    pub connections: usize,
    /// Request number n.
    pub make: MakeRequest,
    /// A success.
    pub check: Check,
}

/// A spread of numbers over `lo..=hi` that is the same on every run.
pub fn pick(n: u64, (lo, hi): (i64, i64)) -> i64 {
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 29;
    let span = u64::try_from(hi - lo + 1).unwrap_or(1).max(1);
    lo + i64::try_from(x % span).unwrap_or(0)
}

pub fn make(
    wire: &Arc<Wire>,
    build: impl Fn(&Wire, u64) -> Req + Send + Sync + 'static,
) -> MakeRequest {
    let wire = wire.clone();
    Arc::new(move |n| build(&wire, n))
}

fn case(name: &'static str, connections: usize, make: MakeRequest, check: Check) -> Case {
    let target = if name.starts_with("bare") {
        Target::Bare
    } else {
        Target::Gateway
    };
    Case {
        name,
        target,
        connections,
        make,
        check,
    }
}

fn cases(wire: &Arc<Wire>, ids: (i64, i64), clients: u64, many: usize) -> Vec<Case> {
    // Names written by creates differ from run to run: SalesMan refuses a duplicate.
    let tag = format!("{:x}", std::process::id());
    let pages = (1, i64::try_from(clients / 50).unwrap_or(1).max(1));
    let page = move |n| u64::try_from(pick(n, pages)).unwrap_or(1);
    let named = |prefix: &str| {
        let tag = format!("{prefix}{tag}");
        move |n: u64| format!("{tag} {n}")
    };
    let (rest, eadesk, salesman, planfix, list) =
        (named("r"), named("e"), named("s"), named("p"), named("l"));
    vec![
        case(
            "bare axum + sqlx point read",
            many,
            make(wire, move |w, n| w.bare_read(pick(n, ids))),
            wire::http_ok,
        ),
        case(
            "REST GET /rest/client/{id}",
            many,
            make(wire, move |w, n| w.rest_read(pick(n, ids))),
            wire::http_ok,
        ),
        case(
            "Eadesk read by id",
            many,
            make(wire, move |w, n| w.eadesk_read(pick(n, ids))),
            wire::eadesk_ok,
        ),
        case(
            "SalesMan action=info",
            many,
            make(wire, move |w, n| w.salesman_info(pick(n, ids))),
            wire::salesman_ok,
        ),
        case(
            "Planfix contact.get, token",
            many,
            make(wire, move |w, n| w.planfix_get_token(pick(n, ids))),
            wire::planfix_ok,
        ),
        case(
            "Planfix contact.get, session + signature",
            many,
            make(wire, move |w, n| w.planfix_get_signed(pick(n, ids))),
            wire::planfix_ok,
        ),
        case(
            "REST list page of 50, one connection",
            1,
            make(wire, move |w, n| w.rest_list(page(n))),
            wire::http_ok,
        ),
        case(
            "REST list page of 50",
            many,
            make(wire, move |w, n| w.rest_list(page(n))),
            wire::http_ok,
        ),
        case(
            "Eadesk regex search, one connection",
            1,
            make(wire, |w, _| w.eadesk_search()),
            wire::eadesk_ok,
        ),
        case(
            "Eadesk regex search",
            many,
            make(wire, |w, _| w.eadesk_search()),
            wire::eadesk_ok,
        ),
        case(
            "SalesMan word search",
            many,
            make(wire, |w, _| w.salesman_word()),
            wire::salesman_ok,
        ),
        case(
            "REST create",
            many,
            make(wire, move |w, n| w.rest_create(&rest(n))),
            wire::http_ok,
        ),
        case(
            "Eadesk create",
            many,
            make(wire, move |w, n| w.eadesk_create(&eadesk(n))),
            wire::eadesk_ok,
        ),
        case(
            "SalesMan add",
            many,
            make(wire, move |w, n| w.salesman_add(&salesman(n))),
            wire::salesman_ok,
        ),
        case(
            "Planfix contact.add, token",
            many,
            make(wire, move |w, n| w.planfix_add(&planfix(n))),
            wire::planfix_ok,
        ),
        case(
            "SalesMan add.list of 500, one connection",
            1,
            make(wire, move |w, n| w.salesman_add_list(&list(n))),
            wire::salesman_ok,
        ),
    ]
}

/// The read straight and through the proxy, one connection each: their p50s
/// differ by what the proxy adds.
fn proxy_cases(wire: &Arc<Wire>, proxied: &Arc<Wire>, ids: (i64, i64)) -> Vec<Case> {
    let direct = case(
        DIRECT,
        1,
        make(wire, move |w, n| w.rest_read(pick(n, ids))),
        wire::http_ok,
    );
    let through = Case {
        target: Target::Proxy,
        ..case(
            PROXIED,
            1,
            make(proxied, move |w, n| w.rest_read(pick(n, ids))),
            wire::http_ok,
        )
    };
    vec![direct, through]
}

/// Seeds, starts the servers, runs every case and prints the table.
pub async fn run(args: RunArgs) -> anyhow::Result<()> {
    let seeded = seed::prepare(&args).await?;
    let gateway = Server::start("gateway", &seeded.url, false)?;
    let bare = Server::start("bare", &seeded.url, false)?;
    let mut wire = Wire::new(seeded.creds.clone());
    let (_, login) = load::once(gateway.addr, wire.planfix_login()).await?;
    wire.sid = wire::sid_of(&login).context("auth.login answered no sid")?;
    let wire = Arc::new(wire);
    let wanted =
        |name: &str| args.only.is_empty() || args.only.iter().any(|w| name.contains(w.as_str()));
    let mut selected: Vec<Case> = cases(&wire, seeded.ids, args.clients, args.connections)
        .into_iter()
        .filter(|c| c.target == Target::Bare || wanted(c.name))
        .collect();
    let proxy = if wanted(PROXIED) {
        let proxy = crate::proxy::start(gateway.addr, &seeded.creds).await?;
        selected.extend(proxy_cases(&wire, &proxy.wire, seeded.ids));
        Some(proxy)
    } else {
        None
    };

    let twins = if wanted(TWINS) {
        selected.extend(crate::recording::cases(&wire, seeded.ids, args.connections));
        Some(crate::recording::start(&seeded.url, &wire, seeded.ids, args.connections).await?)
    } else {
        None
    };

    let mut rows = Vec::with_capacity(selected.len());
    for case in &selected {
        let server = match (case.target, &proxy, &twins) {
            (Target::Bare, _, _) => &bare,
            (Target::Proxy, Some(proxy), _) => &proxy.server,
            (Target::Twin, _, Some(twins)) => &twins.plain,
            (Target::Recording, _, Some(twins)) => &twins.recording,
            _ => &gateway,
        };
        let cpu_before = server.cpu_micros();
        let outcome = load::drive(
            server.addr,
            case.connections,
            args.duration(),
            case.make.clone(),
            case.check,
        )
        .await;
        let cpu = server.cpu_micros().saturating_sub(cpu_before);
        eprintln!("{:<44} {:>9.0} req/s", case.name, outcome.rate());
        rows.push(Row::new(case.name, case.connections, outcome, cpu));
    }
    let memory = gateway.memory_kib();
    count_statements(&seeded.url, &selected, &mut rows).await?;
    let survived = writes_after_a_cut_off(&gateway, &wire, args.connections).await;
    let migrations = if wanted(MIGRATIONS) {
        crate::migration::measure(&seeded, &gateway).await?
    } else {
        Vec::new()
    };
    report::print(&report::Run {
        args: &args,
        seeded: &seeded,
        rows: &rows,
        memory,
        survived: &survived,
        migrations: &migrations,
    });
    drop((gateway, bare, proxy, twins));
    seeded.remove().await
}

/// Statements per request of each gateway case, from a second gateway that
/// logs every statement: a few requests to warm its pool, then ten counted.
async fn count_statements(url: &str, cases: &[Case], rows: &mut [Row]) -> anyhow::Result<()> {
    const COUNTED: u64 = 10;
    let counting = Server::start("gateway", url, true)?;
    for (case, row) in cases.iter().zip(rows.iter_mut()) {
        match case.target {
            Target::Bare => {
                row.statements = Some(1.0);
                continue;
            }
            // Its statements are the upstream's and its own identity's.
            Target::Proxy => continue,
            Target::Gateway | Target::Twin | Target::Recording => {}
        }
        for n in 0..3 {
            let _ = load::once(counting.addr, (case.make)(1_000_000 + n)).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        counting.statements_logged();
        for n in 0..COUNTED {
            let _ = load::once(counting.addr, (case.make)(2_000_000 + n)).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        row.statements = Some(counting.statements_logged() as f64 / COUNTED as f64);
    }
    Ok(())
}

/// Creates through all four dialects on every connection, each connection
/// reset with its request in flight after two seconds; then one ordinary
/// create per dialect, which must succeed (a client that hangs up must never
/// stop the store writing).
async fn writes_after_a_cut_off(
    gateway: &Server,
    wire: &Arc<Wire>,
    connections: usize,
) -> Vec<(&'static str, bool)> {
    let w = wire.clone();
    let make: MakeRequest = Arc::new(move |n: u64| {
        let tag = format!("cut {} {n}", std::process::id());
        match n % 4 {
            0 => w.rest_create(&tag),
            1 => w.eadesk_create(&tag),
            2 => w.salesman_add(&tag),
            _ => w.planfix_add(&tag),
        }
    });
    load::cut_off(gateway.addr, connections, Duration::from_secs(2), make).await;
    // Each its own name: SalesMan refuses a person whose name and phone exist.
    let after = |dialect: &str| format!("after {dialect} {}", std::process::id());
    let checks: [(&'static str, http::Request<_>, Check); 4] = [
        ("REST", wire.rest_create(&after("rest")), wire::http_ok),
        (
            "Eadesk",
            wire.eadesk_create(&after("eadesk")),
            wire::eadesk_ok,
        ),
        (
            "SalesMan",
            wire.salesman_add(&after("salesman")),
            wire::salesman_ok,
        ),
        (
            "Planfix",
            wire.planfix_add(&after("planfix")),
            wire::planfix_ok,
        ),
    ];
    let mut out = Vec::new();
    for (dialect, request, check) in checks {
        let ok = match load::once(gateway.addr, request).await {
            Ok((status, body)) if check(status, &body) => true,
            Ok((status, body)) => {
                let body = String::from_utf8_lossy(&body);
                eprintln!("{dialect} create after the cut-off answered {status}: {body}");
                false
            }
            Err(err) => {
                eprintln!("{dialect} create after the cut-off failed: {err:#}");
                false
            }
        };
        out.push((dialect, ok));
    }
    out
}
