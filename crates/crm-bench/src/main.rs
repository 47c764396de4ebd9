//! `cargo run --release -p crm-bench --`: seeds a base of clients, starts the
//! gateway and a bare axum + sqlx server on it, pinned to one core, drives
//! every case from the other core and prints each figure beside the bare
//! read's. Nothing asserts a time: the figures go to docs/performance.md.
//! `crm-bench soak` is the long run of mixed traffic (docs/reliability.md).

mod cases;
mod cli;
mod load;
mod migration;
mod proxy;
mod recording;
mod report;
mod seed;
mod servers;
mod soak;
mod wire;

use clap::Parser;

use crate::cli::{Cli, Command};

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cli.threads())
        .enable_all()
        .build()?;
    match cli.command {
        None => {
            servers::pin_this_process_to_the_load_core()?;
            runtime.block_on(cases::run(cli.run))
        }
        Some(Command::Gateway(args)) => runtime.block_on(servers::serve_gateway(args)),
        Some(Command::Bare(args)) => runtime.block_on(servers::serve_bare(args)),
        Some(Command::Migrate(args)) => runtime.block_on(migration::serve_migrate(args)),
        Some(Command::Soak(args)) => {
            servers::pin_this_process_to_the_load_core()?;
            if !runtime.block_on(soak::run(args))? {
                std::process::exit(1);
            }
            Ok(())
        }
    }
}
