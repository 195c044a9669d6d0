//! Fresh, empty databases for tests on both engines. PostgreSQL tests need a server: the
//! project's `scripts/test` starts a throwaway one and sets `MNVP_TEST_POSTGRES_URL`; without
//! it those tests fail with instructions rather than silently skipping.

use crate::{Engine, KeyConfig, Store, StoreError};
use sqlx::Connection;

pub const POSTGRES_ENV: &str = "MNVP_TEST_POSTGRES_URL";

/// The data key PostgreSQL test databases are sealed with (a PostgreSQL database keeps its key
/// outside the database; SQLite test databases get a key file beside them, as in production).
/// Process tests pass it to the binary as `MNVP_DATA_KEY`.
pub const TEST_DATA_KEY: &str = "6d6e76702d6875622074657374206b6579206e6f7420666f722070726f64210a";

/// Both engines, in the order tests run them.
pub const ENGINES: [Engine; 2] = [Engine::Sqlite, Engine::Postgres];

/// A database that lives as long as this value (SQLite files are removed on drop).
pub struct TestDb {
    pub url: String,
    file: Option<std::path::PathBuf>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(f) = &self.file {
            for suffix in ["", "-wal", "-shm", ".key"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", f.display()));
            }
        }
    }
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        let name = format!("mnvp_test_{}", unique_suffix());
        match engine {
            Engine::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                TestDb {
                    url: format!("sqlite://{}", path.display()),
                    file: Some(path),
                }
            }
            Engine::Postgres => {
                let admin = std::env::var(POSTGRES_ENV).unwrap_or_else(|_| {
                    panic!(
                        "{POSTGRES_ENV} is not set. The PostgreSQL half of the suite needs a server: \
                         run ./scripts/test, which starts a throwaway one on loopback."
                    )
                });
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {POSTGRES_ENV}: {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .unwrap_or_else(|e| panic!("cannot create test database: {e}"));
                let _ = conn.close().await;
                let mut url = url::Url::parse(&admin).expect("valid PostgreSQL URL");
                url.set_path(&name);
                TestDb {
                    url: url.to_string(),
                    file: None,
                }
            }
        }
    }

    pub async fn open(&self) -> Result<Store, StoreError> {
        Store::open_with(&self.url, &self.key_config()).await
    }

    /// Where this database's data key comes from.
    pub fn key_config(&self) -> KeyConfig {
        if self.file.is_some() {
            KeyConfig::default()
        } else {
            KeyConfig {
                key: Some(TEST_DATA_KEY.into()),
                file: None,
            }
        }
    }
}

fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}
