//! The wire calls of each dialect, as a `Session` makes them, and the XML
//! helpers the Planfix answers are read with.

use serde_json::Value;

use super::Session;

impl Session {
    /// POST `body` to Eadesk `path` (below the mount) with the token.
    pub async fn eadesk_post(&self, path: &str, body: Value) -> Value {
        let url = format!(
            "{}/api/clients/person/{path}?token={}",
            self.base,
            text(&self.creds["eadesk"]["token"])
        );
        let response = self.http.post(url).json(&body).send().await.unwrap();
        response.json().await.unwrap()
    }

    /// GET Eadesk `path_and_query` (below the mount) with the token.
    pub async fn eadesk_get(&self, path_and_query: &str) -> Value {
        let sep = if path_and_query.contains('?') {
            '&'
        } else {
            '?'
        };
        let url = format!(
            "{}/api/clients/person/{path_and_query}{sep}token={}",
            self.base,
            text(&self.creds["eadesk"]["token"])
        );
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub(super) fn rest_token(&self) -> String {
        text(&self.creds["rest"]["access_token"])
    }

    /// A REST call on `/rest/client{path}` with the bearer token.
    pub async fn rest(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/rest/client{path}", self.base);
        let mut request = self
            .http
            .request(method, url)
            .bearer_auth(self.rest_token());
        if let Some(body) = body {
            request = request.json(&body);
        }
        request
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap_or(Value::Null)
    }

    /// A SalesMan call: `params` with the login and key, as a PHP form.
    pub async fn salesman(&self, params: &[(&str, &str)]) -> Value {
        let sm = &self.creds["salesman"];
        let (login, apikey) = (text(&sm["login"]), text(&sm["apikey"]));
        let mut form: Vec<(&str, &str)> = vec![("login", &login), ("apikey", &apikey)];
        form.extend_from_slice(params);
        let url = format!("{}/developer/v2/person", self.base);
        let response = self.http.post(url).form(&form).send().await.unwrap();
        response.json().await.unwrap()
    }

    /// A Planfix `method` in the session with `contact` as the `<contact>` body.
    pub async fn planfix_call(&self, method: &str, contact: &str) -> String {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<request method=\"{method}\"><account>{}</account><sid>{}</sid><contact>{contact}</contact></request>",
            text(&self.creds["planfix"]["account"]),
            self.sid.as_deref().expect("auth.login gave no sid")
        );
        self.planfix(&body).await
    }

    pub(super) async fn planfix(&self, body: &str) -> String {
        let url = format!("{}/xml/", self.base);
        let key = text(&self.creds["planfix"]["api_key"]);
        let response = self
            .http
            .post(url)
            .basic_auth(key, Some("X"))
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        response.text().await.unwrap()
    }
}

/// Text as XML character data.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(super) fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The text of the first `<tag>` element, unescaped.
pub fn xml_text(xml: &str, tag: &str) -> Option<String> {
    xml_all(xml, tag).into_iter().next()
}

/// The texts of every `<tag>` element, unescaped.
pub fn xml_all(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else { break };
        out.push(
            after[..end]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        rest = &after[end + close.len()..];
    }
    out
}
