//! Contact points in `contact.update`. The single-value fields (`email`, the
//! 2010 `mobilePhone`/`workPhone`/`homePhone`, `skype`, `site`, ...) show the
//! first live point of their slot, so writing one changes that point in
//! place: its id, origin and the slot's other points (written by another
//! dialect, or by `phones`/`secondaryEmails`) stay as they are.

use crm_core::{
    Client, ClientPatch, ContactKind, ContactPoint, ContactReplace, ContactRewrite,
    ContactSelector, NewContactPoint, Service, Status,
};

use crate::wire::ContactIn;

fn slot<'a>(current: &'a Client, selector: &ContactSelector) -> Vec<&'a ContactPoint> {
    current
        .contacts
        .iter()
        .filter(|p| p.status == Status::Active && selector.matches(p))
        .collect()
}

/// The same value again, to keep a point standing in a `ContactReplace`.
fn kept(point: &ContactPoint) -> NewContactPoint {
    NewContactPoint {
        kind: point.kind,
        service: point.service,
        label: point.label,
        value: point.value.clone(),
        origin: Some(point.origin),
    }
}

/// Sets the first point of a slot to `new.value`: rewritten in place when it
/// exists, created when the slot is empty, removed (alone) when the value is
/// empty.
pub fn set_first(
    patch: &mut ClientPatch,
    current: &Client,
    selector: ContactSelector,
    new: NewContactPoint,
) {
    let points = slot(current, &selector);
    match (points.split_first(), new.value.is_empty()) {
        (None, true) => {}
        (None, false) => patch.contacts.push(ContactReplace {
            selector,
            values: vec![new],
        }),
        (Some((first, _)), true) => patch.removals.push(first.id),
        (Some((first, _)), false) => patch.rewrites.push(ContactRewrite {
            id: first.id,
            value: new.value,
        }),
    }
}

fn mail(value: &str) -> NewContactPoint {
    NewContactPoint {
        kind: ContactKind::Mail,
        service: Service::Mail,
        label: None,
        value: value.to_owned(),
        origin: None,
    }
}

const MAILS: ContactSelector = ContactSelector {
    kind: ContactKind::Mail,
    service: None,
    label: None,
};

/// `email` is the first live e-mail and `secondaryEmails` the rest; sending
/// one keeps the other as stored.
pub fn mails(patch: &mut ClientPatch, c: &ContactIn, current: &Client) {
    let Some(rest) = &c.secondary_emails else {
        if let Some(first) = &c.email {
            set_first(patch, current, MAILS, mail(first));
        }
        return;
    };
    let stored = slot(current, &MAILS);
    let rest = rest.iter().filter(|m| !m.is_empty()).map(|m| mail(m));
    let first = c.email.as_deref();
    match (stored.first(), first) {
        // The stored first e-mail stays in the slot and is rewritten.
        (Some(p), Some(new)) if !new.is_empty() => {
            patch.contacts.push(ContactReplace {
                selector: MAILS,
                values: std::iter::once(kept(p)).chain(rest).collect(),
            });
            patch.rewrites.push(ContactRewrite {
                id: p.id,
                value: new.to_owned(),
            });
        }
        (Some(p), None) => patch.contacts.push(ContactReplace {
            selector: MAILS,
            values: std::iter::once(kept(p)).chain(rest).collect(),
        }),
        (_, first) => patch.contacts.push(ContactReplace {
            selector: MAILS,
            values: first
                .filter(|m| !m.is_empty())
                .map(mail)
                .into_iter()
                .chain(rest)
                .collect(),
        }),
    }
}
