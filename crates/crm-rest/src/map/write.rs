//! A create or update body validated as the CRM's `Client` model would, then
//! turned into core values.
//!
//! The rules, in the order Yii runs them (only the first error of an
//! attribute is kept: `skipOnError` and `getFirstErrors`, reference/yii.md §9):
//! 1. required: `name`, and `type` on create;
//! 2. integer: `user`, `type`;
//! 3. in [1, 2]: `type`;
//! 4. string: `name`, `email`, `phone`, `real_address`, `description` and the
//!    type's own attributes;
//! 5. email: `email`;
//! 6. exist: `user` (run by the handler, which can ask the store).
//!
//! Empty values (`null`, `""`, `[]`) skip rules 2-6, as `skipOnEmpty` does.
//! `type` on update, unknown keys and another type's attributes are ignored.

use std::sync::LazyLock;

use crm_core::{
    Client, ClientKind, ClientPatch, ContactKind, ContactReplace, ContactRewrite, ContactSelector,
    Name, NewClient, NewContactPoint, Patch, Service, UserId,
};
use regex::Regex;

use crate::error::FieldError;
use crate::wire::attribute::{self, Attribute};
use crate::wire::{Input, Value};

/// Create or update, and for an update the stored client's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `POST`: `name` and `type` are required.
    Create,
    /// `PUT`/`PATCH` of a client of this type.
    Update(ClientKind),
}

/// The validated attributes of a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The type (create only).
    pub kind: Option<ClientKind>,
    /// The name, when sent.
    pub name: Option<String>,
    /// The responsible user; an empty value is `Clear`.
    pub user: Patch<UserId>,
    /// Free-text attributes.
    pub texts: Vec<(Attribute, Patch<String>)>,
    /// The e-mail.
    pub email: Patch<String>,
    /// The phone.
    pub phone: Patch<String>,
}

/// Errors, first one per attribute, in the order they arose.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    /// Adds an error unless the attribute already has one.
    pub fn add(&mut self, attr: Attribute, template: &str) {
        if !self.has(attr) {
            let message = template.replace("{attribute}", attr.label());
            self.0.push(FieldError::new(attr.name(), message));
        }
    }

    /// True when the attribute failed a rule.
    pub fn has(&self, attr: Attribute) -> bool {
        self.0.iter().any(|e| e.field == attr.name())
    }

    /// The errors, or nothing when all rules passed.
    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Yii's message templates (framework/messages, English).
pub const BLANK: &str = "{attribute} cannot be blank.";
/// Integer validator.
pub const NOT_INTEGER: &str = "{attribute} must be an integer.";
/// Range and exist validators.
pub const INVALID: &str = "{attribute} is invalid.";
/// String validator.
pub const NOT_STRING: &str = "{attribute} must be a string.";
/// Email validator.
pub const NOT_EMAIL: &str = "{attribute} is not a valid email address.";

/// `RequiredValidator` on a string: blank once PHP's `trim` has taken its
/// six ASCII characters from both ends (a no-break space is not blank).
fn blank(value: Option<&Value>) -> bool {
    match value {
        None => true,
        Some(Value::Str(s)) => s
            .trim_matches([' ', '\t', '\n', '\r', '\0', '\x0B'])
            .is_empty(),
        Some(v) => v.is_empty(),
    }
}

/// `IntegerValidator`: `Ok(Some(n))` for an integer, `Ok(None)` for one
/// beyond 64 bits, `Err` for anything that is not an integer.
fn integer(value: &Value) -> Result<Option<i64>, ()> {
    match value {
        Value::Str(s) => {
            // The validator's pattern, `/^\s*[+-]?\d+\s*$/`: PCRE's ASCII `\s`.
            let t = s.trim_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r']);
            let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(());
            }
            Ok(t.trim_start_matches('+').parse().ok())
        }
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Ok(Some(i)),
            (None, Some(_), _) => Ok(None),
            (None, None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                // Exact: |f| < 2^53.
                Ok(Some(f as i64))
            }
            _ => Err(()),
        },
        Value::Null | Value::Bool(_) | Value::Array(_) => Err(()),
    }
}

static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$",
    )
    .ok()
});

/// `EmailValidator` without IDN or display names: local part up to 64 bytes,
/// the whole up to 254.
pub fn is_email(text: &str) -> bool {
    // `(?P<local>.+)@`: everything before the last `@`.
    let local = text.rfind('@').unwrap_or(text.len());
    local <= 64 && text.len() <= 254 && EMAIL.as_ref().is_some_and(|re| re.is_match(text))
}

/// A string attribute: `Set` for text, `Clear` for an empty value.
///
/// U+0000 is refused (`{attribute} is invalid.`): PostgreSQL text cannot hold
/// it, and the answer must not depend on the backend.
fn string(value: &Value, attr: Attribute, errors: &mut Errors) -> Option<Patch<String>> {
    match value {
        Value::Str(s) if s.contains('\0') => {
            errors.add(attr, INVALID);
            None
        }
        Value::Str(s) => Some(Patch::Set(s.clone())),
        v if v.is_empty() => Some(Patch::Clear),
        _ => {
            errors.add(attr, NOT_STRING);
            None
        }
    }
}

/// Validates `input`; the draft holds what passed. The rules run in the
/// order of the module comment, each skipping attributes that already failed.
pub fn validate(input: &Input, mode: Mode) -> (Draft, Errors) {
    let mut rules = Rules {
        input,
        mode,
        draft: Draft::default(),
        errors: Errors::default(),
    };
    rules.required();
    rules.integers();
    rules.strings();
    rules.email();
    (rules.draft, rules.errors)
}

/// One validation in progress.
struct Rules<'a> {
    input: &'a Input,
    mode: Mode,
    draft: Draft,
    errors: Errors,
}

impl<'a> Rules<'a> {
    /// A sent attribute; `type` counts only on create.
    fn get(&self, attr: Attribute) -> Option<&'a Value> {
        let ignored = attr == Attribute::Type && self.mode != Mode::Create;
        self.input.get(attr.name()).filter(|_| !ignored)
    }

    /// Rule 1: `RequiredValidator` trims strings before its empty check.
    fn required(&mut self) {
        let name = self.get(Attribute::Name);
        if (self.mode == Mode::Create || name.is_some()) && blank(name) {
            self.errors.add(Attribute::Name, BLANK);
        }
        if self.mode == Mode::Create && blank(self.get(Attribute::Type)) {
            self.errors.add(Attribute::Type, BLANK);
        }
    }

    /// Rules 2 and 3: `user` and `type` are integers, `type` is 1 or 2.
    fn integers(&mut self) {
        match self.get(Attribute::User) {
            None => {}
            Some(v) if v.is_empty() => self.draft.user = Patch::Clear,
            Some(v) => match integer(v) {
                Ok(Some(id)) if id > 0 => self.draft.user = Patch::Set(UserId(id)),
                Ok(_) => self.errors.add(Attribute::User, INVALID),
                Err(()) => self.errors.add(Attribute::User, NOT_INTEGER),
            },
        }
        let Some(code) = self
            .get(Attribute::Type)
            .filter(|v| !v.is_empty() && !self.errors.has(Attribute::Type))
            .map(integer)
        else {
            return;
        };
        match code {
            Ok(code) => match code.and_then(attribute::kind_of) {
                Some(kind) => self.draft.kind = Some(kind),
                None => self.errors.add(Attribute::Type, INVALID),
            },
            Err(()) => self.errors.add(Attribute::Type, NOT_INTEGER),
        }
    }

    /// Rule 4: every text attribute of the client's type is a string.
    fn strings(&mut self) {
        if let Some(v) = self.get(Attribute::Name)
            && !self.errors.has(Attribute::Name)
            && let Some(Patch::Set(s)) = string(v, Attribute::Name, &mut self.errors)
        {
            self.draft.name = Some(s);
        }
        let kind = match self.mode {
            Mode::Create => self.draft.kind,
            Mode::Update(kind) => Some(kind),
        };
        let specific = kind.map_or(&[][..], Attribute::specific);
        let texts = [
            Attribute::Email,
            Attribute::Phone,
            Attribute::RealAddress,
            Attribute::Description,
        ];
        for attr in texts.iter().chain(specific).copied() {
            let Some(change) = self
                .get(attr)
                .and_then(|v| string(v, attr, &mut self.errors))
            else {
                continue;
            };
            match (attr, change) {
                // One e-mail and one phone: an empty one removes the point.
                (Attribute::Email | Attribute::Phone, Patch::Set(s)) if s.is_empty() => {
                    self.set_contact(attr, Patch::Clear);
                }
                (Attribute::Email | Attribute::Phone, change) => self.set_contact(attr, change),
                (_, change) => self.draft.texts.push((attr, change)),
            }
        }
    }

    fn set_contact(&mut self, attr: Attribute, change: Patch<String>) {
        if attr == Attribute::Email {
            self.draft.email = change;
        } else {
            self.draft.phone = change;
        }
    }

    /// Rule 5: `EmailValidator` on a non-empty e-mail that is a string.
    fn email(&mut self) {
        if let Patch::Set(s) = &self.draft.email
            && !is_email(s)
        {
            self.errors.add(Attribute::Email, NOT_EMAIL);
            self.draft.email = Patch::Keep;
        }
    }
}

fn text_option(patch: &Patch<String>) -> Option<String> {
    match patch {
        Patch::Set(s) => Some(s.clone()),
        Patch::Keep | Patch::Clear => None,
    }
}

fn point(kind: ContactKind, value: String) -> NewContactPoint {
    NewContactPoint {
        kind,
        service: match kind {
            ContactKind::Mail => Service::Mail,
            ContactKind::Phone | ContactKind::Id => Service::Phone,
        },
        label: None,
        value,
        origin: None,
    }
}

/// The client a valid create draft describes.
pub fn new_client(draft: &Draft, kind: ClientKind) -> NewClient {
    let mut client = NewClient::new(kind, Name::full(draft.name.clone().unwrap_or_default()));
    for (attr, patch) in &draft.texts {
        let value = text_option(patch);
        match attr {
            Attribute::RealAddress => client.attributes.address = value,
            Attribute::Description => client.attributes.description = value,
            Attribute::CompanyAddress => client.attributes.company_address = value,
            Attribute::BankDetails => client.attributes.bank_details = value,
            Attribute::PersonDetails => client.attributes.person_details = value,
            _ => {}
        }
    }
    if let Patch::Set(user) = draft.user {
        client.attributes.responsible = Some(user);
    }
    for (kind, patch) in [
        (ContactKind::Mail, &draft.email),
        (ContactKind::Phone, &draft.phone),
    ] {
        if let Some(value) = text_option(patch) {
            client.contacts.push(point(kind, value));
        }
    }
    client
}

/// The patch a valid update draft makes to `current`. REST shows one e-mail
/// and one phone, the first live ones: a new value rewrites that point in
/// place, an empty value removes that point alone. One patch, so
/// the store writes it in one transaction.
pub fn patch(draft: &Draft, current: &Client) -> ClientPatch {
    let mut patch = ClientPatch::default();
    if let Some(name) = draft.name.as_ref().filter(|n| *n != current.name.as_full()) {
        patch.name = Patch::Set(Name::full(name.clone()));
    }
    for (attr, change) in &draft.texts {
        let slot = match attr {
            Attribute::RealAddress => &mut patch.attributes.address,
            Attribute::Description => &mut patch.attributes.description,
            Attribute::CompanyAddress => &mut patch.attributes.company_address,
            Attribute::BankDetails => &mut patch.attributes.bank_details,
            Attribute::PersonDetails => &mut patch.attributes.person_details,
            _ => continue,
        };
        *slot = change.clone();
    }
    patch.attributes.responsible = draft.user.clone();
    for (kind, change) in [
        (ContactKind::Mail, &draft.email),
        (ContactKind::Phone, &draft.phone),
    ] {
        let selector = ContactSelector {
            kind,
            service: None,
            label: None,
        };
        let first = current
            .contacts
            .iter()
            .filter(|p| p.kind == kind && p.status == crm_core::Status::Active)
            .min_by_key(|p| (p.position, p.id));
        match (change, first) {
            (Patch::Keep, _) => {}
            (Patch::Clear, Some(p)) => patch.removals.push(p.id),
            (Patch::Clear, None) => {}
            (Patch::Set(value), Some(p)) if p.value == *value => {}
            (Patch::Set(value), Some(p)) => patch.rewrites.push(ContactRewrite {
                id: p.id,
                value: value.clone(),
            }),
            (Patch::Set(value), None) => patch.contacts.push(ContactReplace {
                selector,
                values: vec![point(kind, value.clone())],
            }),
        }
    }
    patch
}

#[cfg(test)]
mod tests;
