//! Form handling shared by every page: field errors in page order for the error summary,
//! and the one-time key that makes a double-submitted form store one record.

use serde::Serialize;
use std::collections::BTreeMap;

/// Field name → message. Rendered as the NHS error summary (in `order`) and inline messages.
#[derive(Debug, Default, Clone, Serialize)]
pub struct FormErrors(BTreeMap<String, String>);

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the first problem with a field (later ones would only repeat it).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| message.into());
    }

    /// Records a parse failure and passes the value on when there was none.
    pub fn check<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.to_string());
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A fresh idempotency key for a create form.
pub fn new_form_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Accepts a form key only if it looks like one we issued (so arbitrary text is not stored).
pub fn valid_form_key(raw: &str) -> Option<&str> {
    uuid::Uuid::parse_str(raw).ok().map(|_| raw)
}

/// A parsed optional id from a select box ("" means none).
pub fn optional_id(raw: &str) -> Result<Option<i64>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .map(Some)
        .map_err(|_| "Select an option from the list")
}
