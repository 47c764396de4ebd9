//! The response documents as values: written by the server, read by a client
//! of a real Planfix (reference/planfix.md §4). Every body is
//! `<response status="ok">…</response>`, every error
//! `<response status="error"><code/><message/></response>`.

use super::tree::{Element, TreeLimits, decode_body, parse};
use super::writer::{Xml, document};
use crate::error::PlanfixError;

/// Why bytes are not the response they were read as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not a well-formed `<response>` document.
    #[error("not a Planfix response: {0}")]
    Malformed(String),
    /// A required element is absent.
    #[error("missing <{0}>")]
    Missing(&'static str),
    /// An element or attribute holds what it cannot.
    #[error("<{what}>: expected {expected}, got {got:?}")]
    Value {
        /// Where.
        what: &'static str,
        /// What it should hold.
        expected: &'static str,
        /// What it held.
        got: String,
    },
}

// A page of 100 contacts is about 6,000 elements: a response may be larger
// than any request the server accepts.
const RESPONSE_LIMITS: TreeLimits = TreeLimits {
    max_depth: 32,
    max_elements: 1_000_000,
};

/// A body of a `status="ok"` document: written into the `<response>`, read
/// from it.
pub trait XmlBody: Sized {
    /// Writes the children of `<response>`.
    fn write(&self, xml: &mut Xml);

    /// Reads them from the `<response>` element.
    fn read(response: &Element) -> Result<Self, ParseError>;
}

/// What a call answers: its body, or an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<B> {
    /// `status="ok"`.
    Ok(B),
    /// `status="error"`.
    Error(Failure),
}

impl<B: XmlBody> Reply<B> {
    /// Reads a whole document as sent, declaration and encoding included.
    pub fn parse(bytes: &[u8]) -> Result<Self, ParseError> {
        let root = response_root(bytes)?;
        match root.attr("status") {
            Some("ok") => B::read(&root).map(Self::Ok),
            Some("error") => Failure::read(&root).map(Self::Error),
            other => Err(ParseError::Value {
                what: "response status",
                expected: "ok or error",
                got: other.unwrap_or_default().to_owned(),
            }),
        }
    }

    /// The whole document, as the server sends it.
    pub fn to_xml(&self) -> String {
        match self {
            Self::Ok(body) => {
                let mut xml = Xml::new();
                body.write(&mut xml);
                document("ok", &xml.into_string())
            }
            Self::Error(failure) => failure.to_document(),
        }
    }
}

fn response_root(bytes: &[u8]) -> Result<Element, ParseError> {
    let malformed = |err: PlanfixError| match err {
        PlanfixError::MalformedXml(detail) => ParseError::Malformed(detail),
        other => ParseError::Malformed(other.to_string()),
    };
    let text = decode_body(bytes, None).map_err(malformed)?;
    let root = parse(&text, RESPONSE_LIMITS).map_err(malformed)?;
    if root.name != "response" {
        return Err(ParseError::Malformed(format!(
            "the root element is <{}>, not <response>",
            root.name
        )));
    }
    Ok(root)
}

/// The text of a child; absent reads as empty, as `<x/>` does, so a server
/// that leaves a field out is still read.
pub(crate) fn text(el: &Element, name: &str) -> String {
    el.child_text(name).unwrap_or_default().to_owned()
}

pub(crate) fn required<'a>(el: &'a Element, name: &'static str) -> Result<&'a Element, ParseError> {
    el.child(name).ok_or(ParseError::Missing(name))
}

/// reference/planfix.md §6: booleans are `1`/`0`.
pub(crate) fn flag(el: &Element, name: &'static str) -> Result<bool, ParseError> {
    match el.child_text(name).map(str::trim) {
        Some("1" | "true") => Ok(true),
        Some("0" | "false" | "") | None => Ok(false),
        Some(other) => Err(ParseError::Value {
            what: name,
            expected: "1 or 0",
            got: other.to_owned(),
        }),
    }
}

pub(super) fn count(el: &Element, name: &'static str) -> Result<u64, ParseError> {
    let raw = el.attr(name).ok_or(ParseError::Missing(name))?;
    raw.trim().parse().map_err(|_| ParseError::Value {
        what: name,
        expected: "a count",
        got: raw.to_owned(),
    })
}

/// An error: the four-digit code and the message (reference/planfix.md §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// `<code>`, e.g. `0005`.
    pub code: String,
    /// `<message>`, possibly empty.
    pub message: String,
}

impl Failure {
    /// Reads `<code>` and `<message>` from the `<response>`.
    pub fn read(response: &Element) -> Result<Self, ParseError> {
        Ok(Self {
            code: required(response, "code")?.text.clone(),
            message: text(response, "message"),
        })
    }

    /// Reads a whole `status="error"` document.
    pub fn parse_document(bytes: &[u8]) -> Result<Self, ParseError> {
        let root = response_root(bytes)?;
        match root.attr("status") {
            Some("error") => Self::read(&root),
            other => Err(ParseError::Value {
                what: "response status",
                expected: "error",
                got: other.unwrap_or_default().to_owned(),
            }),
        }
    }

    /// The whole `status="error"` document.
    pub fn to_document(&self) -> String {
        let mut body = Xml::new();
        body.leaf("code", &self.code).leaf("message", &self.message);
        document("error", &body.into_string())
    }
}

impl From<&PlanfixError> for Failure {
    fn from(err: &PlanfixError) -> Self {
        Self {
            code: err.code().to_owned(),
            message: err.message(),
        }
    }
}

/// `auth.login`: `<sid>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The session id.
    pub sid: String,
}

impl XmlBody for Session {
    fn write(&self, xml: &mut Xml) {
        xml.leaf("sid", &self.sid);
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        Ok(Self {
            sid: required(response, "sid")?.text.clone(),
        })
    }
}

/// `contact.add` and the updates: the contact's id under the three names
/// Planfix gives it (DECISIONS.md "All dialects": they are kept equal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactIds {
    /// `<id>`.
    pub id: String,
    /// `<userid>`.
    pub userid: String,
    /// `<general>`.
    pub general: String,
}

impl XmlBody for ContactIds {
    fn write(&self, xml: &mut Xml) {
        xml.open("contact")
            .leaf("id", &self.id)
            .leaf("userid", &self.userid)
            .leaf("general", &self.general)
            .close("contact");
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        let contact = required(response, "contact")?;
        Ok(Self {
            id: required(contact, "id")?.text.clone(),
            userid: text(contact, "userid"),
            general: text(contact, "general"),
        })
    }
}

/// `contact.delete`: the id of the contact deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    /// `<contact><id>`.
    pub id: String,
}

impl XmlBody for Deleted {
    fn write(&self, xml: &mut Xml) {
        xml.open("contact").leaf("id", &self.id).close("contact");
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        let contact = required(response, "contact")?;
        Ok(Self {
            id: required(contact, "id")?.text.clone(),
        })
    }
}

/// `contact.managePlanfixAccess`: the access as it now stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessChanged {
    /// `<id>`.
    pub id: String,
    /// `<havePlanfixAccess>`.
    pub have_planfix_access: bool,
    /// `<status>`, e.g. `NOTICE_SEND`.
    pub status: String,
}

impl XmlBody for AccessChanged {
    fn write(&self, xml: &mut Xml) {
        xml.open("contact")
            .leaf("id", &self.id)
            .flag("havePlanfixAccess", self.have_planfix_access)
            .leaf("status", &self.status)
            .close("contact");
    }

    fn read(response: &Element) -> Result<Self, ParseError> {
        let contact = required(response, "contact")?;
        Ok(Self {
            id: required(contact, "id")?.text.clone(),
            have_planfix_access: flag(contact, "havePlanfixAccess")?,
            status: text(contact, "status"),
        })
    }
}
