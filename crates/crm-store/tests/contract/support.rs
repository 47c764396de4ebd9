use crm_core::{
    Client, ClientKind, ContactKind, Crm, Label, Name, NewClient, NewContactPoint, Origin,
    Principal, Service,
};
use crm_testkit::{TestAccount, TestDb, credentials};

pub struct Fixture {
    pub crm: Crm,
    pub acme: TestAccount,
    _db: TestDb,
}

impl Fixture {
    pub async fn new() -> Self {
        let db = TestDb::new().await;
        let crm = db.crm().await;
        let acme = TestAccount::with_credentials(&crm, "acme", credentials::SAMPLE).await;
        Self { crm, acme, _db: db }
    }

    pub fn who(&self) -> Principal {
        self.acme.admin
    }

    pub async fn person(&self, name: &str, contacts: &[(Service, &str)]) -> Client {
        self.create(Origin::Manual, person(name, contacts)).await
    }

    /// Creates `client` as a call of `origin`'s dialect would.
    pub async fn create(&self, origin: Origin, client: NewClient) -> Client {
        self.acme.create_client(&self.crm, origin, client).await
    }
}

pub fn point(service: Service, value: &str) -> NewContactPoint {
    NewContactPoint {
        kind: service.natural_kind(),
        service,
        label: (service.natural_kind() == ContactKind::Phone).then_some(Label::Work),
        value: value.to_owned(),
        origin: None,
    }
}

pub fn person(name: &str, contacts: &[(Service, &str)]) -> NewClient {
    let mut client = NewClient::new(ClientKind::Person, Name::full(name));
    client.contacts = contacts.iter().map(|(s, v)| point(*s, v)).collect();
    client
}
