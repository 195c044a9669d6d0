//! Safeguarding and safety (guidance 2.5–2.6): signposting people to support.

pub mod signposts;

use crate::routes::{r, Routes, MNVP_TEAM};
use axum::http::Method;
use axum::routing::get;

pub(crate) fn routes() -> Routes {
    vec![r(
        Method::GET,
        "/support",
        MNVP_TEAM,
        get(signposts::list_support),
    )]
}
