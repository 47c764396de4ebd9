//! One function a target. Each reads the bytes as a client's request (or
//! pattern, or file) and runs the parsers the gateway runs on it, in its
//! order; where the parse has a property, it is asserted.

use crm_core::{SearchLimits, SearchPattern};
use crm_http::Limits;
use crm_http::params::{ParamLimits, parse_query};

use crate::request::Request;

fn bounds() -> ParamLimits {
    ParamLimits::from(&Limits::default())
}

/// Eadesk: the route, the query, the JSON body. A route a client writes
/// (`Route::to_path`) is read back as the same route.
pub fn eadesk_request(data: &[u8]) {
    use crm_eadesk::op::{Op, Route};
    use crm_eadesk::wire::Params;
    let Some(request) = Request::read(data) else {
        return;
    };
    let Some(rest) = request.path.strip_prefix(crm_eadesk::MOUNT) else {
        return;
    };
    let Some(route) = Route::parse(&request.method, rest) else {
        return;
    };
    let again = Route::parse(&request.method, &route.to_path());
    assert_eq!(
        again.as_ref(),
        Some(&route),
        "{route:?} written as {}",
        route.to_path()
    );
    let Ok(params) = Params::parse(&request.query, Limits::default().max_pairs) else {
        return;
    };
    let body = if route.has_body() { request.body } else { b"" };
    let _ = Op::parse(route, &params, body, &SearchLimits::default());
}

/// REST: the target, the verb, the query, the body in whichever encoding
/// the Content-Type names.
pub fn rest_request(data: &[u8]) {
    use crm_rest::op::{Action, Op, Target};
    use crm_rest::pagination::QueryPairs;
    use crm_rest::wire::input::{Encoding, Input};
    let Some(request) = Request::read(data) else {
        return;
    };
    let Some(target) = request
        .path
        .strip_prefix(crm_rest::MOUNT)
        .and_then(Target::parse)
    else {
        return;
    };
    if let Target::One(path) = &target
        && let Some(id) = path.id
    {
        assert_eq!(path.text.parse::<i64>().ok(), Some(id.get()), "{path:?}");
    }
    let action = Action::select(&request.method, target);
    let Ok(query) = parse_query(request.query.as_bytes(), bounds()) else {
        return;
    };
    let input = if action.has_body() {
        Encoding::of(request.header("content-type"), request.body)
            .and_then(|encoding| Input::parse(encoding, request.body, bounds()))
    } else {
        Ok(Input::default())
    };
    let pairs = QueryPairs::from_params(&query);
    let _ = pairs.for_page(2, 20);
    let _ = Op::parse(action, &query, pairs, input);
}

/// SalesMan: the query string and a form body, each as the parameters of
/// one call (the script reads both).
pub fn salesman_request(data: &[u8]) {
    let Some(request) = Request::read(data) else {
        return;
    };
    for raw in [request.query.as_bytes(), request.body] {
        if let Ok(params) = parse_query(raw, bounds()) {
            let _ = crm_salesman::op::action_name(&params);
            let _ = crm_salesman::op::Op::parse(&params);
        }
    }
}

/// Planfix: the body decoded as the dialect decodes it, the XML tree, the
/// method and its call, and the signature a client would compute.
pub fn planfix_xml(data: &[u8]) {
    use crm_planfix::op::{Method, Op};
    use crm_planfix::wire::tree;
    let Ok(text) = tree::decode_body(data, Some("windows-1251")) else {
        return;
    };
    let Ok(root) = tree::parse(&text, tree::TreeLimits::default()) else {
        return;
    };
    let signed = crm_planfix::signature::sign_document(&text, "private");
    let again = crm_planfix::signature::sign_document(&text, "private");
    assert_eq!(signed.ok(), again.ok(), "one document, one signature");
    let Some(name) = root.attr("method") else {
        return;
    };
    if let Ok(method) = Method::parse(name) {
        let _ = Op::parse(method, &root);
    }
}

/// The search's regular expression (first line) over texts (the other
/// lines): whatever the index prefilter says every match must contain, a
/// text the expression matches contains.
pub fn search_regex(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let Some(pattern) = lines.next() else {
        return;
    };
    let Ok(search) = SearchPattern::new(pattern, &SearchLimits::default()) else {
        return;
    };
    for haystack in lines {
        if search.is_match(haystack) {
            assert!(
                holds(search.required(), haystack),
                "{pattern:?} matches {haystack:?}, which lacks {:?}",
                search.required()
            );
        }
    }
}

fn holds(required: &crm_core::Required, text: &str) -> bool {
    use crm_core::Required;
    match required {
        Required::Nothing => true,
        Required::Text(part) => text.contains(part.as_str()),
        Required::All(parts) => parts.iter().all(|p| holds(p, text)),
        Required::AnyOf(parts) => parts.iter().any(|p| holds(p, text)),
    }
}

/// The configuration file, read and checked as `serve` reads it.
pub fn config_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = toml::from_str::<crm_gateway::Config>(text) {
        let _ = config.check();
    }
}
