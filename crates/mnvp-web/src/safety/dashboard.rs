//! What the home page shows about safeguarding. The lead: open cases and every overdue step
//! (the dashboard half of overdue alerts), and whether alert emails are on. Volunteers: where
//! the escalation procedure is. Commissioners: where the summary is.

use crate::auth::Ctx;
use crate::error::WebResult;
use crate::AppState;
use chrono::Utc;
use minijinja::{context, Value};
use mnvp_domain::role::Role;
use mnvp_store::safety::CaseFilter;

/// The home page's safeguarding panel for this person, if their role has one.
pub(crate) async fn panel(state: &AppState, ctx: &Ctx) -> WebResult<Option<Value>> {
    let Some(user) = ctx.user.as_ref() else {
        return Ok(None);
    };
    let role = user.role();
    let Some(org) = user.org_id else {
        return Ok(None);
    };
    Ok(match role {
        Role::MnvpLead => {
            let open = state
                .store
                .all_cases(&CaseFilter {
                    mnvp_ids: vec![org],
                    open: Some(true),
                    ..Default::default()
                })
                .await?;
            let now = Utc::now();
            let mut overdue = Vec::new();
            for case in &open {
                for d in case.facts().overdue(&case.procedure.procedure, now) {
                    overdue.push(context! {
                        case => case.row.id,
                        stage => d.stage.label(),
                        due => d.due.to_rfc3339(),
                    });
                }
            }
            Some(context! {
                kind => "lead",
                open => open.len(),
                overdue => overdue,
                mail_on => state.settings.mail.is_some(),
            })
        }
        Role::Volunteer => Some(context! { kind => "volunteer" }),
        Role::Commissioner => Some(context! { kind => "commissioner" }),
        _ => None,
    })
}
