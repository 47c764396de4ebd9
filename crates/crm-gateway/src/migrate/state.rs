//! What a migration has carried over: before each create a line
//! `{"from": id}`, after it `{"from": id, "to": id}`, synced to disk a batch
//! at a time, so a run started again skips what was carried, and knows which creates
//! a kill may have cut between the two lines.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use anyhow::Context;
use crm_core::ClientId;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Line {
    from: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<i64>,
}

/// The source ids carried over, with their ids on the destination.
pub struct State {
    carried: HashMap<i64, ClientId>,
    begun: HashSet<i64>,
    file: Option<File>,
}

impl State {
    /// The state kept in `path` (created when missing). A line cut short by
    /// a crash while it was written is left out.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let (mut carried, mut begun) = (HashMap::new(), HashSet::new());
        if path.exists() {
            let file = File::open(path).with_context(|| format!("reading {}", path.display()))?;
            for line in BufReader::new(file).lines() {
                let Ok(line) = serde_json::from_str::<Line>(&line?) else {
                    continue;
                };
                match line.to {
                    Some(to) => {
                        begun.remove(&line.from);
                        carried.insert(line.from, ClientId(to));
                    }
                    None => {
                        begun.insert(line.from);
                    }
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
            begun,
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
                begun: HashSet::new(),
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

    /// Every client carried over: its id on each side.
    pub fn pairs(&self) -> impl Iterator<Item = (ClientId, ClientId)> + '_ {
        self.carried.iter().map(|(from, to)| (ClientId(*from), *to))
    }

    /// Whether a create of `from` was begun and never recorded: it may
    /// have landed before a kill.
    pub fn begun(&self, from: ClientId) -> bool {
        self.begun.contains(&from.get())
    }

    /// Notes, on disk, that each of `from` is about to be created: one
    /// line each, one sync for all.
    pub fn begin(&mut self, from: &[ClientId]) -> anyhow::Result<()> {
        let lines = from.iter().map(|id| Line {
            from: id.get(),
            to: None,
        });
        self.write(lines)?;
        self.begun.extend(from.iter().map(|id| id.get()));
        Ok(())
    }

    /// Records, on disk, each pair of a source id and the id its create
    /// made: one line each, one sync for all.
    pub fn record(&mut self, pairs: &[(ClientId, ClientId)]) -> anyhow::Result<()> {
        let lines = pairs.iter().map(|(from, to)| Line {
            from: from.get(),
            to: Some(to.get()),
        });
        self.write(lines)?;
        for (from, to) in pairs {
            self.begun.remove(&from.get());
            self.carried.insert(from.get(), *to);
        }
        Ok(())
    }

    fn write(&mut self, lines: impl Iterator<Item = Line>) -> anyhow::Result<()> {
        if let Some(file) = &mut self.file {
            let mut text = String::new();
            for line in lines {
                text.push_str(&serde_json::to_string(&line)?);
                text.push('\n');
            }
            file.write_all(text.as_bytes())?;
            file.sync_data()?;
        }
        Ok(())
    }
}
