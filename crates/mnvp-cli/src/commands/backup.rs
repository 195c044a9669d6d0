//! `mnvp backup`: a consistent copy of the live database. It connects without migrating, so a
//! backup never changes the database it copies.

use crate::config::Resolved;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Opts {
    /// Where to write the copy (must not exist yet). SQLite: a database file; PostgreSQL: a pg_dump archive.
    #[arg(long, short)]
    pub output: PathBuf,
}

pub async fn run(opts: Opts, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    let store = mnvp_store::Store::connect(&cfg.database_url)
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "could not open the database {}: {e}",
                mnvp_store::connect_redacted(&cfg.database_url)
            )
        })?;
    store.backup(&opts.output).await?;
    println!("Backup written to {}", opts.output.display());
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
