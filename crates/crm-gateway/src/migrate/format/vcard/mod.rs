//! vCard 4.0 (RFC 6350), one card a client. The file is cut into cards at
//! `END:VCARD` lines and each card parsed alone, so a file of any size
//! streams and a card that does not parse is named by its number.

mod card;
mod record;

use std::fs::File;
use std::io::{BufWriter, Write};

use anyhow::{Context, bail};

use super::Read;
use super::lines::{Numbered, into_file};
use crate::migrate::file::Record;

/// Parameter of a point written by another than its client, whose own
/// writer is the `X-CRM-ORIGIN` property.
const POINT_ORIGIN: &str = "X-CRM-ORIGIN";
/// Parameters of a point that is neither a phone number nor an e-mail.
const POINT_KIND: &str = "X-CRM-KIND";
const POINT_SERVICE: &str = "X-CRM-SERVICE";

/// Writes one card a record.
#[derive(Debug)]
pub struct Writer(BufWriter<File>);

impl Writer {
    pub(super) fn new(file: File) -> Self {
        Self(BufWriter::new(file))
    }

    pub(super) fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        Ok(write!(self.0, "{}", card::card(record))?)
    }

    pub(super) fn finish(self) -> anyhow::Result<File> {
        into_file(self.0)
    }
}

/// Reads one card at a time.
#[derive(Debug)]
pub struct Reader {
    lines: Numbered,
    cards: usize,
}

impl Reader {
    pub(super) fn new(file: File, name: String) -> Self {
        let lines = Numbered::new(file, name);
        Self { lines, cards: 0 }
    }

    pub(super) fn next(&mut self) -> Option<anyhow::Result<Read>> {
        let (begin, text) = match self.card_text() {
            Ok(Some(card)) => card,
            Ok(None) => return None,
            Err(error) => return Some(Err(error)),
        };
        self.cards += 1;
        let at = format!("{}:{begin} (card {})", self.lines.name(), self.cards);
        let record = parse(&text, self.cards).with_context(|| at.clone());
        Some(record.map(|record| Read { at, record }))
    }

    /// The line where the next card begins and its text; `None` at the end.
    fn card_text(&mut self) -> anyhow::Result<Option<(usize, String)>> {
        let mut card: Option<(usize, String)> = None;
        while let Some(line) = self.lines.next() {
            let (number, line) = line?;
            match &mut card {
                None if line.trim().is_empty() => continue,
                None if line.trim_end().eq_ignore_ascii_case("BEGIN:VCARD") => {
                    card = Some((number, format!("{line}\r\n")));
                }
                None => bail!("{}: BEGIN:VCARD expected", self.lines.at()),
                Some((begin, text)) => {
                    text.push_str(&line);
                    text.push_str("\r\n");
                    if line.trim_end().eq_ignore_ascii_case("END:VCARD") {
                        return Ok(Some((*begin, std::mem::take(text))));
                    }
                }
            }
        }
        match card {
            Some((begin, _)) => bail!(
                "{}:{begin} (card {}): no END:VCARD",
                self.lines.name(),
                self.cards + 1
            ),
            None => Ok(None),
        }
    }
}

fn parse(text: &str, number: usize) -> anyhow::Result<Record> {
    let mut cards = vcard4::parse(text)?;
    match (cards.pop(), cards.is_empty()) {
        (Some(card), true) => record::record(&card, number),
        _ => bail!("not one card"),
    }
}

#[cfg(test)]
mod tests;
