//! The Fifteen Steps workspace and outcome report: the summary and recommended actions the
//! team agrees, the record of whom the report went to (trust governance, safety champions,
//! LMNS board) and when, the lead's sign-off, and the printable report itself — which trust
//! staff of the unit's trust may read once it is final.

use super::fifteen_steps::{area_views, fresh_workspace_forms, visit_for_reader, visit_for_team};
use super::form::{add_all, Pairs};
use super::{done, shown, shown_stored};
use crate::admin::Opt;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::field::fifteen_steps::{
    areas_from_code, Action, Area, Audience, Finding, Heading, Share, EXPECTED_AUDIENCES,
};
use mnvp_domain::field::{optional_text, TEXT_MAX};
use mnvp_domain::role::Role;
use mnvp_store::field::fifteen_steps::Visit;

/// Field names of the workspace's forms, in page order, for the error summary.
const ORDER: &[&str] = &[
    "summary",
    "action",
    "area",
    "owner",
    "audience",
    "shared_on",
    "note",
];

/// The report's content as this role may see it (redacted outside the lead role).
async fn report_context(
    state: &AppState,
    role: Role,
    visit: &Visit,
) -> WebResult<minijinja::Value> {
    let observations = state.store.visit_observations(visit.id).await?;
    let areas: Vec<_> = area_views(visit)
        .into_iter()
        .map(|a| {
            let here: Vec<_> = observations.iter().filter(|o| o.area == a.code).collect();
            let headings: Vec<_> = Heading::ALL
                .iter()
                .map(|h| {
                    let of = |f: Finding| -> Vec<String> {
                        here.iter()
                            .filter(|o| o.heading == h.as_str() && o.finding == f.as_str())
                            .filter_map(|o| shown_stored(&state.store, role, o.body.as_ref(), o.body_redacted.as_deref()))
                            .collect()
                    };
                    context! { label => h.label(), works_well => of(Finding::WorksWell), could_improve => of(Finding::CouldImprove) }
                })
                .collect();
            context! { code => a.code, label => a.label, count => here.len(), headings => headings }
        })
        .collect();
    let area_label = |code: &Option<String>| {
        code.as_deref()
            .and_then(|c| Area::parse(c).ok())
            .map(|a| match (a, &visit.other_area) {
                (Area::Other, Some(o)) => o.clone(),
                _ => a.label().to_string(),
            })
    };
    let actions: Vec<_> = state
        .store
        .visit_actions(visit.id)
        .await?
        .iter()
        .map(|a| context! { text => shown(role, &a.action), area => area_label(&a.area), owner => a.owner.as_deref().map(|o| shown(role, o)) })
        .collect();
    let shares = state.store.visit_shares(visit.id).await?;
    let missing: Vec<&str> = EXPECTED_AUDIENCES
        .iter()
        .filter(|a| !shares.iter().any(|s| s.audience == a.as_str()))
        .map(|a| a.label())
        .collect();
    let shares: Vec<_> = shares
        .iter()
        .map(|s| {
            context! {
                audience => Audience::parse(&s.audience).map(|a| a.label()).unwrap_or_default(),
                shared_on => s.shared_on,
                note => s.note.as_deref().map(|n| shown(role, n)),
                recorded_by => s.recorded_by,
            }
        })
        .collect();
    Ok(context! {
        visit => visit,
        team => shown(role, &visit.team),
        summary => visit.summary.as_deref().map(|s| shown(role, s)),
        areas => areas,
        actions => actions,
        shares => shares,
        not_yet_shared => missing,
        redacted => !role.sees_original_text(),
    })
}

async fn workspace(
    state: &AppState,
    ctx: &Ctx,
    visit: &Visit,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let report = report_context(state, role, visit).await?;
    let area_opts: Vec<Opt> = area_views(visit)
        .into_iter()
        .map(|a| Opt {
            value: a.code.into(),
            text: a.label,
        })
        .collect();
    let audiences: Vec<Opt> = Audience::ALL
        .iter()
        .map(|a| Opt {
            value: a.as_str().into(),
            text: a.label().into(),
        })
        .collect();
    state
        .render(
            ctx,
            "field/steps/visit.html",
            context! {
                report => report,
                form => form,
                errors => errors,
                order => ORDER,
                area_options => area_opts,
                audiences => audiences,
                is_lead => role == Role::MnvpLead,
            },
        )
        .await
}

pub async fn show_visit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let visit = visit_for_team(&state, &ctx, id).await?;
    workspace(
        &state,
        &ctx,
        &visit,
        fresh_workspace_forms(&visit),
        FormErrors::new(),
    )
    .await
}

/// Re-renders the workspace with one form's problems and what was typed in it.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    visit: &Visit,
    form: &Pairs,
    errors: FormErrors,
) -> WebResult<Response> {
    let mut values = fresh_workspace_forms(visit);
    if let (Some(v), serde_json::Value::Object(typed)) = (values.as_object_mut(), form.echo(&[])) {
        v.extend(typed);
    }
    let html = workspace(state, ctx, visit, values, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

pub async fn update_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let visit = visit_for_team(&state, &ctx, id).await?;
    match optional_text("the summary", &form.get("summary"), TEXT_MAX) {
        Ok(summary) => {
            state
                .store
                .set_visit_summary(id, summary.as_deref(), &ctx.actor())
                .await?;
            Ok(done(
                &state,
                &ctx,
                "Summary saved.",
                &format!("/field/fifteen-steps/{id}"),
            )
            .await)
        }
        Err(e) => {
            let mut errors = FormErrors::new();
            errors.add("summary", e.0);
            refused(&state, &ctx, &visit, &form, errors).await
        }
    }
}

pub async fn create_action(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let visit = visit_for_team(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    let area = form.get("area");
    if !area.is_empty()
        && !areas_from_code(&visit.areas)
            .iter()
            .any(|a| a.as_str() == area)
    {
        errors.add("area", "Select one of the areas the team visited");
    }
    match Action::parse(&form.get("action"), &area, &form.get("owner")) {
        Ok(action) if errors.is_empty() => {
            let key = valid_form_key(&form.get("action_key")).map(str::to_string);
            state
                .store
                .add_visit_action(id, &action, &ctx.actor(), key.as_deref())
                .await?;
            Ok(done(
                &state,
                &ctx,
                "Recommended action added.",
                &format!("/field/fifteen-steps/{id}"),
            )
            .await)
        }
        Ok(_) => refused(&state, &ctx, &visit, &form, errors).await,
        Err(e) => {
            add_all(&mut errors, e);
            refused(&state, &ctx, &visit, &form, errors).await
        }
    }
}

pub async fn create_share(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let visit = visit_for_team(&state, &ctx, id).await?;
    let (d, m, y) = (
        form.get("shared_on_day"),
        form.get("shared_on_month"),
        form.get("shared_on_year"),
    );
    match Share::parse(&form.get("audience"), (&d, &m, &y), &form.get("note")) {
        Ok(share) => {
            let key = valid_form_key(&form.get("share_key")).map(str::to_string);
            state
                .store
                .record_visit_share(id, &share, &ctx.actor(), key.as_deref())
                .await?;
            Ok(done(
                &state,
                &ctx,
                &format!("Recorded: shared with {}.", share.audience.label()),
                &format!("/field/fifteen-steps/{id}"),
            )
            .await)
        }
        Err(e) => {
            let mut errors = FormErrors::new();
            add_all(&mut errors, e);
            refused(&state, &ctx, &visit, &form, errors).await
        }
    }
}

/// The lead signs the report off; trust staff of the unit's trust can then read it.
pub async fn finalise_visit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    visit_for_team(&state, &ctx, id).await?;
    let changed = state.store.finalise_visit(id, &ctx.actor()).await?;
    let message = if changed {
        "The report is final. Trust staff for this unit can now read it."
    } else {
        "The report was already final."
    };
    Ok(done(&state, &ctx, message, &format!("/field/fifteen-steps/{id}")).await)
}

/// The outcome report, for screen and print.
pub async fn show_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let visit = visit_for_reader(&state, &ctx, id).await?;
    let report = report_context(&state, role, &visit).await?;
    state
        .render(
            &ctx,
            "field/steps/report.html",
            context! { report => report, staff => role == Role::TrustStaff },
        )
        .await
}
