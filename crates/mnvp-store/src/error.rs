//! The few ways storage can fail, as callers need to tell them apart.

/// A storage failure. `Conflict` carries a message fit to show the person who caused it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    /// The database is locked, down or out of connections: worth retrying, never the user's fault.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("{0}")]
    Invalid(String),
    #[error("storage error: {0}")]
    Other(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e.to_string())
            }
            sqlx::Error::Database(db) => {
                if db.is_unique_violation() {
                    StoreError::Conflict(unique_message(db.message()))
                } else if db.is_foreign_key_violation() {
                    StoreError::Conflict(
                        "This record is still used by other records, so it cannot be removed or changed".into(),
                    )
                } else if is_transient(db.code().as_deref(), db.message()) {
                    StoreError::Unavailable(db.message().to_string())
                } else {
                    StoreError::Other(e.to_string())
                }
            }
            _ => StoreError::Other(e.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other(format!("migration failed: {e}"))
    }
}

/// Busy or locked SQLite (5, 6, 517) and PostgreSQL shutting down, starting up or out of
/// connections: the caller may retry; it is not the user's input that is wrong.
fn is_transient(code: Option<&str>, message: &str) -> bool {
    matches!(code, Some("5" | "6" | "517" | "57P01" | "57P03" | "53300"))
        || message.contains("database is locked")
}

/// Turns an engine's unique-constraint message into words a person can act on.
fn unique_message(raw: &str) -> String {
    let m = raw.to_lowercase();
    if m.contains("email") {
        "An account with this email address already exists".into()
    } else if m.contains("slug") {
        "Another MNVP already uses this web address name (slug)".into()
    } else if m.contains("name") {
        "An organisation of this type with this name already exists".into()
    } else if m.contains("client_id") {
        "This has already been received".into()
    } else if m.contains("mnvp_units") {
        "This unit is already covered by the MNVP".into()
    } else {
        "This duplicates a record that already exists".into()
    }
}
