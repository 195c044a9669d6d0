//! Safeguarding (guidance 2.5–2.6): the lead's triage queue of cases opened for flagged
//! feedback, each case worked through the MNVP's documented escalation procedure, overdue
//! alerts on the dashboard and by email, and the governance report. Volunteers can read the
//! procedure; commissioners see the report's suppressed aggregate. The signposting directory
//! (support organisations, matched to what someone wrote) is for the whole MNVP team.

pub mod alerts;
mod case;
mod dashboard;
mod directory;
mod highlight;
mod mail;
mod procedure;
mod queue;
mod report;
mod scope;
pub mod signposts;
mod steps;

pub(crate) use dashboard::panel as dashboard_panel;

use crate::auth::guard::Access;
use crate::routes::{r, Routes, LEAD, MNVP_TEAM};
use axum::http::Method;
use axum::routing::{get, post};
use mnvp_domain::role::Role;

/// Commissioners: aggregate, suppressed figures only.
const COMMISSIONERS: Access = Access::Roles(&[Role::Commissioner]);
/// Who keeps the signposting directory: each lead their MNVP's entries, administrators the
/// national ones (the handlers pick which).
const DIRECTORY_EDITORS: Access = Access::Roles(&[Role::MnvpLead, Role::Administrator]);

pub(crate) fn routes() -> Routes {
    use Method as M;
    vec![
        r(M::GET, "/safety", LEAD, get(queue::list_cases)),
        r(M::GET, "/safety/cases/{id}", LEAD, get(case::show_case)),
        r(
            M::POST,
            "/safety/cases/{id}/review",
            LEAD,
            post(steps::post_review),
        ),
        r(
            M::POST,
            "/safety/cases/{id}/decision",
            LEAD,
            post(steps::post_decision),
        ),
        r(
            M::POST,
            "/safety/cases/{id}/notify",
            LEAD,
            post(steps::post_notify),
        ),
        r(
            M::POST,
            "/safety/cases/{id}/outcome",
            LEAD,
            post(steps::post_outcome),
        ),
        r(
            M::POST,
            "/safety/cases/{id}/close",
            LEAD,
            post(steps::post_close),
        ),
        r(
            M::GET,
            "/safety/procedure",
            MNVP_TEAM,
            get(procedure::show_procedure),
        ),
        r(
            M::GET,
            "/safety/procedure/edit",
            LEAD,
            get(procedure::edit_procedure),
        ),
        r(
            M::POST,
            "/safety/procedure/edit",
            LEAD,
            post(procedure::update_procedure),
        ),
        r(M::GET, "/safety/report", LEAD, get(report::show_report)),
        r(
            M::GET,
            "/safety/report.csv",
            LEAD,
            get(report::export_report),
        ),
        r(
            M::GET,
            "/safety/summary",
            COMMISSIONERS,
            get(report::show_summary),
        ),
        r(
            M::GET,
            "/safety/summary.csv",
            COMMISSIONERS,
            get(report::export_summary),
        ),
        r(M::GET, "/support", MNVP_TEAM, get(signposts::list_support)),
        r(
            M::GET,
            "/support/manage",
            DIRECTORY_EDITORS,
            get(directory::list_entries),
        ),
        r(
            M::GET,
            "/support/manage/new",
            DIRECTORY_EDITORS,
            get(directory::new_entry),
        ),
        r(
            M::POST,
            "/support/manage/new",
            DIRECTORY_EDITORS,
            post(directory::create_entry),
        ),
        r(
            M::GET,
            "/support/manage/{id}/edit",
            DIRECTORY_EDITORS,
            get(directory::edit_entry),
        ),
        r(
            M::POST,
            "/support/manage/{id}/edit",
            DIRECTORY_EDITORS,
            post(directory::update_entry),
        ),
    ]
}
