//! Browsing and checking the audit log.

use crate::auth::Ctx;
use crate::error::WebResult;
use crate::AppState;
use axum::extract::{Query, State};
use axum::response::Html;
use minijinja::context;
use mnvp_store::audit::AuditFilter;
use serde::{Deserialize, Serialize};

const PAGE_SIZE: i64 = 50;

#[derive(Deserialize, Serialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    entity: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    verify: Option<String>,
}

pub async fn list_audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> WebResult<Html<String>> {
    let filter = AuditFilter {
        actor: q.actor.clone(),
        action: q.action.clone(),
        entity: q.entity.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
    };
    let page = q.page.unwrap_or(1).max(1);
    let (entries, total) = state
        .store
        .audit_page(&filter, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let verification = if q.verify.is_some() {
        Some(match state.store.audit_verify().await? {
            Ok(n) => {
                context! { ok => true, message => format!("The audit log is intact: all {n} entries match their hashes and links.") }
            }
            Err(b) => {
                context! { ok => false, message => format!("The audit log has been tampered with at entry {}: {}.", b.seq, b.reason) }
            }
        })
    } else {
        None
    };
    let link = |p: i64| {
        let query = AuditQuery {
            page: Some(p),
            verify: None,
            ..clone_query(&q)
        };
        format!(
            "/admin/audit?{}",
            serde_urlencoded::to_string(&query).unwrap_or_default()
        )
    };
    state
        .render(
            &ctx,
            "admin/audit.html",
            context! {
                entries => entries,
                total => total,
                page => page,
                pages => pages,
                prev => (page > 1).then(|| link(page - 1)),
                next => (page < pages).then(|| link(page + 1)),
                q => &q,
                verification => verification,
            },
        )
        .await
}

fn clone_query(q: &AuditQuery) -> AuditQuery {
    AuditQuery {
        actor: q.actor.clone(),
        action: q.action.clone(),
        entity: q.entity.clone(),
        from: q.from.clone(),
        to: q.to.clone(),
        page: q.page,
        verify: None,
    }
}
