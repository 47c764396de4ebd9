//! What `contact.get` answers a caller, byte for byte, for showing beside
//! the other dialects' reads of the same client.

use axum::response::Response;
use crm_core::{ClientId, Crm, Principal};

/// The answer to `who`'s `contact.get` of client `id` in account
/// `account_name`, as the dialect writes it.
pub async fn client(crm: &Crm, who: Principal, account_name: &str, id: ClientId) -> Response {
    crate::handler::contact_get(crm, who, account_name, id).await
}
