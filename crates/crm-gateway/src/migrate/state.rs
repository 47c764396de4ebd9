//! What a migration has carried over: one JSON line a client, `{"from": id,
//! "to": id}`, appended and flushed after each create, so a run started
//! again skips what is there and a second run creates nothing.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use anyhow::Context;
use crm_core::ClientId;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Carried {
    from: i64,
    to: i64,
}

/// The source ids carried over, with their ids on the destination.
pub struct State {
    carried: HashMap<i64, ClientId>,
    file: Option<File>,
}

impl State {
    /// The state kept in `path` (created when missing). A line cut short by
    /// a crash while it was written is left out.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let mut carried = HashMap::new();
        if path.exists() {
            let file = File::open(path).with_context(|| format!("reading {}", path.display()))?;
            for line in BufReader::new(file).lines() {
                if let Ok(line) = serde_json::from_str::<Carried>(&line?) {
                    carried.insert(line.from, ClientId(line.to));
                }
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(Self {
            carried,
            file: Some(file),
        })
    }

    /// A state that writes nothing: a dry run's.
    pub fn kept_in_memory(path: &Path) -> anyhow::Result<Self> {
        let mut state = if path.exists() {
            Self::open(path)?
        } else {
            Self {
                carried: HashMap::new(),
                file: None,
            }
        };
        state.file = None;
        Ok(state)
    }

    /// The destination's id of source client `from`, when carried.
    pub fn to(&self, from: ClientId) -> Option<ClientId> {
        self.carried.get(&from.get()).copied()
    }

    /// Records that `from` was created as `to`, on disk before anything else.
    pub fn record(&mut self, from: ClientId, to: ClientId) -> anyhow::Result<()> {
        if let Some(file) = &mut self.file {
            let line = serde_json::to_string(&Carried {
                from: from.get(),
                to: to.get(),
            })?;
            writeln!(file, "{line}")?;
            file.sync_data()?;
        }
        self.carried.insert(from.get(), to);
        Ok(())
    }
}
