use crm_core::credential::{Credential, KeyKind, PasswordHashing};
use crm_core::crm::{CrmConfig, IssuedAccount};
use crm_core::{Client, ClientId, ClientKind, Crm, Name, NewClient, Origin, Principal, Visibility};

/// Service settings for tests: argon2 at its cheapest, wrong passwords not
/// counted (tests give them on purpose; the throttle's own tests count
/// them), everything else default.
pub fn cheap_crm_config() -> CrmConfig {
    CrmConfig {
        password: PasswordHashing {
            memory_kib: 64,
            iterations: 1,
            concurrency: 2,
        },
        failed_logins_per_minute: 0,
        ..CrmConfig::default()
    }
}

/// An account made for a test, with its admin as the acting principal.
#[derive(Debug)]
pub struct TestAccount {
    /// The issued credentials.
    pub issued: IssuedAccount,
    /// The admin acting in the account.
    pub admin: Principal,
}

impl TestAccount {
    /// Creates account `name` through the service, with no dialect's keys.
    pub async fn create(crm: &Crm, name: &str) -> Self {
        Self::with_credentials(crm, name, &[]).await
    }

    /// Creates account `name` through the service, with the credentials
    /// the dialects under test ask for.
    pub async fn with_credentials(crm: &Crm, name: &str, credentials: &[Credential]) -> Self {
        let issued = crm
            .create_account(name, credentials)
            .await
            .expect("create account");
        let admin = Principal {
            account: issued.account.id,
            user: issued.admin.id,
        };
        Self { issued, admin }
    }

    /// The issued key of `kind`; the test asked for it.
    pub fn key(&self, kind: KeyKind) -> &str {
        self.issued
            .key(kind)
            .unwrap_or_else(|| panic!("no {kind:?} was issued"))
            .expose()
    }

    /// A client of this account, named `name`, written as a REST call
    /// would: another tenant's id for tenancy tests.
    pub async fn client(&self, crm: &Crm, kind: ClientKind, name: &str) -> i64 {
        let new = NewClient::new(kind, Name::full(name));
        self.create_client(crm, crate::origin::REST, new)
            .await
            .id
            .get()
    }

    /// `new` written into this account by its admin through the dialect
    /// (or service) `origin`: a client some other writer left behind.
    pub async fn create_client(&self, crm: &Crm, origin: Origin, new: NewClient) -> Client {
        crm.create_client(self.admin, origin, new)
            .await
            .expect("create client")
    }

    /// Client `id` of this account as the store has it; it must be live.
    pub async fn live_client(&self, crm: &Crm, id: i64) -> Client {
        crm.client(self.admin, ClientId(id), Visibility::LiveOnly)
            .await
            .expect("a live client of this account")
    }
}
