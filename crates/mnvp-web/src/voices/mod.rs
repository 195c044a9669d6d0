//! Hearing all voices, on screen: who we are not hearing, where, and what to do next; the
//! reference data behind it; and the Addressing Inequalities annual report. The report builder
//! is shared with `mnvp report representation`.

pub mod annual;
mod charts;
mod plan;
pub mod reference;
pub mod report;
pub mod scope;
pub mod screen;
mod view;

use crate::auth::guard::Access;
use crate::routes::{r, Routes, LEAD};
use axum::http::Method;
use axum::routing::{get, post};
use mnvp_domain::role::Role;

/// Who sees representation figures: the lead exactly, trust staff and commissioners suppressed.
pub(crate) const REPRESENTATION_READERS: Access =
    Access::Roles(&[Role::MnvpLead, Role::TrustStaff, Role::Commissioner]);
/// Who imports reference data: the lead (their own footprint's births) and administrators.
pub(crate) const REFERENCE_IMPORTERS: Access =
    Access::Roles(&[Role::MnvpLead, Role::Administrator]);

pub(crate) fn routes() -> Routes {
    use Method as M;
    vec![
        r(
            M::GET,
            "/voices",
            REPRESENTATION_READERS,
            get(screen::get_voices),
        ),
        r(
            M::GET,
            "/voices/representation.csv",
            REPRESENTATION_READERS,
            get(screen::export_representation),
        ),
        r(
            M::GET,
            "/voices/reference",
            REFERENCE_IMPORTERS,
            get(reference::get_reference),
        ),
        r(
            M::POST,
            "/voices/reference",
            REFERENCE_IMPORTERS,
            post(reference::post_reference),
        ),
        r(
            M::GET,
            "/voices/annual-report",
            LEAD,
            get(annual::get_annual_report),
        ),
        r(
            M::POST,
            "/voices/annual-report",
            LEAD,
            post(annual::post_annual_report),
        ),
        r(
            M::GET,
            "/voices/annual-report.md",
            LEAD,
            get(annual::export_annual_report_md),
        ),
        r(
            M::GET,
            "/voices/annual-report.csv",
            LEAD,
            get(annual::export_annual_report_csv),
        ),
    ]
}
