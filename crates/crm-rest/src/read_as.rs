//! What `GET /rest/client/{id}` answers a caller, byte for byte, for
//! showing beside the other dialects' reads of the same client.

use axum::response::{IntoResponse, Response};
use crm_core::{ClientId, Crm, Principal};

use crate::handler;
use crate::op::{Op, PathId, Render};

/// The answer to `who`'s read of client `id`, as the dialect writes it.
pub async fn client(crm: &Crm, who: Principal, id: ClientId) -> Response {
    let path = PathId {
        text: id.to_string(),
        id: Some(id),
    };
    let op = Op::View(path, Render::default());
    match handler::run(crm, who, op, "").await {
        Ok(answer) => answer,
        Err(err) => err.into_response(),
    }
}
