//! `mnvp audit verify`: recompute the audit chain and report the first broken link.

use super::open_store;
use crate::config::Resolved;
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check every entry's hash and link; exits with status 1 if the log was tampered with.
    Verify,
}

pub async fn run(cmd: AuditCommand, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    match cmd {
        AuditCommand::Verify => {
            let store = open_store(cfg).await?;
            let result = store.audit_verify().await?;
            store.close().await;
            match result {
                Ok(n) => {
                    println!("The audit log is intact: {n} entries verified.");
                    Ok(ExitCode::SUCCESS)
                }
                Err(b) => {
                    println!(
                        "The audit log is NOT intact: entry {} — {}.",
                        b.seq, b.reason
                    );
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}
