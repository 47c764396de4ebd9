//! `crm-gateway account disable|enable|rotate` and `user add|list|disable|enable`:
//! an account's life after `account create`. What is taken away is refused
//! by every replica within `auth.credential_cache_ms`.

use anyhow::Context;
use crm_core::{NewUser, Role, User, UserStatus};
use serde_json::{Value, json};

use crate::Config;
use crate::account::{DIALECTS, Issued, credentials_text, dialect_credentials, member};
use crate::service::with_crm;

/// Refuses (`disabled`) or accepts again every credential of account `name`.
pub async fn set_disabled(config: &Config, name: &str, disabled: bool) -> anyhow::Result<()> {
    let account = with_crm(config, async |crm| {
        Ok(crm.set_account_disabled(name, disabled).await?)
    })
    .await
    .with_context(|| format!("account {name}"))?;
    let state = if account.disabled_at.is_some() {
        "disabled: every credential is refused"
    } else {
        "enabled"
    };
    println!(
        "{name}: {state} (other gateways within auth.credential_cache_ms, {} ms)",
        config.auth.credential_cache_ms
    );
    Ok(())
}

/// New credentials of one dialect for account `name`, printed once as that
/// dialect's member of `account create --json`; the old ones are refused.
pub async fn rotate(
    config: &Config,
    name: &str,
    dialect: &str,
    as_json: bool,
) -> anyhow::Result<()> {
    let credentials = dialect_credentials(dialect)
        .with_context(|| format!("--dialect: one of {}", DIALECTS.join(", ")))?;
    let (rotated, login) = with_crm(config, async |crm| {
        let rotated = crm.rotate_credentials(name, credentials).await?;
        let admin = crm
            .account_users(name)
            .await?
            .into_iter()
            .find(|u| u.role == Role::Admin);
        Ok((rotated, admin.map(|u| u.login).unwrap_or_default()))
    })
    .await
    .with_context(|| format!("account {name}"))?;
    let issued = Issued {
        account: name,
        login: &login,
        password: None,
        keys: &rotated.keys,
        secrets: &rotated.secrets,
    };
    let out = json!({ "account": name, dialect: member(dialect, &issued) });
    if as_json {
        println!("{out}");
    } else {
        print!("{}", credentials_text(&out));
    }
    Ok(())
}

/// What `user add` is told of the new user.
#[derive(Debug)]
pub struct UserSpec<'a> {
    /// The login (Planfix `auth.login`, SalesMan `login`).
    pub login: &'a str,
    /// First name.
    pub first_name: &'a str,
    /// Last name.
    pub last_name: &'a str,
    /// E-mail; the login when not given.
    pub email: Option<&'a str>,
    /// Administrator rather than an ordinary employee.
    pub admin: bool,
}

/// Adds a user to account `name` and prints their password once.
pub async fn add_user(
    config: &Config,
    name: &str,
    spec: &UserSpec<'_>,
    as_json: bool,
) -> anyhow::Result<()> {
    let new = NewUser {
        login: spec.login.to_owned(),
        first_name: spec.first_name.to_owned(),
        last_name: spec.last_name.to_owned(),
        email: spec.email.unwrap_or(spec.login).to_owned(),
        role: if spec.admin { Role::Admin } else { Role::User },
        manager: None,
    };
    let added = with_crm(config, async |crm| Ok(crm.add_user(name, &new).await?))
        .await
        .with_context(|| format!("adding {} to account {name}", spec.login))?;
    let mut out = user_json(&added.user);
    out["password"] = Value::from(added.password.expose());
    if as_json {
        println!("{out}");
    } else {
        print!("{}", credentials_text(&out));
    }
    Ok(())
}

/// Prints account `name`'s users as a table or one JSON array.
pub async fn list_users(config: &Config, name: &str, as_json: bool) -> anyhow::Result<()> {
    let users = with_crm(config, async |crm| Ok(crm.account_users(name).await?))
        .await
        .with_context(|| format!("account {name}"))?;
    if as_json {
        println!("{}", Value::Array(users.iter().map(user_json).collect()));
        return Ok(());
    }
    println!(
        "{:>6}  {:<32} {:<8} {:<9} NAME",
        "ID", "LOGIN", "ROLE", "STATUS"
    );
    for user in &users {
        println!(
            "{:>6}  {:<32} {:<8} {:<9} {} {}",
            user.id.get(),
            user.login,
            user.role.as_str(),
            user.status.as_str(),
            user.first_name,
            user.last_name
        );
    }
    Ok(())
}

/// Lets the user with `login` sign in again, or refuses them.
pub async fn set_user_status(
    config: &Config,
    name: &str,
    login: &str,
    status: UserStatus,
) -> anyhow::Result<()> {
    with_crm(config, async |crm| {
        Ok(crm.set_user_status(name, login, status).await?)
    })
    .await
    .with_context(|| format!("user {login} of account {name}"))?;
    println!("{name}: user {login} is {}", status.as_str());
    Ok(())
}

fn user_json(user: &User) -> Value {
    json!({
        "id": user.id.get(),
        "login": user.login,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role.as_str(),
        "status": user.status.as_str(),
    })
}
