//! Reading field-work forms. They repeat keys (checkboxes) and have boxes named by data (one
//! per heading, one per tally group), which `axum::Form` cannot express, so the body is read
//! as ordered pairs.

use crate::error::WebError;
use crate::forms::FormErrors;
use axum::extract::{FromRequest, Request};
use mnvp_domain::ParseError;
use serde_json::{Map, Value};

/// A urlencoded form body as ordered (name, value) pairs.
#[derive(Debug, Clone, Default)]
pub struct Pairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for Pairs {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| WebError::BadRequest("The form could not be read".into()))?;
        serde_urlencoded::from_bytes(&bytes)
            .map(Pairs)
            .map_err(|_| WebError::BadRequest("The form could not be read".into()))
    }
}

impl Pairs {
    /// The last value given for `name`, or "" when absent.
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value given for `name` (ticked checkboxes), in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// What was typed, for the template to show back: one string per field, and a list for
    /// each field in `lists` (checkbox groups). The CSRF token is left out: the page has its own.
    pub fn echo(&self, lists: &[&str]) -> Value {
        let mut out = Map::new();
        for (k, v) in &self.0 {
            if k == "csrf" {
                continue;
            }
            if lists.contains(&k.as_str()) {
                let entry = out
                    .entry(k.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(a) = entry {
                    a.push(Value::String(v.clone()));
                }
            } else {
                out.insert(k.clone(), Value::String(v.clone()));
            }
        }
        for l in lists {
            out.entry(l.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
        }
        Value::Object(out)
    }
}

/// Adds a domain parser's field errors to a form's.
pub fn add_all<F: AsRef<str>>(errors: &mut FormErrors, found: Vec<(F, ParseError)>) {
    for (field, e) in found {
        errors.add(field.as_ref(), e.0);
    }
}
