//! `crm-gateway export` and `import`: a CRM's clients written to a file
//! (JSON Lines, CSV or vCard), and a file's clients created in a CRM,
//! resumably (the same state file as `migrate`: a second import creates
//! nothing).

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use crm_core::{ClientId, ClientKind};

use super::PAGE;
use super::carry::{Carrier, Pending};
use super::endpoint::{Endpoint, Pager};
use super::file::Record;
use super::format::{Format, Read, Reader, Writer};
use super::ids::{IdBook, Side};
use super::progress::Progress;
use super::state::State;
use crate::Config;

/// Writes every live client of `from`, companies first, to `out`, in
/// `format` or the one its extension names.
pub async fn export(
    config: &Config,
    from: &str,
    credentials: Option<&Path>,
    (out, format): (&Path, Option<Format>),
    quiet: bool,
) -> anyhow::Result<()> {
    // An export numbers the ids of its one run.
    let ids = Arc::new(IdBook::default()).side(Side::From);
    let source = Endpoint::open(config, from, credentials, ids).await?;
    let mut writer = Writer::create(Format::of(out, format), out)?;
    let mut progress = Progress::new(quiet, false);
    for kind in [ClientKind::Company, ClientKind::Person] {
        let mut pager = Pager::new(&source, kind);
        while let Some(page) = pager.next(PAGE).await? {
            progress.total(kind, page.total);
            for client in &page.clients {
                let record = Record::of(client);
                writer
                    .write(&record)
                    .with_context(|| out.display().to_string())?;
                progress.created(kind);
            }
        }
    }
    writer
        .finish()
        .with_context(|| format!("writing {}", out.display()))?;
    progress.finish();
    Ok(())
}

/// Creates the clients of `input` (in `format` or the one its extension
/// names) in `to`, in file order, recording each in `state` so that an
/// import started again goes on where it stopped.
pub async fn import(
    config: &Config,
    (input, format): (&Path, Option<Format>),
    to: &str,
    credentials: Option<&Path>,
    state: &Path,
    quiet: bool,
) -> anyhow::Result<()> {
    let mut state = State::open(state)?;
    let destination = Endpoint::open(config, to, credentials, state.ids().side(Side::To)).await?;
    let reader = Reader::open(Format::of(input, format), input)?;
    let mut carrier = Carrier::new(&destination, None);
    let mut progress = Progress::new(quiet, false);
    let (mut companies_read, mut persons_read) = (0, 0);
    let (mut last_kind, mut not_kept) = (None, 0);
    for read in reader {
        let Read { at, record } = read?;
        let at = || at.clone();
        let kind = if record.kind == "company" {
            companies_read += 1;
            progress.total(ClientKind::Company, companies_read);
            ClientKind::Company
        } else {
            persons_read += 1;
            progress.total(ClientKind::Person, persons_read);
            ClientKind::Person
        };
        // A person's links name companies created, not queued.
        if last_kind.replace(kind) != Some(kind) {
            carrier.flush(&mut state, &mut progress).await?;
        }
        let from = ClientId(record.id);
        if !carrier.keeps(kind) {
            not_kept += 1;
            progress.not_kept(kind, not_kept);
            continue;
        }
        if state.to(from).is_some() {
            progress.skipped(kind);
            continue;
        }
        let companies = record
            .companies
            .iter()
            .filter_map(|c| state.to(ClientId(*c)))
            .collect();
        let client = record.client(companies).with_context(at)?;
        if state.begun(from)
            && let Some(id) = destination.find_copy(&client).await?
        {
            state.record(&[(from, id)])?;
            progress.skipped(kind);
            continue;
        }
        let pending = Pending {
            from,
            kind,
            origin: record.origin().with_context(at)?,
            client,
        };
        carrier.push(pending, &mut state, &mut progress).await?;
    }
    carrier.flush(&mut state, &mut progress).await?;
    progress.finish();
    Ok(())
}
