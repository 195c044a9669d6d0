//! One file per subcommand: its options (`Opts`) and what it does (`run`).

pub mod audit;
pub mod backup;
pub mod capture;
pub mod demo;
pub mod migrate;
pub mod report;
pub mod safety;
pub mod serve;
pub mod text;
pub mod themes;
pub mod user;
pub mod voices;

use crate::config::Resolved;
use mnvp_store::Store;

/// Opens the database with its data key, explaining what to check when it cannot be opened.
pub async fn open_store(cfg: &Resolved) -> anyhow::Result<Store> {
    let url = &cfg.database_url;
    Store::open_with(url, &cfg.data_key).await.map_err(|e| {
        anyhow::anyhow!(
            "could not open the database {}: {e}",
            mnvp_store::connect_redacted(url)
        )
    })
}
