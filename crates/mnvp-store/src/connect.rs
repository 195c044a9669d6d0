//! Opening a store from a URL, migrating it, and checking it is reachable.

use crate::keys::KeyConfig;
use crate::StoreError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub(crate) enum Pools {
    /// SQLite allows one writer at a time; a one-connection write pool queues writers in the
    /// process instead of letting them fail with "database is locked".
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
    },
    Postgres(PgPool),
}

/// The storage handle every layer shares. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(crate) pools: std::sync::Arc<Pools>,
    url: String,
    /// Seals and opens feedback text; loaded by [`Store::open`], absent after a bare
    /// [`Store::connect`] (which cannot read or write feedback text).
    pub(crate) sealer: Option<std::sync::Arc<crate::sealed::Sealer>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("url", &redact_url(&self.url))
            .finish()
    }
}

impl Store {
    /// Opens the database named by `url` (`sqlite://PATH`, `sqlite::memory:`, `postgres://…`),
    /// applies any pending migrations and loads the data key from the environment or beside
    /// the database (see [`crate::keys`]). An unknown scheme is refused, never guessed.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Self::open_with(url, &KeyConfig::from_env()).await
    }

    /// [`Store::open`] with the data key's source given (the binary layers its settings).
    /// Any text still stored unsealed (from before encryption) is sealed before this returns.
    pub async fn open_with(url: &str, key: &KeyConfig) -> Result<Store, StoreError> {
        let mut store = Self::connect(url).await?;
        store.migrate().await?;
        store.load_key(key).await?;
        store.seal_unsealed_feedback().await?;
        store.seal_waiting_in_clear().await?;
        Ok(store)
    }

    /// Opens without migrating (for commands that must not change the schema).
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let pools = if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Invalid(format!("invalid SQLite URL: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                // Deleted content is overwritten, so plaintext replaced when older feedback is
                // sealed (and the dropped index of it) does not linger in free pages.
                .pragma("secure_delete", "on")
                .busy_timeout(Duration::from_secs(10));
            let in_memory = url.contains(":memory:");
            // An in-memory database exists once per connection, so it must use one connection.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(15))
                .connect_with(opts.clone())
                .await
                .map_err(unavailable)?;
            let read = if in_memory {
                write.clone()
            } else {
                SqlitePoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(15))
                    .connect_with(opts.read_only(false))
                    .await
                    .map_err(unavailable)?
            };
            Pools::Sqlite { read, write }
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Invalid(format!("invalid PostgreSQL URL: {e}")))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(15))
                .connect_with(opts)
                .await
                .map_err(unavailable)?;
            Pools::Postgres(pool)
        } else {
            return Err(StoreError::Invalid(format!(
                "unsupported database URL '{}': use sqlite://PATH or postgres://USER@HOST/DB",
                redact_url(url)
            )));
        };
        Ok(Store {
            pools: std::sync::Arc::new(pools),
            url: url.to_string(),
            sealer: None,
        })
    }

    pub fn engine(&self) -> Engine {
        match &*self.pools {
            Pools::Sqlite { .. } => Engine::Sqlite,
            Pools::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies the engine's migrations; they are numbered in step across engines.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &*self.pools {
            Pools::Sqlite { write, .. } => SQLITE_MIGRATIONS.run(write).await?,
            Pools::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// A cheap round trip, used by `/ready`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        read!(self, |pool| {
            sqlx::query("SELECT 1")
                .execute(pool)
                .await
                .map_err(unavailable)?;
        });
        Ok(())
    }

    /// Waits for in-flight queries and closes every connection (graceful shutdown).
    pub async fn close(&self) {
        match &*self.pools {
            Pools::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Pools::Postgres(pool) => pool.close().await,
        }
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

fn unavailable(e: sqlx::Error) -> StoreError {
    match StoreError::from(e) {
        StoreError::Other(m) => StoreError::Unavailable(m),
        other => other,
    }
}

/// Hides a password in a database URL before it reaches a log or an error message.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}
