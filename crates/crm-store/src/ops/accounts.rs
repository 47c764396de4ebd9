use async_trait::async_trait;
use crm_core::credential::{KeyKind, SecretName};
use crm_core::store::{AccountSeed, AccountStore, KeyOwner, KeyStore, NewKey};
use crm_core::{
    Account, AccountId, AccountName, CoreResult, DialectName, Timestamp, UpstreamBinding, User,
    UserId,
};

use crate::SqlStore;
use crate::error::{corrupt, db, unique};
use crate::pool::{in_write_tx, on_pool};
use crate::rows::UserRow;
use crate::sql::{accounts, users};

#[async_trait]
impl AccountStore for SqlStore {
    async fn create_account(
        &self,
        seed: &AccountSeed,
        now: Timestamp,
    ) -> CoreResult<(Account, User)> {
        let (account_id, user_id) = in_write_tx!(&self.pool, tx => {
            let account_id: i64 = sqlx::query_scalar(accounts::INSERT)
                .bind(seed.account.name.as_str())
                .bind(now.millis())
                .fetch_one(&mut *tx)
                .await
                .map_err(unique("account"))?;
            let admin = &seed.admin;
            let user_id: i64 = sqlx::query_scalar(users::INSERT)
                .bind(account_id)
                .bind(&admin.login)
                .bind(&admin.first_name)
                .bind(&admin.last_name)
                .bind(&admin.email)
                .bind(admin.role.as_str())
                .bind(admin.manager.map(UserId::get))
                .bind(&seed.admin_password_hash)
                .bind(now.millis())
                .fetch_one(&mut *tx)
                .await
                .map_err(unique("user"))?;
            for key in &seed.keys {
                sqlx::query(users::INSERT_KEY)
                    .bind(&key.digest)
                    .bind(key.kind.as_str())
                    .bind(account_id)
                    .bind(key.names_user.then_some(user_id))
                    .bind(now.millis())
                    .execute(&mut *tx)
                    .await
                    .map_err(unique("key"))?;
            }
            for (name, value) in &seed.secrets {
                sqlx::query(accounts::INSERT_SECRET)
                    .bind(account_id)
                    .bind(name.as_str())
                    .bind(value)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
            }
            for field in &seed.fields {
                sqlx::query(accounts::INSERT_FIELD)
                    .bind(account_id)
                    .bind(field.number)
                    .bind(&field.title)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
            }
            (account_id, user_id)
        });
        let account = Account {
            id: AccountId(account_id),
            name: seed.account.name.clone(),
            created_at: now,
            disabled_at: None,
        };
        let admin = on_pool!(&self.pool, p => {
            sqlx::query_as::<_, UserRow>(users::BY_ID)
                .bind(account_id)
                .bind(user_id)
                .fetch_one(p)
                .await
                .map_err(db)?
        });
        Ok((account, admin.into_user()?))
    }

    async fn account_by_name(&self, name: &str) -> CoreResult<Option<Account>> {
        let row: Option<AccountRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(accounts::BY_NAME).bind(name).fetch_optional(p).await.map_err(db)?
        });
        row.map(account).transpose()
    }

    async fn accounts(&self) -> CoreResult<Vec<Account>> {
        let rows: Vec<AccountRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(accounts::ALL).fetch_all(p).await.map_err(db)?
        });
        rows.into_iter().map(account).collect()
    }

    async fn account_secret(
        &self,
        account: AccountId,
        name: SecretName,
    ) -> CoreResult<Option<String>> {
        on_pool!(&self.pool, p => {
            sqlx::query_scalar(accounts::SECRET)
                .bind(account.get())
                .bind(name.as_str())
                .fetch_optional(p)
                .await
                .map_err(db)
        })
    }

    async fn bind_upstream(
        &self,
        account: AccountId,
        binding: &UpstreamBinding,
        now: Timestamp,
    ) -> CoreResult<()> {
        on_pool!(&self.pool, p => {
            sqlx::query(accounts::BIND_UPSTREAM)
                .bind(account.get())
                .bind(binding.dialect.as_str())
                .bind(&binding.base_url)
                .bind(binding.expose_credentials())
                .bind(now.millis())
                .execute(p)
                .await
                .map_err(db)?;
        });
        Ok(())
    }

    async fn unbind_upstream(&self, account: AccountId) -> CoreResult<bool> {
        let removed = on_pool!(&self.pool, p => {
            sqlx::query(accounts::UNBIND_UPSTREAM)
                .bind(account.get())
                .execute(p)
                .await
                .map_err(db)?
                .rows_affected()
        });
        Ok(removed > 0)
    }

    async fn upstream_binding(&self, account: AccountId) -> CoreResult<Option<UpstreamBinding>> {
        let row: Option<(String, String, String)> = on_pool!(&self.pool, p => {
            sqlx::query_as(accounts::UPSTREAM)
                .bind(account.get())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        row.map(|(dialect, base_url, credentials)| {
            let dialect = DialectName::parse(&dialect)
                .ok_or_else(|| corrupt("upstream dialect", &dialect))?;
            Ok(UpstreamBinding::new(dialect, &base_url, credentials))
        })
        .transpose()
    }

    async fn set_account_disabled(
        &self,
        account: AccountId,
        since: Option<Timestamp>,
    ) -> CoreResult<()> {
        on_pool!(&self.pool, p => {
            sqlx::query(accounts::SET_DISABLED)
                .bind(account.get())
                .bind(since.map(Timestamp::millis))
                .execute(p)
                .await
                .map_err(db)?;
        });
        Ok(())
    }
}

#[async_trait]
impl KeyStore for SqlStore {
    async fn key_owner(&self, kind: KeyKind, digest: &str) -> CoreResult<Option<KeyOwner>> {
        let row: Option<(i64, Option<i64>)> = on_pool!(&self.pool, p => {
            sqlx::query_as(users::KEY_OWNER)
                .bind(digest)
                .bind(kind.as_str())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        Ok(row.map(|(account, user)| KeyOwner {
            account: AccountId(account),
            user: user.map(UserId),
        }))
    }

    async fn add_key(
        &self,
        account: AccountId,
        user: Option<UserId>,
        key: &NewKey,
    ) -> CoreResult<()> {
        on_pool!(&self.pool, p => {
            sqlx::query(users::INSERT_KEY)
                .bind(&key.digest)
                .bind(key.kind.as_str())
                .bind(account.get())
                .bind(user.map(UserId::get))
                .bind(Timestamp::now().millis())
                .execute(p)
                .await
                .map_err(unique("key"))?;
        });
        Ok(())
    }

    async fn replace_credentials(
        &self,
        account: AccountId,
        keys: &[NewKey],
        secrets: &[(SecretName, String)],
        now: Timestamp,
    ) -> CoreResult<()> {
        in_write_tx!(&self.pool, tx => {
            for key in keys {
                let named: Vec<Option<i64>> = sqlx::query_scalar(users::DELETE_KEYS)
                    .bind(account.get())
                    .bind(key.kind.as_str())
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(db)?;
                let user = match named.into_iter().flatten().min() {
                    Some(user) => Some(user),
                    None if key.names_user => sqlx::query_scalar(users::FIRST_ADMIN)
                        .bind(account.get())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db)?,
                    None => None,
                };
                sqlx::query(users::INSERT_KEY)
                    .bind(&key.digest)
                    .bind(key.kind.as_str())
                    .bind(account.get())
                    .bind(user.filter(|_| key.names_user))
                    .bind(now.millis())
                    .execute(&mut *tx)
                    .await
                    .map_err(unique("key"))?;
            }
            for (name, value) in secrets {
                sqlx::query(accounts::PUT_SECRET)
                    .bind(account.get())
                    .bind(name.as_str())
                    .bind(value)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
            }
        });
        Ok(())
    }
}

type AccountRow = (i64, String, i64, Option<i64>);

fn account((id, name, created_at, disabled_at): AccountRow) -> CoreResult<Account> {
    Ok(Account {
        id: AccountId(id),
        name: AccountName::parse(&name).map_err(|_| corrupt("account name", &name))?,
        created_at: Timestamp(created_at),
        disabled_at: disabled_at.map(Timestamp),
    })
}
