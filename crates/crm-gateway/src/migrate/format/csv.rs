//! CSV: a header row, then one row a client (docs/migration.md lists the
//! columns). A list is one item a line of its cell (`cell.rs`), and the ten
//! custom fields are ten columns, as a spreadsheet shows them.

use std::fs::File;

use anyhow::{Context, bail};
use csv::StringRecord;

use super::{Read, cell};
use crate::migrate::file::Record;

/// The columns, in the order written.
const COLUMNS: [&str; 27] = [
    "id",
    "kind",
    "name",
    "origin",
    "created_at",
    "description",
    "address",
    "position",
    "role",
    "company_address",
    "bank_details",
    "person_details",
    "segments",
    "companies",
    "phones",
    "emails",
    "messengers",
    "field_1",
    "field_2",
    "field_3",
    "field_4",
    "field_5",
    "field_6",
    "field_7",
    "field_8",
    "field_9",
    "field_10",
];

/// Custom field numbers, one column each: an account has fields 1 to 10.
const FIELDS: std::ops::RangeInclusive<i64> = 1..=10;

/// Writes one row a record.
#[derive(Debug)]
pub struct Writer(csv::Writer<File>);

impl Writer {
    pub(super) fn new(file: File) -> anyhow::Result<Self> {
        let mut inner = csv::Writer::from_writer(file);
        inner.write_record(COLUMNS)?;
        Ok(Self(inner))
    }

    pub(super) fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        Ok(self.0.write_record(row(record)?)?)
    }

    pub(super) fn finish(mut self) -> anyhow::Result<File> {
        self.0.flush()?;
        Ok(self.0.into_inner().map_err(|e| e.into_error())?)
    }
}

/// The cells of `record`, in the order of `COLUMNS`.
fn row(r: &Record) -> anyhow::Result<Vec<String>> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let mut row = vec![
        r.id.to_string(),
        r.kind.clone(),
        r.name.clone(),
        text(&r.origin),
        text(&r.created_at),
        text(&r.description),
        text(&r.address),
        text(&r.position),
        text(&r.role),
        text(&r.company_address),
        text(&r.bank_details),
        text(&r.person_details),
        cell::join(r.segments.iter().cloned()),
        cell::join(r.companies.iter().map(i64::to_string)),
    ];
    for (_, kind) in cell::POINTS {
        let points = r.contacts.iter().filter(|p| p.kind == kind);
        row.push(cell::join(
            points.map(|p| cell::text(p, r.origin.as_deref())),
        ));
    }
    if let Some(number) = r.fields.keys().find(|n| !FIELDS.contains(n)) {
        bail!(
            "client {} has custom field {number}: CSV has fields 1 to 10",
            r.id
        );
    }
    row.extend(FIELDS.map(|n| r.fields.get(&n).cloned().unwrap_or_default()));
    Ok(row)
}

/// Reads one record a row; columns may come in any order, and only `id`,
/// `kind` and `name` must be there.
#[derive(Debug)]
pub struct Reader {
    inner: csv::Reader<File>,
    name: String,
    /// Where each of `COLUMNS` is in the file's rows.
    at: Vec<Option<usize>>,
    rows: usize,
}

impl Reader {
    pub(super) fn new(file: File, name: String) -> anyhow::Result<Self> {
        let mut inner = csv::Reader::from_reader(file);
        let header = inner.headers().with_context(|| format!("{name}:1"))?;
        if let Some(unknown) = header.iter().find(|h| !COLUMNS.contains(h)) {
            bail!("{name}:1: unknown column {unknown:?}; the columns are {COLUMNS:?}");
        }
        let at: Vec<_> = COLUMNS
            .iter()
            .map(|c| header.iter().position(|h| h == *c))
            .collect();
        if let Some(missing) = ["id", "kind", "name"]
            .iter()
            .find(|c| at[column(c)].is_none())
        {
            bail!("{name}:1: no {missing:?} column");
        }
        Ok(Self {
            inner,
            name,
            at,
            rows: 0,
        })
    }

    pub(super) fn next(&mut self) -> Option<anyhow::Result<Read>> {
        let mut row = StringRecord::new();
        let line = self.inner.position().line();
        let read = self.inner.read_record(&mut row);
        self.rows += 1;
        let line = row.position().map_or(line, |p| p.line());
        let at = format!("{}:{line} (row {})", self.name, self.rows);
        match read {
            Ok(false) => None,
            Ok(true) => Some(self.record(&row).with_context(|| at.clone())),
            Err(error) => Some(Err(error).context(at.clone())),
        }
        .map(|read| read.map(|record| Read { at, record }))
    }

    fn record(&self, row: &StringRecord) -> anyhow::Result<Record> {
        let cell = |name: &str| self.at[column(name)].and_then(|i| row.get(i)).unwrap_or("");
        let text = |name: &str| Some(cell(name).to_owned()).filter(|t| !t.is_empty());
        let origin = text("origin");
        let id = cell("id");
        let mut record = Record {
            id: id.parse().with_context(|| format!("id {id:?}"))?,
            kind: cell("kind").to_owned(),
            name: cell("name").to_owned(),
            created_at: text("created_at"),
            description: text("description"),
            address: text("address"),
            position: text("position"),
            role: text("role"),
            company_address: text("company_address"),
            bank_details: text("bank_details"),
            person_details: text("person_details"),
            segments: cell::split(cell("segments")).map(str::to_owned).collect(),
            ..Record::default()
        };
        // Ids typed by hand may be on one line, with `;` or `,` between.
        for company in cell("companies").split(['\n', ';', ',']).map(str::trim) {
            if !company.is_empty() {
                let id = company
                    .parse()
                    .with_context(|| format!("company id {company:?}"))?;
                record.companies.push(id);
            }
        }
        for (column, kind) in cell::POINTS {
            for text in cell::split(cell(column)) {
                let point = cell::point(kind, text, origin.as_deref());
                record.contacts.push(point);
            }
        }
        for number in FIELDS {
            if let Some(value) = text(&format!("field_{number}")) {
                record.fields.insert(number, value);
            }
        }
        record.origin = origin;
        Ok(record)
    }
}

/// The index of `name` in `COLUMNS`.
fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap_or_default()
}

#[cfg(test)]
mod tests;
