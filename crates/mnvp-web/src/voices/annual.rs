//! `/voices/annual-report`: the Addressing Inequalities annual report of seed 003, pre-filled
//! from the year's figures, edited and saved by the lead, printable and exportable (Markdown,
//! CSV).

use super::report::{self, Representation};
use super::scope;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use chrono::NaiveDate;
use minijinja::context;
use mnvp_domain::suppression::Shown;
use mnvp_domain::voices::annual_report::{
    check, prefill, to_markdown, Evidence, Line, Report, Year,
};
use mnvp_domain::voices::dimensions::Dimension;
use mnvp_domain::voices::representation::Audience;
use mnvp_domain::voices::stats::Flag;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Deserialize, Default)]
pub struct YearQuery {
    #[serde(default)]
    year: String,
}

/// The lead's MNVP and name.
async fn lead_mnvp(state: &AppState, ctx: &Ctx) -> WebResult<(i64, String)> {
    let id = ctx.user()?.org_id.ok_or(WebError::Forbidden)?;
    Ok((id, state.store.get_org(id).await?.name))
}

fn year_of(raw: &str) -> Result<Year, String> {
    if raw.trim().is_empty() {
        return Ok(Year::of_date(
            &chrono::Utc::now().format("%Y-%m-%d").to_string(),
        ));
    }
    Year::parse(raw).map_err(|e| e.0)
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn count(s: Shown) -> i64 {
    match s {
        Shown::Count(n) => n,
        Shown::Suppressed => 0,
    }
}

/// What the year's data says, for the pre-filled answers.
async fn evidence(state: &AppState, mnvp: i64, year: Year) -> WebResult<Evidence> {
    let view = scope::for_mnvp(&state.store, mnvp, Audience::Lead).await?;
    let this: Representation = report::build(
        &state.store,
        &view,
        day(&year.first_day()),
        day(&year.last_day()),
    )
    .await?;
    let last: Representation = report::build(
        &state.store,
        &view,
        day(&Year(year.0 - 1).first_day()),
        day(&Year(year.0 - 1).last_day()),
    )
    .await?;
    let mut e = Evidence::default();
    if let Some(exp) = this.dimension(Dimension::Experience) {
        e.feedback_items = count(exp.table.base);
        for r in &exp.table.rows {
            match r.group.as_str() {
                "neonatal" => e.neonatal_items = count(r.feedback),
                "bereavement" => e.bereavement_items = count(r.feedback),
                _ => {}
            }
        }
    }
    e.with_demographics = this
        .dimension(Dimension::EthnicGroup)
        .map(|d| count(d.table.base) + d.table.not_stated.unwrap_or(0))
        .unwrap_or(0);
    for d in this
        .dimensions
        .iter()
        .filter(|d| d.table.dimension != Dimension::Area)
    {
        for r in d.table.rows.iter().filter(|r| r.flag == Flag::Under) {
            e.under_heard.push(format!(
                "{} (heard at {} of their share)",
                r.label,
                r.ratio
                    .map(|x| format!("{x:.2}"))
                    .unwrap_or_else(|| "0".into())
            ));
        }
    }
    e.unreached_areas = this
        .coverage
        .iter()
        .filter(|a| a.unreached)
        .map(|a| a.district.clone())
        .collect();
    if let (Some(now), Some(then)) = (
        this.dimension(Dimension::EthnicGroup),
        last.dimension(Dimension::EthnicGroup),
    ) {
        for r in &now.table.rows {
            let before = then.table.rows.iter().find(|b| b.group == r.group);
            if let (Some(after), Some(before)) =
                (r.feedback_share, before.and_then(|b| b.feedback_share))
            {
                if after > before + 0.005 && r.population_share.is_some_and(|p| before < p) {
                    e.improved.push((r.label.clone(), before, after));
                }
            }
        }
    }
    e.outreach_available = this.outreach_available;
    e.outreach_sessions = this.outreach_sessions;
    e.partners = state
        .store
        .outreach_partner_names(&view.scope.mnvp_ids, &year.first_day(), &year.last_day())
        .await?;
    Ok(e)
}

#[derive(Serialize)]
struct EntryView {
    line: &'static str,
    label: &'static str,
    answer: &'static str,
    notes: String,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    mnvp_name: &str,
    report: &Report,
    saved_at: Option<String>,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let entries: Vec<EntryView> = report
        .entries
        .iter()
        .map(|e| EntryView {
            line: e.line.as_str(),
            label: e.line.label(),
            answer: e.answer.map(|a| a.as_str()).unwrap_or(""),
            notes: e.notes.clone(),
        })
        .collect();
    let order: Vec<String> = Line::ALL
        .iter()
        .flat_map(|l| {
            [
                format!("{}_answer", l.as_str()),
                format!("{}_notes", l.as_str()),
            ]
        })
        .chain(std::iter::once("improved".to_string()))
        .collect();
    state
        .render(
            ctx,
            "voices/annual_report.html",
            context! {
                mnvp => mnvp_name,
                year => report.year.label(),
                year_value => report.year.0,
                previous => Year(report.year.0 - 1).label(),
                next => Year(report.year.0 + 1).label(),
                entries => entries,
                improved => report.improved,
                saved_at => saved_at,
                errors => errors,
                order => order,
            },
        )
        .await
}

/// The saved report for the year, or one pre-filled from the data.
async fn current(state: &AppState, mnvp: i64, year: Year) -> WebResult<(Report, Option<String>)> {
    Ok(match state.store.annual_report(mnvp, year).await? {
        Some((r, at)) => (r, Some(at)),
        None => (prefill(year, &evidence(state, mnvp, year).await?), None),
    })
}

pub async fn get_annual_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> WebResult<Html<String>> {
    let (mnvp, name) = lead_mnvp(&state, &ctx).await?;
    let year = year_of(&q.year).map_err(WebError::BadRequest)?;
    let (report, saved_at) = current(&state, mnvp, year).await?;
    render(&state, &ctx, &name, &report, saved_at, FormErrors::new()).await
}

pub async fn post_annual_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    let (mnvp, name) = lead_mnvp(&state, &ctx).await?;
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let year = year_of(field("year")).map_err(WebError::BadRequest)?;
    let answers: Vec<(Line, String, String)> = Line::ALL
        .iter()
        .map(|l| {
            (
                *l,
                field(&format!("{}_answer", l.as_str())).to_string(),
                field(&format!("{}_notes", l.as_str())).to_string(),
            )
        })
        .collect();
    let borrowed: Vec<(Line, &str, &str)> = answers
        .iter()
        .map(|(l, a, n)| (*l, a.as_str(), n.as_str()))
        .collect();
    match check(year, &borrowed, field("improved")) {
        Ok(report) => {
            state
                .store
                .save_annual_report(mnvp, &report, &ctx.actor())
                .await?;
            ctx.flash(
                &state.store,
                &format!("Annual report {} saved.", year.label()),
            )
            .await;
            Ok(Redirect::to(&format!("/voices/annual-report?year={}", year.0)).into_response())
        }
        Err(problems) => {
            // Keep what was typed: rebuild the report from the form, marking the problems.
            let mut errors = FormErrors::new();
            for (f, e) in &problems {
                errors.add(f, e.0.clone());
            }
            let typed = Report {
                year,
                entries: answers
                    .iter()
                    .map(|(l, a, n)| mnvp_domain::voices::annual_report::Entry {
                        line: *l,
                        answer: mnvp_domain::voices::annual_report::Answer::parse(a).ok(),
                        notes: n.clone(),
                    })
                    .collect(),
                improved: field("improved").to_string(),
            };
            let html = render(&state, &ctx, &name, &typed, None, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

/// The report as Markdown (to paste into an annual report or send to commissioners).
pub async fn export_annual_report_md(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> WebResult<Response> {
    let (mnvp, name) = lead_mnvp(&state, &ctx).await?;
    let year = year_of(&q.year).map_err(WebError::BadRequest)?;
    let (report, _) = current(&state, mnvp, year).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/markdown; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"addressing-inequalities-report.md\"",
            ),
        ],
        to_markdown(&report, &name),
    )
        .into_response())
}

/// The report as CSV: one row per line, then "What has been improved?".
pub async fn export_annual_report_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> WebResult<Response> {
    let (mnvp, _) = lead_mnvp(&state, &ctx).await?;
    let year = year_of(&q.year).map_err(WebError::BadRequest)?;
    let (report, _) = current(&state, mnvp, year).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    w.write_record(["year", "we_have", "answer", "notes"])
        .map_err(err)?;
    let safe = |t: &str| {
        if t.starts_with(['=', '+', '-', '@']) {
            format!("'{t}")
        } else {
            t.to_string()
        }
    };
    for e in &report.entries {
        w.write_record([
            report.year.label(),
            e.line.label().to_string(),
            e.answer.map(|a| a.label().to_string()).unwrap_or_default(),
            safe(&e.notes),
        ])
        .map_err(err)?;
    }
    w.write_record([
        report.year.label(),
        "What has been improved?".to_string(),
        String::new(),
        safe(&report.improved),
    ])
    .map_err(err)?;
    let bytes = w
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"addressing-inequalities-report.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}
