//! A proxy in front of a gateway that rewrites what passes: the request's
//! path and query on the way in, JSON answers on the way out. Tests use it
//! to make a gateway look like a service it is not (an Eadesk with hex ids)
//! or to plant a difference in one dialect's answers.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// What the proxy changes.
pub trait Rewrite: Send + Sync + 'static {
    /// A path segment or a query value of a request, as sent on.
    fn inbound(&self, text: &str) -> String {
        text.to_owned()
    }

    /// A JSON answer to a request for `path`, changed in place.
    fn outbound(&self, path: &str, answer: &mut Value);
}

#[derive(Clone)]
struct Behind {
    base: String,
    client: reqwest::Client,
    rewrite: Arc<dyn Rewrite>,
}

async fn forward(
    State(behind): State<Behind>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let rewrite = &behind.rewrite;
    let path: Vec<String> = uri.path().split('/').map(|s| rewrite.inbound(s)).collect();
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
            .map(|(key, value)| (key.into_owned(), rewrite.inbound(&value)))
            .collect();
    let url = format!("{}{}", behind.base.trim_end_matches('/'), path.join("/"));
    let mut request = behind.client.request(method, url).query(&query).body(body);
    for (name, value) in &headers {
        if !matches!(name.as_str(), "host" | "content-length" | "accept-encoding") {
            request = request.header(name, value);
        }
    }
    let answer = request
        .send()
        .await
        .expect("the gateway behind the proxy answers");
    let status = StatusCode::from_u16(answer.status().as_u16()).expect("a status");
    let kept: Vec<_> = answer
        .headers()
        .iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "content-length" | "transfer-encoding" | "connection"
            )
        })
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    let bytes = answer.bytes().await.expect("an answer body");
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(mut json) => {
            rewrite.outbound(uri.path(), &mut json);
            Bytes::from(serde_json::to_vec(&json).expect("JSON writes"))
        }
        Err(_) => bytes,
    };
    let mut response = (status, body).into_response();
    for (name, value) in kept {
        response.headers_mut().insert(name, value);
    }
    response
}

/// Serves the proxy in front of the gateway at `base` (its root URL); its
/// root URL.
pub async fn serve(base: &str, rewrite: impl Rewrite) -> String {
    let behind = Behind {
        base: base.to_owned(),
        client: reqwest::Client::new(),
        rewrite: Arc::new(rewrite),
    };
    let router = Router::new().fallback(forward).with_state(behind);
    crm_testkit::loopback::loopback(router).await
}

/// Appends `!` to every `description` of an Eadesk answer: one field of one
/// dialect, changed wherever it is answered.
#[derive(Debug, Clone, Copy)]
pub struct EadeskDescription;

impl Rewrite for EadeskDescription {
    fn outbound(&self, path: &str, answer: &mut Value) {
        if path.starts_with("/api/clients/person") {
            mark_descriptions(answer);
        }
    }
}

fn mark_descriptions(value: &mut Value) {
    each_string(value, &mut |key, text| {
        if key == "description" {
            text.push('!');
        }
    });
}

/// Calls `change` with every string field of `value`, at any depth, and
/// its key.
pub fn each_string(value: &mut Value, change: &mut impl FnMut(&str, &mut String)) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|item| each_string(item, change)),
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                match field {
                    Value::String(text) => change(key, text),
                    other => each_string(other, change),
                }
            }
        }
        _ => {}
    }
}
