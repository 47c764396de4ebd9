//! What a replay or a shadow found, grouped by dialect, operation and
//! field, with a few samples each: as JSON for machines and Markdown for
//! people.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;

use crate::diff::Difference;
use crate::exchange::Exchange;

/// Samples kept for each group.
const SAMPLES: usize = 3;

/// Where a difference belongs.
pub type Place = (String, String, String);

/// One field of one operation that differed.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The dialect.
    pub dialect: String,
    /// The operation.
    pub operation: String,
    /// The field, list positions left out.
    pub field: String,
    /// Requests whose answers differed there.
    pub requests: usize,
    /// A few of them.
    pub samples: Vec<Sample>,
}

/// One request's difference.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    /// When it was recorded.
    pub at: String,
    /// Its request line, secrets redacted.
    pub request: String,
    /// The field, with list positions.
    pub path: String,
    /// The recorded value.
    pub recorded: String,
    /// The value answered now.
    pub answered: String,
}

/// The whole report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Exchanges read.
    pub exchanges: usize,
    /// Exchanges sent and compared.
    pub compared: usize,
    /// Of those, answered the same.
    pub matched: usize,
    /// Exchanges not sent: a body the record cut.
    pub skipped: usize,
    /// Fields that differed between the two references: not findings.
    pub noise: Vec<String>,
    /// The differences, grouped.
    pub findings: Vec<Finding>,
}

/// Differences gathered request by request.
#[derive(Debug, Default)]
pub struct Tally {
    groups: BTreeMap<Place, (BTreeSet<usize>, Vec<Sample>)>,
    /// Exchanges read.
    pub exchanges: usize,
    /// Exchanges compared.
    pub compared: usize,
    /// Exchanges skipped.
    pub skipped: usize,
}

impl Tally {
    /// Notes the differences of exchange number `n`.
    pub fn add(&mut self, n: usize, exchange: &Exchange, differences: Vec<Difference>) {
        for difference in differences {
            let place = place(exchange, &difference.field);
            let (requests, samples) = self.groups.entry(place).or_default();
            let first = requests.insert(n);
            if first && samples.len() < SAMPLES {
                samples.push(Sample {
                    at: exchange.at.clone(),
                    request: format!("{} {}", exchange.request.method, exchange.request.target),
                    path: difference.path,
                    recorded: difference.recorded,
                    answered: difference.answered,
                });
            }
        }
    }

    /// The report, every group at one of `noise`'s places left out (and
    /// the requests that differed only there counted as matched).
    pub fn report(self, noise: &BTreeSet<Place>) -> Report {
        let mut differing = BTreeSet::new();
        let mut findings = Vec::new();
        for (place, (requests, samples)) in self.groups {
            if noise.contains(&place) {
                continue;
            }
            differing.extend(requests.iter().copied());
            findings.push(Finding {
                dialect: place.0,
                operation: place.1,
                field: place.2,
                requests: requests.len(),
                samples,
            });
        }
        Report {
            exchanges: self.exchanges,
            compared: self.compared,
            matched: self.compared - differing.len(),
            skipped: self.skipped,
            noise: noise
                .iter()
                .map(|(d, o, f)| format!("{d} {o} {f}"))
                .collect(),
            findings,
        }
    }

    /// Every place a difference was seen.
    pub fn places(&self) -> BTreeSet<Place> {
        self.groups.keys().cloned().collect()
    }
}

/// The place of a difference in `field` of `exchange`'s answer.
pub fn place(exchange: &Exchange, field: &str) -> Place {
    (
        exchange.dialect.clone(),
        exchange.operation.clone(),
        field.to_owned(),
    )
}

impl Report {
    /// Findings, by request.
    pub fn finding_count(&self) -> usize {
        self.findings.iter().map(|f| f.requests).sum()
    }

    /// The report for people.
    pub fn markdown(&self) -> String {
        let mut out = String::from("# Replay report\n\n");
        let _ = writeln!(
            out,
            "{} exchanges, {} compared, {} the same, {} not sent (a body the record cut).\n",
            self.exchanges, self.compared, self.matched, self.skipped
        );
        if self.findings.is_empty() {
            out.push_str("No finding.\n");
        } else {
            out.push_str("| dialect | operation | field | requests |\n|---|---|---|---|\n");
            for f in &self.findings {
                let _ = writeln!(
                    out,
                    "| {} | `{}` | `{}` | {} |",
                    f.dialect, f.operation, f.field, f.requests
                );
            }
            for f in &self.findings {
                let _ = writeln!(out, "\n## {} `{}` `{}`\n", f.dialect, f.operation, f.field);
                for s in &f.samples {
                    let _ = writeln!(
                        out,
                        "- `{}` at {}: `{}` was `{}`, now `{}`",
                        s.request, s.at, s.path, s.recorded, s.answered
                    );
                }
            }
        }
        if !self.noise.is_empty() {
            out.push_str("\n## Noise: fields the two references answered differently\n\n");
            for field in &self.noise {
                let _ = writeln!(out, "- `{field}`");
            }
        }
        out
    }
}
