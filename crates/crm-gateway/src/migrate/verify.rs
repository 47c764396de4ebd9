//! `crm-gateway verify`: both sides of a migration read back, pair by pair
//! as the state file names them, and every field judged: the same, lost by
//! design (the destination has no place for it), lost, or different. The
//! report is JSON for machines and Markdown for people; it is clean only
//! when nothing was lost or changed that the destination could keep.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crm_core::{Client, ClientId, ClientKind};
use futures_util::future::try_join_all;
use serde::Serialize;

use super::carry::CALLS;
use super::endpoint::Endpoint;
use super::fields::{Carried, FIELDS, Field, Verdict, carried, judge, keeps_companies, values};
use super::state::State;
use crate::Config;

/// What `verify` was asked.
#[derive(Debug)]
pub struct Check {
    /// The migration's two sides and its state file.
    pub ends: super::Ends,
    /// Where the JSON report goes; the Markdown goes to standard output.
    pub report: Option<PathBuf>,
    /// Sample pairs kept for each difference.
    pub samples: usize,
}

/// One field's tally.
#[derive(Debug, Serialize)]
struct Tally {
    field: Field,
    matches: u64,
    differs: u64,
    lost_by_design: u64,
    lost: u64,
    samples: Vec<Sample>,
}

/// A pair where a field was lost or differs.
#[derive(Debug, Serialize)]
struct Sample {
    from_id: i64,
    to_id: i64,
    from: Vec<String>,
    to: Vec<String>,
}

/// The whole report.
#[derive(Debug, Serialize)]
struct Report {
    source_clients: u64,
    destination_clients: u64,
    carried: u64,
    /// Source companies left behind because the destination keeps none.
    companies_not_kept: u64,
    missing: Vec<i64>,
    fields: Vec<Tally>,
    clean: bool,
}

impl Tally {
    fn new(field: Field) -> Self {
        Self {
            field,
            matches: 0,
            differs: 0,
            lost_by_design: 0,
            lost: 0,
            samples: Vec::new(),
        }
    }

    /// Counts what `pair` came to for this field, keeping up to `samples`
    /// pairs that lost or changed it.
    fn count(&mut self, pair: &Pair<'_>, samples: usize) {
        // What the source cannot carry is not the destination's to keep.
        let before = match carried(pair.from.dialect(), self.field) {
            Carried::Nothing => BTreeSet::new(),
            _ => values(self.field, pair.source, pair.company),
        };
        let after = values(self.field, pair.copy, &Some);
        let verdict = judge(carried(pair.to.dialect(), self.field), &before, &after);
        match verdict {
            Verdict::Matches => self.matches += 1,
            Verdict::LostByDesign => self.lost_by_design += 1,
            Verdict::Lost => self.lost += 1,
            Verdict::Differs => self.differs += 1,
        }
        if matches!(verdict, Verdict::Lost | Verdict::Differs) && self.samples.len() < samples {
            self.samples.push(Sample {
                from_id: pair.source.id.get(),
                to_id: pair.copy.id.get(),
                from: before.into_iter().collect(),
                to: after.into_iter().collect(),
            });
        }
    }
}

/// A source client and its copy, with what judging them needs.
struct Pair<'a> {
    from: &'a Endpoint,
    to: &'a Endpoint,
    source: &'a Client,
    copy: &'a Client,
    company: &'a dyn Fn(ClientId) -> Option<ClientId>,
}

/// Reads both sides and reports; `Ok(false)` when something was lost or
/// changed that the destination could keep.
pub async fn run(config: &Config, check: &Check) -> anyhow::Result<bool> {
    let state = State::kept_in_memory(&check.ends.state)?;
    let (from, to) = Endpoint::open_both(config, &check.ends, &state.ids()).await?;
    let mut tallies: Vec<Tally> = FIELDS.iter().copied().map(Tally::new).collect();
    let (mut carried_count, mut missing) = (0, Vec::new());
    let mut pairs: Vec<_> = state.pairs().collect();
    pairs.sort();
    let company = |id| state.to(id);
    for chunk in pairs.chunks(CALLS) {
        let reads = chunk.iter().map(|&(from_id, to_id)| {
            let (from, to) = (&from, &to);
            async move { anyhow::Ok((from_id, from.read(from_id).await?, to.read(to_id).await?)) }
        });
        for (from_id, source, copy) in try_join_all(reads).await? {
            let Some(source) = source else {
                continue;
            };
            let Some(copy) = copy else {
                missing.push(from_id.get());
                continue;
            };
            carried_count += 1;
            let pair = Pair {
                from: &from,
                to: &to,
                source: &source,
                copy: &copy,
                company: &company,
            };
            for tally in &mut tallies {
                tally.count(&pair, check.samples);
            }
        }
    }
    let clean = missing.is_empty() && tallies.iter().all(|t| t.lost == 0 && t.differs == 0);
    let report = Report {
        source_clients: from.total().await?,
        destination_clients: to.total().await?,
        carried: carried_count,
        companies_not_kept: if keeps_companies(to.dialect()) {
            0
        } else {
            from.count(ClientKind::Company).await?
        },
        missing,
        fields: tallies,
        clean,
    };
    if let Some(path) = &check.report {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)?;
    }
    print!("{}", markdown(&report));
    Ok(clean)
}

fn markdown(report: &Report) -> String {
    let mut out = format!(
        "# Migration check\n\nsource: {} clients; destination: {} clients; compared: {}; missing on the destination: {}\n\n",
        report.source_clients,
        report.destination_clients,
        report.carried,
        report.missing.len()
    );
    if report.companies_not_kept > 0 {
        out.push_str(&format!(
            "companies left behind by design (the destination keeps none): {}\n\n",
            report.companies_not_kept
        ));
    }
    out.push_str("| field | same | lost by design | lost | different |\n|---|---|---|---|---|\n");
    for t in &report.fields {
        let name = serde_json::to_value(t.field).map(|v| v.as_str().unwrap_or_default().to_owned());
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            name.unwrap_or_default(),
            t.matches,
            t.lost_by_design,
            t.lost,
            t.differs
        ));
    }
    out.push_str(if report.clean {
        "\nNothing was lost or changed that the destination could keep.\n"
    } else {
        "\nSomething was lost or changed that the destination could keep: see the samples in the JSON report.\n"
    });
    out
}
