//! A text file read line by line, each line numbered for error messages.

use std::fs::File;
use std::io::{self, BufRead, BufReader};

use anyhow::Context;

/// The lines of a file, numbered from 1.
#[derive(Debug)]
pub(super) struct Numbered {
    lines: io::Lines<BufReader<File>>,
    name: String,
    line: usize,
}

impl Numbered {
    pub(super) fn new(file: File, name: String) -> Self {
        let lines = BufReader::new(file).lines();
        Self {
            lines,
            name,
            line: 0,
        }
    }

    /// The file's name, as given.
    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// `FILE:LINE` of the line last read.
    pub(super) fn at(&self) -> String {
        format!("{}:{}", self.name, self.line)
    }

    /// The next line and its number; `None` at the end.
    pub(super) fn next(&mut self) -> Option<anyhow::Result<(usize, String)>> {
        let line = self.lines.next()?;
        self.line += 1;
        Some(
            line.with_context(|| self.at())
                .map(|text| (self.line, text)),
        )
    }
}

/// The file under `writer`, what it buffered written.
pub(super) fn into_file(writer: io::BufWriter<File>) -> anyhow::Result<File> {
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}
