use clap::Parser;
use crm_gateway::cli::{AccountCommand, Cli, Command};
use crm_gateway::{Config, account, server, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let config = Config::load(&args.overrides.common, args.overrides.listen)?;
            telemetry::init(&config.log);
            let shutdown = server::shutdown_signal()?;
            let listener = tokio::net::TcpListener::bind(&config.listen).await?;
            tracing::info!(listen = %listener.local_addr()?, "crm-gateway listening");
            server::run(listener, config, shutdown).await
        }
        Command::Account(AccountCommand::Create(args)) => {
            let config = Config::load(&args.overrides, None)?;
            telemetry::init(&config.log);
            account::create(&config, &args.name, args.json).await
        }
    }
}
