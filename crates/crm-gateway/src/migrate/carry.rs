//! Creates on the destination in batches: every client of a batch noted as
//! begun and then as carried, one disk sync for each note, so the state
//! file costs two syncs a batch rather than two a client. At a `--rate`
//! the batch is one client, each create waiting its turn.

use std::time::Duration;

use crm_core::{ClientId, ClientKind, NewClient, Origin};
use tokio::time::Interval;

use super::endpoint::Endpoint;
use super::progress::Progress;
use super::state::State;

/// Concurrent creates on a real CRM; an account of this gateway takes a
/// batch in one transaction.
pub const CALLS: usize = 4;

/// Clients a batch holds: each batch costs a transaction's commit and two
/// syncs of the state file.
const BATCH: usize = 500;

/// One client to create, with the id it has at the source.
pub struct Pending {
    /// Its source id.
    pub from: ClientId,
    /// What it is.
    pub kind: ClientKind,
    /// Who made it at the source.
    pub origin: Origin,
    /// The copy to create.
    pub client: NewClient,
}

/// Writes batches of pending clients to one destination.
pub struct Carrier<'a> {
    to: &'a Endpoint,
    pace: Option<Interval>,
    batch: Vec<Pending>,
}

impl<'a> Carrier<'a> {
    /// Creates on `to`, at most `rate` a second when given.
    pub fn new(to: &'a Endpoint, rate: Option<f64>) -> Self {
        let pace = rate
            .filter(|r| *r > 0.0)
            .map(|r| tokio::time::interval(Duration::from_secs_f64(1.0 / r)));
        Self {
            to,
            pace,
            batch: Vec::new(),
        }
    }

    /// Whether the destination keeps clients of `kind` at all.
    pub fn keeps(&self, kind: ClientKind) -> bool {
        kind == ClientKind::Person || super::fields::keeps_companies(self.to.dialect())
    }

    /// Queues `pending`; the batch is written once it is full.
    pub async fn push(
        &mut self,
        pending: Pending,
        state: &mut State,
        progress: &mut Progress,
    ) -> anyhow::Result<()> {
        self.batch.push(pending);
        let full = if self.pace.is_some() { 1 } else { BATCH };
        if self.batch.len() >= full {
            self.flush(state, progress).await?;
        }
        Ok(())
    }

    /// Writes what is queued: the source ids noted as begun, the creates
    /// made (one call per run of the same origin), the pairs recorded.
    pub async fn flush(
        &mut self,
        state: &mut State,
        progress: &mut Progress,
    ) -> anyhow::Result<()> {
        let batch = std::mem::take(&mut self.batch);
        if batch.is_empty() {
            return Ok(());
        }
        if let Some(pace) = &mut self.pace {
            pace.tick().await;
        }
        let from: Vec<ClientId> = batch.iter().map(|p| p.from).collect();
        state.begin(&from)?;
        for run in runs_of_one_origin(batch) {
            let origin = run[0].origin;
            let (mut from, mut kinds, mut clients) = (Vec::new(), Vec::new(), Vec::new());
            for pending in run {
                from.push(pending.from);
                kinds.push(pending.kind);
                clients.push(pending.client);
            }
            let ids = self.to.create(origin, clients, CALLS).await?;
            let pairs: Vec<_> = from.into_iter().zip(ids).collect();
            state.record(&pairs)?;
            kinds.into_iter().for_each(|kind| progress.created(kind));
        }
        Ok(())
    }
}

/// `batch` cut where the origin changes: a create call carries one origin.
fn runs_of_one_origin(batch: Vec<Pending>) -> Vec<Vec<Pending>> {
    let mut runs: Vec<Vec<Pending>> = Vec::new();
    for pending in batch {
        match runs.last_mut() {
            Some(run) if run[0].origin == pending.origin => run.push(pending),
            _ => runs.push(vec![pending]),
        }
    }
    runs
}
