//! Successful answers: status, headers and body bytes.

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;

use crate::wire::{Person, PersonContact, Wrapped};

/// Express's `res.json` content type, which the original sends.
const JSON: &str = "application/json; charset=utf-8";

/// `value` as a JSON body with `status`. Serializing our own wire types cannot
/// fail; if it ever did, the answer is the generic 500 in the dialect's shape.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let (status, body) = match serde_json::to_vec(value) {
        Ok(body) => (status, body),
        Err(err) => {
            tracing::error!(dialect = "eadesk", %err, "reply did not serialize");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                br#"{"err":"EINTERNAL"}"#.to_vec(),
            )
        }
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
    response
}

/// create: the bare person (reference/eadesk.md §4).
pub fn person(person: &Person) -> Response {
    json(StatusCode::OK, person)
}

/// read: a bare array of persons.
pub fn persons(persons: &[Person]) -> Response {
    json(StatusCode::OK, &persons)
}

/// update: `{"result": person}`.
pub fn updated_person(person: &Person) -> Response {
    json(StatusCode::OK, &Wrapped { result: person })
}

/// contacts/create and contacts/update: `{"result": contact}`.
pub fn contact(contact: &PersonContact) -> Response {
    json(StatusCode::OK, &Wrapped { result: contact })
}

/// contacts/read: `{"result": [contact, ...]}`.
pub fn contacts(contacts: &[PersonContact]) -> Response {
    json(StatusCode::OK, &Wrapped { result: contacts })
}

/// Both deletes: `{"result": true}`.
pub fn deleted() -> Response {
    json(StatusCode::OK, &Wrapped { result: true })
}
