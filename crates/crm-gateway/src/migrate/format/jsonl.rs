//! JSON Lines: one `Record` a line, as serde writes it.

use std::fs::File;
use std::io::{BufWriter, Write};

use anyhow::Context;

use super::Read;
use super::lines::{Numbered, into_file};
use crate::migrate::file::Record;

/// Writes one JSON object a line.
#[derive(Debug)]
pub struct Writer(BufWriter<File>);

impl Writer {
    pub(super) fn new(file: File) -> Self {
        Self(BufWriter::new(file))
    }

    pub(super) fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.0, record)?;
        Ok(self.0.write_all(b"\n")?)
    }

    pub(super) fn finish(self) -> anyhow::Result<File> {
        into_file(self.0)
    }
}

/// Reads one JSON object a line.
#[derive(Debug)]
pub struct Reader(Numbered);

impl Reader {
    pub(super) fn new(file: File, name: String) -> Self {
        Self(Numbered::new(file, name))
    }

    pub(super) fn next(&mut self) -> Option<anyhow::Result<Read>> {
        let line = self.0.next()?;
        let at = self.0.at();
        let read = line
            .and_then(|(_, line)| Ok(serde_json::from_str(&line)?))
            .with_context(|| at.clone());
        Some(read.map(|record| Read { at, record }))
    }
}

#[cfg(test)]
mod tests;
