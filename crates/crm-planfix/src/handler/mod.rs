//! The entry: checks in the order the original runs them (API key, XML,
//! account, method, signature, session; reference/planfix.md §5), then one
//! exhaustive match over the call.

use axum::body::Body;
use axum::extract::State;
use axum::response::Response;
use crm_core::{CatalogueKind, Client, ClientId, ClientPatch, Crm, Principal, Role, Visibility};
use crm_http::base_url::base_url;
use crm_http::body::read_body;
use http::{HeaderMap, StatusCode, Uri, header};

use crate::error::PlanfixError;
use crate::map;
use crate::op::{ContactRef, Method, Op};
use crate::picture::PictureLinks;
use crate::reply::OutContext;
use crate::wire::{Xml, tree};
use crate::{Dialect, auth, reply, signature};

mod access;
mod companies;

/// `POST` (or `GET` with a body) on `/xml` and `/xml/`.
pub async fn entry(
    State(dialect): State<Dialect>,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let mut method = None;
    let answer = match serve(&dialect, &uri, &headers, body, &mut method).await {
        Ok(xml) => reply::ok(xml),
        Err(err) => reply::error(&err),
    };
    crm_http::outcome::answered(answer, method)
}

/// Another HTTP verb on the API path: 405 with a Planfix error document.
pub async fn wrong_verb() -> Response {
    reply::error_with_status(
        StatusCode::METHOD_NOT_ALLOWED,
        &PlanfixError::NotImplemented("use POST".to_owned()),
    )
}

/// A path under `/xml/` that is not the API: 404 with a Planfix error document.
pub async fn unknown_path() -> Response {
    reply::error_with_status(StatusCode::NOT_FOUND, &PlanfixError::UnknownMethod)
}

/// Serves the request, naming its method in `named` once it is parsed.
async fn serve(
    dialect: &Dialect,
    uri: &Uri,
    headers: &HeaderMap,
    body: Body,
    named: &mut Option<&'static str>,
) -> Result<Xml, PlanfixError> {
    let basic = auth::basic(headers)?;
    let account = auth::key_account(&dialect.crm, &basic).await?;
    let bytes = read_body(body, dialect.body_limit).await?;
    let charset = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(tree::content_type_charset);
    let text = tree::decode_body(&bytes, charset)?;
    let root = tree::parse(&text, dialect.tree)?;
    if root.name != "request" {
        return Err(PlanfixError::MalformedXml(
            "the root element must be <request>".to_owned(),
        ));
    }
    let account_name = auth::check_account(&dialect.crm, &root, account).await?;
    let method_name = root.attr("method").ok_or(PlanfixError::UnknownMethod)?;
    let method = Method::parse(method_name)?;
    *named = Some(method.name());
    // reference/planfix.md §3: absent or empty is fine, present must match.
    if let Some(given) = root.non_empty("signature") {
        let key = dialect
            .crm
            .account_secret(account, auth::PRIVATE_KEY)
            .await?;
        if !signature::verify(&root, method_name, &key, given) {
            return Err(PlanfixError::BadSignature);
        }
    }
    if method == Method::Login {
        let Op::Login { login, password } = Op::parse(method, &root)? else {
            return Err(PlanfixError::Internal);
        };
        let sid = auth::login(&dialect.crm, account, &login, &password).await?;
        return Ok(reply::session(&sid));
    }
    let who = auth::principal(&dialect.crm, &root, account, &basic).await?;
    let op = Op::parse(method, &root)?;
    let call = Call {
        crm: &dialect.crm,
        who,
        account_name,
        uri,
        headers,
    };
    call.run(op).await
}

/// What `contact.get` of client `id` answers `who` of account
/// `account_name`, byte for byte.
pub(crate) async fn contact_get(
    crm: &Crm,
    who: Principal,
    account_name: &str,
    id: ClientId,
) -> Response {
    let (uri, headers) = (Uri::from_static("/xml/"), HeaderMap::new());
    let call = Call {
        crm,
        who,
        account_name: account_name.to_owned(),
        uri: &uri,
        headers: &headers,
    };
    match call.run(Op::Get(ContactRef(id.get()))).await {
        Ok(xml) => reply::ok(xml),
        Err(err) => reply::error(&err),
    }
}

struct Call<'a> {
    crm: &'a Crm,
    who: Principal,
    /// The account's name, for picture URLs.
    account_name: String,
    /// Where the request came in, for picture URLs.
    uri: &'a Uri,
    headers: &'a HeaderMap,
}

impl Call<'_> {
    async fn run(&self, op: Op) -> Result<Xml, PlanfixError> {
        match op {
            Op::Login { .. } => Err(PlanfixError::Internal),
            Op::Add(contact) => {
                let new = map::new_client(&contact)?;
                self.check_fields(new.fields.iter().map(|f| f.number))
                    .await?;
                let client = self.crm.create_client(self.who, crate::ORIGIN, new).await?;
                Ok(reply::client_ids(client.id))
            }
            Op::Update(target, contact) => {
                let current = self.client(target).await?;
                let patch = map::patch(&contact, &current)?;
                self.check_fields(patch.fields.iter().map(|f| f.0)).await?;
                self.update(current.id, &patch).await
            }
            Op::UpdateCustomData(target, values) => {
                let current = self.client(target).await?;
                let patch = ClientPatch {
                    fields: map::field_patches(&values)?,
                    ..ClientPatch::default()
                };
                self.check_fields(patch.fields.iter().map(|f| f.0)).await?;
                self.update(current.id, &patch).await
            }
            Op::Get(target) => {
                let client = self.client(target).await?;
                let clients = std::slice::from_ref(&client);
                self.render(clients, |ctx| reply::contact(&client, ctx))
                    .await
            }
            Op::GetList(list) => self.list(&list).await,
            Op::ManageAccess {
                contact,
                grant,
                email,
            } => self.manage_access(contact, grant, email).await,
            Op::UpdateUserInfo(target, user) => self.update_user_info(target, user).await,
            Op::UpdateContractors(target, change) => self.contractors(target, change).await,
            Op::GetPhoneTypes => Ok(reply::phone_types()),
            Op::GetGroupList => self.groups().await,
            Op::Delete(target) => {
                self.crm
                    .delete_client(self.who, ClientId(target.0), Visibility::LiveOnly)
                    .await?;
                Ok(reply::deleted(ClientId(target.0)))
            }
        }
    }

    /// `contact.getGroupList`: the account's contact groups; an empty list is
    /// self-closed, like an empty page.
    async fn groups(&self) -> Result<Xml, PlanfixError> {
        let groups = self.crm.catalogue(self.who, CatalogueKind::Group).await?;
        Ok(reply::groups(&groups))
    }

    pub(super) async fn client(&self, target: ContactRef) -> Result<Client, PlanfixError> {
        Ok(self
            .crm
            .client(self.who, ClientId(target.0), Visibility::LiveOnly)
            .await?)
    }

    pub(super) async fn update(
        &self,
        id: ClientId,
        patch: &ClientPatch,
    ) -> Result<Xml, PlanfixError> {
        self.crm
            .update_client(self.who, id, Visibility::LiveOnly, crate::ORIGIN, patch)
            .await?;
        Ok(reply::client_ids(id))
    }

    /// customData ids must name fields of the account's registry (`0015`).
    async fn check_fields(&self, numbers: impl Iterator<Item = i64>) -> Result<(), PlanfixError> {
        let numbers: Vec<i64> = numbers.collect();
        if numbers.is_empty() {
            return Ok(());
        }
        let fields = self.crm.fields(self.who).await?;
        match numbers
            .iter()
            .find(|n| !fields.iter().any(|f| f.number == **n))
        {
            Some(unknown) => Err(PlanfixError::InvalidValue(format!(
                "customData/customValue/id: no custom field {unknown}"
            ))),
            None => Ok(()),
        }
    }

    pub(super) async fn is_admin(&self) -> Result<bool, PlanfixError> {
        Ok(self.crm.user(self.who, self.who.user).await?.role == Role::Admin)
    }

    async fn list(&self, list: &crate::op::ListIn) -> Result<Xml, PlanfixError> {
        let plan = map::list_query(list)?;
        let page = if plan.nothing {
            crm_core::ClientPage {
                total: 0,
                clients: Vec::new(),
            }
        } else {
            self.crm.list_clients(self.who, &plan.query).await?
        };
        self.render(&page.clients, |ctx| {
            reply::contacts_page(page.total, &page.clients, ctx)
        })
        .await
    }

    /// `clients` written by `write`, with what a `<contact>` shows beside
    /// the client: the field registry, the caller's role and picture links.
    /// An empty page needs none of them.
    async fn render(
        &self,
        clients: &[Client],
        write: impl FnOnce(&OutContext<'_>) -> Xml,
    ) -> Result<Xml, PlanfixError> {
        if clients.is_empty() {
            return Ok(write(&OutContext {
                fields: &[],
                admin: false,
                pictures: &PictureLinks::default(),
            }));
        }
        let fields = self.crm.fields(self.who).await?;
        let admin = self.is_admin().await?;
        let key = if clients.iter().any(|c| c.has_avatar) {
            self.crm
                .account_secret(self.who.account, auth::PRIVATE_KEY)
                .await?
        } else {
            String::new()
        };
        let pictures = PictureLinks {
            base: picture_base(self.headers, self.uri),
            account: self.account_name.clone(),
            key,
        };
        Ok(write(&OutContext {
            fields: &fields,
            admin,
            pictures: &pictures,
        }))
    }
}

fn picture_base(headers: &HeaderMap, uri: &Uri) -> String {
    format!("{}{}/userpic", base_url(headers, uri), crate::MOUNT)
}
