//! `backup` and `doctor`: a copy of the database while it serves, and what
//! is wrong with a gateway's settings and database, with how to fix it.

use std::path::Path;

use anyhow::Context;
use crm_store::SqlStore;

use crate::Config;

/// `backup --to FILE`: SQLite copied into `to` while the gateway serves;
/// PostgreSQL is left to `pg_dump`, which is looked for.
pub async fn backup(config: &Config, to: &Path) -> anyhow::Result<()> {
    let url = &config.database.url;
    if url.starts_with("postgres") {
        let found = std::process::Command::new("pg_dump")
            .arg("--version")
            .output();
        let installed = match found {
            Ok(out) if out.status.success() => {
                String::from_utf8_lossy(&out.stdout).trim().to_owned()
            }
            _ => "not installed here (apt-get install postgresql-client)".to_owned(),
        };
        anyhow::bail!(
            "PostgreSQL is backed up with its own tool: pg_dump --format=custom --file {} \"$CRM_DATABASE_URL\"\npg_dump: {installed}",
            to.display()
        );
    }
    let store = SqlStore::connect(&config.db()).await?;
    store
        .backup_to(to)
        .await
        .with_context(|| format!("backing up into {}", to.display()))?;
    println!("backed up {url} into {}", to.display());
    Ok(())
}

/// One finding of `doctor`.
struct Finding {
    ok: bool,
    what: String,
    fix: Option<String>,
}

impl Finding {
    fn ok(what: impl Into<String>) -> Self {
        Self {
            ok: true,
            what: what.into(),
            fix: None,
        }
    }

    fn wrong(what: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            ok: false,
            what: what.into(),
            fix: Some(fix.into()),
        }
    }
}

/// `doctor`: prints a line for each check; `Ok(false)` when any failed.
pub async fn doctor(config: &Config, source: &str) -> bool {
    let mut findings = vec![Finding::ok(format!("configuration read ({source})"))];
    findings.extend(database(config).await);
    if let Some(file) = sqlite_file(&config.database.url) {
        findings.extend(permissions(Path::new(file)));
    }
    for finding in &findings {
        let mark = if finding.ok { "ok     " } else { "PROBLEM" };
        println!("{mark} {}", finding.what);
        if let Some(fix) = &finding.fix {
            println!("        fix: {fix}");
        }
    }
    findings.iter().all(|f| f.ok)
}

async fn database(config: &Config) -> Vec<Finding> {
    let url = &config.database.url;
    let found = match crm_store::inspect(url).await {
        Ok(found) => found,
        Err(err) => {
            let fix = if url.starts_with("postgres") {
                "check database.url (or CRM_DATABASE_URL): is the server up, the database created, the user allowed?"
            } else {
                "`crm-gateway serve` creates the SQLite file on first start; check database.url otherwise"
            };
            return vec![Finding::wrong(
                format!("database {}: {err}", redacted(url)),
                fix,
            )];
        }
    };
    let mut findings = vec![Finding::ok(format!("database answers ({})", found.backend))];
    findings.push(if found.unknown > 0 {
        Finding::wrong(
            format!(
                "{} migrations of a newer crm-gateway are in the database",
                found.unknown
            ),
            "run the newer crm-gateway, or restore a backup taken before it ran",
        )
    } else if found.applied < found.known {
        Finding::ok(format!(
            "{} of {} migrations applied; `serve` applies the other {} at start",
            found.applied,
            found.known,
            found.known - found.applied
        ))
    } else {
        Finding::ok(format!("all {} migrations applied", found.known))
    });
    for (name, value) in found.durability {
        let durable = match name.as_str() {
            "journal_mode" => value.eq_ignore_ascii_case("wal") || found.applied == 0,
            "fsync" => value == "on",
            "synchronous_commit" => value != "off",
            _ => true,
        };
        findings.push(if durable {
            Finding::ok(format!("{name} = {value}"))
        } else {
            Finding::wrong(
                format!("{name} = {value}: acknowledged writes may be lost in a crash"),
                format!("set {name} back to its default in the database server's configuration"),
            )
        });
    }
    findings
}

/// The file a `sqlite://FILE` URL names.
fn sqlite_file(url: &str) -> Option<&str> {
    let file = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    Some(file.split('?').next().unwrap_or(file))
}

/// A SQLite file and its write-ahead log hold every client: no other user
/// of the machine should read them.
fn permissions(file: &Path) -> Vec<Finding> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let wal = file.with_extension(format!(
            "{}-wal",
            file.extension().and_then(|e| e.to_str()).unwrap_or("db")
        ));
        [file.to_path_buf(), wal]
            .iter()
            .filter_map(|path| Some((path, std::fs::metadata(path).ok()?.permissions().mode())))
            .map(|(path, mode)| {
                if mode & 0o007 == 0 {
                    Finding::ok(format!(
                        "{} is not open to other users ({:o})",
                        path.display(),
                        mode & 0o777
                    ))
                } else {
                    Finding::wrong(
                        format!(
                            "{} can be read by any user of this machine ({:o})",
                            path.display(),
                            mode & 0o777
                        ),
                        format!("chmod o-rwx {}", path.display()),
                    )
                }
            })
            .collect()
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Vec::new()
    }
}

/// `url` without its password.
fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}
