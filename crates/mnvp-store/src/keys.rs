//! Finding the data key at start. Order: the key itself (`MNVP_DATA_KEY`), a key file named
//! in the settings (`data_key_file`, `MNVP_DATA_KEY_FILE`), or, for SQLite, a key file next
//! to the database (`mnvp.db` → `mnvp.db.key`). A key file is created (readable by its owner
//! only) on first start, but only while the database has sealed nothing: if the database
//! already records a key and its file is gone, start-up stops and says so, rather than
//! creating a new key that could never open what was written before.

use crate::sealed::DataKey;
use crate::StoreError;
use sqlx::sqlite::SqliteConnectOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub const KEY_ENV: &str = "MNVP_DATA_KEY";
pub const KEY_FILE_ENV: &str = "MNVP_DATA_KEY_FILE";

/// Where the data key comes from, as configured.
#[derive(Clone, Default)]
pub struct KeyConfig {
    /// The key itself (hex or base64).
    pub key: Option<String>,
    /// A key file to read, or to create on first start.
    pub file: Option<PathBuf>,
}

impl std::fmt::Debug for KeyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyConfig")
            .field("key", &self.key.as_ref().map(|_| "***"))
            .field("file", &self.file)
            .finish()
    }
}

impl KeyConfig {
    /// `MNVP_DATA_KEY` and `MNVP_DATA_KEY_FILE` from the environment.
    pub fn from_env() -> KeyConfig {
        KeyConfig {
            key: std::env::var(KEY_ENV).ok().filter(|k| !k.trim().is_empty()),
            file: std::env::var_os(KEY_FILE_ENV).map(PathBuf::from),
        }
    }

    pub fn with_key(key: &DataKey) -> KeyConfig {
        KeyConfig {
            key: Some(key.to_hex()),
            file: None,
        }
    }
}

/// The key file this database uses, if its key lives in a file.
pub fn key_file(url: &str, cfg: &KeyConfig) -> Option<PathBuf> {
    if cfg.key.is_some() {
        return None;
    }
    if let Some(f) = &cfg.file {
        return Some(f.clone());
    }
    sqlite_path(url).map(|p| PathBuf::from(format!("{}.key", p.display())))
}

/// The file of an on-disk SQLite database (none for memory databases or other engines).
fn sqlite_path(url: &str) -> Option<PathBuf> {
    if !url.starts_with("sqlite:") || is_memory(url) {
        return None;
    }
    let opts = SqliteConnectOptions::from_str(url).ok()?;
    Some(opts.get_filename().to_path_buf())
}

fn is_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// Loads the configured key, creating a key file only when `may_create` (nothing sealed yet).
pub(crate) fn load(url: &str, cfg: &KeyConfig, may_create: bool) -> Result<DataKey, StoreError> {
    if let Some(k) = &cfg.key {
        return DataKey::parse(k)
            .map_err(|e| StoreError::Invalid(format!("{KEY_ENV} is not usable: {e}")));
    }
    match key_file(url, cfg) {
        Some(path) => read_or_create(&path, may_create),
        None if url.starts_with("sqlite:") && is_memory(url) => Ok(DataKey::generate()),
        None => Err(StoreError::Invalid(format!(
            "feedback text is stored encrypted, and a PostgreSQL database needs its data key from \
             outside the database: set {KEY_ENV} to 32 random bytes as 64 hexadecimal digits \
             (for example from `openssl rand -hex 32`), or set data_key_file (or {KEY_FILE_ENV}) \
             to a file to keep it in, which is created on first start"
        ))),
    }
}

fn read_or_create(path: &Path, may_create: bool) -> Result<DataKey, StoreError> {
    match std::fs::read_to_string(path) {
        Ok(text) => DataKey::parse(&text).map_err(|e| {
            StoreError::Invalid(format!(
                "the data key file {} is not usable: {e}",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && may_create => create(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::Invalid(format!(
            "the data key file {} is missing, but this database holds feedback encrypted with a \
             key. Put the key file back (from where you keep it with your backups) and start \
             again; without it the original feedback text cannot be read",
            path.display()
        ))),
        Err(e) => Err(StoreError::Other(format!(
            "could not read the data key file {}: {e}",
            path.display()
        ))),
    }
}

fn create(path: &Path) -> Result<DataKey, StoreError> {
    let key = DataKey::generate();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(mut f) => {
            f.write_all(format!("{}\n", key.to_hex()).as_bytes())
                .and_then(|_| f.sync_all())
                .map_err(|e| {
                    StoreError::Other(format!(
                        "could not write the data key file {}: {e}",
                        path.display()
                    ))
                })?;
            tracing::info!(file = %path.display(), "created a new data key file; keep a copy with your backups");
            Ok(key)
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_or_create(path, false),
        Err(e) => Err(StoreError::Other(format!(
            "could not create the data key file {}: {e}",
            path.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_keys_live_beside_the_database() {
        let none = KeyConfig::default();
        assert_eq!(
            key_file("sqlite:///tmp/x/mnvp.db", &none),
            Some(PathBuf::from("/tmp/x/mnvp.db.key"))
        );
        assert_eq!(
            key_file("sqlite://mnvp.db?mode=rwc", &none),
            Some(PathBuf::from("mnvp.db.key"))
        );
        assert_eq!(key_file("sqlite::memory:", &none), None);
        assert_eq!(key_file("postgres://u@h/db", &none), None);
        let file = KeyConfig {
            key: None,
            file: Some("/etc/mnvp/data.key".into()),
        };
        assert_eq!(
            key_file("postgres://u@h/db", &file),
            Some(PathBuf::from("/etc/mnvp/data.key"))
        );
    }

    #[test]
    fn a_missing_key_file_is_created_once_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.key");
        let cfg = KeyConfig {
            key: None,
            file: Some(path.clone()),
        };
        let url = "postgres://u@h/db";
        let err = load(url, &cfg, false).unwrap_err();
        assert!(err.to_string().contains("is missing"), "{err}");
        let first = load(url, &cfg, true).unwrap();
        assert_eq!(
            load(url, &cfg, true).unwrap().fingerprint(),
            first.fingerprint()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let err = load(url, &KeyConfig::default(), true).unwrap_err();
        assert!(err.to_string().contains("MNVP_DATA_KEY"), "{err}");
    }
}
