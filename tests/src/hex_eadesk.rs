//! An Eadesk that names its records by 24 hex digits, as the real one does:
//! a gateway playing Eadesk behind a rewrite of every id, decimal to hex on
//! the way out and back on the way in. The gateway's own filters, pages and
//! errors answer; only the ids look as the real service's.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// The hex prefix of every id; what follows is the decimal id in hex.
const PREFIX: &str = "5f1d7a3c9b1e";

/// An id as the hex Eadesk names it.
pub fn hex(decimal: &str) -> Option<String> {
    let n: u64 = decimal.parse().ok()?;
    Some(format!("{PREFIX}{n:012x}"))
}

/// The gateway's id for a hex id; anything else passes as it is.
fn decimal(text: &str) -> String {
    text.strip_prefix(PREFIX)
        .filter(|rest| rest.len() == 12)
        .and_then(|rest| u64::from_str_radix(rest, 16).ok())
        .map_or_else(|| text.to_owned(), |n| n.to_string())
}

const ID_KEYS: &[&str] = &["_id", "id", "contact_id", "accountId"];

fn to_hex(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(to_hex),
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                match field {
                    Value::String(id) if ID_KEYS.contains(&key.as_str()) => {
                        if let Some(hex) = hex(id) {
                            *id = hex;
                        }
                    }
                    other => to_hex(other),
                }
            }
        }
        _ => {}
    }
}

#[derive(Clone)]
struct Behind {
    base: String,
    client: reqwest::Client,
}

async fn forward(State(behind): State<Behind>, method: Method, uri: Uri, body: Bytes) -> Response {
    let path: Vec<String> = uri.path().split('/').map(decimal).collect();
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
            .map(|(key, value)| (key.into_owned(), decimal(&value)))
            .collect();
    let url = format!("{}{}", behind.base.trim_end_matches('/'), path.join("/"));
    let answer = behind
        .client
        .request(method, url)
        .query(&query)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("the gateway behind the hex Eadesk answers");
    let status = StatusCode::from_u16(answer.status().as_u16()).expect("a status");
    let bytes = answer.bytes().await.expect("an answer body");
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(mut json) => {
            to_hex(&mut json);
            (status, axum::Json(json)).into_response()
        }
        Err(_) => (status, bytes).into_response(),
    }
}

/// Serves the hex Eadesk in front of the gateway at `base` (its root URL);
/// its root URL.
pub async fn serve(base: &str) -> String {
    let behind = Behind {
        base: base.to_owned(),
        client: reqwest::Client::new(),
    };
    let router = Router::new().fallback(forward).with_state(behind);
    crm_testkit::loopback::loopback(router).await
}
