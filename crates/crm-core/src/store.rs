//! The port the service calls and `crm-store` implements. Small traits; each
//! write of client data is one transaction (reference checks and new
//! catalogue titles come just before it); every method is scoped by account
//! except the few credential lookups that find the account.

use async_trait::async_trait;

use crate::CoreResult;
use crate::credential::{KeyKind, SecretName};
use crate::model::{
    Account, AccountId, CatalogueEntry, CatalogueKind, CatalogueRef, Client, ClientId, ClientPatch,
    ContactPoint, ContactPointId, ContactPointPatch, CustomField, DocumentCounts, DocumentId,
    DocumentKind, NewAccount, NewClient, NewContactPoint, NewUser, Origin, Timestamp,
    UpstreamBinding, User, UserId, UserStatus,
};
use crate::query::{Anchor, ClientPage, ClientQuery, ContactPointQuery, Visibility};

/// A key digest to store with a new account, and whether it names the
/// account's first user too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    /// Which credential.
    pub kind: KeyKind,
    /// SHA-256 of the secret.
    pub digest: String,
    /// Whether the key acts as the admin user (tokens) or only names the account.
    pub names_user: bool,
}

/// Everything created with an account, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSeed {
    /// The account.
    pub account: NewAccount,
    /// Its administrator.
    pub admin: NewUser,
    /// The administrator's argon2 password hash.
    pub admin_password_hash: String,
    /// Key digests.
    pub keys: Vec<NewKey>,
    /// Secrets the account keeps as they are.
    pub secrets: Vec<(SecretName, String)>,
    /// The custom-field registry to start with.
    pub fields: Vec<CustomField>,
}

/// Who a key digest belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyOwner {
    /// The account.
    pub account: AccountId,
    /// The user, for keys that name one.
    pub user: Option<UserId>,
}

/// Result of an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated<T> {
    /// The record after the update.
    pub record: T,
    /// False when the update left every attribute as it was.
    pub changed: bool,
}

/// Result of a delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteOutcome {
    /// Now marked deleted.
    Deleted,
    /// No such record visible to the caller.
    NotFound,
    /// Refused: the client has deals.
    HasDeals,
}

/// Accounts and their first user.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates an account, its admin, keys and field registry; fails with
    /// `Duplicate` when the name is taken.
    async fn create_account(
        &self,
        seed: &AccountSeed,
        now: Timestamp,
    ) -> CoreResult<(Account, User)>;
    /// An account by its name (Planfix `<account>`), unscoped by design.
    async fn account_by_name(&self, name: &str) -> CoreResult<Option<Account>>;
    /// Every account, by name.
    async fn accounts(&self) -> CoreResult<Vec<Account>>;
    /// One of the account's secrets.
    async fn account_secret(
        &self,
        account: AccountId,
        name: SecretName,
    ) -> CoreResult<Option<String>>;
    /// Binds the account to an upstream, replacing any binding it had.
    async fn bind_upstream(
        &self,
        account: AccountId,
        binding: &UpstreamBinding,
        now: Timestamp,
    ) -> CoreResult<()>;
    /// Removes the account's binding; false when it had none.
    async fn unbind_upstream(&self, account: AccountId) -> CoreResult<bool>;
    /// The account's binding, when it has one.
    async fn upstream_binding(&self, account: AccountId) -> CoreResult<Option<UpstreamBinding>>;
    /// Disables the account from `since`, or enables it (`None`).
    async fn set_account_disabled(
        &self,
        account: AccountId,
        since: Option<Timestamp>,
    ) -> CoreResult<()>;
}

/// Key digests.
#[async_trait]
pub trait KeyStore: Send + Sync {
    /// Who a key digest belongs to, unscoped by design: it finds the account.
    async fn key_owner(&self, kind: KeyKind, digest: &str) -> CoreResult<Option<KeyOwner>>;
    /// Stores another key for an account (and user).
    async fn add_key(
        &self,
        account: AccountId,
        user: Option<UserId>,
        key: &NewKey,
    ) -> CoreResult<()>;
    /// In one transaction: every key of the account of each new key's kind
    /// is replaced by the new key, which names the user the old ones named
    /// (or the first administrator), and each secret is replaced.
    async fn replace_credentials(
        &self,
        account: AccountId,
        keys: &[NewKey],
        secrets: &[(SecretName, String)],
        now: Timestamp,
    ) -> CoreResult<()>;
}

/// Employees.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Creates a user; `Duplicate` when the login is taken in the account.
    async fn create_user(
        &self,
        account: AccountId,
        user: &NewUser,
        password_hash: Option<&str>,
        now: Timestamp,
    ) -> CoreResult<User>;
    /// A user by id.
    async fn user(&self, account: AccountId, id: UserId) -> CoreResult<Option<User>>;
    /// A user by login.
    async fn user_by_login(&self, account: AccountId, login: &str) -> CoreResult<Option<User>>;
    /// Every user of the account, by id.
    async fn users(&self, account: AccountId) -> CoreResult<Vec<User>>;
    /// The user's argon2 password hash.
    async fn password_hash(&self, account: AccountId, user: UserId) -> CoreResult<Option<String>>;
    /// Sets the status of the user with `login`; false when there is none.
    async fn set_user_status(
        &self,
        account: AccountId,
        login: &str,
        status: UserStatus,
    ) -> CoreResult<bool>;
}

/// Planfix sessions, kept in the database so any gateway can resume them.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores a new session by the digest of its sid, and forgets the
    /// account's sessions last used at or before `idle_since` (scripts that
    /// log in on every run would otherwise grow the table without end).
    async fn create_session(
        &self,
        account: AccountId,
        user: UserId,
        digest: &str,
        now: Timestamp,
        idle_since: Timestamp,
    ) -> CoreResult<()>;
    /// The session's user when it was used after `idle_since`, without
    /// marking it used.
    async fn session_user(
        &self,
        account: AccountId,
        digest: &str,
        idle_since: Timestamp,
    ) -> CoreResult<Option<UserId>>;
    /// The session's user when it was used after `idle_since`; marks it used `now`.
    async fn resume_session(
        &self,
        account: AccountId,
        digest: &str,
        idle_since: Timestamp,
        now: Timestamp,
    ) -> CoreResult<Option<UserId>>;
}

/// Clients.
#[async_trait]
pub trait ClientStore: Send + Sync {
    /// Inserts clients in one transaction, resolving catalogue titles (created
    /// on first use); every reference must exist in the account, save
    /// `author`, the authenticated caller, which is known to.
    async fn insert_clients(
        &self,
        account: AccountId,
        author: UserId,
        origin: Origin,
        now: Timestamp,
        clients: &[NewClient],
    ) -> CoreResult<Vec<ClientId>>;
    /// One client.
    async fn client(
        &self,
        account: AccountId,
        id: ClientId,
        visibility: Visibility,
    ) -> CoreResult<Option<Client>>;
    /// One page of clients and the number of all matches; a fixed number of
    /// queries whatever the page size.
    async fn list_clients(&self, account: AccountId, query: &ClientQuery)
    -> CoreResult<ClientPage>;
    /// How many clients match, without reading any (no regex search).
    async fn count_clients(&self, account: AccountId, query: &ClientQuery) -> CoreResult<u64>;
    /// The same page without counting the matches, for answers that show
    /// no total (counting reads every match of the account).
    async fn window_clients(
        &self,
        account: AccountId,
        query: &ClientQuery,
    ) -> CoreResult<Vec<Client>>;
    /// The clients at positions `every - 1`, `2 * every - 1`, … of a
    /// [`ClientQuery::seekable`] list, read in one pass.
    async fn client_anchors(
        &self,
        account: AccountId,
        query: &ClientQuery,
        every: u64,
    ) -> CoreResult<Vec<Anchor>>;
    /// The page `query.page.offset` clients past `after` (which is not on it)
    /// of a [`ClientQuery::seekable`] list, without counting the matches.
    async fn window_clients_after(
        &self,
        account: AccountId,
        query: &ClientQuery,
        after: &Anchor,
    ) -> CoreResult<Vec<Client>>;
    /// Applies a patch atomically; `None` when the client is not visible.
    async fn update_client(
        &self,
        account: AccountId,
        id: ClientId,
        visibility: Visibility,
        origin: Origin,
        now: Timestamp,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>>;
    /// Marks a client deleted unless it has deals.
    async fn delete_client(
        &self,
        account: AccountId,
        id: ClientId,
        visibility: Visibility,
        now: Timestamp,
    ) -> CoreResult<DeleteOutcome>;
    /// The stored avatar picture.
    async fn avatar(&self, account: AccountId, id: ClientId) -> CoreResult<Option<Vec<u8>>>;
}

/// Contact points.
#[async_trait]
pub trait ContactPointStore: Send + Sync {
    /// Adds a point to a visible client; `None` when the client is not visible.
    async fn add_contact_point(
        &self,
        account: AccountId,
        client: ClientId,
        visibility: Visibility,
        origin: Origin,
        now: Timestamp,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>>;
    /// Changes a point; `None` when it does not exist in the account.
    async fn update_contact_point(
        &self,
        account: AccountId,
        id: ContactPointId,
        now: Timestamp,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>>;
    /// Marks a point deleted; false when it does not exist in the account.
    async fn delete_contact_point(
        &self,
        account: AccountId,
        id: ContactPointId,
        now: Timestamp,
    ) -> CoreResult<bool>;
    /// Points matching the query, in id order.
    async fn list_contact_points(
        &self,
        account: AccountId,
        query: &ContactPointQuery,
    ) -> CoreResult<Vec<ContactPoint>>;
}

/// Per-account catalogues and the custom-field registry.
#[async_trait]
pub trait CatalogueStore: Send + Sync {
    /// Every entry of a catalogue, by id.
    async fn catalogue(
        &self,
        account: AccountId,
        kind: CatalogueKind,
    ) -> CoreResult<Vec<CatalogueEntry>>;
    /// The entry a reference names, creating a titled one on first use.
    async fn resolve_entry(
        &self,
        account: AccountId,
        kind: CatalogueKind,
        reference: &CatalogueRef,
    ) -> CoreResult<Option<CatalogueEntry>>;
    /// The custom-field registry, by number.
    async fn fields(&self, account: AccountId) -> CoreResult<Vec<CustomField>>;
}

/// Deals, offers, contracts and invoices.
#[async_trait]
pub trait DocumentStore: Send + Sync {
    /// Records a document for a live client; `None` when the client is not visible.
    async fn add_document(
        &self,
        account: AccountId,
        client: ClientId,
        kind: DocumentKind,
        title: &str,
        now: Timestamp,
    ) -> CoreResult<Option<DocumentId>>;
    /// Document counts for each of the clients (clients without any are left out).
    async fn count_documents(
        &self,
        account: AccountId,
        clients: &[ClientId],
    ) -> CoreResult<Vec<(ClientId, DocumentCounts)>>;
}

/// Which records an upstream id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// Clients.
    Client,
    /// Contact points.
    ContactPoint,
}

impl IdKind {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Client => "client",
            Self::ContactPoint => "contact",
        }
    }
}

/// The local ids standing for an upstream CRM's own ids, where those are not
/// the numbers every dialect shows (Eadesk's are 24 hex digits): one map per
/// account, kept in the database so every replica and every restart agrees.
#[async_trait]
pub trait UpstreamIdStore: Send + Sync {
    /// The local id standing for the upstream's `upstream` id, made on first
    /// use: 1, 2, … in the order ids are first seen.
    async fn local_id(&self, account: AccountId, kind: IdKind, upstream: &str) -> CoreResult<i64>;
    /// The upstream id local id `local` stands for; `None` for an id never
    /// made.
    async fn upstream_id(
        &self,
        account: AccountId,
        kind: IdKind,
        local: i64,
    ) -> CoreResult<Option<String>>;
}

/// The client data of an account: the gateway's own database, or, for an
/// account bound to an upstream CRM, that CRM through its API.
pub trait ClientData: ClientStore + ContactPointStore {}

impl<T: ClientStore + ContactPointStore + ?Sized> ClientData for T {}

/// The whole port.
#[async_trait]
pub trait Store:
    AccountStore
    + KeyStore
    + UserStore
    + SessionStore
    + ClientData
    + UpstreamIdStore
    + CatalogueStore
    + DocumentStore
    + std::fmt::Debug
{
    /// Checks that the database answers.
    async fn ping(&self) -> CoreResult<()>;
    /// Closes the connections; called once at shutdown.
    async fn close(&self);
}
