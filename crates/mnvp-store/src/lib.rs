//! One storage API for MNVP Hub over SQLite (one MNVP on a laptop) and PostgreSQL (an ICB,
//! region or all of England). The engine is picked once, from the database URL, at start.
//!
//! Every query is written once, in SQL both engines accept (`$1` placeholders, `RETURNING`,
//! text timestamps), and run through [`read!`] / [`write_tx!`], which expand it for each pool
//! type. Every change and its audit entry commit in one transaction: no partial writes.

#[macro_use]
mod dispatch;
pub mod audit;
mod backup;
mod connect;
mod error;
#[macro_use]
pub mod safety;
#[macro_use]
pub mod feedback;
pub mod capture;
pub mod field;
pub mod keys;
pub mod organisations;
pub mod screening;
mod sealed;
mod sealing;
pub mod sessions;
pub mod signposts;
pub mod test_support;
pub mod themes;
pub mod users;
pub mod voices;

pub use audit::Actor;
pub use connect::{redact_url as connect_redacted, Engine, Store};
pub use error::StoreError;
pub use keys::KeyConfig;
pub use sealed::DataKey;
pub use sealing::SealedText;

/// The current time as stored: UTC, second precision, fixed width so text order is time order.
pub fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Reads a stored time back (None for text that is not one).
pub fn parse_time(stored: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(stored)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// A time in the stored format.
pub fn time_text(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A time `seconds` from now (negative for the past), in the stored format.
pub fn offset_text(seconds: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(seconds))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}
