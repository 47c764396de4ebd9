//! The file formats of `export` and `import`: each writes records one by
//! one and reads them back one by one, so a file of any size streams.

mod cell;
mod csv;
mod jsonl;
mod lines;
#[cfg(test)]
mod sample;
mod vcard;

use std::fs::File;
use std::path::Path;

use anyhow::Context;

use super::file::Record;

/// How clients are written to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object a line: everything an export holds.
    Jsonl,
    /// One row a client with a header row, for spreadsheets.
    Csv,
    /// vCard 4.0 (RFC 6350), one card a client, for address books.
    Vcard,
}

impl Format {
    /// `asked`, or else the one `path`'s extension names; JSON Lines when
    /// it names none.
    pub fn of(path: &Path, asked: Option<Self>) -> Self {
        let extension = path.extension().and_then(|e| e.to_str());
        match (asked, extension.map(str::to_ascii_lowercase).as_deref()) {
            (Some(format), _) => format,
            (None, Some("csv")) => Self::Csv,
            (None, Some("vcf" | "vcard")) => Self::Vcard,
            (None, _) => Self::Jsonl,
        }
    }
}

/// Writes records to a file in one format.
#[derive(Debug)]
pub enum Writer {
    /// JSON Lines.
    Jsonl(jsonl::Writer),
    /// CSV.
    Csv(Box<csv::Writer>),
    /// vCard.
    Vcard(vcard::Writer),
}

impl Writer {
    /// A writer of a new file at `path`.
    pub fn create(format: Format, path: &Path) -> anyhow::Result<Self> {
        let file = File::create(path).with_context(|| format!("writing {}", path.display()))?;
        Ok(match format {
            Format::Jsonl => Self::Jsonl(jsonl::Writer::new(file)),
            Format::Csv => Self::Csv(Box::new(csv::Writer::new(file)?)),
            Format::Vcard => Self::Vcard(vcard::Writer::new(file)),
        })
    }

    /// Writes one record.
    pub fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        match self {
            Self::Jsonl(writer) => writer.write(record),
            Self::Csv(writer) => writer.write(record),
            Self::Vcard(writer) => writer.write(record),
        }
    }

    /// Writes what is buffered and syncs the file to disk.
    pub fn finish(self) -> anyhow::Result<()> {
        let file = match self {
            Self::Jsonl(writer) => writer.finish()?,
            Self::Csv(writer) => (*writer).finish()?,
            Self::Vcard(writer) => writer.finish()?,
        };
        Ok(file.sync_all()?)
    }
}

/// A record read, and where it stands in its file (`FILE:LINE`, with the
/// row or card number where a record spans lines).
#[derive(Debug)]
pub struct Read {
    /// Where: for error messages.
    pub at: String,
    /// The record.
    pub record: Record,
}

/// Reads records from a file in one format, one at a time.
#[derive(Debug)]
pub enum Reader {
    /// JSON Lines.
    Jsonl(jsonl::Reader),
    /// CSV.
    Csv(csv::Reader),
    /// vCard.
    Vcard(vcard::Reader),
}

impl Reader {
    /// A reader of the file at `path`.
    pub fn open(format: Format, path: &Path) -> anyhow::Result<Self> {
        let file = File::open(path).with_context(|| format!("reading {}", path.display()))?;
        let name = path.display().to_string();
        Ok(match format {
            Format::Jsonl => Self::Jsonl(jsonl::Reader::new(file, name)),
            Format::Csv => Self::Csv(csv::Reader::new(file, name)?),
            Format::Vcard => Self::Vcard(vcard::Reader::new(file, name)),
        })
    }
}

impl Iterator for Reader {
    type Item = anyhow::Result<Read>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Jsonl(reader) => reader.next(),
            Self::Csv(reader) => reader.next(),
            Self::Vcard(reader) => reader.next(),
        }
    }
}
