use clap::Parser;
use crm_core::UserStatus;
use crm_gateway::cli::{AccountCommand, Cli, Command, Overrides, UserCommand};
use std::path::Path;
use std::time::Duration;

use crm_gateway::{
    Config, account, binding, lifecycle, migrate, operate, server, telemetry, traffic,
};
use crm_replay::{JournalConfig, ShadowConfig};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let mut config = Config::load(&args.overrides.common, args.overrides.listen)?;
            config.traffic = traffic::Traffic {
                record: args
                    .record
                    .as_ref()
                    .map(|dir| journal(dir, args.record_file_mib)),
                shadow: args.shadow.as_ref().map(|candidate| ShadowConfig {
                    candidate: candidate.clone(),
                    writes: args.shadow_writes,
                    dir: args.shadow_dir.clone(),
                    queue: 4096,
                }),
            };
            telemetry::init(&config.log);
            let shutdown = server::shutdown_signal()?;
            let listener = tokio::net::TcpListener::bind(&config.listen).await?;
            tracing::info!(listen = %listener.local_addr()?, "crm-gateway listening");
            server::run(listener, config, shutdown).await
        }
        Command::Account(AccountCommand::Create(args)) => {
            let config = operator(&args.overrides)?;
            account::create(&config, &args.name, args.json).await
        }
        Command::Account(AccountCommand::Bind(args)) => {
            let config = operator(&args.overrides)?;
            let (dialect, url) = (&args.upstream, &args.url);
            binding::bind(&config, &args.name, dialect, url, &args.credentials).await
        }
        Command::Account(AccountCommand::Unbind(args)) => {
            binding::unbind(&operator(&args.overrides)?, args.name()).await
        }
        Command::Migrate(args) => {
            let config = operator(&args.overrides)?;
            let plan = migrate::Plan {
                ends: args.ends,
                dry_run: args.dry_run,
                rate: args.rate,
                quiet: args.quiet,
            };
            migrate::run(&config, &plan).await
        }
        Command::Verify(args) => {
            let config = operator(&args.overrides)?;
            let check = migrate::Check {
                ends: args.ends,
                report: args.report,
                samples: args.samples,
            };
            if migrate::verify(&config, &check).await? {
                Ok(())
            } else {
                anyhow::bail!("something was lost or changed that the destination could keep")
            }
        }
        Command::Export(args) => {
            let config = operator(&args.overrides)?;
            let credentials = args.from_credentials.as_deref();
            let out = (args.out.as_path(), args.format);
            migrate::export(&config, &args.from, credentials, out, args.quiet).await
        }
        Command::Import(args) => {
            let config = operator(&args.overrides)?;
            let (to, credentials) = (&args.to, args.to_credentials.as_deref());
            migrate::import(
                &config,
                (&args.input, args.format),
                to,
                credentials,
                &args.state,
                args.quiet,
            )
            .await
        }
        Command::Record(args) => {
            telemetry::init(&telemetry::LogSection::text("info"));
            let record = journal(&args.dir, args.record_file_mib);
            traffic::record(args.listen, &args.upstream, &record).await
        }
        Command::Replay(args) => {
            telemetry::init(&telemetry::LogSection::text("warn"));
            let request = traffic::ReplayRequest {
                dir: &args.dir,
                target: (&args.target, &args.credentials),
                reference2: args
                    .reference2
                    .as_deref()
                    .map(|url| (url, args.reference2_credentials.as_deref())),
                report: args.report.clone(),
                timeout: Duration::from_millis(args.timeout_ms),
            };
            if traffic::replay(&request).await? {
                Ok(())
            } else {
                anyhow::bail!("the target answered otherwise than the record")
            }
        }
        Command::Backup(args) => operate::backup(&operator(&args.overrides)?, &args.to).await,
        Command::Doctor(overrides) => {
            let config = match Config::load(&overrides, None) {
                Ok(config) => config,
                Err(err) => {
                    println!("PROBLEM the configuration does not read: {err:#}");
                    std::process::exit(1);
                }
            };
            let source = overrides.config.as_ref().map_or_else(
                || "defaults, or config/gateway.toml when there".to_owned(),
                |path| path.display().to_string(),
            );
            if operate::doctor(&config, &source).await {
                Ok(())
            } else {
                std::process::exit(1)
            }
        }
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(
                args.shell,
                &mut command,
                "crm-gateway",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Account(AccountCommand::List(args)) => {
            binding::list(&operator(&args.overrides)?, args.json).await
        }
        Command::Account(AccountCommand::Show(args)) => {
            binding::show(&operator(&args.overrides)?, args.name()).await
        }
        Command::Account(AccountCommand::Disable(args)) => {
            lifecycle::set_disabled(&operator(&args.overrides)?, args.name(), true).await
        }
        Command::Account(AccountCommand::Enable(args)) => {
            lifecycle::set_disabled(&operator(&args.overrides)?, args.name(), false).await
        }
        Command::Account(AccountCommand::Rotate(args)) => {
            let config = operator(&args.account.overrides)?;
            lifecycle::rotate(&config, args.account.name(), &args.dialect, args.json).await
        }
        Command::User(UserCommand::Add(args)) => {
            let spec = lifecycle::UserSpec {
                login: &args.login,
                first_name: &args.first_name,
                last_name: &args.last_name,
                email: args.email.as_deref(),
                admin: args.admin,
            };
            let config = operator(&args.overrides)?;
            lifecycle::add_user(&config, &args.account, &spec, args.json).await
        }
        Command::User(UserCommand::List(args)) => {
            lifecycle::list_users(&operator(&args.overrides)?, &args.account, args.json).await
        }
        Command::User(UserCommand::Disable(args)) => {
            let config = operator(&args.overrides)?;
            lifecycle::set_user_status(&config, &args.account, &args.login, UserStatus::Inactive)
                .await
        }
        Command::User(UserCommand::Enable(args)) => {
            let config = operator(&args.overrides)?;
            lifecycle::set_user_status(&config, &args.account, &args.login, UserStatus::Active)
                .await
        }
    }
}

/// The settings of an operator command, with its logging started.
fn operator(overrides: &Overrides) -> anyhow::Result<Config> {
    let config = Config::load(overrides, None)?;
    telemetry::init(&config.log);
    Ok(config)
}

/// A record in `dir`, in files of `mib` MiB.
fn journal(dir: &Path, mib: u64) -> JournalConfig {
    let mut config = JournalConfig::new(dir);
    config.max_file_bytes = mib.max(1) << 20;
    config
}
