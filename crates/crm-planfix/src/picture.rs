//! `userPic` pictures served back by URL, as Planfix does with
//! `?action=getuserpic&id=…&h=<32 hex>` (reference/planfix.md §7.4). The
//! `h` is md5 of the id and the account's private key, so the URL works
//! without credentials but cannot be forged for another id.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use crm_core::ClientId;
use crm_http::params::parse_query;
use http::{StatusCode, Uri, header};
use subtle::ConstantTimeEq;

use crate::Dialect;
use crate::auth::PRIVATE_KEY;
use crate::error::PlanfixError;
use crate::map::image_type;
use crate::reply;
use crate::signature::sign;

/// Where pictures of one account are served.
#[derive(Debug, Clone, Default)]
pub struct PictureLinks {
    /// `http://host/xml/userpic`.
    pub base: String,
    /// The account's name.
    pub account: String,
    /// The account's private key.
    pub key: String,
}

impl PictureLinks {
    /// The picture URL of a client.
    pub fn url(&self, id: ClientId) -> String {
        format!(
            "{}/{id}?account={}&h={}",
            self.base,
            self.account,
            token(id, &self.key)
        )
    }
}

fn token(id: ClientId, key: &str) -> String {
    sign(&format!("userpic:{id}:"), key)
}

/// `GET /xml/userpic/{id}?account=…&h=…`: the picture bytes, or the
/// dialect's 404 document.
pub async fn serve(State(dialect): State<Dialect>, uri: Uri) -> Response {
    match picture(&dialect, &uri).await {
        Ok(Some((bytes, media))) => ([(header::CONTENT_TYPE, media)], bytes).into_response(),
        Ok(None) => reply::error_with_status(StatusCode::NOT_FOUND, &PlanfixError::ContactNotFound),
        Err(err) => reply::error_with_status(StatusCode::NOT_FOUND, &err),
    }
}

async fn picture(
    dialect: &Dialect,
    uri: &Uri,
) -> Result<Option<(Vec<u8>, &'static str)>, PlanfixError> {
    let Some(id) = uri
        .path()
        .rsplit('/')
        .next()
        .and_then(|s| s.parse::<i64>().ok())
    else {
        return Ok(None);
    };
    let Ok(query) = parse_query(uri.query().unwrap_or("").as_bytes(), dialect.params) else {
        return Ok(None);
    };
    let (Some(account), Some(h)) = (query.get_str("account"), query.get_str("h")) else {
        return Ok(None);
    };
    let Some(account) = dialect.crm.account_by_name(account).await? else {
        return Ok(None);
    };
    let key = dialect.crm.account_secret(account.id, PRIVATE_KEY).await?;
    let expected = token(ClientId(id), &key);
    if !bool::from(expected.as_bytes().ct_eq(h.to_ascii_lowercase().as_bytes())) {
        return Ok(None);
    }
    let bytes = dialect
        .crm
        .published_avatar(account.id, ClientId(id))
        .await?;
    Ok(bytes.map(|b| {
        let media = image_type(&b).unwrap_or("application/octet-stream");
        (b, media)
    }))
}
