//! Fifteen Steps (guidance 2.7): plan a visit, record first impressions area by area under
//! the toolkit's headings. The outcome report and its sign-off are in `fifteen_steps_report`.

use super::form::{add_all, Pairs};
use super::{chosen_unit, done, team_mnvp, today_parts, unit_options, Page, PageQuery};
use crate::admin::Opt;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::fifteen_steps::{
    areas_from_code, observation_field, parse_observations, Area, Finding, Heading, RawVisitPlan,
    VisitPlan,
};
use mnvp_domain::role::Role;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::field::fifteen_steps::{NewVisit, Visit, VisitScope};
use serde::Serialize;
use serde_json::json;

const PAGE_SIZE: i64 = 25;

/// A visit the MNVP team may work on: their own MNVP's, else not found.
pub(crate) async fn visit_for_team(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<Visit> {
    let mnvp = team_mnvp(ctx)?;
    let visit = state.store.get_visit(id).await?;
    if visit.mnvp_id == mnvp {
        Ok(visit)
    } else {
        Err(WebError::NotFound)
    }
}

/// A visit whose report this person may read: the team's own, or — for trust staff — a final
/// report about one of their trust's units. Anything else is not found.
pub(crate) async fn visit_for_reader(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<Visit> {
    let user = ctx.user()?;
    if user.role() != Role::TrustStaff {
        return visit_for_team(state, ctx, id).await;
    }
    let trust = user.org_id.ok_or(WebError::Forbidden)?;
    let visit = state.store.get_visit(id).await?;
    let units = state.store.org_subtree_ids(trust).await?;
    let ours = visit.unit_id.is_some_and(|u| units.contains(&u));
    if ours && visit.is_final() {
        Ok(visit)
    } else {
        Err(WebError::NotFound)
    }
}

/// Areas as (code, label) for templates.
#[derive(Serialize)]
pub(crate) struct AreaView {
    pub code: &'static str,
    pub label: String,
}

pub(crate) fn area_views(visit: &Visit) -> Vec<AreaView> {
    areas_from_code(&visit.areas)
        .into_iter()
        .map(|a| AreaView {
            code: a.as_str(),
            label: match (a, &visit.other_area) {
                (Area::Other, Some(other)) => other.clone(),
                _ => a.label().to_string(),
            },
        })
        .collect()
}

pub async fn list_visits(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> WebResult<Html<String>> {
    let user = ctx.user()?;
    let staff = user.role() == Role::TrustStaff;
    let scope = if staff {
        let trust = user.org_id.ok_or(WebError::Forbidden)?;
        VisitScope::FinalForUnits(state.store.org_subtree_ids(trust).await?)
    } else {
        VisitScope::Mnvp(team_mnvp(&ctx)?)
    };
    let page = Page::new(q.page, PAGE_SIZE);
    let (visits, total) = state
        .store
        .list_visits(&scope, page.size, page.offset())
        .await?;
    let (prev, next) = page.links("/field/fifteen-steps", total);
    state
        .render(
            &ctx,
            "field/steps/list.html",
            context! { visits => visits, total => total, prev => prev, next => next, staff => staff },
        )
        .await
}

fn area_options() -> Vec<Opt> {
    Area::ALL
        .iter()
        .map(|a| Opt {
            value: a.as_str().into(),
            text: a.label().into(),
        })
        .collect()
}

async fn plan_form(
    state: &AppState,
    ctx: &Ctx,
    mnvp: i64,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    state
        .render(
            ctx,
            "field/steps/new.html",
            context! {
                form => form,
                errors => errors,
                units => unit_options(state, mnvp).await?,
                areas => area_options(),
            },
        )
        .await
}

pub async fn new_visit(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let mnvp = team_mnvp(&ctx)?;
    let (day, month, year) = today_parts();
    let form = json!({
        "held_on_day": day, "held_on_month": month, "held_on_year": year,
        "areas": [], "form_key": new_form_key(),
    });
    plan_form(&state, &ctx, mnvp, form, FormErrors::new()).await
}

pub async fn create_visit(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Pairs,
) -> WebResult<Response> {
    let mnvp = team_mnvp(&ctx)?;
    let mut errors = FormErrors::new();
    let unit = chosen_unit(
        &state,
        mnvp,
        &form.get("unit"),
        Some("Select the unit the team will visit"),
        &mut errors,
    )
    .await?;
    let areas = form.all("areas");
    let areas: Vec<&str> = areas.iter().map(String::as_str).collect();
    let (day, month, year, other, team) = (
        form.get("held_on_day"),
        form.get("held_on_month"),
        form.get("held_on_year"),
        form.get("other_area"),
        form.get("team"),
    );
    let plan = VisitPlan::parse(&RawVisitPlan {
        day: &day,
        month: &month,
        year: &year,
        areas: &areas,
        other_area: &other,
        team: &team,
    })
    .map_err(|e| add_all(&mut errors, e))
    .ok();
    if let (Some(unit_id), Some(plan), true) = (unit, plan, errors.is_empty()) {
        let new = NewVisit {
            mnvp_id: mnvp,
            unit_id,
            plan,
        };
        let key = valid_form_key(&form.get("form_key")).map(str::to_string);
        // The unit was checked above; a refusal here (it stopped being covered meanwhile)
        // is shown as an error page.
        let id = state
            .store
            .create_visit(&new, &ctx.actor(), key.as_deref())
            .await?;
        return Ok(done(
            &state,
            &ctx,
            "Visit planned. Record observations area by area on the day.",
            &format!("/field/fifteen-steps/{id}"),
        )
        .await);
    }
    let html = plan_form(&state, &ctx, mnvp, form.echo(&["areas"]), errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

/// The area named in the query or form, if it is one of the visit's areas.
fn visit_area(visit: &Visit, raw: &str) -> WebResult<Area> {
    Area::parse(raw)
        .ok()
        .filter(|a| areas_from_code(&visit.areas).contains(a))
        .ok_or(WebError::NotFound)
}

#[derive(serde::Deserialize, Default)]
pub struct AreaQuery {
    #[serde(default)]
    area: String,
}

/// The boxes of the area form: one per heading and finding, in toolkit order.
fn boxes() -> Vec<minijinja::Value> {
    Heading::ALL
        .iter()
        .map(|h| {
            context! {
                label => h.label(),
                fields => Finding::ALL.iter().map(|f| context! { name => observation_field(*h, *f), label => f.label() }).collect::<Vec<_>>(),
            }
        })
        .collect()
}

async fn observe_page(
    state: &AppState,
    ctx: &Ctx,
    visit: &Visit,
    area: Area,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let recorded: Vec<_> = state
        .store
        .visit_observations(visit.id)
        .await?
        .into_iter()
        .filter(|o| o.area == area.as_str())
        .map(|o| {
            context! {
                heading => Heading::parse(&o.heading).map(|h| h.label()).unwrap_or_default(),
                finding => Finding::parse(&o.finding).map(|f| f.label()).unwrap_or_default(),
                text => super::shown_stored(&state.store, role, o.body.as_ref(), o.body_redacted.as_deref()),
            }
        })
        .collect();
    let label = area_views(visit)
        .into_iter()
        .find(|a| a.code == area.as_str())
        .map(|a| a.label)
        .unwrap_or_default();
    let order: Vec<String> = Heading::ALL
        .iter()
        .flat_map(|h| Finding::ALL.iter().map(|f| observation_field(*h, *f)))
        .collect();
    state
        .render(
            ctx,
            "field/steps/observe.html",
            context! {
                visit => visit, area => area.as_str(), area_label => label, boxes => boxes(),
                recorded => recorded, form => form, errors => errors, order => order,
            },
        )
        .await
}

pub async fn observe_area(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<AreaQuery>,
) -> WebResult<Html<String>> {
    let visit = visit_for_team(&state, &ctx, id).await?;
    let area = visit_area(&visit, &q.area)?;
    let form = json!({ "form_key": new_form_key() });
    observe_page(&state, &ctx, &visit, area, form, FormErrors::new()).await
}

/// One area's first impressions. Each box becomes a feedback item (channel `fifteen_steps`),
/// screened like any other, so themes and reports see what the team saw.
pub async fn create_observations(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let visit = visit_for_team(&state, &ctx, id).await?;
    let area = visit_area(&visit, &form.get("area"))?;
    let found = match parse_observations(|f| form.get(f)) {
        Ok(found) => found,
        Err(e) => {
            let mut errors = FormErrors::new();
            add_all(&mut errors, e);
            let html = observe_page(&state, &ctx, &visit, area, form.echo(&[]), errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    };
    let items: Vec<_> = found
        .iter()
        .map(|o| {
            let item = crate::capture::screened(NewFeedback {
                mnvp_id: visit.mnvp_id,
                unit_id: visit.unit_id,
                channel: Channel::FifteenSteps,
                care_stage: area.care_stage(),
                received_on: visit.held_on.clone(),
                rating: None,
                body: Some(o.text.clone()),
                client_id: None,
                body_redacted: None,
                safety_flagged: false,
                safety_categories: String::new(),
                demographics: None,
            });
            (item, o.heading, o.finding)
        })
        .collect();
    let key = valid_form_key(&form.get("form_key")).map(str::to_string);
    let stored = state
        .store
        .add_observations(id, area, &items, &ctx.actor(), key.as_deref())
        .await?;
    let message = if stored.created {
        format!(
            "{} observation{} saved.",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        )
    } else {
        "Those observations were already saved.".to_string()
    };
    Ok(done(
        &state,
        &ctx,
        &message,
        &format!("/field/fifteen-steps/{id}"),
    )
    .await)
}

/// Today's date parts and fresh keys for the workspace's forms.
pub(crate) fn fresh_workspace_forms(visit: &Visit) -> serde_json::Value {
    let (day, month, year) = today_parts();
    json!({
        "summary": visit.summary.clone().unwrap_or_default(),
        "action_key": new_form_key(),
        "share_key": new_form_key(),
        "shared_on_day": day, "shared_on_month": month, "shared_on_year": year,
    })
}
