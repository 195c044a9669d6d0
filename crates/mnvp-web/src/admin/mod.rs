//! Administration: organisations, accounts and the audit log. Administrators only.

pub mod audit;
pub mod orgs;
pub mod users;

use serde::Serialize;

/// An option in a select box.
#[derive(Serialize)]
pub struct Opt {
    pub value: String,
    pub text: String,
}
