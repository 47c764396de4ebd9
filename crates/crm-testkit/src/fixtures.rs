use crm_core::credential::PasswordHashing;
use crm_core::crm::{CrmConfig, IssuedAccount};
use crm_core::{Crm, Principal};

/// Service settings for tests: argon2 at its cheapest, everything else default.
pub fn cheap_crm_config() -> CrmConfig {
    CrmConfig {
        password: PasswordHashing {
            memory_kib: 64,
            iterations: 1,
            concurrency: 2,
        },
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
    /// Creates account `name` through the service.
    pub async fn create(crm: &Crm, name: &str) -> Self {
        let issued = crm.create_account(name).await.expect("create account");
        let admin = Principal {
            account: issued.account.id,
            user: issued.admin.id,
        };
        Self { issued, admin }
    }
}
