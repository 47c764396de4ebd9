//! The soak's figures, printed as Markdown, and the bounds it is judged by.

use std::time::Duration;

use super::drive::Tally;
use super::mix::Mix;
use super::slow::{Stall, Trickled};
use super::verify::ReadBack;
use crate::cli::SoakArgs;

/// A slow connection may outlive its timeout by the byte it was writing and
/// the gateway's turn to notice.
const SLACK: Duration = Duration::from_secs(2);

/// The gateway's resident memory, in KiB.
#[derive(Debug, Default, Clone, Copy)]
pub struct Memory {
    /// When the warm-up ended.
    pub after_warmup: u64,
    /// At the end of the traffic.
    pub end: u64,
    /// The process's peak.
    pub peak: u64,
}

impl Memory {
    /// Growth from the end of the warm-up to the end, in percent.
    pub fn growth(&self) -> f64 {
        if self.after_warmup == 0 {
            return 0.0;
        }
        (self.end as f64 - self.after_warmup as f64) * 100.0 / self.after_warmup as f64
    }
}

/// Everything a soak saw.
#[derive(Debug)]
pub struct Soaked<'a> {
    /// The settings.
    pub args: &'a SoakArgs,
    /// SQLite or PostgreSQL.
    pub backend: &'static str,
    /// The mixed traffic.
    pub tally: &'a Tally,
    /// Creates acknowledged.
    pub acked: usize,
    /// Those creates read back.
    pub read: ReadBack,
    /// The gateway's memory.
    pub memory: Memory,
    /// The slow connections, a row a stall.
    pub slow: [(Stall, Trickled); 2],
    /// How long the traffic and the read-back took.
    pub elapsed: Duration,
}

fn bound(stall: Stall) -> Duration {
    let http = crm_gateway::Config::default().http;
    let millis = match stall {
        Stall::Head => http.header_read_timeout_ms,
        Stall::Body => http.request_timeout_ms,
    };
    Duration::from_millis(millis)
}

impl Soaked<'_> {
    fn print_kinds(&self) {
        println!("\n| request | answers | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|");
        let ms = |h: &hdrhistogram::Histogram<u64>, q: f64| h.value_at_quantile(q) as f64 / 1000.0;
        for kind in Mix::kinds() {
            if let Some(h) = self.tally.by_kind.get(&kind) {
                println!(
                    "| {kind:?} | {} | {:.2} | {:.2} | {:.2} |",
                    h.len(),
                    ms(h, 0.5),
                    ms(h, 0.99),
                    ms(h, 1.0)
                );
            }
        }
    }

    /// What went wrong; empty when the soak passed.
    pub fn failures(&self) -> Vec<String> {
        let mut failed = Vec::new();
        let t = self.tally;
        if t.server_errors > 0 {
            failed.push(format!("{} answers were 5xx", t.server_errors));
        }
        if self.read.lost > 0 || self.read.unread > 0 {
            failed.push(format!(
                "{} acknowledged writes lost, {} unreadable",
                self.read.lost, self.read.unread
            ));
        }
        if t.requests == 0 {
            failed.push("no request was answered".to_owned());
        }
        let p99 = t.millis(0.99);
        if let Some(max) = self.args.max_p99_ms.filter(|max| p99 > *max) {
            failed.push(format!("p99 {p99:.1} ms over {max} ms"));
        }
        let growth = self.memory.growth();
        if let Some(max) = self.args.max_memory_growth.filter(|max| growth > *max) {
            failed.push(format!("memory grew {growth:.1}%, over {max}%"));
        }
        for (stall, seen) in &self.slow {
            if seen.longest > bound(*stall) + SLACK {
                failed.push(format!(
                    "a slow {stall:?} connection lasted {:.1} s, its timeout is {:.0} s",
                    seen.longest.as_secs_f64(),
                    bound(*stall).as_secs_f64()
                ));
            }
            let long_enough = self.args.duration() > bound(*stall) + SLACK;
            if seen.opened > 0 && seen.cut == 0 && long_enough {
                failed.push(format!("no slow {stall:?} connection was cut"));
            }
        }
        failed
    }

    /// Prints the figures and the verdict.
    pub fn print(&self, failures: &[String]) {
        let (a, t, m) = (self.args, self.tally, &self.memory);
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "\n## Soak: {} connections, {} s, {} clients, {}\n",
            a.connections, a.seconds, a.clients, self.backend
        );
        println!("| figure | value |\n|---|---|");
        let rate = t.requests as f64 / a.duration().as_secs_f64();
        println!("| requests | {} ({rate:.0} a second) |", t.requests);
        println!("| 5xx | {} |", t.server_errors);
        println!("| other refusals | {} |", t.refusals);
        println!("| connections failed or cut | {} |", t.broken);
        println!(
            "| p50 / p99 / max ms | {:.2} / {:.2} / {:.2} |",
            t.millis(0.5),
            t.millis(0.99),
            t.millis(1.0)
        );
        println!("| acknowledged writes | {} |", self.acked);
        println!(
            "| lost / unreadable | {} / {} (read back: {}) |",
            self.read.lost, self.read.unread, self.read.found
        );
        println!(
            "| resident MiB after warm-up / end / peak | {:.1} / {:.1} / {:.1} ({:+.1}%) |",
            mib(m.after_warmup),
            mib(m.end),
            mib(m.peak),
            m.growth()
        );
        for (stall, seen) in &self.slow {
            if seen.opened == 0 {
                continue;
            }
            println!(
                "| slow {stall:?} connections: opened / cut / open at the end | {} / {} / {} (longest {:.1} s, timeout {:.0} s) |",
                seen.opened,
                seen.cut,
                seen.open_at_end,
                seen.longest.as_secs_f64(),
                bound(*stall).as_secs_f64()
            );
        }
        println!(
            "| took, with the read-back | {:.0} s |",
            self.elapsed.as_secs_f64()
        );
        self.print_kinds();
        if failures.is_empty() {
            println!("\npassed");
        } else {
            println!("\nFAILED: {}", failures.join("; "));
        }
    }
}
