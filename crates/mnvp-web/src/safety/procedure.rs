//! The MNVP's escalation procedure: readable by the whole MNVP team (guidance 2.6: the process
//! "will be available to staff and volunteers who conduct engagement"), changed by the lead.
//! Each save is a new version; open cases keep the version they were opened under.

use super::scope::own_mnvp;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::context;
use mnvp_domain::role::Role;
use mnvp_domain::safety::procedure::{contact_field, Procedure, RawProcedure};
use mnvp_domain::safety::{Concern, Contact};
use serde::Serialize;

/// The form's fields as typed.
#[derive(Serialize, Default)]
struct ProcedureForm {
    review_days: String,
    notify_days: String,
    outcome_days: String,
    close_days: String,
    contacts: Vec<(String, String)>,
    required: Vec<String>,
    text: String,
}

impl ProcedureForm {
    fn from_procedure(p: &Procedure) -> ProcedureForm {
        ProcedureForm {
            review_days: p.review_days.to_string(),
            notify_days: p.notify_days.to_string(),
            outcome_days: p.outcome_days.to_string(),
            close_days: p.close_days.to_string(),
            contacts: p
                .contacts
                .iter()
                .map(|(k, t)| (contact_field(*k).to_string(), t.clone()))
                .collect(),
            required: p
                .required
                .iter()
                .map(|(c, k)| format!("{}:{}", c.as_str(), k.as_str()))
                .collect(),
            text: p.text.clone(),
        }
    }

    fn from_pairs(pairs: Vec<(String, String)>) -> ProcedureForm {
        let mut f = ProcedureForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "review_days" => f.review_days = v,
                "notify_days" => f.notify_days = v,
                "outcome_days" => f.outcome_days = v,
                "close_days" => f.close_days = v,
                "required" => f.required.push(v),
                "text" => f.text = v,
                other if other.starts_with("contact_") => f.contacts.push((k, v)),
                _ => {}
            }
        }
        f
    }

    fn contact(&self, k: Contact) -> &str {
        self.contacts
            .iter()
            .find(|(f, _)| f == contact_field(k))
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// The concern × contact grid, with each box's state from the form.
fn grid(form: &ProcedureForm) -> Vec<minijinja::Value> {
    Concern::ALL
        .iter()
        .map(|c| {
            let boxes: Vec<_> = Contact::ALL
                .iter()
                .map(|k| {
                    let value = format!("{}:{}", c.as_str(), k.as_str());
                    context! {
                        id => format!("required-{}-{}", c.as_str(), k.as_str()),
                        checked => form.required.contains(&value),
                        value => value,
                        label => k.label(),
                    }
                })
                .collect();
            context! { concern => c.as_str(), label => c.label(), boxes => boxes }
        })
        .collect()
}

pub async fn show_procedure(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let mnvp = own_mnvp(&ctx)?;
    let stored = state.store.current_procedure(mnvp).await?;
    let p = &stored.procedure;
    let contacts: Vec<_> = Contact::ALL
        .iter()
        .map(|k| {
            let concerns: Vec<&str> = p
                .required
                .iter()
                .filter(|(_, rk)| rk == k)
                .map(|(c, _)| c.label())
                .collect();
            context! { label => k.label(), reach => p.reach(*k), concerns => concerns }
        })
        .collect();
    state
        .render(
            &ctx,
            "safety/procedure.html",
            context! {
                org => state.store.get_org(mnvp).await?,
                stored => &stored,
                paragraphs => p.text.split("\n\n").map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>(),
                contacts => contacts,
                is_lead => ctx.role() == Some(Role::MnvpLead),
                history => state.store.procedure_history(mnvp).await?,
            },
        )
        .await
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    form: &ProcedureForm,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let contacts: Vec<_> = Contact::ALL
        .iter()
        .map(|k| context! { field => contact_field(*k), label => k.label(), value => form.contact(*k) })
        .collect();
    state
        .render(
            ctx,
            "safety/procedure_form.html",
            context! { form => form, grid => grid(form), contacts => contacts, errors => errors },
        )
        .await
}

pub async fn edit_procedure(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let mnvp = own_mnvp(&ctx)?;
    let current = state.store.current_procedure(mnvp).await?;
    form_page(
        &state,
        &ctx,
        &ProcedureForm::from_procedure(&current.procedure),
        FormErrors::new(),
    )
    .await
}

pub async fn update_procedure(
    State(state): State<AppState>,
    ctx: Ctx,
    body: axum::body::Bytes,
) -> WebResult<Response> {
    let mnvp = own_mnvp(&ctx)?;
    // Repeated checkbox fields (`required=a&required=b`) need a list-aware parser.
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .map_err(|_| WebError::BadRequest("The form could not be read".into()))?;
    let form = ProcedureForm::from_pairs(pairs);
    let raw = RawProcedure {
        review_days: &form.review_days,
        notify_days: &form.notify_days,
        outcome_days: &form.outcome_days,
        close_days: &form.close_days,
        contacts: Contact::ALL
            .iter()
            .map(|k| (k.as_str(), form.contact(*k)))
            .collect(),
        required: form.required.iter().map(String::as_str).collect(),
        text: &form.text,
    };
    let errors = match Procedure::parse(&raw) {
        Ok(p) => {
            let saved = state.store.save_procedure(mnvp, &p, &ctx.actor()).await?;
            ctx.flash(
                &state.store,
                &format!(
                    "Version {} of the escalation procedure has been saved. New cases follow it.",
                    saved.version
                ),
            )
            .await;
            return Ok(Redirect::to("/safety/procedure").into_response());
        }
        Err(list) => {
            let mut errors = FormErrors::new();
            for (field, e) in list {
                errors.add(field, e.0);
            }
            errors
        }
    };
    let html = form_page(&state, &ctx, &form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}
