//! Which call a request is and what it carries, read from the request tree.

use crate::error::PlanfixError;
use crate::wire::contact::read_custom_values;
use crate::wire::{ContactIn, CustomValueIn, Element};

/// The functions this dialect serves (`<request method="...">`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `auth.login`.
    Login,
    /// `contact.add`.
    Add,
    /// `contact.update`.
    Update,
    /// `contact.updateCustomData`.
    UpdateCustomData,
    /// `contact.get`.
    Get,
    /// `contact.getList`.
    GetList,
    /// `contact.managePlanfixAccess`.
    ManageAccess,
    /// `contact.updateUserInfo`.
    UpdateUserInfo,
    /// `contact.updateContractors`.
    UpdateContractors,
    /// `contact.getPhoneTypes`.
    GetPhoneTypes,
    /// `contact.getGroupList`.
    GetGroupList,
    /// `contact.delete`.
    Delete,
}

impl Method {
    /// Every method, in the order of the API page.
    pub const ALL: [Self; 12] = [
        Self::Login,
        Self::Add,
        Self::Update,
        Self::UpdateCustomData,
        Self::Get,
        Self::GetList,
        Self::ManageAccess,
        Self::UpdateUserInfo,
        Self::UpdateContractors,
        Self::GetPhoneTypes,
        Self::GetGroupList,
        Self::Delete,
    ];

    /// The method named by the `method` attribute; `0008` otherwise.
    pub fn parse(name: &str) -> Result<Self, PlanfixError> {
        Ok(match name {
            "auth.login" => Self::Login,
            "contact.add" => Self::Add,
            "contact.update" => Self::Update,
            "contact.updateCustomData" => Self::UpdateCustomData,
            "contact.get" => Self::Get,
            "contact.getList" => Self::GetList,
            "contact.managePlanfixAccess" => Self::ManageAccess,
            "contact.updateUserInfo" => Self::UpdateUserInfo,
            "contact.updateContractors" => Self::UpdateContractors,
            "contact.getPhoneTypes" => Self::GetPhoneTypes,
            "contact.getGroupList" => Self::GetGroupList,
            "contact.delete" => Self::Delete,
            _ => return Err(PlanfixError::UnknownMethod),
        })
    }
}

/// How a request names a contact: `id`, `general` or `userid`, which the
/// gateway keeps equal (DECISIONS.md "All dialects").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactRef(pub i64);

/// One condition of `contact.getList/filters`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterIn {
    /// `type`.
    pub kind: String,
    /// `operator`.
    pub operator: String,
    /// `value`.
    pub value: String,
}

/// `contact.getList` parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListIn {
    /// `pageCurrent`, from 1.
    pub page: Option<String>,
    /// `pageSize`.
    pub page_size: Option<String>,
    /// `target`.
    pub target: Option<String>,
    /// `company`.
    pub company: Option<String>,
    /// `search`.
    pub search: Option<String>,
    /// 2010 `havePlanfixAccess`.
    pub have_access: Option<String>,
    /// 2010 `sortType`.
    pub sort_type: Option<String>,
    /// `filters/filter`.
    pub filters: Vec<FilterIn>,
}

/// `contact.updateUserInfo/user`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserInfoIn {
    /// `password` (no place in the model: acknowledged, not stored).
    pub password: Option<String>,
    /// `status`.
    pub status: Option<String>,
    /// `email`.
    pub email: Option<String>,
}

/// `contact.updateContractors/contractors`, both shapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractorsIn {
    /// Current: `addClient/id…`, `delClient/id…`.
    Change {
        /// Companies to link.
        add: Vec<String>,
        /// Companies to unlink.
        remove: Vec<String>,
    },
    /// 2010: `client/id…`, the whole list.
    Replace(Vec<String>),
}

/// One call with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// `auth.login`.
    Login {
        /// `login`.
        login: String,
        /// `password`.
        password: String,
    },
    /// `contact.add`.
    Add(Box<ContactIn>),
    /// `contact.update`.
    Update(ContactRef, Box<ContactIn>),
    /// `contact.updateCustomData`.
    UpdateCustomData(ContactRef, Vec<CustomValueIn>),
    /// `contact.get`.
    Get(ContactRef),
    /// `contact.getList`.
    GetList(ListIn),
    /// `contact.managePlanfixAccess`.
    ManageAccess {
        /// The contact.
        contact: ContactRef,
        /// `havePlanfixAccess`.
        grant: bool,
        /// `email` for the login.
        email: Option<String>,
    },
    /// `contact.updateUserInfo`.
    UpdateUserInfo(ContactRef, UserInfoIn),
    /// `contact.updateContractors`.
    UpdateContractors(ContactRef, ContractorsIn),
    /// `contact.getPhoneTypes`.
    GetPhoneTypes,
    /// `contact.getGroupList`.
    GetGroupList,
    /// `contact.delete`.
    Delete(ContactRef),
}

fn required<'a>(el: &'a Element, name: &'static str) -> Result<&'a str, PlanfixError> {
    el.child_text(name)
        .filter(|t| !t.is_empty())
        .ok_or(PlanfixError::MissingParameter(name))
}

fn contact(root: &Element) -> Result<&Element, PlanfixError> {
    root.child("contact")
        .ok_or(PlanfixError::MissingParameter("contact"))
}

/// reference/planfix.md §7.4: `get` prefers `general`, then `userid`, then
/// `id`; §7.2: `update` prefers `id`, then `general`, then `userid`. A value
/// that cannot be any contact's id (`0`, `abc`, too long) names an unknown
/// contact: `8002`, as DECISIONS.md answers an unknown contact.
fn contact_ref(el: &Element, order: [&'static str; 3]) -> Result<ContactRef, PlanfixError> {
    let raw = order
        .iter()
        .find_map(|n| el.non_empty(n))
        .ok_or(PlanfixError::MissingParameter("contact/id"))?;
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(ContactRef)
        .ok_or(PlanfixError::ContactNotFound)
}

const BY_ID: [&str; 3] = ["id", "general", "userid"];
const BY_GENERAL: [&str; 3] = ["general", "userid", "id"];

/// Parses a boolean as Planfix accepts it: `1`/`0`/`true`/`false`.
pub fn parse_bool(field: &str, raw: &str) -> Result<bool, PlanfixError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "1" | "true" => Ok(true),
        "0" | "false" | "" => Ok(false),
        _ => Err(PlanfixError::InvalidValue(format!(
            "{field}: expected 1 or 0"
        ))),
    }
}

fn ids(el: Option<&Element>) -> Vec<String> {
    el.map(|e| {
        e.children_named("id")
            .map(|i| i.text.trim().to_owned())
            .filter(|i| !i.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

impl Op {
    /// The call's parameters from the request root.
    pub fn parse(method: Method, root: &Element) -> Result<Self, PlanfixError> {
        Ok(match method {
            Method::Login => Self::Login {
                login: required(root, "login")?.to_owned(),
                password: root.child_text("password").unwrap_or("").to_owned(),
            },
            Method::Add => Self::Add(Box::new(ContactIn::read(contact(root)?))),
            Method::Update => {
                let c = contact(root)?;
                Self::Update(contact_ref(c, BY_ID)?, Box::new(ContactIn::read(c)))
            }
            Method::UpdateCustomData => {
                let c = contact(root)?;
                let values = c
                    .child("customData")
                    .map(read_custom_values)
                    .ok_or(PlanfixError::MissingParameter("contact/customData"))?;
                Self::UpdateCustomData(contact_ref(c, BY_ID)?, values)
            }
            Method::Get => Self::Get(contact_ref(contact(root)?, BY_GENERAL)?),
            Method::GetList => Self::GetList(list(root)),
            Method::ManageAccess => {
                let c = contact(root)?;
                let raw = required(c, "havePlanfixAccess")
                    .map_err(|_| PlanfixError::MissingParameter("contact/havePlanfixAccess"))?;
                Self::ManageAccess {
                    contact: contact_ref(c, BY_ID)?,
                    grant: parse_bool("havePlanfixAccess", raw)?,
                    email: c.non_empty("email").map(str::to_owned),
                }
            }
            Method::UpdateUserInfo => {
                let c = contact(root)?;
                let user = c
                    .child("user")
                    .ok_or(PlanfixError::MissingParameter("contact/user"))?;
                Self::UpdateUserInfo(
                    contact_ref(c, BY_ID)?,
                    UserInfoIn {
                        password: user.child_text("password").map(str::to_owned),
                        status: user.non_empty("status").map(str::to_owned),
                        email: user.child_text("email").map(str::to_owned),
                    },
                )
            }
            Method::UpdateContractors => {
                let c = contact(root)?;
                let list = c
                    .child("contractors")
                    .ok_or(PlanfixError::MissingParameter("contact/contractors"))?;
                let change =
                    if list.child("addClient").is_some() || list.child("delClient").is_some() {
                        ContractorsIn::Change {
                            add: list
                                .children_named("addClient")
                                .flat_map(|e| ids(Some(e)))
                                .collect(),
                            remove: list
                                .children_named("delClient")
                                .flat_map(|e| ids(Some(e)))
                                .collect(),
                        }
                    } else {
                        ContractorsIn::Replace(
                            list.children_named("client")
                                .flat_map(|e| ids(Some(e)))
                                .collect(),
                        )
                    };
                Self::UpdateContractors(contact_ref(c, BY_ID)?, change)
            }
            Method::GetPhoneTypes => Self::GetPhoneTypes,
            Method::GetGroupList => Self::GetGroupList,
            Method::Delete => Self::Delete(contact_ref(contact(root)?, BY_ID)?),
        })
    }
}

fn list(root: &Element) -> ListIn {
    let text = |n: &str| root.non_empty(n).map(str::to_owned);
    ListIn {
        page: text("pageCurrent"),
        page_size: text("pageSize"),
        target: text("target"),
        company: text("company"),
        search: root
            .child_text("search")
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned),
        have_access: text("havePlanfixAccess"),
        sort_type: text("sortType"),
        filters: root
            .child("filters")
            .map(|f| {
                f.children_named("filter")
                    .map(|f| FilterIn {
                        kind: f.non_empty("type").unwrap_or("").to_owned(),
                        operator: f.non_empty("operator").unwrap_or("equal").to_owned(),
                        value: f.child_text("value").unwrap_or("").trim().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

mod write;

pub use write::Request;

#[cfg(test)]
mod tests;
