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

use mnvp_store::Store;

/// Opens the database, explaining what to check when it cannot be reached.
pub async fn open_store(url: &str) -> anyhow::Result<Store> {
    Store::open(url).await.map_err(|e| {
        anyhow::anyhow!(
            "could not open the database {}: {e}",
            mnvp_store::connect_redacted(url)
        )
    })
}
