use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A person ("контакт") as the original renders it. Field order follows
/// reference/DECISIONS.md "Eadesk": `_id, name, description, segments,
/// contacts, accountId, createdAt, avatarBgColor`, then `status` only when
/// the person is deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// `_id`: the client id as a decimal string (the real service's are hex).
    #[serde(rename = "_id")]
    pub id: String,
    /// `name`.
    pub name: String,
    /// `description`; empty when none was written.
    pub description: String,
    /// `segments`: never null, `[]` by default.
    pub segments: Vec<String>,
    /// `contacts`: every contact datum, deleted ones included.
    pub contacts: Vec<PersonContact>,
    /// `accountId`: the account id as a decimal string.
    #[serde(rename = "accountId")]
    pub account_id: String,
    /// `createdAt`: ISO 8601 UTC with milliseconds.
    #[serde(rename = "createdAt")]
    pub created_at: String,
    /// `avatarBgColor`: `#RRGGBB`.
    #[serde(rename = "avatarBgColor")]
    pub avatar_bg_color: Cow<'static, str>,
    /// `status`: `"deleted"` on a soft-deleted person, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Cow<'static, str>>,
}

/// One contact datum ("контактные данные") of a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonContact {
    /// `id`: the contact point id as a decimal string.
    pub id: String,
    /// `value`, exactly as written.
    pub value: String,
    /// `type`: `id`, `mail` or `phone`.
    #[serde(rename = "type")]
    pub kind: Cow<'static, str>,
    /// `service`: `mail`, `phone`, `vk`, ...
    pub service: Cow<'static, str>,
    /// `origin`: who created it; a name the reading side may not know.
    pub origin: Cow<'static, str>,
    /// `status`: `"deleted"` on a soft-deleted datum, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Cow<'static, str>>,
}
