//! The side that calls a real Yii2-style REST service: each documented call
//! written with the wire types the server reads, sent through a
//! [`crm_http::client::Upstream`], its answer read with the wire types the
//! server writes.

mod credentials;
mod error;
mod list;

use std::collections::HashSet;

use crm_http::client::{Call, Retry, Upstream, UpstreamError};
use http::Method;

pub use credentials::Credentials;
pub use error::{ClientError, Refusal};
pub use list::{ListRequest, Page};

use crate::MOUNT;
use crate::op::Render;
use crate::wire::{Client, Fields, Items, PageHeaders};

const JSON: &str = "application/json";

/// A client of one account of a real REST service. The token travels as
/// the `access-token` query parameter: the spec's own `Link` examples carry
/// it so (`?access-token=<auth-key>&page=1`), and reference/yii.md §3 finds
/// `QueryParamAuth` the CRM's likely setup; `Authorization: Bearer` is
/// only Yii's default, unconfirmed for the CRM.
#[derive(Debug, Clone)]
pub struct RestClient {
    upstream: Upstream,
    credentials: Credentials,
}

impl RestClient {
    /// A client calling `upstream` (its base URL is the service's,
    /// `https://crm.example`) as `credentials`.
    pub fn new(upstream: Upstream, credentials: Credentials) -> Self {
        Self {
            upstream,
            credentials,
        }
    }

    /// `GET /rest/client`: one page and its pagination headers.
    pub async fn list(&self, request: &ListRequest) -> Result<Page, ClientError> {
        let path = request.to_path(self.token());
        self.page(Call::new(Method::GET, path, Retry::Once)).await
    }

    /// Every client `request` lists, from its page on: each page's
    /// `rel=next` link is followed until there is none. A client moved onto
    /// a later page by a write meanwhile is kept once; one moved back onto
    /// a page already read is missed, so a stable `sort` (`id`) is safest.
    pub async fn list_all(&self, request: &ListRequest) -> Result<Vec<Client>, ClientError> {
        let mut page = self.list(request).await?;
        let mut seen = HashSet::new();
        let mut clients = Vec::new();
        loop {
            let current = page.headers.current_page;
            for item in page.items {
                // Only a drawn `id` tells two items apart (`fields` may leave it out).
                if item.id().is_none_or(|id| seen.insert(id)) {
                    clients.push(item);
                }
            }
            let Some(next) = self.next_page(&page.headers)? else {
                return Ok(clients);
            };
            page = self.page(Call::new(Method::GET, next, Retry::Once)).await?;
            // A next link that does not advance, or runs past the count the
            // page gives, would never end.
            let headers = &page.headers;
            if headers.current_page <= current || headers.current_page > headers.page_count {
                return Err(ClientError::Unreadable(
                    "the REST service's next page links do not advance".to_owned(),
                ));
            }
        }
    }

    /// `GET /rest/client/<id>`.
    pub async fn view(&self, id: i64, render: &Render) -> Result<Client, ClientError> {
        let call = Call::new(Method::GET, self.one(Some(id), render), Retry::Once);
        self.send(&call, "a view").await
    }

    /// `POST /rest/client`: the created client, drawn as `render` asks.
    pub async fn create(&self, fields: &Fields, render: &Render) -> Result<Client, ClientError> {
        let call = Call::new(Method::POST, self.one(None, render), Retry::Never);
        self.send(&with_json(call, fields)?, "a create").await
    }

    /// `PUT /rest/client/<id>`: only the attributes in `fields` change.
    pub async fn update(
        &self,
        id: i64,
        fields: &Fields,
        render: &Render,
    ) -> Result<Client, ClientError> {
        let call = Call::new(Method::PUT, self.one(Some(id), render), Retry::Never);
        self.send(&with_json(call, fields)?, "an update").await
    }

    /// `DELETE /rest/client/<id>`. The spec answers 200, Yii 204; the body
    /// is empty (Yii 2.0.12) or `null` (later Yii).
    pub async fn delete(&self, id: i64) -> Result<(), ClientError> {
        let path = self.one(Some(id), &Render::default());
        let answer = self
            .upstream
            .send(&Call::new(Method::DELETE, path, Retry::Never))
            .await?;
        if !answer.status.is_success() {
            return Err(error::refusal(&answer, "a delete", self.token()));
        }
        match answer.body.trim_ascii() {
            b"" | b"null" | br#"{"response":null}"# => Ok(()),
            _ => Err(error::unreadable(&answer, "a delete", "a body")),
        }
    }

    fn token(&self) -> &str {
        self.credentials.access_token()
    }

    /// The path of the collection or of client `id`, with the token and `render`.
    fn one(&self, id: Option<i64>, render: &Render) -> String {
        let target = id.map_or_else(|| MOUNT.to_owned(), |id| format!("{MOUNT}/{id}"));
        let token = crm_http::php_query::urlencode(self.token());
        match render.to_query() {
            render if render.is_empty() => format!("{target}?access-token={token}"),
            render => format!("{target}?access-token={token}&{render}"),
        }
    }

    /// The path of the next page, when there is one.
    fn next_page(&self, headers: &PageHeaders) -> Result<Option<String>, ClientError> {
        let Some(link) = headers.links.iter().find(|link| link.rel == "next") else {
            return Ok(None);
        };
        list::below_base(&link.url, self.upstream.base_url())
            .map(Some)
            .ok_or_else(|| {
                ClientError::Unreadable(
                    "the REST service's next page link leaves the list".to_owned(),
                )
            })
    }

    async fn page(&self, call: Call) -> Result<Page, ClientError> {
        let answer = self.upstream.send(&call).await?;
        let items: Items<Client> = error::read(&answer, "a list", self.token())?;
        let headers = PageHeaders::parse(&answer.headers)
            .map_err(|e| error::unreadable(&answer, "a list", &e.to_string()))?;
        Ok(Page {
            items: items.items,
            headers,
        })
    }

    async fn send(&self, call: &Call, what: &str) -> Result<Client, ClientError> {
        let answer = self.upstream.send(call).await?;
        error::read(&answer, what, self.token())
    }
}

/// `call` with `fields` as its JSON body, which our own wire type always
/// writes; a failure would be a bug, told as a call that cannot be sent.
fn with_json(call: Call, fields: &Fields) -> Result<Call, ClientError> {
    let body = fields
        .to_json()
        .map_err(|_| UpstreamError::Malformed("the request body did not serialize".to_owned()))?;
    Ok(call.with_body(JSON, body))
}
