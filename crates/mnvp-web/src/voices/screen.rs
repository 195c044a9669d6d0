//! `/voices`: who are we not hearing, where, and what should we do next — in one screen, with
//! every figure behind it below, and the same figures as CSV.

use super::report::{self, Representation};
use super::scope::{self, View};
use super::{charts, plan, view};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use minijinja::context;
use mnvp_domain::voices::dimensions::Dimension;
use mnvp_domain::voices::representation::SliceKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
pub struct ScreenQuery {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub dimension: String,
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub target: String,
}

/// The period asked for, checked: errors are kept for the page's error summary.
fn period(q: &ScreenQuery, errors: &mut FormErrors) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from = errors.check("from", scope::parse_date(&q.from)).flatten();
    let to = errors.check("to", scope::parse_date(&q.to)).flatten();
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            errors.add("to", "The end date must be on or after the start date");
            return (from, None);
        }
    }
    (from, to)
}

async fn view_for(state: &AppState, ctx: &Ctx) -> WebResult<View> {
    let user = ctx.user()?;
    scope::for_user(&state.store, user.role(), user.org_id).await
}

#[derive(Serialize)]
struct Opt {
    value: &'static str,
    text: &'static str,
}

pub async fn get_voices(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ScreenQuery>,
) -> WebResult<Html<String>> {
    let view = view_for(&state, &ctx).await?;
    let mut errors = FormErrors::new();
    let (from, to) = period(&q, &mut errors);
    let (from, to) = scope::period(view.audience, from, to);
    let rep: Representation = report::build(&state.store, &view, from, to).await?;
    let dimension = Dimension::parse(&q.dimension).unwrap_or(Dimension::EthnicGroup);
    let by = SliceKind::parse(&q.by).unwrap_or(SliceKind::Quarter);
    let target = match q.target.trim() {
        "" => plan::DEFAULT_TARGET,
        t => match t.parse::<i64>() {
            Ok(n) if (1..=10_000).contains(&n) => n,
            _ => {
                errors.add(
                    "target",
                    "Enter a whole number of conversations from 1 to 10,000",
                );
                plan::DEFAULT_TARGET
            }
        },
    };
    let tables: Vec<_> = rep.dimensions.iter().map(|d| &d.table).collect();
    let chosen = rep
        .dimension(dimension)
        .ok_or_else(|| WebError::Internal("dimension missing from the report".into()))?;
    let breakdown = chosen.breakdowns.iter().find(|b| b.kind == by);
    let trend_group = chosen
        .table
        .rows
        .iter()
        .filter(|r| r.population_share.is_some())
        .min_by(|a, b| a.ratio.unwrap_or(0.0).total_cmp(&b.ratio.unwrap_or(0.0)))
        .or_else(|| chosen.table.rows.first());
    let quarters = chosen
        .breakdowns
        .iter()
        .find(|b| b.kind == SliceKind::Quarter);
    let trend = match (trend_group, quarters) {
        (Some(g), Some(q)) if q.slices.len() > 1 => {
            Some(charts::trend("trend-chart", &g.group, &g.label, q))
        }
        _ => None,
    };
    let breakdown_view = breakdown.map(|b| {
        b.slices
            .iter()
            .map(|s| {
                context! {
                    key => s.key,
                    base => view::count(s.base),
                    rows => s.rows.iter().map(view::GroupView::from_row).collect::<Vec<_>>(),
                }
            })
            .collect::<Vec<_>>()
    });
    let unreached: Vec<_> = rep
        .coverage
        .iter()
        .filter(|a| a.unreached)
        .map(view::AreaView::from_row)
        .collect();
    let csv_query = serde_urlencoded::to_string([
        ("from", rep.from.clone().unwrap_or_default()),
        ("to", rep.to.clone().unwrap_or_default()),
    ])
    .unwrap_or_default();
    state
        .render(
            &ctx,
            "voices/index.html",
            context! {
                scope_label => view.label,
                is_lead => view.is_lead(),
                q => &q,
                errors => errors,
                from => rep.from,
                to => rep.to,
                population_loaded => rep.population_loaded,
                outreach_available => rep.outreach_available,
                under_heard => view::under_heard(&tables),
                unreached => unreached,
                coverage => rep.coverage.iter().map(view::AreaView::from_row).collect::<Vec<_>>(),
                plan => view.is_lead().then(|| plan::plan(&rep, target)),
                target => target,
                tables => tables.iter().map(|t| view::TableView::from_table(t)).collect::<Vec<_>>(),
                chosen => view::TableView::from_table(&chosen.table),
                chart => charts::bars("share-chart", &format!("{}: share of feedback and of births", dimension.label()), &chosen.table.rows),
                trend => trend,
                breakdown => breakdown_view,
                by => by.as_str(),
                by_label => by.label(),
                dimensions => Dimension::ALL.iter().map(|d| Opt { value: d.as_str(), text: d.label() }).collect::<Vec<_>>(),
                slice_kinds => SliceKind::ALL.iter().map(|k| Opt { value: k.as_str(), text: k.label() }).collect::<Vec<_>>(),
                dimension => dimension.as_str(),
                csv => format!("/voices/representation.csv?{csv_query}"),
            },
        )
        .await
}

/// The CSV contract of `mnvp report representation`, as this person may see it; audited.
pub async fn export_representation(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ScreenQuery>,
) -> WebResult<Response> {
    let view = view_for(&state, &ctx).await?;
    let mut errors = FormErrors::new();
    let (from, to) = period(&q, &mut errors);
    if !errors.is_empty() {
        return Err(WebError::BadRequest("Enter dates like 2026-04-01".into()));
    }
    let (from, to) = scope::period(view.audience, from, to);
    let rep = report::build(&state.store, &view, from, to).await?;
    let only = match q.dimension.trim() {
        "" => None,
        d => Some(Dimension::parse(d).map_err(|e| WebError::BadRequest(e.0))?),
    };
    let bytes = report::csv_bytes(&rep, only)?;
    state
        .store
        .audit_event(
            &ctx.actor(),
            "export",
            "representation",
            view.mnvp_id,
            format!(
                "{} ({}), {} to {}",
                view.label,
                if view.is_lead() {
                    "exact"
                } else {
                    "suppressed"
                },
                rep.from.as_deref().unwrap_or("the start"),
                rep.to.as_deref().unwrap_or("the end")
            ),
        )
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"representation.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}
