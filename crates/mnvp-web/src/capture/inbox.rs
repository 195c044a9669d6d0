//! The staff feedback inbox: list, filter and read feedback within the person's scope.
//! Only MNVP leads see what people wrote as they wrote it (and each such view is audited);
//! everyone else sees it with personal details replaced by placeholders.

use crate::admin::Opt;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use minijinja::context;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::organisation::OrgKind;
use mnvp_domain::role::Role;
use mnvp_store::feedback::{FeedbackFilter, FeedbackItem};
use mnvp_store::Store;
use serde::{Deserialize, Serialize};

const PAGE_SIZE: i64 = 25;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct InboxQuery {
    #[serde(default)]
    channel: String,
    #[serde(default)]
    care_stage: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    flagged: String,
    #[serde(default)]
    demographics: String,
    #[serde(default)]
    mnvp: String,
    #[serde(default)]
    page: Option<i64>,
}

/// "self_harm;child_risk" → "self-harm or suicidal thoughts, risk to a baby or child".
fn concern_label(codes: &str) -> String {
    let labels: Vec<&str> = codes
        .split(';')
        .map(|c| match c {
            "self_harm" => "self-harm or suicidal thoughts",
            "domestic_abuse" => "domestic abuse or coercion",
            "child_risk" => "risk to a baby or child",
            "patient_safety" => "patient safety",
            "other_risk" => "other immediate risk",
            "manual" => "flagged by a team member",
            _ => "",
        })
        .filter(|l| !l.is_empty())
        .collect();
    if labels.is_empty() {
        "possible concern".into()
    } else {
        labels.join(", ")
    }
}

/// The feedback a person may see: their MNVP's (leads, volunteers) or their trust's units'
/// (trust staff). Other roles see none here.
async fn scope(state: &AppState, ctx: &Ctx) -> WebResult<FeedbackFilter> {
    let user = ctx.user()?;
    let org = user.org_id.ok_or(WebError::Forbidden)?;
    Ok(match user.role() {
        Role::MnvpLead | Role::Volunteer => FeedbackFilter {
            mnvp_ids: Some(vec![org]),
            ..Default::default()
        },
        Role::TrustStaff => {
            let ids = state.store.org_subtree_ids(org).await?;
            FeedbackFilter {
                unit_ids: Some(ids),
                ..Default::default()
            }
        }
        _ => return Err(WebError::Forbidden),
    })
}

/// The text this person may see (see [`super::shown_stored`]): the lead opens the sealed
/// original; everyone else gets the redaction made at the door.
pub(crate) fn shown_text(store: &Store, role: Role, f: &FeedbackItem) -> Option<String> {
    super::shown_stored(store, role, f.body.as_ref(), f.body_redacted.as_deref())
}

#[derive(Serialize)]
pub(crate) struct Row {
    pub(crate) concern: Option<String>,
    pub(crate) id: i64,
    pub(crate) received_on: String,
    pub(crate) channel: String,
    pub(crate) care_stage: Option<String>,
    pub(crate) unit_name: Option<String>,
    pub(crate) rating: Option<i32>,
    pub(crate) text: Option<String>,
}

pub(crate) fn row(store: &Store, role: Role, f: &FeedbackItem) -> Row {
    Row {
        id: f.id,
        received_on: f.received_on.clone(),
        channel: f.channel.clone(),
        care_stage: f.care_stage.clone(),
        unit_name: f.unit_name.clone(),
        rating: f.rating,
        text: shown_text(store, role, f),
        // Triage is the lead's: others are not shown which items raised a concern.
        concern: (role.sees_original_text() && f.safety_flagged)
            .then(|| concern_label(&f.safety_categories)),
    }
}

/// Units within the person's scope, for the filter.
async fn unit_options(state: &AppState, filter: &FeedbackFilter) -> WebResult<Vec<Opt>> {
    let units = state.store.list_orgs_of_kind(OrgKind::Unit).await?;
    let mut allowed = Vec::new();
    if let Some(m) = &filter.mnvp_ids {
        for id in m {
            allowed.extend(state.store.mnvp_units(*id).await?.into_iter().map(|u| u.id));
        }
    }
    if let Some(u) = &filter.unit_ids {
        allowed.extend(u.iter().copied());
    }
    Ok(units
        .into_iter()
        .filter(|u| allowed.contains(&u.id))
        .map(|u| Opt {
            value: u.id.to_string(),
            text: u.name,
        })
        .collect())
}

/// The MNVPs whose feedback is within the scope (more than one for trust staff whose units
/// several MNVPs cover), for the MNVP filter.
async fn mnvp_options(state: &AppState, filter: &FeedbackFilter) -> WebResult<Vec<Opt>> {
    let mut options = Vec::new();
    for m in state.store.list_orgs_of_kind(OrgKind::Mnvp).await? {
        let visible = match (&filter.mnvp_ids, &filter.unit_ids) {
            (Some(ids), _) => ids.contains(&m.id),
            (None, Some(units)) => state
                .store
                .mnvp_units(m.id)
                .await?
                .iter()
                .any(|u| units.contains(&u.id)),
            (None, None) => false,
        };
        if visible {
            options.push(Opt {
                value: m.id.to_string(),
                text: m.name,
            });
        }
    }
    Ok(options)
}

/// The person's scope narrowed by their filters; unknown values are ignored, not trusted.
pub(crate) async fn filter_for(
    state: &AppState,
    ctx: &Ctx,
    role: Role,
    q: &InboxQuery,
) -> WebResult<FeedbackFilter> {
    let mut filter = scope(state, ctx).await?;
    filter.channel = Channel::parse(&q.channel)
        .map(|c| c.as_str().to_string())
        .unwrap_or_default();
    filter.care_stage = CareStage::parse(&q.care_stage)
        .map(|c| c.as_str().to_string())
        .unwrap_or_default();
    filter.unit_id = q.unit.trim().parse().ok();
    filter.flagged_only = role.sees_original_text() && q.flagged == "yes";
    filter.with_demographics = q.demographics == "yes";
    // Narrowing to one MNVP only ever narrows: the scope's own lists still apply.
    if let Ok(m) = q.mnvp.trim().parse::<i64>() {
        filter.mnvp_ids = Some(match &filter.mnvp_ids {
            Some(ids) if !ids.contains(&m) => Vec::new(),
            _ => vec![m],
        });
    }
    filter.from = valid_date(&q.from);
    filter.to = valid_date(&q.to);
    // Searching original text would reveal redacted names to other roles: leads only.
    filter.text = if role.sees_original_text() {
        q.q.chars().take(100).collect()
    } else {
        String::new()
    };
    Ok(filter)
}

pub async fn list_inbox(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<InboxQuery>,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let filter = filter_for(&state, &ctx, role, &q).await?;
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let (items, total) = state
        .store
        .list_feedback(&filter, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let link = |p: i64| {
        let query = InboxQuery {
            page: Some(p),
            ..q.clone()
        };
        format!(
            "/inbox?{}",
            serde_urlencoded::to_string(&query).unwrap_or_default()
        )
    };
    let channels: Vec<Opt> = Channel::ALL
        .iter()
        .map(|c| Opt {
            value: c.as_str().into(),
            text: c.label().into(),
        })
        .collect();
    let stages: Vec<Opt> = CareStage::ALL
        .iter()
        .map(|c| Opt {
            value: c.as_str().into(),
            text: c.label().into(),
        })
        .collect();
    let date_errors = (q.from.trim() != filter.from || q.to.trim() != filter.to)
        .then_some("Enter dates like 2026-11-23");
    // The MNVP filter only when there is a choice to make.
    let mnvps = mnvp_options(&state, &scope(&state, &ctx).await?).await?;
    let mnvps = if mnvps.len() > 1 { mnvps } else { Vec::new() };
    let export_query = serde_urlencoded::to_string(InboxQuery {
        page: None,
        ..q.clone()
    })
    .unwrap_or_default();
    state
        .render(
            &ctx,
            "capture/inbox.html",
            context! {
                rows => items.iter().map(|f| row(&state.store, role, f)).collect::<Vec<_>>(),
                total => total,
                page => page,
                pages => pages,
                prev => (page > 1).then(|| link(page - 1)),
                next => (page < pages).then(|| link(page + 1)),
                q => &q,
                channels => channels,
                stages => stages,
                units => unit_options(&state, &filter).await?,
                mnvps => mnvps,
                can_search => role.sees_original_text(),
                redacted => !role.sees_original_text(),
                date_error => date_errors,
                export => export_query,
            },
        )
        .await
}

/// The item, if it is within the person's scope; otherwise not found, so as not to confirm
/// that someone else's item exists.
async fn item_in_scope(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<FeedbackItem> {
    let filter = scope(state, ctx).await?;
    let item = state.store.get_feedback(id).await?;
    // A removed conversation kept for its safeguarding case is the lead's alone.
    let withdrawn = item.withdrawn_at.is_some() && ctx.role() != Some(Role::MnvpLead);
    let visible = !withdrawn
        && filter
            .mnvp_ids
            .as_ref()
            .is_none_or(|m| m.contains(&item.mnvp_id))
        && filter
            .unit_ids
            .as_ref()
            .is_none_or(|u| item.unit_id.is_some_and(|id| u.contains(&id)));
    if visible {
        Ok(item)
    } else {
        Err(WebError::NotFound)
    }
}

/// Anyone who reads feedback can put an item in front of the lead for safeguarding review.
pub async fn flag_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<axum::response::Response> {
    use axum::response::IntoResponse;
    item_in_scope(&state, &ctx, id).await?;
    state.store.flag_feedback(id, &ctx.actor()).await?;
    ctx.flash(
        &state.store,
        "Thank you. The MNVP lead will review this feedback for safeguarding.",
    )
    .await;
    Ok(axum::response::Redirect::to(&format!("/inbox/{id}")).into_response())
}

pub async fn show_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let item = item_in_scope(&state, &ctx, id).await?;
    if role.sees_original_text() && (item.body.is_some() || item.has_demographics) {
        let what = match (item.body.is_some(), item.has_demographics) {
            (true, true) => "original text and equality monitoring answers",
            (false, true) => "equality monitoring answers",
            _ => "original text",
        };
        state
            .store
            .audit_event(&ctx.actor(), "view", "feedback", Some(id), what.into())
            .await?;
    }
    let form = state.store.form_details(id).await?;
    // Equality-monitoring answers are the lead's alone, like the original words.
    let about = if role.sees_original_text() {
        state.store.feedback_demographics(id).await?
    } else {
        None
    };
    state
        .render(
            &ctx,
            "capture/feedback.html",
            context! {
                item => row(&state.store, role, &item),
                redacted => !role.sees_original_text(),
                withdrawn_at => item.withdrawn_at,
                form => form.as_ref().map(super::details::form_details),
                about => about.as_ref().map(super::details::demographics),
            },
        )
        .await
}

/// Accepts YYYY-MM-DD only, so a bad date is reported rather than silently compared as text.
fn valid_date(raw: &str) -> String {
    let raw = raw.trim();
    match chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(_) => raw.to_string(),
        Err(_) => String::new(),
    }
}
