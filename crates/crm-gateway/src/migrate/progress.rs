//! A migration's progress on standard error: a line a second while it runs
//! (count, rate, what is left), and the sums at the end.

use std::time::{Duration, Instant};

use crm_core::ClientKind;

/// Counts of one kind of client.
#[derive(Default)]
struct Counts {
    total: u64,
    created: u64,
    skipped: u64,
}

/// What has been carried so far.
pub struct Progress {
    quiet: bool,
    dry_run: bool,
    started: Instant,
    shown: Instant,
    companies: Counts,
    persons: Counts,
}

impl Progress {
    /// A report, silent when `quiet`.
    pub fn new(quiet: bool, dry_run: bool) -> Self {
        Self {
            quiet,
            dry_run,
            started: Instant::now(),
            shown: Instant::now(),
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

    /// The source's count of `kind`, as its last page said.
    pub fn total(&mut self, kind: ClientKind, total: u64) {
        self.counts(kind).total = total;
    }

    /// One client created (or, in a dry run, that would be).
    pub fn created(&mut self, kind: ClientKind) {
        self.counts(kind).created += 1;
        self.tick();
    }

    /// One client carried by an earlier run.
    pub fn skipped(&mut self, kind: ClientKind) {
        self.counts(kind).skipped += 1;
        self.tick();
    }

    fn tick(&mut self) {
        if !self.quiet && self.shown.elapsed() >= Duration::from_secs(1) {
            self.shown = Instant::now();
            eprintln!("{}", self.line());
        }
    }

    fn line(&self) -> String {
        let done = self.companies.created + self.companies.skipped;
        let done = done + self.persons.created + self.persons.skipped;
        let total = self.companies.total + self.persons.total;
        let created = self.companies.created + self.persons.created;
        let rate = created as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
        format!("{done} of {total} clients, {created} created, {rate:.1}/s")
    }

    /// The sums, on standard output.
    pub fn finish(&self) {
        let verb = if self.dry_run {
            "would create"
        } else {
            "created"
        };
        for (name, counts) in [("companies", &self.companies), ("persons", &self.persons)] {
            println!(
                "{name}: {} in the source, {verb} {}, carried before {}",
                counts.total, counts.created, counts.skipped
            );
        }
    }
}
