//! What a migration has carried over: before each create a line
//! `{"from": id}`, after it `{"from": id, "to": id}`, synced to disk a batch
//! at a time, so a run started again skips what was carried, and knows which creates
//! a kill may have cut between the two lines. The numbers given to ids that
//! are not numbers are lines of the same file (`ids.rs`).

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use crm_core::ClientId;
use serde::{Deserialize, Serialize};

use super::ids::{IdBook, Numbered};

#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Numbered(Numbered),
    Carried(Line),
}

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
    ids: Arc<IdBook>,
}

impl State {
    /// The state kept in `path` (created when missing). A line cut short by
    /// a crash while it was written is left out.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(path)
            .with_context(|| format!("writing {}", path.display()))?;
        end_last_line(&mut file, path)?;
        let ids_file = file.try_clone()?;
        Self::read(path, Some((file, ids_file)))
    }

    /// A state that writes nothing: a dry run's, or a check's.
    pub fn kept_in_memory(path: &Path) -> anyhow::Result<Self> {
        Self::read(path, None)
    }

    fn read(path: &Path, files: Option<(File, File)>) -> anyhow::Result<Self> {
        let (mut carried, mut begun, mut numbered) = (HashMap::new(), HashSet::new(), Vec::new());
        if path.exists() {
            let file = File::open(path).with_context(|| format!("reading {}", path.display()))?;
            for line in BufReader::new(file).lines() {
                match serde_json::from_str::<Entry>(&line?) {
                    Ok(Entry::Numbered(line)) => numbered.push(line),
                    Ok(Entry::Carried(Line { from, to: Some(to) })) => {
                        begun.remove(&from);
                        carried.insert(from, ClientId(to));
                    }
                    Ok(Entry::Carried(Line { from, to: None })) => {
                        begun.insert(from);
                    }
                    Err(_) => {}
                }
            }
        }
        let (file, ids_file) = files.unzip();
        Ok(Self {
            carried,
            begun,
            file,
            ids: Arc::new(IdBook::new(numbered, ids_file)),
        })
    }

    /// The numbers given to ids that are not numbers, read and written
    /// with this state.
    pub fn ids(&self) -> Arc<IdBook> {
        self.ids.clone()
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

/// Ends a line a crash cut short, so the next line written is not glued to
/// it and lost with it.
fn end_last_line(file: &mut File, path: &Path) -> anyhow::Result<()> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    if last[0] != b'\n' {
        file.write_all(b"\n")
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_line_cut_short_does_not_swallow_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.jsonl");
        std::fs::write(&path, "{\"from\":1,\"to\":2}\n{\"from\":3,\"t").unwrap();
        State::open(&path).unwrap().begin(&[ClientId(4)]).unwrap();
        let state = State::open(&path).unwrap();
        assert_eq!(state.to(ClientId(1)), Some(ClientId(2)));
        assert!(state.begun(ClientId(4)));
        assert!(!state.begun(ClientId(3)));
    }
}
