//! `crm-gateway replay`: a record sent again, request by request in the
//! order recorded, to a target (and, to learn what is noise, to a second
//! copy of the reference), each answer compared with the recorded one.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use crate::credentials::Credentials;
use crate::diff::compare;
use crate::exchange::Exchange;
use crate::journal::read_dir;
use crate::lane::Lane;
use crate::report::{Report, Tally};

/// A server and the credentials it takes.
#[derive(Debug, Clone)]
pub struct Server {
    /// Its root URL.
    pub url: String,
    /// Its account's credentials.
    pub credentials: Credentials,
}

/// What `replay` was asked.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The record's folder.
    pub dir: PathBuf,
    /// Where the requests go.
    pub target: Server,
    /// A second copy of the recorded server: a field it answers otherwise
    /// than the record is noise.
    pub reference2: Option<Server>,
    /// Most time one request may take.
    pub timeout: Duration,
}

/// Replays the record `plan` names; the report of what differed.
pub async fn run(plan: &Plan) -> anyhow::Result<Report> {
    let exchanges = read_dir(&plan.dir)?;
    let lane =
        |server: &Server| Lane::new(&server.url, Some(server.credentials.clone()), plan.timeout);
    let mut target = lane(&plan.target)?;
    let mut reference2 = plan.reference2.as_ref().map(lane).transpose()?;
    let mut tally = Tally::default();
    tally.exchanges = exchanges.len();
    let mut noise = Tally::default();
    for (n, exchange) in exchanges.iter().enumerate() {
        let Some(differences) = send(&mut target, exchange).await? else {
            tally.skipped += 1;
            continue;
        };
        tally.compared += 1;
        tally.add(n, exchange, differences);
        if let Some(reference2) = &mut reference2
            && let Some(differences) = send(reference2, exchange).await?
        {
            noise.add(n, exchange, differences);
        }
    }
    Ok(tally.report(&noise.places()))
}

/// What differs between the record and `lane`'s answer to `exchange`;
/// `None` when it cannot be sent again.
async fn send(
    lane: &mut Lane,
    exchange: &Exchange,
) -> anyhow::Result<Option<Vec<crate::diff::Difference>>> {
    let Some(prepared) = lane.prepare(exchange)? else {
        return Ok(None);
    };
    let answer = lane.send(exchange, prepared).await?;
    Ok(Some(compare(
        &exchange.dialect,
        &exchange.answer,
        &answer,
        &mut lane.ids,
    )))
}

/// The places of `report`'s findings, for tests and tools.
pub fn places(report: &Report) -> BTreeSet<crate::report::Place> {
    report
        .findings
        .iter()
        .map(|f| (f.dialect.clone(), f.operation.clone(), f.field.clone()))
        .collect()
}
