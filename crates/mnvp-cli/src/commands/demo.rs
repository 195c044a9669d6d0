//! `mnvp demo`: load the fictional demo into an empty database.

use super::open_store;
use crate::config::Resolved;
use clap::Args;
use mnvp_web::demo;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Opts {}

pub async fn run(_opts: Opts, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    let store = open_store(cfg).await?;
    let summary = demo::load(&store).await?;
    println!(
        "Demo loaded: {} fictional feedback records.",
        summary.feedback
    );
    println!(
        "Sign-in details (every password is {}):",
        demo::DEMO_PASSWORD
    );
    for l in &summary.logins {
        println!("  {:<26} {:<36} {}", l.role.label(), l.email, l.org);
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
