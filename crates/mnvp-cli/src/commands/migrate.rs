//! `mnvp migrate`: bring the database schema up to date.

use super::open_store;
use crate::config::Resolved;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Opts {}

pub async fn run(_opts: Opts, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    let store = open_store(cfg).await?;
    println!(
        "The database {} is up to date ({:?}).",
        mnvp_store::connect_redacted(&cfg.database_url),
        store.engine()
    );
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
