//! The printed table: one row a case, each throughput also as a ratio to the
//! bare read measured in the same run.

use crate::cli::RunArgs;
use crate::load::Outcome;
use crate::migration::Migration;
use crate::seed::Seeded;

/// One measured case.
#[derive(Debug)]
pub struct Row {
    name: &'static str,
    connections: usize,
    outcome: Outcome,
    cpu_micros: u64,
    /// SQL statements per request, once counted.
    pub statements: Option<f64>,
}

impl Row {
    /// A row of `outcome`, the server having used `cpu_micros` meanwhile.
    pub fn new(name: &'static str, connections: usize, outcome: Outcome, cpu_micros: u64) -> Self {
        Self {
            name,
            connections,
            outcome,
            cpu_micros,
            statements: None,
        }
    }
}

/// Everything the table shows.
#[derive(Debug)]
pub struct Run<'a> {
    /// The settings.
    pub args: &'a RunArgs,
    /// The base.
    pub seeded: &'a Seeded,
    /// The cases.
    pub rows: &'a [Row],
    /// The gateway's resident memory after the cases and its peak, in KiB.
    pub memory: (u64, u64),
    /// Whether each dialect wrote after the cut-off create run.
    pub survived: &'a [(&'static str, bool)],
    /// The migrations of the base, when measured.
    pub migrations: &'a [Migration],
}

fn millis(outcome: &Outcome, quantile: f64) -> f64 {
    outcome.latency.value_at_quantile(quantile) as f64 / 1000.0
}

/// Prints the run as Markdown.
pub fn print(run: &Run<'_>) {
    let backend = if run.seeded.url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let clients = run.args.clients;
    println!(
        "## {backend}, {clients} clients, {} s a case, {} connections",
        run.args.seconds, run.args.connections
    );
    println!();
    println!("machine: {} cores, {}", cores(), cpu_model());
    let rate = clients as f64 / run.seeded.took.as_secs_f64().max(1e-9);
    println!(
        "seeded through the store's bulk path in {:.1?} ({rate:.0} clients/s)",
        run.seeded.took
    );
    println!();
    let bare = run
        .rows
        .iter()
        .find(|r| r.name.starts_with("bare"))
        .map(|r| r.outcome.rate());
    println!(
        "| case | conns | req/s | p50 ms | p99 ms | errors | stmts/req | server CPU µs/req | vs bare |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for row in run.rows {
        let o = &row.outcome;
        let cpu = row.cpu_micros as f64 / o.requests.max(1) as f64;
        let statements = row
            .statements
            .map_or_else(|| "-".to_owned(), |s| format!("{s:.1}"));
        let ratio = bare.map_or_else(
            || "-".to_owned(),
            |b| format!("{:.2}", o.rate() / b.max(1e-9)),
        );
        println!(
            "| {} | {} | {:.0} | {:.2} | {:.2} | {} | {statements} | {cpu:.0} | {ratio} |",
            row.name,
            row.connections,
            o.rate(),
            millis(o, 0.5),
            millis(o, 0.99),
            o.errors
        );
    }
    println!();
    if let Some(added) = proxy_overhead(run.rows) {
        println!("the proxy adds {added:.2} ms at p50 to a REST point read (one connection)");
    }
    if let Some(kept) = recording_share(run.rows) {
        println!("a recording gateway keeps {kept:.2} of its twin's REST point-read throughput");
    }
    let (rss, peak) = run.memory;
    println!(
        "gateway resident memory after the cases: {} MiB, peak {} MiB",
        rss / 1024,
        peak / 1024
    );
    let written: Vec<String> = run
        .survived
        .iter()
        .map(|(dialect, ok)| format!("{dialect} {}", if *ok { "ok" } else { "FAILED" }))
        .collect();
    println!(
        "writes after a create run whose connections were all reset mid-request: {}",
        written.join(", ")
    );
    print_migrations(run.migrations);
}

fn print_migrations(migrations: &[Migration]) {
    if migrations.is_empty() {
        return;
    }
    println!();
    println!("| migration | clients | seconds | clients/s | peak resident MiB |");
    println!("|---|---|---|---|---|");
    for m in migrations {
        println!(
            "| {} | {} | {:.1} | {:.0} | {:.1} |",
            m.name,
            m.clients,
            m.took.as_secs_f64(),
            m.rate(),
            m.peak_kib as f64 / 1024.0
        );
    }
}

/// The machine's cores, not the one this process is pinned to.
fn cores() -> usize {
    std::fs::read_to_string("/proc/cpuinfo")
        .map(|info| info.lines().filter(|l| l.starts_with("processor")).count())
        .unwrap_or(0)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}

/// The recording twin's rate over the plain twin's, both runs of each.
fn recording_share(rows: &[Row]) -> Option<f64> {
    let rate = |target| {
        let runs = crate::recording::CASES.iter().filter(|(_, t)| *t == target);
        runs.map(|(name, _)| {
            rows.iter()
                .find(|r| r.name == *name)
                .map(|r| r.outcome.rate())
        })
        .sum::<Option<f64>>()
    };
    let (recorded, plain) = (
        rate(crate::cases::Target::Recording)?,
        rate(crate::cases::Target::Twin)?,
    );
    Some(recorded / plain.max(1e-9))
}

/// How much later the proxied read answers than the direct one, at p50.
fn proxy_overhead(rows: &[Row]) -> Option<f64> {
    let p50 = |name: &str| {
        rows.iter()
            .find(|r| r.name == name)
            .map(|r| millis(&r.outcome, 0.5))
    };
    Some(p50(crate::cases::PROXIED)? - p50(crate::cases::DIRECT)?)
}
