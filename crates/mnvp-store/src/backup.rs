//! Consistent copies of a live database.

use crate::{Store, StoreError};
use std::path::Path;

impl Store {
    /// Writes a consistent copy while the server keeps running. SQLite: `VACUUM INTO` reads one
    /// snapshot and writes a compact, standalone file. PostgreSQL: `pg_dump` (one snapshot,
    /// custom format for `pg_restore`).
    pub async fn backup(&self, dest: &Path) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::Invalid(format!(
                "{} already exists; choose a new file name so no backup is overwritten",
                dest.display()
            )));
        }
        match &*self.pools {
            crate::connect::Pools::Sqlite { read, .. } => {
                let path = dest.to_string_lossy().to_string();
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(read)
                    .await?;
                Ok(())
            }
            crate::connect::Pools::Postgres(_) => {
                let out = tokio::process::Command::new("pg_dump")
                    .arg("--format=custom")
                    .arg("--file")
                    .arg(dest)
                    .arg(self.url())
                    .output()
                    .await
                    .map_err(|e| {
                        StoreError::Other(format!(
                            "could not run pg_dump (is the PostgreSQL client installed?): {e}"
                        ))
                    })?;
                if out.status.success() {
                    Ok(())
                } else {
                    Err(StoreError::Other(format!(
                        "pg_dump failed: {}",
                        String::from_utf8_lossy(&out.stderr).trim()
                    )))
                }
            }
        }
    }
}
