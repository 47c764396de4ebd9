//! What each upstream dialect's adapter does, and the core's ports served
//! with it: the account, author and clock the ports pass are the gateway's
//! and mean nothing upstream, and what every upstream lacks alike (anchors
//! to seek from, avatar bytes) is answered here once.

use std::time::Instant;

use async_trait::async_trait;
use crm_core::store::{ClientStore, ContactPointStore, DeleteOutcome, Updated};
use crm_core::{
    AccountId, Anchor, Client, ClientId, ClientPage, ClientPatch, ClientQuery, ContactPoint,
    ContactPointId, ContactPointPatch, ContactPointQuery, CoreError, CoreResult, NewClient,
    NewContactPoint, Origin, Timestamp, UserId, Visibility,
};

/// An account's clients in one upstream CRM.
#[async_trait]
pub(crate) trait Clients: Send + Sync {
    /// Signs in and reads one record: the binding works.
    async fn check(&self) -> CoreResult<()>;
    /// Creates the clients, in order; the upstream has no transaction, so
    /// a batch that fails part way leaves those before the failure created.
    async fn create(&self, clients: &[NewClient]) -> CoreResult<Vec<ClientId>>;
    /// One client, or `None`.
    async fn read(&self, id: ClientId, visibility: Visibility) -> CoreResult<Option<Client>>;
    /// One page of the list and the list's total.
    async fn list(&self, query: &ClientQuery) -> CoreResult<ClientPage>;
    /// The page alone, for an upstream that pages more cheaply than it counts.
    async fn window(&self, query: &ClientQuery) -> CoreResult<Vec<Client>> {
        Ok(self.list(query).await?.clients)
    }
    /// Applies the patch; `None` when there is no such client.
    async fn update(
        &self,
        id: ClientId,
        visibility: Visibility,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>>;
    /// Deletes the client.
    async fn delete(&self, id: ClientId, visibility: Visibility) -> CoreResult<DeleteOutcome>;
}

/// An account's contact points in one upstream CRM.
#[async_trait]
pub(crate) trait Points: Send + Sync {
    /// Adds a point to a client; `None` when there is no such client.
    async fn add_point(
        &self,
        client: ClientId,
        visibility: Visibility,
        origin: Origin,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>>;
    /// Changes a point; `None` when there is no such point.
    async fn update_point(
        &self,
        id: ContactPointId,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>>;
    /// Deletes a point; false when there is no such point.
    async fn delete_point(&self, id: ContactPointId) -> CoreResult<bool>;
    /// The points the query asks for.
    async fn points(&self, query: &ContactPointQuery) -> CoreResult<Vec<ContactPoint>>;
}

/// One upstream dialect's adapter: its clients and its points.
pub(crate) trait Adapter: Clients + Points {}

impl<T: Clients + Points> Adapter for T {}

/// The core's client ports over one adapter, each call counted and timed
/// (`crm_upstream_calls_total`, `crm_upstream_call_duration_seconds`) by
/// the upstream's dialect, the operation and its outcome, all closed sets.
pub(crate) struct Bound {
    pub(crate) adapter: Box<dyn Adapter>,
    pub(crate) upstream: &'static str,
}

impl Bound {
    async fn measured<T>(
        &self,
        operation: &'static str,
        call: impl Future<Output = CoreResult<T>>,
    ) -> CoreResult<T> {
        let started = Instant::now();
        let result = call.await;
        let outcome = match &result {
            Ok(_) => "ok",
            Err(err) => outcome(err),
        };
        let upstream = self.upstream;
        metrics::counter!(
            "crm_upstream_calls_total",
            "upstream" => upstream,
            "operation" => operation,
            "outcome" => outcome
        )
        .increment(1);
        metrics::histogram!(
            "crm_upstream_call_duration_seconds",
            "upstream" => upstream,
            "operation" => operation
        )
        .record(started.elapsed().as_secs_f64());
        result
    }
}

fn outcome(err: &CoreError) -> &'static str {
    match err {
        CoreError::NotFound { .. } => "not_found",
        CoreError::Invalid { .. } => "invalid",
        CoreError::Duplicate { .. } => "duplicate",
        CoreError::HasDependents { .. } => "has_dependents",
        CoreError::Unauthenticated(_) => "unauthenticated",
        CoreError::Forbidden(_) => "forbidden",
        CoreError::Unavailable(_) => "unavailable",
        CoreError::Internal(_) => "internal",
    }
}

#[async_trait]
impl ClientStore for Bound {
    async fn insert_clients(
        &self,
        _: AccountId,
        _: UserId,
        _: Origin,
        _: Timestamp,
        clients: &[NewClient],
    ) -> CoreResult<Vec<ClientId>> {
        self.measured("create", self.adapter.create(clients)).await
    }

    async fn client(
        &self,
        _: AccountId,
        id: ClientId,
        visibility: Visibility,
    ) -> CoreResult<Option<Client>> {
        self.measured("read", self.adapter.read(id, visibility))
            .await
    }

    async fn list_clients(&self, _: AccountId, query: &ClientQuery) -> CoreResult<ClientPage> {
        self.measured("list", self.adapter.list(query)).await
    }

    async fn count_clients(&self, _: AccountId, query: &ClientQuery) -> CoreResult<u64> {
        let mut query = query.clone();
        query.page.limit = 0;
        Ok(self
            .measured("count", self.adapter.list(&query))
            .await?
            .total)
    }

    async fn window_clients(&self, _: AccountId, query: &ClientQuery) -> CoreResult<Vec<Client>> {
        self.measured("window", self.adapter.window(query)).await
    }

    /// No anchors: an upstream pages by number, so every page is read as
    /// the page it is.
    async fn client_anchors(
        &self,
        _: AccountId,
        _: &ClientQuery,
        _: u64,
    ) -> CoreResult<Vec<Anchor>> {
        Ok(Vec::new())
    }

    async fn window_clients_after(
        &self,
        _: AccountId,
        _: &ClientQuery,
        _: &Anchor,
    ) -> CoreResult<Vec<Client>> {
        Err(CoreError::Internal(
            "an upstream gives no anchors to seek from".to_owned(),
        ))
    }

    async fn update_client(
        &self,
        _: AccountId,
        id: ClientId,
        visibility: Visibility,
        _: Origin,
        _: Timestamp,
        patch: &ClientPatch,
    ) -> CoreResult<Option<Updated<Client>>> {
        self.measured("update", self.adapter.update(id, visibility, patch))
            .await
    }

    async fn delete_client(
        &self,
        _: AccountId,
        id: ClientId,
        visibility: Visibility,
        _: Timestamp,
    ) -> CoreResult<DeleteOutcome> {
        self.measured("delete", self.adapter.delete(id, visibility))
            .await
    }

    /// No upstream gives the picture's bytes.
    async fn avatar(&self, _: AccountId, _: ClientId) -> CoreResult<Option<Vec<u8>>> {
        Ok(None)
    }
}

#[async_trait]
impl ContactPointStore for Bound {
    async fn add_contact_point(
        &self,
        _: AccountId,
        client: ClientId,
        visibility: Visibility,
        origin: Origin,
        _: Timestamp,
        point: &NewContactPoint,
    ) -> CoreResult<Option<ContactPoint>> {
        let added = self.adapter.add_point(client, visibility, origin, point);
        self.measured("add_point", added).await
    }

    async fn update_contact_point(
        &self,
        _: AccountId,
        id: ContactPointId,
        _: Timestamp,
        patch: &ContactPointPatch,
    ) -> CoreResult<Option<ContactPoint>> {
        self.measured("update_point", self.adapter.update_point(id, patch))
            .await
    }

    async fn delete_contact_point(
        &self,
        _: AccountId,
        id: ContactPointId,
        _: Timestamp,
    ) -> CoreResult<bool> {
        self.measured("delete_point", self.adapter.delete_point(id))
            .await
    }

    async fn list_contact_points(
        &self,
        _: AccountId,
        query: &ContactPointQuery,
    ) -> CoreResult<Vec<ContactPoint>> {
        self.measured("points", self.adapter.points(query)).await
    }
}
