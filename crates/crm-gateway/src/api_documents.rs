//! The API documents, served as written in `api/`: OpenAPI 3.1 for the three
//! JSON dialects, an XML Schema for Planfix. Kept true by
//! `tests/api_documents.rs`, `tests/planfix_xsd.rs` and schemathesis in
//! `.ci/run`.

use axum::Router;
use axum::http::header;
use axum::routing::get;

const EADESK: &str = include_str!("../api/openapi/eadesk.json");
const REST: &str = include_str!("../api/openapi/rest.json");
const SALESMAN: &str = include_str!("../api/openapi/salesman.json");
const PLANFIX: &str = include_str!("../api/planfix.xsd");

/// `GET /openapi/{eadesk,rest,salesman}.json` and `GET /openapi/planfix.xsd`.
pub fn router() -> Router {
    let json = |text: &'static str| {
        get(move || async move { ([(header::CONTENT_TYPE, "application/json")], text) })
    };
    Router::new()
        .route("/openapi/eadesk.json", json(EADESK))
        .route("/openapi/rest.json", json(REST))
        .route("/openapi/salesman.json", json(SALESMAN))
        .route(
            "/openapi/planfix.xsd",
            get(|| async { ([(header::CONTENT_TYPE, "application/xml")], PLANFIX) }),
        )
}
