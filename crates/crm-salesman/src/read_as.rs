//! What `action=info&pid={id}` answers a caller, byte for byte, for showing
//! beside the other dialects' reads of the same client.

use axum::response::{IntoResponse, Response};
use crm_core::{ClientId, Crm, Principal, User};
use crm_http::Limits;
use crm_http::params::{ParamLimits, parse_query};

use crate::auth::Caller;
use crate::error::SalesmanError;
use crate::handler;
use crate::op::Op;
use crate::reply;

/// The answer to `user`'s `info` of client `id`, as the dialect writes it.
pub async fn client(crm: &Crm, who: Principal, user: User, id: ClientId) -> Response {
    let caller = Caller { who, user };
    match answer(crm, &caller, id).await {
        Ok(answer) => answer,
        Err(err) => err.into_response(),
    }
}

async fn answer(crm: &Crm, caller: &Caller, id: ClientId) -> Result<Response, SalesmanError> {
    let query = format!("action=info&pid={id}");
    let params = parse_query(query.as_bytes(), ParamLimits::from(&Limits::default()))
        .map_err(|_| SalesmanError::Internal)?;
    let op = Op::parse(&params)?;
    let body = handler::dispatch(crm, caller, op).await?;
    Ok(reply::json(&body.to_value()))
}
