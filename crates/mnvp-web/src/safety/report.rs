//! The governance report: cases, timeliness and outcomes by month and concern. The lead sees
//! exact figures for their MNVP; commissioners see every MNVP in their footprint together,
//! with small numbers suppressed. Printable HTML and CSV, from the same rows.

use super::scope::own_mnvp;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::{Datelike, NaiveDate, Utc};
use minijinja::context;
use mnvp_domain::safety::report::{build, ShownRow, HEADINGS};
use mnvp_domain::suppression::SuppressionRule;
use mnvp_domain::uk_time::{from_uk, to_uk};
use mnvp_store::safety::CaseFilter;
use mnvp_store::time_text;
use serde::{Deserialize, Serialize};

/// The period, as months typed like 2026-04 (inclusive).
#[derive(Deserialize, Serialize, Default, Clone)]
pub struct Period {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

fn month_start(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", raw.trim()), "%Y-%m-%d").ok()
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// The months asked for, or the last twelve; an unreadable month is reported, not guessed.
struct Resolved {
    from: NaiveDate,
    to: NaiveDate,
    error: Option<&'static str>,
}

fn resolve(p: &Period) -> Resolved {
    let today = to_uk(Utc::now()).date();
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let default_from = NaiveDate::from_ymd_opt(this_month.year() - 1, this_month.month(), 1)
        .map(next_month)
        .unwrap_or(this_month);
    let from = if p.from.trim().is_empty() {
        Some(default_from)
    } else {
        month_start(&p.from)
    };
    let to = if p.to.trim().is_empty() {
        Some(this_month)
    } else {
        month_start(&p.to)
    };
    match (from, to) {
        (Some(f), Some(t)) if f <= t => Resolved {
            from: f,
            to: t,
            error: None,
        },
        (Some(_), Some(_)) => Resolved {
            from: default_from,
            to: this_month,
            error: Some("The first month must not be after the last month"),
        },
        _ => Resolved {
            from: default_from,
            to: this_month,
            error: Some("Enter months like 2026-04"),
        },
    }
}

/// The report rows for some MNVPs over a period, exact or suppressed.
async fn rows(
    state: &AppState,
    mnvp_ids: Vec<i64>,
    period: &Resolved,
    rule: Option<SuppressionRule>,
) -> WebResult<Vec<ShownRow>> {
    let start = |d: NaiveDate| time_text(from_uk(d.and_hms_opt(0, 0, 0).unwrap_or_default()));
    let filter = CaseFilter {
        mnvp_ids,
        open: None,
        opened_from: start(period.from),
        opened_to: start(next_month(period.to)),
    };
    let cases = state.store.all_cases(&filter).await?;
    let facts: Vec<_> = cases
        .iter()
        .map(|c| (c.facts(), c.procedure.procedure.clone()))
        .collect();
    Ok(build(&facts, Utc::now())
        .iter()
        .map(|r| r.shown(rule))
        .collect())
}

fn csv(rows: &[ShownRow], name: &str) -> WebResult<Response> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    out.write_record(HEADINGS).map_err(err)?;
    for r in rows {
        out.write_record(r.cells()).map_err(err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    p: &Period,
    period: &Resolved,
    rows: Vec<ShownRow>,
    scope: minijinja::Value,
) -> WebResult<Html<String>> {
    let base = if scope
        .get_attr("suppressed")
        .map(|v| v.is_true())
        .unwrap_or(false)
    {
        "/safety/summary"
    } else {
        "/safety/report"
    };
    let query = serde_urlencoded::to_string(Period {
        from: period.from.format("%Y-%m").to_string(),
        to: period.to.format("%Y-%m").to_string(),
    })
    .unwrap_or_default();
    state
        .render(
            ctx,
            "safety/report.html",
            context! {
                headings => HEADINGS,
                rows => rows,
                q => p,
                from => period.from.format("%B %Y").to_string(),
                to => period.to.format("%B %Y").to_string(),
                error => period.error,
                csv => format!("{base}.csv?{query}"),
                action => base,
                scope => scope,
            },
        )
        .await
}

pub async fn show_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<Period>,
) -> WebResult<Html<String>> {
    let mnvp = own_mnvp(&ctx)?;
    let period = resolve(&p);
    let rows = rows(&state, vec![mnvp], &period, None).await?;
    let org = state.store.get_org(mnvp).await?;
    page(
        &state,
        &ctx,
        &p,
        &period,
        rows,
        context! { names => vec![org.name], suppressed => false },
    )
    .await
}

pub async fn export_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<Period>,
) -> WebResult<Response> {
    let mnvp = own_mnvp(&ctx)?;
    let rows = rows(&state, vec![mnvp], &resolve(&p), None).await?;
    state
        .store
        .audit_event(
            &ctx.actor(),
            "export",
            "safety_report",
            Some(mnvp),
            "governance report".into(),
        )
        .await?;
    csv(&rows, "safeguarding-report.csv")
}

/// The MNVPs a commissioner oversees.
async fn footprint(state: &AppState, ctx: &Ctx) -> WebResult<Vec<mnvp_store::organisations::Org>> {
    let org = ctx.user()?.org_id.ok_or(WebError::Forbidden)?;
    Ok(crate::home::covering_mnvps(&state.store, org).await?)
}

pub async fn show_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<Period>,
) -> WebResult<Html<String>> {
    let mnvps = footprint(&state, &ctx).await?;
    let period = resolve(&p);
    let ids = mnvps.iter().map(|m| m.id).collect();
    let rows = rows(&state, ids, &period, Some(SuppressionRule::default())).await?;
    let names: Vec<String> = mnvps.into_iter().map(|m| m.name).collect();
    page(
        &state,
        &ctx,
        &p,
        &period,
        rows,
        context! { names => names, suppressed => true },
    )
    .await
}

pub async fn export_summary(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<Period>,
) -> WebResult<Response> {
    let mnvps = footprint(&state, &ctx).await?;
    let ids = mnvps.iter().map(|m| m.id).collect();
    let rows = rows(&state, ids, &resolve(&p), Some(SuppressionRule::default())).await?;
    csv(&rows, "safeguarding-summary.csv")
}
