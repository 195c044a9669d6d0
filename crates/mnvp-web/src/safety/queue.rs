//! The lead's triage queue: open cases, oldest first, each with where it stands, what is due
//! next and the cues that raised it; closed cases on a second tab.

use super::scope::own_mnvp;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Html;
use chrono::Utc;
use minijinja::context;
use mnvp_store::safety::{Case, CaseFilter};
use serde::Deserialize;

const PAGE_SIZE: i64 = 25;

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    show: String,
    #[serde(default)]
    page: Option<i64>,
}

/// One line of the queue. The cues are the few words that raised the flag, not the feedback.
async fn line(state: &AppState, case: &Case) -> WebResult<minijinja::Value> {
    let facts = case.facts();
    let procedure = &case.procedure.procedure;
    let now = Utc::now();
    let next = facts
        .deadlines(procedure)
        .into_iter()
        .find(|d| d.done_at.is_none());
    let mut cues: Vec<String> = Vec::new();
    let mut excerpt = None;
    let mut received_on = None;
    if let Some(fid) = case.row.feedback_id {
        let item = state.store.get_feedback(fid).await?;
        received_on = Some(item.received_on.clone());
        excerpt = item.body_redacted.clone();
        if let Some(sealed) = &item.body {
            let original = state.store.reveal(sealed)?;
            for r in mnvp_text::safety::detect(&original).reasons {
                if !cues.contains(&r.cue) && cues.len() < 4 {
                    cues.push(r.cue);
                }
            }
        }
    }
    Ok(context! {
        id => case.row.id,
        opened_at => case.row.opened_at,
        received_on => received_on,
        status => facts.status(procedure),
        concerns => facts.concerns.iter().map(|c| c.label()).collect::<Vec<_>>(),
        cues => cues,
        excerpt => excerpt.map(|e| e.chars().take(160).collect::<String>()),
        next_stage => next.map(|d| d.stage.label()),
        next_due => next.map(|d| d.due.to_rfc3339()),
        overdue => facts.overdue(procedure, now).iter().map(|d| d.stage.label()).collect::<Vec<_>>(),
        closed_at => case.row.closed_at,
    })
}

pub async fn list_cases(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<QueueQuery>,
) -> WebResult<Html<String>> {
    let mnvp = own_mnvp(&ctx)?;
    let closed = q.show == "closed";
    let filter = CaseFilter {
        mnvp_ids: vec![mnvp],
        open: Some(!closed),
        ..Default::default()
    };
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let (cases, total) = state
        .store
        .list_cases(&filter, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await?;
    let mut lines = Vec::with_capacity(cases.len());
    for c in &cases {
        lines.push(line(&state, c).await?);
    }
    let other = CaseFilter {
        open: Some(closed),
        ..filter.clone()
    };
    let (_, other_total) = state.store.list_cases(&other, 1, 0).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let show = if closed { "closed" } else { "open" };
    let link = |p: i64| format!("/safety?show={show}&page={p}");
    state
        .render(
            &ctx,
            "safety/queue.html",
            context! {
                lines => lines,
                closed => closed,
                total => total,
                open_total => if closed { other_total } else { total },
                closed_total => if closed { total } else { other_total },
                page => page,
                pages => pages,
                prev => (page > 1).then(|| link(page - 1)),
                next => (page < pages).then(|| link(page + 1)),
                mail_on => state.settings.mail.is_some(),
            },
        )
        .await
}
