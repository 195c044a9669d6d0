//! `mnvp backup`: a consistent copy of the live database. It connects without migrating, so a
//! backup never changes the database it copies.

use crate::config::Resolved;
use clap::Args;
use std::path::{Path, PathBuf};
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
    // Feedback text in the copy is encrypted: without its key the copy cannot be read.
    match mnvp_store::keys::key_file(&cfg.database_url, &cfg.data_key) {
        Some(key) if key.exists() => {
            let copy = std::path::PathBuf::from(format!("{}.key", opts.output.display()));
            copy_key(&key, &copy)?;
            println!(
                "The data key was copied to {}. Without it the feedback text in the backup cannot be read: \
                 keep it safe, and store it apart from the backup if the backup leaves this machine.",
                copy.display()
            );
        }
        _ => println!(
            "The feedback text in the backup is encrypted with the data key in MNVP_DATA_KEY: keep that key \
             safe, apart from the backup; without it the backup's feedback text cannot be read."
        ),
    }
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

/// Copies the key file next to the backup, readable by its owner only, never overwriting.
fn copy_key(from: &Path, to: &Path) -> anyhow::Result<()> {
    use std::io::Write;
    let key = std::fs::read(from)
        .map_err(|e| anyhow::anyhow!("could not read the data key file {}: {e}", from.display()))?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(to)
        .map_err(|e| anyhow::anyhow!("could not write the key copy {}: {e}", to.display()))?;
    f.write_all(&key)?;
    f.sync_all()?;
    Ok(())
}
