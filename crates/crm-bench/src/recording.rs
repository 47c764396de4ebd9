//! What `serve --record` costs: two fresh gateways over the measured
//! database, one recording every exchange, the same REST point read
//! driven at each in turn, first one then the other and back (so that
//! whatever drifts during the run falls on both), after a warm-up of each.
//! A fresh gateway is set against a fresh one: set against the main
//! gateway, a second process read 0.88 of its rate with no record at all.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::cases::{Case, Target, make, pick};
use crate::load;
use crate::servers::Server;
use crate::wire::{self, Wire};

/// The cases, in the order they run: twin, recording, recording, twin.
pub const CASES: [(&str, Target); 4] = [
    ("REST GET /rest/client/{id}, twin gateway (1)", Target::Twin),
    (
        "REST GET /rest/client/{id}, twin gateway recording (1)",
        Target::Recording,
    ),
    (
        "REST GET /rest/client/{id}, twin gateway recording (2)",
        Target::Recording,
    ),
    ("REST GET /rest/client/{id}, twin gateway (2)", Target::Twin),
];

/// The two gateways.
pub struct Twins {
    /// The one without a record.
    pub plain: Server,
    /// The one recording.
    pub recording: Server,
    _record: tempfile::TempDir,
}

/// Starts the twins over `url` and warms each with `connections` reads.
pub async fn start(
    url: &str,
    wire: &Arc<Wire>,
    ids: (i64, i64),
    connections: usize,
) -> anyhow::Result<Twins> {
    let record = tempfile::tempdir()?;
    let flags = [
        "--record",
        record.path().to_str().context("a UTF-8 temporary path")?,
    ];
    let twins = Twins {
        plain: Server::start("gateway", url, false)?,
        recording: Server::start_with("gateway", url, false, &flags)?,
        _record: record,
    };
    for server in [&twins.plain, &twins.recording] {
        let read = make(wire, move |w, n| w.rest_read(pick(n, ids)));
        load::drive(
            server.addr,
            connections,
            Duration::from_secs(2),
            read,
            wire::http_ok,
        )
        .await;
    }
    Ok(twins)
}

/// The four cases at `connections`.
pub fn cases(wire: &Arc<Wire>, ids: (i64, i64), connections: usize) -> Vec<Case> {
    CASES
        .iter()
        .map(|&(name, target)| Case {
            name,
            target,
            connections,
            make: make(wire, move |w, n| w.rest_read(pick(n, ids))),
            check: wire::http_ok,
        })
        .collect()
}
