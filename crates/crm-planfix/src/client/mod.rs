//! The client half: the contact functions sent to a real Planfix, written
//! with `op::Request` and read with `wire::Reply`, over the shared upstream
//! client. Authentication as in reference/planfix.md §2, signatures as in §3.

mod call;
mod credentials;
mod error;

use std::sync::Arc;

use crm_http::client::{Retry, Upstream};

pub use credentials::{Auth, Credentials};
pub use error::ClientError;

use crate::op::{ContactRef, ContractorsIn, ListIn, Op, UserInfoIn};
use crate::wire::{
    AccessChanged, ContactIds, ContactIn, ContactOut, ContactsPage, CustomValueIn, Deleted,
    GroupList, PhoneTypes,
};

/// A Planfix account reached through its XML API. Cheap to clone; clones
/// share the connection pool, the breaker and the session.
#[derive(Clone)]
pub struct PlanfixClient {
    upstream: Upstream,
    credentials: Arc<Credentials>,
    auth: Auth,
    /// The kept `<sid>`: locked across a login, so that callers who need
    /// one at the same time wait for a single `auth.login`.
    sid: Arc<tokio::sync::Mutex<Option<String>>>,
}

impl PlanfixClient {
    /// A client in the mode the credentials call for ([`Credentials::auth`]).
    pub fn new(upstream: Upstream, credentials: Credentials) -> Self {
        let auth = credentials.auth();
        Self::with_auth(upstream, credentials, auth)
    }

    /// A client in the mode chosen here, whatever else the credentials hold.
    pub fn with_auth(upstream: Upstream, credentials: Credentials, auth: Auth) -> Self {
        Self {
            upstream,
            credentials: Arc::new(credentials),
            auth,
            sid: Arc::default(),
        }
    }

    /// The mode the client authenticates in.
    pub fn auth(&self) -> Auth {
        self.auth
    }

    /// `contact.get`: one contact.
    pub async fn get(&self, contact: ContactRef) -> Result<ContactOut, ClientError> {
        self.call(Op::Get(contact), Retry::Once).await
    }

    /// `contact.getList`: one page (`pageCurrent` from 1, at most 100 a page)
    /// of the contacts `list` selects.
    pub async fn list(&self, list: &ListIn) -> Result<ContactsPage, ClientError> {
        self.call(Op::GetList(list.clone()), Retry::Once).await
    }

    /// `contact.add`: a new contact (or company, with `isCompany`).
    pub async fn add(&self, contact: &ContactIn) -> Result<ContactIds, ClientError> {
        self.call(Op::Add(Box::new(contact.clone())), Retry::Never)
            .await
    }

    /// `contact.update`: the fields `fields` carries; an empty one clears.
    pub async fn update(
        &self,
        contact: ContactRef,
        fields: &ContactIn,
    ) -> Result<ContactIds, ClientError> {
        let op = Op::Update(contact, Box::new(fields.clone()));
        self.call(op, Retry::Never).await
    }

    /// `contact.updateCustomData`: custom field values only.
    pub async fn update_custom_data(
        &self,
        contact: ContactRef,
        values: &[CustomValueIn],
    ) -> Result<ContactIds, ClientError> {
        let op = Op::UpdateCustomData(contact, values.to_vec());
        self.call(op, Retry::Never).await
    }

    /// `contact.updateContractors`: the companies the contact belongs to.
    pub async fn update_contractors(
        &self,
        contact: ContactRef,
        change: &ContractorsIn,
    ) -> Result<ContactIds, ClientError> {
        let op = Op::UpdateContractors(contact, change.clone());
        self.call(op, Retry::Never).await
    }

    /// `contact.managePlanfixAccess`: grants or withdraws the contact's login.
    pub async fn manage_access(
        &self,
        contact: ContactRef,
        grant: bool,
        email: Option<&str>,
    ) -> Result<AccessChanged, ClientError> {
        let op = Op::ManageAccess {
            contact,
            grant,
            email: email.map(str::to_owned),
        };
        self.call(op, Retry::Never).await
    }

    /// `contact.updateUserInfo`: the status and e-mail of the contact's login.
    pub async fn update_user_info(
        &self,
        contact: ContactRef,
        user: &UserInfoIn,
    ) -> Result<ContactIds, ClientError> {
        let op = Op::UpdateUserInfo(contact, user.clone());
        self.call(op, Retry::Never).await
    }

    /// `contact.getPhoneTypes`: the phone types `typeId` names.
    pub async fn phone_types(&self) -> Result<PhoneTypes, ClientError> {
        self.call(Op::GetPhoneTypes, Retry::Once).await
    }

    /// `contact.getGroupList`: the contact groups.
    pub async fn group_list(&self) -> Result<GroupList, ClientError> {
        self.call(Op::GetGroupList, Retry::Once).await
    }

    /// `contact.delete`: the contact; one with deals is refused with `8004`.
    pub async fn delete(&self, contact: ContactRef) -> Result<Deleted, ClientError> {
        self.call(Op::Delete(contact), Retry::Never).await
    }
}

/// Names no secret: the sid only as held or not.
impl std::fmt::Debug for PlanfixClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanfixClient")
            .field("base_url", &self.upstream.base_url())
            .field("credentials", &self.credentials)
            .field("auth", &self.auth)
            .finish_non_exhaustive()
    }
}
