//! What `GET read?id={id}` answers a caller, byte for byte, for showing
//! beside the other dialects' reads of the same client.

use axum::response::{IntoResponse, Response};
use crm_core::{ClientId, Crm, Principal, SearchLimits};

use crate::error::EadeskError;
use crate::handler;
use crate::op::{Op, Route};
use crate::wire::Params;

/// The answer to `who`'s read of client `id`, as the dialect writes it.
pub async fn client(crm: &Crm, who: Principal, id: ClientId) -> Response {
    match answer(crm, who, id).await {
        Ok(answer) => answer,
        Err(err) => err.into_response(),
    }
}

async fn answer(crm: &Crm, who: Principal, id: ClientId) -> Result<Response, EadeskError> {
    let params = Params::parse(&format!("id={id}"), 1)?;
    let op = Op::parse(Route::Read, &params, b"", &SearchLimits::default())?;
    handler::run(crm, who, op).await
}
