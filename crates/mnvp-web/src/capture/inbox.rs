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
struct Row {
    concern: Option<String>,
    id: i64,
    received_on: String,
    channel: String,
    care_stage: Option<String>,
    unit_name: Option<String>,
    rating: Option<i32>,
    text: Option<String>,
}

fn row(store: &Store, role: Role, f: &FeedbackItem) -> Row {
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

/// The person's scope narrowed by their filters; unknown values are ignored, not trusted.
async fn filter_for(
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
                can_search => role.sees_original_text(),
                redacted => !role.sees_original_text(),
                date_error => date_errors,
                export => format!("/inbox/export.csv?{}", serde_urlencoded::to_string(InboxQuery { page: None, ..q.clone() }).unwrap_or_default()),
            },
        )
        .await
}

/// The item, if it is within the person's scope; otherwise not found, so as not to confirm
/// that someone else's item exists.
async fn item_in_scope(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<FeedbackItem> {
    let filter = scope(state, ctx).await?;
    let item = state.store.get_feedback(id).await?;
    let visible = filter
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
    if role.sees_original_text() && item.body.is_some() {
        state
            .store
            .audit_event(
                &ctx.actor(),
                "view",
                "feedback",
                Some(id),
                "original text".into(),
            )
            .await?;
    }
    state
        .render(
            &ctx,
            "capture/feedback.html",
            context! { item => row(&state.store, role, &item), redacted => !role.sees_original_text() },
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

/// Largest export in one file; bigger extracts belong in the reports capability.
const EXPORT_LIMIT: i64 = 100_000;

/// The filtered feedback as CSV, with the same redaction as the screen. The export itself is
/// audited, with the filters used.
pub async fn export_inbox(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<InboxQuery>,
) -> WebResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let filter = filter_for(&state, &ctx, role, &q).await?;
    let (items, _) = state.store.list_feedback(&filter, EXPORT_LIMIT, 0).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "received_on",
        "mnvp",
        "unit",
        "channel",
        "care_stage",
        "rating",
        "text",
    ];
    let csv_err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    out.write_record(header).map_err(csv_err)?;
    for f in &items {
        let r = row(&state.store, role, f);
        out.write_record([
            r.id.to_string(),
            r.received_on,
            f.mnvp_name.clone(),
            r.unit_name.unwrap_or_default(),
            r.channel,
            r.care_stage.unwrap_or_default(),
            r.rating.map(|v| v.to_string()).unwrap_or_default(),
            r.text.map(|t| neutralise_formula(&t)).unwrap_or_default(),
        ])
        .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    let detail = format!(
        "{} items, {}",
        items.len(),
        if role.sees_original_text() {
            "original text"
        } else {
            "redacted"
        }
    );
    state
        .store
        .audit_event(&ctx.actor(), "export", "feedback", None, detail)
        .await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"feedback.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Spreadsheets run cells that start with = + - @ as formulas; a leading apostrophe stops a
/// comment from becoming one.
fn neutralise_formula(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}
