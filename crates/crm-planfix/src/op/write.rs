//! Requests written as a Planfix client writes them, optionally signed with
//! the account's private key: what `Request::read` (and the server's entry)
//! reads back as the same call.

use super::{ContactRef, ContractorsIn, ListIn, Method, Op};
use crate::error::PlanfixError;
use crate::signature::{ListOrder, canonical, sign};
use crate::wire::contact::custom_values;
use crate::wire::tree::{TreeLimits, parse};
use crate::wire::writer::element;
use crate::wire::{Element, Xml};

/// A whole request document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `<account>`.
    pub account: String,
    /// `<sid>`, absent for `auth.login` and token callers.
    pub sid: Option<String>,
    /// The call and its parameters.
    pub op: Op,
    /// Top-level elements the call does not read, such as the `<pageSize>`
    /// the PHP client adds to every call (reference/planfix.md, clients
    /// table): kept, so that a request passed on covers in its signature
    /// what its client signed.
    pub extra: Vec<Element>,
    /// `<signature>`, when signed.
    pub signature: Option<String>,
}

impl Request {
    /// An unsigned request with nothing extra.
    pub fn new(account: &str, sid: Option<&str>, op: Op) -> Self {
        Self {
            account: account.to_owned(),
            sid: sid.map(str::to_owned),
            op,
            extra: Vec::new(),
            signature: None,
        }
    }

    /// Reads a request document, as the server reads its parts.
    pub fn parse(xml: &str) -> Result<Self, PlanfixError> {
        Self::read(&parse(xml, TreeLimits::default())?)
    }

    /// Reads the `<request>` element.
    pub fn read(root: &Element) -> Result<Self, PlanfixError> {
        if root.name != "request" {
            return Err(PlanfixError::MalformedXml(
                "the root element must be <request>".to_owned(),
            ));
        }
        let method = Method::parse(root.attr("method").ok_or(PlanfixError::UnknownMethod)?)?;
        let read = method.parameters();
        Ok(Self {
            account: root.non_empty("account").unwrap_or_default().to_owned(),
            sid: root.non_empty("sid").map(str::to_owned),
            op: Op::parse(method, root)?,
            extra: root
                .children
                .iter()
                .filter(|c| {
                    !ENVELOPE.contains(&c.name.as_str()) && !read.contains(&c.name.as_str())
                })
                .cloned()
                .collect(),
            signature: root.non_empty("signature").map(str::to_owned),
        })
    }

    /// The request signed with `private_key` over everything but the
    /// signature, as the server checks it (reference/planfix.md §3).
    pub fn signed(mut self, private_key: &str) -> Self {
        self.signature = None;
        let unsigned = canonical(
            &self.to_element(),
            self.op.method().name(),
            ListOrder::Document,
        );
        self.signature = Some(sign(&unsigned, private_key));
        self
    }

    /// The `<request>` element: account, sid, the call's parameters, the
    /// extra elements, then the signature.
    pub fn to_element(&self) -> Element {
        let mut root = Element::new("request");
        root.attrs
            .push(("method".to_owned(), self.op.method().name().to_owned()));
        root.children.push(Element::leaf("account", &self.account));
        if let Some(sid) = &self.sid {
            root.children.push(Element::leaf("sid", sid));
        }
        self.op.write_into(&mut root);
        root.children.extend(self.extra.iter().cloned());
        if let Some(signature) = &self.signature {
            root.children.push(Element::leaf("signature", signature));
        }
        root
    }

    /// The document as a client sends it.
    pub fn to_xml(&self) -> String {
        let mut xml = Xml::new();
        element(&mut xml, &self.to_element());
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
            xml.into_string()
        )
    }
}

/// What every request carries besides its call.
const ENVELOPE: [&str; 3] = ["account", "sid", "signature"];

impl Method {
    /// The `method` attribute.
    pub fn name(self) -> &'static str {
        match self {
            Self::Login => "auth.login",
            Self::Add => "contact.add",
            Self::Update => "contact.update",
            Self::UpdateCustomData => "contact.updateCustomData",
            Self::Get => "contact.get",
            Self::GetList => "contact.getList",
            Self::ManageAccess => "contact.managePlanfixAccess",
            Self::UpdateUserInfo => "contact.updateUserInfo",
            Self::UpdateContractors => "contact.updateContractors",
            Self::GetPhoneTypes => "contact.getPhoneTypes",
            Self::GetGroupList => "contact.getGroupList",
            Self::Delete => "contact.delete",
        }
    }

    /// The top-level elements `Op::parse` reads for this method.
    fn parameters(self) -> &'static [&'static str] {
        match self {
            Self::Login => &["login", "password"],
            Self::GetList => &[
                "pageCurrent",
                "pageSize",
                "target",
                "company",
                "search",
                "havePlanfixAccess",
                "sortType",
                "filters",
            ],
            Self::GetPhoneTypes | Self::GetGroupList => &[],
            Self::Add
            | Self::Update
            | Self::UpdateCustomData
            | Self::Get
            | Self::ManageAccess
            | Self::UpdateUserInfo
            | Self::UpdateContractors
            | Self::Delete => &["contact"],
        }
    }
}

/// `<contact><id>N</id></contact>`, to which the call adds its fields.
fn contact(target: ContactRef) -> Element {
    Element::new("contact").with(Element::leaf("id", &target.0.to_string()))
}

fn ids(name: &str, ids: &[String]) -> Element {
    ids.iter().fold(Element::new(name), |list, id| {
        list.with(Element::leaf("id", id))
    })
}

impl Op {
    /// The method this call is.
    pub fn method(&self) -> Method {
        match self {
            Self::Login { .. } => Method::Login,
            Self::Add(_) => Method::Add,
            Self::Update(..) => Method::Update,
            Self::UpdateCustomData(..) => Method::UpdateCustomData,
            Self::Get(_) => Method::Get,
            Self::GetList(_) => Method::GetList,
            Self::ManageAccess { .. } => Method::ManageAccess,
            Self::UpdateUserInfo(..) => Method::UpdateUserInfo,
            Self::UpdateContractors(..) => Method::UpdateContractors,
            Self::GetPhoneTypes => Method::GetPhoneTypes,
            Self::GetGroupList => Method::GetGroupList,
            Self::Delete(_) => Method::Delete,
        }
    }

    /// Adds the call's parameters to the `<request>` element.
    pub fn write_into(&self, root: &mut Element) {
        let child = match self {
            Self::Login { login, password } => {
                root.children.push(Element::leaf("login", login));
                Element::leaf("password", password)
            }
            Self::Add(fields) => {
                let mut c = Element::new("contact");
                fields.write_into(&mut c);
                c
            }
            Self::Update(target, fields) => {
                let mut c = contact(*target);
                fields.write_into(&mut c);
                c
            }
            Self::UpdateCustomData(target, values) => contact(*target).with(custom_values(values)),
            Self::Get(target) | Self::Delete(target) => contact(*target),
            Self::GetList(list) => {
                list.write_into(root);
                return;
            }
            Self::ManageAccess {
                contact: target,
                grant,
                email,
            } => {
                let flag = if *grant { "1" } else { "0" };
                let mut c = contact(*target).with(Element::leaf("havePlanfixAccess", flag));
                if let Some(email) = email {
                    c.children.push(Element::leaf("email", email));
                }
                c
            }
            Self::UpdateUserInfo(target, user) => {
                let mut u = Element::new("user");
                for (name, value) in [
                    ("password", &user.password),
                    ("status", &user.status),
                    ("email", &user.email),
                ] {
                    if let Some(value) = value {
                        u.children.push(Element::leaf(name, value));
                    }
                }
                contact(*target).with(u)
            }
            Self::UpdateContractors(target, change) => {
                let list = match change {
                    // An empty <addClient/> still says which shape this is.
                    ContractorsIn::Change { add, remove } if remove.is_empty() => {
                        Element::new("contractors").with(ids("addClient", add))
                    }
                    ContractorsIn::Change { add, remove } => {
                        let mut list = Element::new("contractors");
                        if !add.is_empty() {
                            list.children.push(ids("addClient", add));
                        }
                        list.with(ids("delClient", remove))
                    }
                    // 2010: one <client> per company.
                    ContractorsIn::Replace(all) => {
                        all.iter().fold(Element::new("contractors"), |list, id| {
                            list.with(ids("client", std::slice::from_ref(id)))
                        })
                    }
                };
                contact(*target).with(list)
            }
            Self::GetPhoneTypes | Self::GetGroupList => return,
        };
        root.children.push(child);
    }
}

impl ListIn {
    fn write_into(&self, root: &mut Element) {
        for (name, value) in [
            ("pageCurrent", &self.page),
            ("pageSize", &self.page_size),
            ("target", &self.target),
            ("company", &self.company),
            ("search", &self.search),
            ("havePlanfixAccess", &self.have_access),
            ("sortType", &self.sort_type),
        ] {
            if let Some(value) = value {
                root.children.push(Element::leaf(name, value));
            }
        }
        if !self.filters.is_empty() {
            let filters = self.filters.iter().fold(Element::new("filters"), |l, f| {
                l.with(
                    Element::new("filter")
                        .with(Element::leaf("type", &f.kind))
                        .with(Element::leaf("operator", &f.operator))
                        .with(Element::leaf("value", &f.value)),
                )
            });
            root.children.push(filters);
        }
    }
}
