//! `crm-gateway account bind|unbind|show`: an account's clients kept in a
//! real CRM of another dialect, the gateway translating (docs/proxy.md).
//! The upstream's credentials are read from a file, checked by a call, kept,
//! and never printed back.

use std::path::Path;

use anyhow::{Context, bail};
use crm_core::{Crm, DialectName, UpstreamBinding};
use crm_upstream::{Connector, DIALECTS};

use crate::Config;
use crate::service::with_crm;

/// Binds account `name` to the upstream, once a call with the credentials
/// of `credentials` (a JSON file) has succeeded.
pub async fn bind(
    config: &Config,
    name: &str,
    dialect: &str,
    url: &str,
    credentials: &Path,
) -> anyhow::Result<()> {
    let dialect = DialectName::parse(dialect)
        .filter(|d| DIALECTS.contains(&d.as_str()))
        .with_context(|| format!("--upstream: one of {}", DIALECTS.join(", ")))?;
    let text = std::fs::read_to_string(credentials)
        .with_context(|| format!("reading {}", credentials.display()))?;
    if !serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.is_object()) {
        bail!("{} does not hold a JSON object", credentials.display());
    }
    let binding = UpstreamBinding::new(dialect, url, text);
    Connector::new(config.proxy())
        .check(&binding)
        .await
        .with_context(|| {
            format!(
                "the {dialect} CRM at {} refused the binding",
                binding.base_url
            )
        })?;
    with_crm(config, async |crm| {
        Ok(crm.bind_upstream(name, &binding).await?)
    })
    .await?;
    println!(
        "{name}: clients kept in the {dialect} CRM at {}",
        binding.base_url
    );
    Ok(())
}

/// Keeps account `name`'s clients in the gateway again.
pub async fn unbind(config: &Config, name: &str) -> anyhow::Result<()> {
    let removed = with_crm(config, async |crm| Ok(crm.unbind_upstream(name).await?)).await?;
    if removed {
        println!("{name}: clients kept in the gateway");
    } else {
        println!("{name}: was not bound");
    }
    Ok(())
}

/// Prints account `name` and where its clients are; no secret.
pub async fn show(config: &Config, name: &str) -> anyhow::Result<()> {
    let shown = with_crm(config, async |crm| describe(crm, name).await).await?;
    print!("{shown}");
    Ok(())
}

/// `account list`: every account, where its clients live and since when,
/// as a table or (`as_json`) one JSON array.
pub async fn list(config: &Config, as_json: bool) -> anyhow::Result<()> {
    let rows = with_crm(config, async |crm| rows(crm).await).await?;
    if as_json {
        println!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    println!(
        "{:<24} {:>6}  {:<20} {:<9} {:<24}",
        "NAME", "ID", "CLIENTS", "STATUS", "CREATED"
    );
    for row in rows {
        let text = |key: &str| row[key].as_str().unwrap_or_default().to_owned();
        println!(
            "{:<24} {:>6}  {:<20} {:<9} {:<24}",
            text("account"),
            row["account_id"],
            text("clients"),
            text("status"),
            text("created_at")
        );
    }
    Ok(())
}

async fn rows(crm: &Crm) -> anyhow::Result<Vec<serde_json::Value>> {
    let mut rows = Vec::new();
    for account in crm.accounts().await? {
        let clients = match crm.upstream_binding(account.id).await? {
            None => "gateway".to_owned(),
            Some(binding) => format!("upstream {}", binding.dialect),
        };
        let created = account
            .created_at
            .to_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        rows.push(serde_json::json!({
            "account": account.name.as_str(),
            "account_id": account.id.get(),
            "clients": clients,
            "created_at": created,
            "status": status(&account),
        }));
    }
    Ok(rows)
}

async fn describe(crm: &Crm, name: &str) -> anyhow::Result<String> {
    let account = crm
        .named_account(name)
        .await
        .with_context(|| format!("no account {name}"))?;
    let mut out = format!(
        "account: {}\naccount_id: {}\nstatus: {}\n",
        account.name.as_str(),
        account.id.get(),
        status(&account)
    );
    match crm.upstream_binding(account.id).await? {
        None => out.push_str("clients: in the gateway\n"),
        Some(binding) => out.push_str(&format!(
            "clients: upstream\nupstream: {}\nurl: {}\ncredentials: kept, not shown\n",
            binding.dialect, binding.base_url
        )),
    }
    Ok(out)
}

fn status(account: &crm_core::Account) -> &'static str {
    if account.disabled_at.is_some() {
        "disabled"
    } else {
        "enabled"
    }
}
