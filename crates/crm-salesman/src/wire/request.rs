//! One HTTP request turned into PHP's `$_REQUEST` plus the credential headers
//! (reference/salesman.md §2; DECISIONS.md "SalesMan").

use axum::body::Body;
use axum::http::{HeaderMap, Request, header};
use crm_http::body::read_body;
use crm_http::params::{ParamLimits, insert_pair, parse_query};
use crm_http::{Limits, Param, ParamMap, ParamsError};
use serde_json::Value;

use crate::error::SalesmanError;
use bytes::Bytes;
use crm_http::multipart::{MultipartError, text_fields};

/// The parameters of a call and the credentials sent as headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRequest {
    /// Query and body parameters merged, the body winning.
    pub params: ParamMap,
    /// The `apikey` header (JSON mode), when sent.
    pub header_apikey: Option<String>,
    /// The `login` header (JSON mode), when sent.
    pub header_login: Option<String>,
}

/// Reads the query string and the body, bounded by `limits`.
pub async fn read(request: Request<Body>, limits: &Limits) -> Result<RawRequest, SalesmanError> {
    let (parts, body) = request.into_parts();
    let bounds = ParamLimits::from(limits);
    let mut params = match parts.uri.query() {
        Some(q) => parse_query(q.as_bytes(), bounds).map_err(invalid)?,
        None => ParamMap::new(),
    };
    // add.list carries many persons in one body: the bulk limit applies.
    let body = read_body(body, limits.bulk_body).await?;
    let content_type =
        header_text(&parts.headers, header::CONTENT_TYPE.as_str()).unwrap_or_default();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let from_body = match essence.as_str() {
        "application/json" => json_params(&body, bounds)?,
        "multipart/form-data" => multipart_params(body.clone(), &content_type, bounds)?,
        "" | "application/x-www-form-urlencoded" => parse_query(&body, bounds).map_err(invalid)?,
        // PHP fills $_POST only from the two form types; other bodies are ignored.
        _ => ParamMap::new(),
    };
    params.merge_over(from_body);
    Ok(RawRequest {
        params,
        header_apikey: header_text(&parts.headers, "apikey"),
        header_login: header_text(&parts.headers, "login"),
    })
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| String::from_utf8(v.as_bytes().to_vec()).ok())
}

/// The transport's limits, told in the API's language.
fn invalid(err: ParamsError) -> SalesmanError {
    SalesmanError::Invalid(match err {
        ParamsError::TooManyPairs(max) => format!("больше {max} параметров"),
        ParamsError::TooDeep { key, max } => {
            format!("параметр {key} вложен глубже {max} уровней")
        }
        ParamsError::NotUtf8(key) => format!("параметр {key} не в кодировке UTF-8"),
    })
}

fn multipart_params(
    body: Bytes,
    content_type: &str,
    bounds: ParamLimits,
) -> Result<ParamMap, SalesmanError> {
    let fields = text_fields(content_type, body, bounds.max_pairs).map_err(|err| {
        SalesmanError::Invalid(match err {
            MultipartError::NoBoundary => "в Content-Type нет границы multipart".to_owned(),
            MultipartError::TooManyFields(max) => format!("больше {max} параметров"),
            MultipartError::Malformed(_) => "испорченное тело multipart".to_owned(),
        })
    })?;
    let mut map = ParamMap::new();
    for (name, value) in fields {
        insert_pair(&mut map, &name, Param::Str(value), bounds).map_err(invalid)?;
    }
    Ok(map)
}

/// reference/salesman.md §2: a body that is not a JSON object leaves the
/// parameters empty, so the call ends in 400 or 402 as in the original.
fn json_params(body: &[u8], bounds: ParamLimits) -> Result<ParamMap, SalesmanError> {
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) else {
        return Ok(ParamMap::new());
    };
    let mut leaves = 0usize;
    let mut map = ParamMap::new();
    for (key, value) in object {
        if let Some(param) = json_param(&key, value, 0, bounds, &mut leaves)? {
            map.insert(key, param);
        }
    }
    Ok(map)
}

/// PHP's view of a decoded JSON value: numbers as their text, `true` as "1",
/// `false` as "", `null` absent.
fn json_param(
    key: &str,
    value: Value,
    depth: usize,
    bounds: ParamLimits,
    leaves: &mut usize,
) -> Result<Option<Param>, SalesmanError> {
    let nested = |items: Vec<(String, Value)>, leaves: &mut usize| {
        if depth >= bounds.max_depth {
            return Err(invalid(ParamsError::TooDeep {
                key: key.chars().take(64).collect(),
                max: bounds.max_depth,
            }));
        }
        let mut map = ParamMap::new();
        for (k, v) in items {
            if let Some(p) = json_param(key, v, depth + 1, bounds, leaves)? {
                map.insert(k, p);
            }
        }
        Ok(Some(Param::Map(map)))
    };
    let scalar = match value {
        Value::Null => return Ok(None),
        Value::Bool(b) => if b { "1" } else { "" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s,
        Value::Array(items) => {
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect();
            return nested(items, leaves);
        }
        Value::Object(object) => return nested(object.into_iter().collect(), leaves),
    };
    *leaves += 1;
    if *leaves > bounds.max_pairs {
        return Err(invalid(ParamsError::TooManyPairs(bounds.max_pairs)));
    }
    Ok(Some(Param::Str(scalar)))
}
