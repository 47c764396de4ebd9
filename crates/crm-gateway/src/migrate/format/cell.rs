//! CSV cells that hold lists: one item a line of the cell (a spreadsheet
//! shows them one under another, and no listed value holds a line break),
//! and a contact point as `[SERVICE: ]VALUE[ (LABEL, from ORIGIN)]`.

use crm_core::{Label, Origin, Service};

use crate::migrate::file::Point;

/// The columns of contact points and the kind of point each holds.
pub(super) const POINTS: [(&str, &str); 3] = [
    ("phones", "phone"),
    ("emails", "mail"),
    ("messengers", "id"),
];

/// The items of `cell`, blank lines skipped.
pub(super) fn split(cell: &str) -> impl Iterator<Item = &str> {
    cell.lines().filter(|item| !item.is_empty())
}

/// The cell of `items`.
pub(super) fn join(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join("\n")
}

/// The service a kind's points have unless their text names another:
/// `+7 916 000` is a phone, `skype: acme` says so.
fn usual_service(kind: &str) -> Option<&'static str> {
    match kind {
        "phone" => Some("phone"),
        "mail" => Some("mail"),
        _ => None,
    }
}

/// The text of `point`; its origin is said only where it is not the
/// client's `origin`, since it mostly is.
pub(super) fn text(point: &Point, origin: Option<&str>) -> String {
    let mut text = String::new();
    if usual_service(&point.kind) != Some(point.service.as_str()) {
        text = format!("{}: ", point.service);
    }
    text.push_str(&point.value);
    let mut notes: Vec<String> = point.label.iter().cloned().collect();
    if let Some(from) = &point.origin
        && Some(from.as_str()) != origin
    {
        notes.push(format!("from {from}"));
    }
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join(", ")));
    }
    text
}

/// The point of `kind` whose text is `text`, of the client's `origin`
/// unless the text names another.
pub(super) fn point(kind: &str, text: &str, origin: Option<&str>) -> Point {
    let (service, rest) = match text.split_once(": ") {
        Some((service, rest)) if Service::parse(service).is_some() => (service, rest),
        // An unknown service is left for the import to name.
        _ => (usual_service(kind).unwrap_or_default(), text),
    };
    let (value, label, from) = notes(rest).unwrap_or((rest, None, None));
    Point {
        kind: kind.to_owned(),
        service: service.to_owned(),
        label,
        value: value.to_owned(),
        origin: from.or(origin.map(str::to_owned)),
    }
}

/// The value before a ` (LABEL, from ORIGIN)` ending, and what the ending
/// says; `None` when the text has no such ending.
fn notes(text: &str) -> Option<(&str, Option<String>, Option<String>)> {
    let (value, notes) = text.strip_suffix(')')?.rsplit_once(" (")?;
    let (mut label, mut from) = (None, None);
    for note in notes.split(", ") {
        match note.strip_prefix("from ") {
            Some(origin) => {
                Origin::parse(origin)?;
                from = Some(origin.to_owned());
            }
            None => {
                Label::parse(note)?;
                label = Some(note.to_owned());
            }
        }
    }
    Some((value, label, from))
}
