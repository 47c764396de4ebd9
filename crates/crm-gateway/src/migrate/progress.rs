//! A migration's progress: a bar with count, rate and time left on a
//! terminal, a plain line a second otherwise (a log, a pipe), nothing with
//! `--quiet`; the sums of each kind at the end, on standard output.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use crm_core::ClientKind;
use indicatif::{ProgressBar, ProgressStyle};

/// Counts of one kind of client.
#[derive(Default)]
struct Counts {
    total: u64,
    created: u64,
    skipped: u64,
    not_kept: u64,
}

enum Show {
    Nothing,
    Lines { shown: Instant },
    Bar(ProgressBar),
}

/// What has been carried so far.
pub struct Progress {
    show: Show,
    dry_run: bool,
    started: Instant,
    companies: Counts,
    persons: Counts,
}

impl Progress {
    /// A report on standard error, silent when `quiet`.
    pub fn new(quiet: bool, dry_run: bool) -> Self {
        let show = if quiet {
            Show::Nothing
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} clients, {per_sec}, {eta} left")
            {
                bar.set_style(style);
            }
            Show::Bar(bar)
        } else {
            Show::Lines {
                shown: Instant::now(),
            }
        };
        Self {
            show,
            dry_run,
            started: Instant::now(),
            companies: Counts::default(),
            persons: Counts::default(),
        }
    }

    fn counts(&mut self, kind: ClientKind) -> &mut Counts {
        match kind {
            ClientKind::Company => &mut self.companies,
            ClientKind::Person => &mut self.persons,
        }
    }

    fn total_count(&self) -> u64 {
        self.companies.total + self.persons.total
    }

    fn done(&self) -> u64 {
        let companies = self.companies.created + self.companies.skipped;
        companies + self.persons.created + self.persons.skipped
    }

    /// The source's count of `kind`, as its last page said.
    pub fn total(&mut self, kind: ClientKind, total: u64) {
        self.counts(kind).total = total;
        if let Show::Bar(bar) = &self.show {
            bar.set_length(self.total_count());
        }
    }

    /// The source's `total` clients of `kind`, none of which the
    /// destination can keep.
    pub fn not_kept(&mut self, kind: ClientKind, total: u64) {
        self.counts(kind).not_kept = total;
    }

    /// One client created (or, in a dry run, that would be).
    pub fn created(&mut self, kind: ClientKind) {
        self.counts(kind).created += 1;
        self.advance();
    }

    /// One client carried by an earlier run.
    pub fn skipped(&mut self, kind: ClientKind) {
        self.counts(kind).skipped += 1;
        self.advance();
    }

    fn advance(&mut self) {
        match &self.show {
            Show::Nothing => {}
            Show::Bar(bar) => bar.inc(1),
            Show::Lines { shown } if shown.elapsed() >= Duration::from_secs(1) => {
                eprintln!("{}", self.line());
                self.show = Show::Lines {
                    shown: Instant::now(),
                };
            }
            Show::Lines { .. } => {}
        }
    }

    fn line(&self) -> String {
        let (done, total) = (self.done(), self.total_count());
        let rate = done as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        let left = total.saturating_sub(done) as f64 / rate.max(1e-9);
        format!("{done} of {total} clients, {rate:.1}/s, about {left:.0} s left")
    }

    /// The sums, on standard output.
    pub fn finish(&self) {
        if let Show::Bar(bar) = &self.show {
            bar.finish_and_clear();
        }
        let verb = if self.dry_run {
            "would create"
        } else {
            "created"
        };
        for (name, counts) in [("companies", &self.companies), ("persons", &self.persons)] {
            if counts.not_kept > 0 {
                println!(
                    "{name}: {} in the source, none carried: the destination keeps no {name}",
                    counts.not_kept
                );
                continue;
            }
            println!(
                "{name}: {} in the source, {verb} {}, carried before {}",
                counts.total, counts.created, counts.skipped
            );
        }
    }
}
