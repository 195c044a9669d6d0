//! Field work: the listening an MNVP team does in person and the intelligence it gathers —
//! Walk the Patch (offline-capable), Fifteen Steps visits and their outcome reports, outreach
//! sessions with aggregate tallies of who was reached, and social media / PAG insights. Every
//! word heard lands in the one feedback store through `capture::screened`.
//!
//! Leads and volunteers of an MNVP work here on their own MNVP's sessions; trust staff read
//! the final Fifteen Steps reports about their trust's units; commissioners see none of it.

mod conversation;
mod corrections;
mod fifteen_steps;
mod fifteen_steps_report;
mod form;
mod intelligence;
mod outreach;
mod walk_offline;
mod walk_sync;
mod walk_the_patch;

use crate::admin::Opt;
use crate::auth::guard::Access;
use crate::auth::Ctx;
use crate::capture::{shown, shown_stored};
use crate::error::{WebError, WebResult};
use crate::forms::{optional_id, FormErrors};
use crate::routes::{r, Routes, FEEDBACK_READERS, LEAD, MNVP_TEAM, PUBLIC};
use crate::AppState;
use axum::extract::State;
use axum::http::Method;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use mnvp_domain::feedback::CareStage;
use mnvp_domain::field::conversation::RATINGS;
use mnvp_domain::role::Role;
use mnvp_domain::voices::demographics::{
    AgeBand, EthnicCategory, EthnicGroup, FirstLanguage, YesNo,
};
use serde::Serialize;

pub(crate) fn routes() -> Routes {
    use Method as M;
    const TEAM: Access = MNVP_TEAM;
    vec![
        r(M::GET, "/field", TEAM, get(get_field)),
        r(
            M::GET,
            "/field/walk-the-patch",
            TEAM,
            get(walk_the_patch::list_sessions),
        ),
        r(
            M::GET,
            "/field/walk-the-patch/new",
            TEAM,
            get(walk_the_patch::new_session),
        ),
        r(
            M::POST,
            "/field/walk-the-patch/new",
            TEAM,
            post(walk_the_patch::create_session),
        ),
        r(
            M::GET,
            "/field/walk-the-patch/{id}",
            TEAM,
            get(walk_the_patch::show_session),
        ),
        r(
            M::POST,
            "/field/walk-the-patch/{id}/entries",
            TEAM,
            post(walk_the_patch::create_entry),
        ),
        r(
            M::POST,
            "/field/walk-the-patch/{id}/tallies",
            TEAM,
            post(walk_the_patch::create_tally),
        ),
        r(
            M::GET,
            "/field/walk-the-patch/{id}/summary",
            TEAM,
            get(walk_the_patch::show_summary),
        ),
        // Correcting a conversation: the lead always, the volunteer who recorded it while its
        // session is open (checked per conversation; anyone else gets 403).
        r(
            M::GET,
            "/field/conversations/{id}/change",
            TEAM,
            get(corrections::edit_conversation),
        ),
        r(
            M::POST,
            "/field/conversations/{id}/change",
            TEAM,
            post(corrections::update_conversation),
        ),
        r(
            M::GET,
            "/field/conversations/{id}/remove",
            TEAM,
            get(corrections::confirm_removal),
        ),
        r(
            M::POST,
            "/field/conversations/{id}/remove",
            TEAM,
            post(corrections::remove_conversation),
        ),
        // The installable app's files hold no data, and browsers fetch the manifest without
        // cookies, so they are public.
        r(
            M::GET,
            "/field/walk-the-patch/manifest.webmanifest",
            PUBLIC,
            get(walk_offline::get_manifest),
        ),
        r(
            M::GET,
            "/field/walk-the-patch/sw.js",
            PUBLIC,
            get(walk_offline::get_service_worker),
        ),
        r(
            M::GET,
            "/static/field-queue.js",
            PUBLIC,
            get(walk_offline::get_queue_js),
        ),
        r(
            M::GET,
            "/static/field-walk.js",
            PUBLIC,
            get(walk_offline::get_walk_js),
        ),
        r(
            M::GET,
            "/api/v1/field/walk-the-patch/{id}",
            TEAM,
            get(walk_sync::get_session),
        ),
        r(
            M::POST,
            "/api/v1/field/walk-the-patch/{id}/entries",
            TEAM,
            post(walk_sync::post_entry),
        ),
        r(
            M::POST,
            "/api/v1/field/walk-the-patch/{id}/tallies",
            TEAM,
            post(walk_sync::post_tally),
        ),
        // Trust staff read final 15 Steps reports about their trust's units.
        r(
            M::GET,
            "/field/fifteen-steps",
            FEEDBACK_READERS,
            get(fifteen_steps::list_visits),
        ),
        r(
            M::GET,
            "/field/fifteen-steps/new",
            TEAM,
            get(fifteen_steps::new_visit),
        ),
        r(
            M::POST,
            "/field/fifteen-steps/new",
            TEAM,
            post(fifteen_steps::create_visit),
        ),
        r(
            M::GET,
            "/field/fifteen-steps/{id}",
            TEAM,
            get(fifteen_steps_report::show_visit),
        ),
        r(
            M::GET,
            "/field/fifteen-steps/{id}/observe",
            TEAM,
            get(fifteen_steps::observe_area),
        ),
        r(
            M::POST,
            "/field/fifteen-steps/{id}/observe",
            TEAM,
            post(fifteen_steps::create_observations),
        ),
        r(
            M::POST,
            "/field/fifteen-steps/{id}/summary",
            TEAM,
            post(fifteen_steps_report::update_summary),
        ),
        r(
            M::POST,
            "/field/fifteen-steps/{id}/actions",
            TEAM,
            post(fifteen_steps_report::create_action),
        ),
        r(
            M::POST,
            "/field/fifteen-steps/{id}/shares",
            LEAD,
            post(fifteen_steps_report::create_share),
        ),
        r(
            M::POST,
            "/field/fifteen-steps/{id}/finalise",
            LEAD,
            post(fifteen_steps_report::finalise_visit),
        ),
        r(
            M::GET,
            "/field/fifteen-steps/{id}/report",
            FEEDBACK_READERS,
            get(fifteen_steps_report::show_report),
        ),
        r(
            M::GET,
            "/field/outreach",
            TEAM,
            get(outreach::list_sessions),
        ),
        r(
            M::GET,
            "/field/outreach/new",
            TEAM,
            get(outreach::new_session),
        ),
        r(
            M::POST,
            "/field/outreach/new",
            TEAM,
            post(outreach::create_session),
        ),
        r(
            M::GET,
            "/field/outreach/{id}",
            TEAM,
            get(outreach::show_session),
        ),
        r(
            M::POST,
            "/field/outreach/{id}/feedback",
            TEAM,
            post(outreach::create_feedback),
        ),
        // Tallies feed representation analysis: corrections are the lead's.
        r(
            M::GET,
            "/field/outreach/{id}/edit",
            LEAD,
            get(outreach::edit_session),
        ),
        r(
            M::POST,
            "/field/outreach/{id}/edit",
            LEAD,
            post(outreach::update_session),
        ),
        r(
            M::GET,
            "/field/intelligence",
            TEAM,
            get(intelligence::list_insights),
        ),
        r(
            M::GET,
            "/field/intelligence/new",
            TEAM,
            get(intelligence::new_insight),
        ),
        r(
            M::POST,
            "/field/intelligence/new",
            TEAM,
            post(intelligence::create_insight),
        ),
    ]
}

/// The MNVP a lead or volunteer works for; field work is always within it.
pub(crate) fn team_mnvp(ctx: &Ctx) -> WebResult<i64> {
    let user = ctx.user()?;
    match user.role() {
        Role::MnvpLead | Role::Volunteer => user.org_id.ok_or(WebError::Forbidden),
        _ => Err(WebError::Forbidden),
    }
}

/// The units an MNVP covers, for a select box.
pub(crate) async fn unit_options(state: &AppState, mnvp: i64) -> WebResult<Vec<Opt>> {
    Ok(state
        .store
        .mnvp_units(mnvp)
        .await?
        .into_iter()
        .map(|u| Opt {
            value: u.id.to_string(),
            text: u.name,
        })
        .collect())
}

/// Post/Redirect/Get: a one-shot message, then the page at `to`.
pub(crate) async fn done(state: &AppState, ctx: &Ctx, message: &str, to: &str) -> Response {
    ctx.flash(&state.store, message).await;
    Redirect::to(to).into_response()
}

/// The message after storing something that may have been sent twice: whether this request
/// stored it, or an earlier one already had.
pub(crate) fn once(created: bool, new: &'static str, again: &'static str) -> &'static str {
    if created {
        new
    } else {
        again
    }
}

/// The unit chosen in a form's `unit` select box, which must be one the MNVP covers. With
/// `missing`, a unit is required and that is the message when none was chosen.
pub(crate) async fn chosen_unit(
    state: &AppState,
    mnvp: i64,
    raw: &str,
    missing: Option<&str>,
    errors: &mut FormErrors,
) -> WebResult<Option<i64>> {
    let units = state.store.mnvp_units(mnvp).await?;
    Ok(match optional_id(raw) {
        Ok(Some(u)) if units.iter().any(|x| x.id == u) => Some(u),
        Ok(None) => {
            if let Some(m) = missing {
                errors.add("unit", m);
            }
            None
        }
        _ => {
            errors.add(
                "unit",
                if missing.is_some() {
                    "Select a unit your MNVP covers"
                } else {
                    "Select one of your MNVP's units, or none"
                },
            );
            None
        }
    })
}

/// Today as the date input's (day, month, year), to pre-fill "when" on a new session.
pub(crate) fn today_parts() -> (String, String, String) {
    let today = chrono::Utc::now().date_naive();
    (
        today.format("%-d").to_string(),
        today.format("%-m").to_string(),
        today.format("%Y").to_string(),
    )
}

#[derive(Serialize)]
struct Group {
    label: &'static str,
    options: Vec<Opt>,
}

pub(crate) fn opts<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Opt> {
    all.iter()
        .map(|v| Opt {
            value: code(*v).into(),
            text: label(*v).into(),
        })
        .collect()
}

/// The answer lists of the conversation form: stages, ratings and the optional equality
/// questions (ethnic categories grouped under the 2021 census headings).
pub(crate) fn conversation_choices() -> minijinja::Value {
    let ethnic: Vec<Group> = EthnicGroup::ALL
        .iter()
        .filter(|g| **g != EthnicGroup::NotStated)
        .map(|g| Group {
            label: g.label(),
            options: EthnicCategory::ALL
                .iter()
                .filter(|c| c.group() == *g)
                .map(|c| Opt {
                    value: c.as_str().into(),
                    text: c.label().into(),
                })
                .collect(),
        })
        .collect();
    context! {
        stages => opts(CareStage::ALL, CareStage::as_str, CareStage::label),
        ratings => RATINGS.iter().map(|(n, l)| Opt { value: n.to_string(), text: (*l).into() }).collect::<Vec<_>>(),
        ethnic_groups => ethnic,
        ethnic_not_stated => EthnicCategory::NotStated.as_str(),
        age_bands => opts(AgeBand::ALL, AgeBand::as_str, AgeBand::label),
        languages => opts(FirstLanguage::ALL, FirstLanguage::as_str, FirstLanguage::label),
        yes_no => opts(YesNo::ALL, YesNo::as_str, YesNo::label),
    }
}

/// Pagination for a list of `total` items shown `size` at a time.
pub(crate) struct Page {
    pub number: i64,
    pub size: i64,
}

impl Page {
    pub fn new(requested: Option<i64>, size: i64) -> Page {
        Page {
            number: requested.unwrap_or(1).clamp(1, 100_000),
            size,
        }
    }

    pub fn offset(&self) -> i64 {
        (self.number - 1) * self.size
    }

    /// Links to the previous and next pages of `path`, when there are any.
    pub fn links(&self, path: &str, total: i64) -> (Option<String>, Option<String>) {
        let pages = ((total + self.size - 1) / self.size).max(1);
        (
            (self.number > 1).then(|| format!("{path}?page={}", self.number - 1)),
            (self.number < pages).then(|| format!("{path}?page={}", self.number + 1)),
        )
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct PageQuery {
    #[serde(default)]
    pub page: Option<i64>,
}

/// The field work hub: one place to start each kind of session.
pub async fn get_field(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let mnvp = team_mnvp(&ctx)?;
    let (walks, walk_total) = state.store.list_walk_sessions(mnvp, 1, 0).await?;
    let (outreach, outreach_total) = state.store.list_outreach(mnvp, 1, 0).await?;
    let (visits, visit_total) = state
        .store
        .list_visits(
            &mnvp_store::field::fifteen_steps::VisitScope::Mnvp(mnvp),
            1,
            0,
        )
        .await?;
    state
        .render(
            &ctx,
            "field/index.html",
            context! {
                walk_total => walk_total,
                last_walk => walks.first(),
                visit_total => visit_total,
                last_visit => visits.first(),
                outreach_total => outreach_total,
                last_outreach => outreach.first(),
            },
        )
        .await
}
