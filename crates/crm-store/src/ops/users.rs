use async_trait::async_trait;
use crm_core::store::{SessionStore, UserStore};
use crm_core::{AccountId, CoreError, CoreResult, NewUser, Timestamp, User, UserId, UserStatus};

use crate::SqlStore;
use crate::error::{db, unique};
use crate::pool::on_pool;
use crate::rows::UserRow;
use crate::sql::users;

#[async_trait]
impl UserStore for SqlStore {
    async fn create_user(
        &self,
        account: AccountId,
        user: &NewUser,
        password_hash: Option<&str>,
        now: Timestamp,
    ) -> CoreResult<User> {
        if let Some(manager) = user.manager
            && self.user(account, manager).await?.is_none()
        {
            return Err(CoreError::invalid(
                "manager",
                "no such user in this account",
            ));
        }
        let id: i64 = on_pool!(&self.pool, p => {
            sqlx::query_scalar(users::INSERT)
                .bind(account.get())
                .bind(&user.login)
                .bind(&user.first_name)
                .bind(&user.last_name)
                .bind(&user.email)
                .bind(user.role.as_str())
                .bind(user.manager.map(UserId::get))
                .bind(password_hash)
                .bind(now.millis())
                .fetch_one(p)
                .await
                .map_err(unique("user"))?
        });
        self.user(account, UserId(id))
            .await?
            .ok_or_else(|| CoreError::Internal("created user vanished".to_owned()))
    }

    async fn user(&self, account: AccountId, id: UserId) -> CoreResult<Option<User>> {
        let row: Option<UserRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(users::BY_ID)
                .bind(account.get())
                .bind(id.get())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        row.map(UserRow::into_user).transpose()
    }

    async fn user_by_login(&self, account: AccountId, login: &str) -> CoreResult<Option<User>> {
        let row: Option<UserRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(users::BY_LOGIN)
                .bind(account.get())
                .bind(login)
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        row.map(UserRow::into_user).transpose()
    }

    async fn users(&self, account: AccountId) -> CoreResult<Vec<User>> {
        let rows: Vec<UserRow> = on_pool!(&self.pool, p => {
            sqlx::query_as(users::ALL).bind(account.get()).fetch_all(p).await.map_err(db)?
        });
        rows.into_iter().map(UserRow::into_user).collect()
    }

    async fn password_hash(&self, account: AccountId, user: UserId) -> CoreResult<Option<String>> {
        let hash: Option<Option<String>> = on_pool!(&self.pool, p => {
            sqlx::query_scalar(users::PASSWORD_HASH)
                .bind(account.get())
                .bind(user.get())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        Ok(hash.flatten())
    }

    async fn set_user_status(
        &self,
        account: AccountId,
        login: &str,
        status: UserStatus,
    ) -> CoreResult<bool> {
        let changed = on_pool!(&self.pool, p => {
            sqlx::query(users::SET_STATUS)
                .bind(account.get())
                .bind(login)
                .bind(status.as_str())
                .execute(p)
                .await
                .map_err(db)?
                .rows_affected()
        });
        Ok(changed > 0)
    }
}

#[async_trait]
impl SessionStore for SqlStore {
    async fn create_session(
        &self,
        account: AccountId,
        user: UserId,
        digest: &str,
        now: Timestamp,
        idle_since: Timestamp,
    ) -> CoreResult<()> {
        on_pool!(&self.pool, p => {
            sqlx::query(users::DELETE_IDLE_SESSIONS)
                .bind(account.get())
                .bind(idle_since.millis())
                .execute(p)
                .await
                .map_err(db)?;
            sqlx::query(users::INSERT_SESSION)
                .bind(digest)
                .bind(account.get())
                .bind(user.get())
                .bind(now.millis())
                .execute(p)
                .await
                .map_err(db)?;
        });
        Ok(())
    }

    async fn session_user(
        &self,
        account: AccountId,
        digest: &str,
        idle_since: Timestamp,
    ) -> CoreResult<Option<UserId>> {
        let user: Option<i64> = on_pool!(&self.pool, p => {
            sqlx::query_scalar(users::SESSION_USER)
                .bind(account.get())
                .bind(digest)
                .bind(idle_since.millis())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        Ok(user.map(UserId))
    }

    async fn resume_session(
        &self,
        account: AccountId,
        digest: &str,
        idle_since: Timestamp,
        now: Timestamp,
    ) -> CoreResult<Option<UserId>> {
        let user: Option<i64> = on_pool!(&self.pool, p => {
            sqlx::query_scalar(users::RESUME_SESSION)
                .bind(account.get())
                .bind(digest)
                .bind(idle_since.millis())
                .bind(now.millis())
                .fetch_optional(p)
                .await
                .map_err(db)?
        });
        Ok(user.map(UserId))
    }
}
