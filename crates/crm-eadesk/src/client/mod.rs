//! The side that calls a real Eadesk service: each documented call written
//! with the wire types the server reads, sent through a
//! [`crm_http::client::Upstream`], its answer read with the wire types the
//! server writes.

mod credentials;
mod error;
mod filter;

use crm_http::client::{Call, Retry, Upstream, UpstreamError};
use http::Method;
use serde::de::DeserializeOwned;

pub use credentials::Credentials;
pub use error::ClientError;
pub use filter::{ContactFilter, PersonFilter};

use crate::MOUNT;
use crate::op::Route;
use crate::wire::{
    ContactInput, ContactUpdateInput, Params, Person, PersonContact, PersonInput, Wrapped,
};

/// What the real client library sends with every call (tests/captures/yeahdesk).
const JSON: &str = "application/json";

/// A client of one account of a real Eadesk service. The token travels as
/// `?token=`, first in the query, as the real clients send it
/// (reference/eadesk.md §1: the official docs, wmakeev/yeahdesk and
/// webmalc/contacts-extractor all do); `Authorization: Bearer` is only
/// "uncertain" there.
#[derive(Debug, Clone)]
pub struct EadeskClient {
    upstream: Upstream,
    credentials: Credentials,
}

impl EadeskClient {
    /// A client calling `upstream` (its base URL is the one the service's
    /// own clients get, `https://app.yeahdesk.ru`) as `credentials`.
    pub fn new(upstream: Upstream, credentials: Credentials) -> Self {
        Self {
            upstream,
            credentials,
        }
    }

    /// `POST create`: the new person.
    pub async fn create_person(&self, input: &PersonInput) -> Result<Person, ClientError> {
        self.write(Route::Create, input.to_json()).await
    }

    /// `GET read`: the persons `filter` matches, in the service's order.
    pub async fn read_persons(&self, filter: &PersonFilter) -> Result<Vec<Person>, ClientError> {
        self.read(Route::Read, filter.write(self.params())).await
    }

    /// `POST update/:id`: the person as updated. The service replaces the
    /// whole record: a field `input` leaves out becomes empty.
    pub async fn update_person(
        &self,
        id: &str,
        input: &PersonInput,
    ) -> Result<Person, ClientError> {
        let route = Route::Update(id.to_owned());
        self.write_wrapped(route, input.to_json()).await
    }

    /// `POST delete/:id`: the person is marked deleted.
    pub async fn delete_person(&self, id: &str) -> Result<(), ClientError> {
        self.delete(Route::Delete(id.to_owned())).await
    }

    /// `POST contacts/create/:contact_id`: a new contact datum of `person`.
    pub async fn create_contact(
        &self,
        person: &str,
        input: &ContactInput,
    ) -> Result<PersonContact, ClientError> {
        let route = Route::ContactCreate(person.to_owned());
        self.write_wrapped(route, input.to_json()).await
    }

    /// `GET contacts/read`: the contact data `filter` matches.
    pub async fn read_contacts(
        &self,
        filter: &ContactFilter,
    ) -> Result<Vec<PersonContact>, ClientError> {
        let params = filter.write(self.params());
        let wrapped: Wrapped<Vec<PersonContact>> = self.read(Route::ContactRead, params).await?;
        Ok(wrapped.result)
    }

    /// `POST contacts/update/:id`: the contact datum as updated.
    pub async fn update_contact(
        &self,
        id: &str,
        input: &ContactUpdateInput,
    ) -> Result<PersonContact, ClientError> {
        let route = Route::ContactUpdate(id.to_owned());
        self.write_wrapped(route, input.to_json()).await
    }

    /// `POST contacts/delete/:id`: the contact datum is marked deleted.
    pub async fn delete_contact(&self, id: &str) -> Result<(), ClientError> {
        self.delete(Route::ContactDelete(id.to_owned())).await
    }

    /// The query every call starts with: the token first, as the real
    /// client library puts it.
    fn params(&self) -> Params {
        Params::default().with("token", self.credentials.token())
    }

    fn call(&self, method: Method, route: &Route, params: &Params, retry: Retry) -> Call {
        let path = format!("{MOUNT}{}?{}", route.to_path(), params.to_query());
        Call::new(method, path, retry)
    }

    async fn read<T: DeserializeOwned>(
        &self,
        route: Route,
        params: Params,
    ) -> Result<T, ClientError> {
        let call = self.call(Method::GET, &route, &params, Retry::Once);
        self.send(&route, call).await
    }

    /// A POST of `body`, which our own wire types always serialize; a
    /// failure would be a bug, told as a call that cannot be sent.
    async fn write<T: DeserializeOwned>(
        &self,
        route: Route,
        body: Result<String, serde_json::Error>,
    ) -> Result<T, ClientError> {
        let body = body.map_err(|_| {
            UpstreamError::Malformed("the request body did not serialize".to_owned())
        })?;
        let call = self.call(Method::POST, &route, &self.params(), Retry::Never);
        self.send(&route, call.with_body(JSON, body)).await
    }

    /// A write answered `{"result": ...}` (reference/eadesk.md §4).
    async fn write_wrapped<T: DeserializeOwned>(
        &self,
        route: Route,
        body: Result<String, serde_json::Error>,
    ) -> Result<T, ClientError> {
        let wrapped: Wrapped<T> = self.write(route, body).await?;
        Ok(wrapped.result)
    }

    /// Deletes are POSTs with no body (reference/eadesk.md §2), answered
    /// `{"result": true}`.
    async fn delete(&self, route: Route) -> Result<(), ClientError> {
        if self.write_wrapped(route, Ok(String::new())).await? {
            Ok(())
        } else {
            Err(ClientError::Unreadable(
                "the answer to a delete is {\"result\": false}".to_owned(),
            ))
        }
    }

    async fn send<T: DeserializeOwned>(&self, route: &Route, call: Call) -> Result<T, ClientError> {
        let answer = self.upstream.send(&call).await?;
        error::read(&answer, &route.to_path(), self.credentials.token())
    }
}
