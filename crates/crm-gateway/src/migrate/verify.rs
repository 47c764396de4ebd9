//! `crm-gateway verify`: both sides of a migration read back, pair by pair
//! as the state file names them, and every field judged: the same, lost by
//! design (the destination has no place for it), lost, or different. The
//! report is JSON for machines and Markdown for people; it is clean only
//! when nothing was lost or changed that the destination could keep.

use std::path::PathBuf;

use serde::Serialize;

use super::endpoint::Endpoint;
use super::fields::{FIELDS, Field, Verdict, carried, judge, values};
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
    missing: Vec<i64>,
    fields: Vec<Tally>,
    clean: bool,
}

/// Reads both sides and reports; `Ok(false)` when something was lost or
/// changed that the destination could keep.
pub async fn run(config: &Config, check: &Check) -> anyhow::Result<bool> {
    let (from, to) = Endpoint::open_both(config, &check.ends).await?;
    let state = State::kept_in_memory(&check.ends.state)?;
    let mut tallies: Vec<Tally> = FIELDS
        .iter()
        .map(|field| Tally {
            field: *field,
            matches: 0,
            differs: 0,
            lost_by_design: 0,
            lost: 0,
            samples: Vec::new(),
        })
        .collect();
    let (mut carried_count, mut missing) = (0, Vec::new());
    let mut pairs: Vec<_> = state.pairs().collect();
    pairs.sort();
    for (from_id, to_id) in pairs {
        let Some(source) = from.read(from_id).await? else {
            continue;
        };
        let Some(copy) = to.read(to_id).await? else {
            missing.push(from_id.get());
            continue;
        };
        carried_count += 1;
        let company = |id| state.to(id);
        for tally in &mut tallies {
            let (before, after) = (
                values(tally.field, &source, &company),
                values(tally.field, &copy, &Some),
            );
            let verdict = judge(carried(to.dialect(), tally.field), &before, &after);
            match verdict {
                Verdict::Matches => tally.matches += 1,
                Verdict::LostByDesign => tally.lost_by_design += 1,
                Verdict::Lost => tally.lost += 1,
                Verdict::Differs => tally.differs += 1,
            }
            if matches!(verdict, Verdict::Lost | Verdict::Differs)
                && tally.samples.len() < check.samples
            {
                tally.samples.push(Sample {
                    from_id: from_id.get(),
                    to_id: to_id.get(),
                    from: before.into_iter().collect(),
                    to: after.into_iter().collect(),
                });
            }
        }
    }
    let clean = missing.is_empty() && tallies.iter().all(|t| t.lost == 0 && t.differs == 0);
    let report = Report {
        source_clients: from.total().await?,
        destination_clients: to.total().await?,
        carried: carried_count,
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
