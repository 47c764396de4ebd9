//! `crm-gateway migrate`: every live client of one CRM written into
//! another, companies before the persons linked to them, in pages, at a
//! bounded rate. A state file records each client carried over, so a run
//! started again carries only what is missing and a second run creates
//! nothing; a create a kill cut off is looked up before it is made again.

mod carry;
mod endpoint;
mod fields;
mod file;
mod format;
mod ids;
mod progress;
mod state;
mod transfer;
mod verify;

pub use format::Format;
pub use transfer::{export, import};
pub use verify::{Check, run as verify};

use crm_core::{ClientKind, NewClient};

use crate::Config;
pub use crate::cli::Ends;
use carry::{Carrier, Pending};
use endpoint::{Endpoint, Pager};
use progress::Progress;
use state::State;

/// Clients read from the source at a time.
const PAGE: u64 = 100;

/// What `migrate` was asked.
#[derive(Debug)]
pub struct Plan {
    /// The two sides and the state file.
    pub ends: Ends,
    /// Read everything, write nothing.
    pub dry_run: bool,
    /// Most creates a second.
    pub rate: Option<f64>,
    /// No progress lines.
    pub quiet: bool,
}

/// Runs the migration `plan` describes.
pub async fn run(config: &Config, plan: &Plan) -> anyhow::Result<()> {
    let mut state = if plan.dry_run {
        State::kept_in_memory(&plan.ends.state)?
    } else {
        State::open(&plan.ends.state)?
    };
    let (from, to) = Endpoint::open_both(config, &plan.ends, &state.ids()).await?;
    let mut carrier = Carrier::new(&to, plan.rate);
    let mut progress = Progress::new(plan.quiet, plan.dry_run);
    // Companies first: a person's links name companies already carried.
    for kind in [ClientKind::Company, ClientKind::Person] {
        if !carrier.keeps(kind) {
            progress.not_kept(kind, from.count(kind).await?);
            continue;
        }
        let mut pager = Pager::new(&from, kind);
        while let Some(page) = pager.next(PAGE).await? {
            progress.total(kind, page.total);
            for client in page.clients {
                if state.to(client.id).is_some() {
                    progress.skipped(kind);
                    continue;
                }
                let mut new = NewClient::copy_of(&client);
                new.companies = client
                    .companies
                    .iter()
                    .filter_map(|c| state.to(c.id))
                    .collect();
                if plan.dry_run {
                    progress.created(kind);
                    continue;
                }
                // A create begun before a kill may have landed: found, it
                // is recorded, not made twice.
                if state.begun(client.id)
                    && let Some(id) = to.find_copy(&new).await?
                {
                    state.record(&[(client.id, id)])?;
                    progress.skipped(kind);
                    continue;
                }
                let pending = Pending {
                    from: client.id,
                    kind,
                    origin: client.origin,
                    client: new,
                };
                carrier.push(pending, &mut state, &mut progress).await?;
            }
        }
        carrier.flush(&mut state, &mut progress).await?;
    }
    progress.finish();
    Ok(())
}
