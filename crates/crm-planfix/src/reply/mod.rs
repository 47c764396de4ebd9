//! Every byte the dialect answers: success and error documents as HTTP
//! responses, always status 200 (reference/planfix.md §1),
//! `application/xml; charset=utf-8`, and the bodies inside them.

mod bodies;
mod contact;

pub use bodies::{
    access_changed, client_ids, contact, contacts_page, deleted, groups, phone_types, session,
};
pub use contact::OutContext;

use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

use crate::error::PlanfixError;
use crate::wire::writer::document;
use crate::wire::{Failure, Xml};

const CONTENT_TYPE: &str = "application/xml; charset=utf-8";

/// `<response status="ok">BODY</response>`.
pub fn ok(body: Xml) -> Response {
    bytes(StatusCode::OK, document("ok", &body.into_string()))
}

/// `<response status="error"><code/><message/></response>` with HTTP 200.
pub fn error(err: &PlanfixError) -> Response {
    error_with_status(StatusCode::OK, err)
}

/// An error document with another HTTP status (unknown paths: 404).
pub fn error_with_status(status: StatusCode, err: &PlanfixError) -> Response {
    let answer = bytes(status, Failure::from(err).to_document());
    crm_http::outcome::failed(answer, err.code())
}

fn bytes(status: StatusCode, text: String) -> Response {
    (status, [(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response()
}
