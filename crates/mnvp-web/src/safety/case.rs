//! One case as the lead works it: the original words with the cues that raised the flag
//! marked, the procedure's deadlines, every step recorded (who and when), and a form for each
//! step still open. Opening the original words is audited, as in the inbox.

use super::highlight;
use super::scope::case_in_scope;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use minijinja::context;
use mnvp_domain::safety::case::Step;
use mnvp_domain::safety::{Concern, Contact, Decision, Method};
use mnvp_domain::uk_time::to_uk;
use mnvp_store::safety::Case;
use serde::{Deserialize, Serialize};

/// Every field of every step form, as typed (kept when a form is shown again with errors).
#[derive(Deserialize, Serialize, Default, Clone, Debug)]
pub(crate) struct StepForm {
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub told: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub outcome: String,
}

#[derive(Serialize)]
struct Opt {
    value: &'static str,
    text: &'static str,
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Opt> {
    all.iter()
        .map(|v| Opt {
            value: code(*v),
            text: label(*v),
        })
        .collect()
}

pub async fn show_case(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let case = case_in_scope(&state, &ctx, id).await?;
    render_case(
        &state,
        &ctx,
        case,
        &StepForm::default(),
        FormErrors::new(),
        None,
    )
    .await
}

impl StepForm {
    /// The form with "when they were told" set to now (UK time), the usual answer, unless the
    /// person typed a date or time themselves.
    pub(crate) fn told_now(mut self) -> Self {
        let now = to_uk(Utc::now());
        if self.date.trim().is_empty() && self.time.trim().is_empty() {
            self.date = now.format("%Y-%m-%d").to_string();
            self.time = now.format("%H:%M").to_string();
        }
        self
    }
}

/// The case page, with `errors` beside the form `which` when a step was refused.
pub(crate) async fn render_case(
    state: &AppState,
    ctx: &Ctx,
    case: Case,
    form: &StepForm,
    errors: FormErrors,
    which: Option<&str>,
) -> WebResult<Response> {
    let id = case.row.id;
    // Another step's form did not send the notification's date and time: keep its default.
    let form = &match which {
        Some("notify") => form.clone(),
        _ => form.clone().told_now(),
    };
    let store = &state.store;
    let feedback = match case.row.feedback_id {
        Some(fid) => Some(store.get_feedback(fid).await?),
        None => None,
    };
    let mut words = None;
    if let Some(sealed) = feedback.as_ref().and_then(|f| f.body.as_ref()) {
        let original = store.reveal(sealed)?;
        store
            .audit_event(
                &ctx.actor(),
                "view",
                "safety_case",
                Some(id),
                "original text".into(),
            )
            .await?;
        let (segments, cues) = highlight::mark(&original, &mnvp_text::safety::detect(&original));
        words = Some(context! { segments => segments, cues => cues });
    }
    let facts = case.facts();
    let procedure = &case.procedure.procedure;
    let now = Utc::now();
    let deadlines: Vec<_> = facts
        .deadlines(procedure)
        .into_iter()
        .map(|d| {
            context! {
                stage => d.stage.label(),
                due => d.due.to_rfc3339(),
                done_at => d.done_at.map(|t| t.to_rfc3339()),
                overdue => d.is_overdue(now) && !facts.is_closed(),
                late => d.was_late(),
            }
        })
        .collect();
    let required = procedure.required_for(&facts.concerns);
    let contacts: Vec<_> = Contact::ALL
        .iter()
        .map(|k| {
            context! {
                value => k.as_str(),
                label => k.label(),
                reach => procedure.reach(*k),
                required => required.contains(k),
                told => facts.notified.iter().any(|(c, _)| c == k),
            }
        })
        .collect();
    let label = |code: &str, parse: fn(&str) -> Option<&'static str>| parse(code).unwrap_or("");
    let notifications: Vec<_> = case
        .notifications
        .iter()
        .map(|n| {
            context! {
                contact => label(&n.contact, |c| Contact::parse(c).ok().map(Contact::label)),
                told => n.told,
                method => label(&n.method, |m| Method::parse(m).ok().map(Method::label)),
                notified_at => n.notified_at,
                recorded_by => n.recorded_by,
            }
        })
        .collect();
    let open = !facts.is_closed();
    let escalated = facts.decision == Some(Decision::Escalate);
    let missing: Vec<String> = facts
        .missing_for_closure(procedure)
        .iter()
        .map(|s: &Step| s.label())
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let html: Html<String> = state
        .render(
            ctx,
            "safety/case.html",
            context! {
                case => &case.row,
                status => facts.status(procedure),
                concerns => facts.concerns.iter().map(|c| c.label()).collect::<Vec<_>>(),
                manual => facts.concerns.contains(&Concern::Manual),
                feedback => feedback,
                words => words,
                deadlines => deadlines,
                contacts => contacts,
                notifications => notifications,
                decision_label => facts.decision.map(|d| d.label()),
                procedure_version => case.procedure.version,
                can_review => open && case.row.reviewed_at.is_none(),
                can_decide => open && case.row.reviewed_at.is_some() && facts.decision.is_none(),
                can_notify => open && escalated,
                can_outcome => open && escalated && case.row.outcome_at.is_none(),
                open => open,
                missing => missing,
                decisions => options(Decision::ALL, Decision::as_str, Decision::label),
                methods => options(Method::ALL, Method::as_str, Method::label),
                alerts => store.case_alerts(id).await?,
                history => store.audit_for("safety_case", id).await?,
                form => form,
                errors => errors,
                which => which,
            },
        )
        .await?;
    Ok((status, html).into_response())
}
