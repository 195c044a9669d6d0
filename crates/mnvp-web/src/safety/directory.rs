//! Keeping the signposting directory (guidance 2.6): an MNVP's lead adds and changes the local
//! organisations their MNVP shows; administrators keep the national entries every MNVP shows.
//! Nobody edits another MNVP's entries, and a lead cannot change a national one. An entry
//! that is no longer right is hidden rather than deleted, so the record of what was shown stays.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use chrono::NaiveDate;
use minijinja::context;
use mnvp_domain::parse::Name;
use mnvp_domain::role::Role;
use mnvp_domain::safety::support::SupportTopic;
use mnvp_store::signposts::{NewSupportOrg, SupportOrg};
use serde::{Deserialize, Serialize};

/// Longest description kept: a sentence or two to read out.
const MAX_DESCRIPTION: usize = 500;
/// Longest opening hours text.
const MAX_HOURS: usize = 120;
/// Longest web address.
const MAX_WEBSITE: usize = 300;

/// Whose entries this person keeps: their MNVP's (`Some`) or, for administrators, the national
/// ones (`None`).
fn editor_scope(ctx: &Ctx) -> WebResult<Option<i64>> {
    let user = ctx.user()?;
    match user.role() {
        Role::Administrator => Ok(None),
        Role::MnvpLead => user.org_id.map(Some).ok_or(WebError::Forbidden),
        _ => Err(WebError::Forbidden),
    }
}

/// The entry, if this person keeps it; anyone else's is not found.
async fn entry_in_scope(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<SupportOrg> {
    let scope = editor_scope(ctx)?;
    let org = state.store.get_support_org(id).await?;
    if org.mnvp_id != scope {
        return Err(WebError::NotFound);
    }
    Ok(org)
}

/// The entry form, every field as typed.
#[derive(Deserialize, Serialize, Default, Clone, Debug)]
pub struct EntryForm {
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub position: String,
    /// Present (any value) when "show in the directory" is ticked.
    #[serde(default)]
    pub active: Option<String>,
    #[serde(default)]
    pub checked_on: String,
    #[serde(default)]
    pub form_key: String,
}

fn optional(raw: &str) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl EntryForm {
    fn from_org(o: &SupportOrg) -> EntryForm {
        EntryForm {
            topic: o.topic.clone(),
            name: o.name.clone(),
            description: o.description.clone(),
            phone: o.phone.clone().unwrap_or_default(),
            website: o.website.clone().unwrap_or_default(),
            hours: o.hours.clone().unwrap_or_default(),
            position: o.position.to_string(),
            active: o.active.then(|| "yes".into()),
            checked_on: o.checked_on.clone().unwrap_or_default(),
            form_key: String::new(),
        }
    }

    /// Checks every field, collecting every problem at once for the error summary.
    pub fn parse(&self) -> Result<NewSupportOrg, FormErrors> {
        let mut errors = FormErrors::new();
        let topic = errors.check(
            "topic",
            SupportTopic::parse(&self.topic).map_err(|_| "Select what the organisation helps with"),
        );
        let name = errors.check("name", Name::parse("the organisation's name", &self.name));
        let description = self.description.trim();
        if description.is_empty() {
            errors.add("description", "Enter what the organisation offers");
        } else if description.chars().count() > MAX_DESCRIPTION {
            errors.add(
                "description",
                format!("The description must be {MAX_DESCRIPTION} characters or fewer"),
            );
        }
        let phone = optional(&self.phone);
        if let Some(p) = &phone {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            let allowed = p
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'));
            if !allowed || !(3..=15).contains(&digits) {
                errors.add(
                    "phone",
                    "Enter a phone number with digits and spaces only, like 0808 164 3332 or 116 123",
                );
            }
        }
        let website = optional(&self.website);
        if let Some(w) = &website {
            let ok = url::Url::parse(w)
                .ok()
                .filter(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some());
            if ok.is_none() || w.chars().count() > MAX_WEBSITE || w.contains(char::is_whitespace) {
                errors.add(
                    "website",
                    "Enter the full web address, starting https://, like https://www.sands.org.uk",
                );
            }
        }
        let hours = optional(&self.hours);
        if hours
            .as_ref()
            .is_some_and(|h| h.chars().count() > MAX_HOURS)
        {
            errors.add(
                "hours",
                format!("Opening hours must be {MAX_HOURS} characters or fewer"),
            );
        }
        let position = match self.position.trim() {
            "" => Some(0),
            raw => errors.check(
                "position",
                raw.parse::<i32>()
                    .ok()
                    .filter(|p| (0..=999).contains(p))
                    .ok_or("Enter the order as a whole number from 0 to 999"),
            ),
        };
        let checked_on = optional(&self.checked_on);
        if let Some(d) = &checked_on {
            let today = chrono::Utc::now().date_naive();
            match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(day) if day <= today => {}
                Ok(_) => errors.add(
                    "checked_on",
                    "The date checked must be today or in the past",
                ),
                Err(_) => errors.add("checked_on", "Enter the date checked, like 2026-11-23"),
            }
        }
        match (topic, name, position, errors.is_empty()) {
            (Some(topic), Some(name), Some(position), true) => Ok(NewSupportOrg {
                topic,
                name: name.as_str().to_string(),
                description: description.to_string(),
                phone,
                website,
                hours,
                position,
                active: self.active.is_some(),
                checked_on,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Serialize)]
struct Opt {
    value: &'static str,
    text: &'static str,
}

/// The entries this person keeps, shown and hidden.
pub async fn list_entries(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let scope = editor_scope(&ctx)?;
    let entries: Vec<_> = state
        .store
        .support_entries(scope)
        .await?
        .into_iter()
        .map(|o| {
            let topic = SupportTopic::parse(&o.topic)
                .map(|t| t.label())
                .unwrap_or("");
            context! { entry => o, topic_label => topic }
        })
        .collect();
    state
        .render(
            &ctx,
            "safety/directory.html",
            context! { entries => entries, national => scope.is_none() },
        )
        .await
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    form: &EntryForm,
    errors: FormErrors,
    editing: Option<i64>,
) -> WebResult<Html<String>> {
    let topics: Vec<Opt> = SupportTopic::ALL
        .iter()
        .map(|t| Opt {
            value: t.as_str(),
            text: t.label(),
        })
        .collect();
    state
        .render(
            ctx,
            "safety/directory_form.html",
            context! {
                form => form,
                errors => errors,
                editing => editing,
                topics => topics,
                national => editor_scope(ctx)?.is_none(),
            },
        )
        .await
}

pub async fn new_entry(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    editor_scope(&ctx)?;
    let form = EntryForm {
        active: Some("yes".into()),
        form_key: new_form_key(),
        ..Default::default()
    };
    form_page(&state, &ctx, &form, FormErrors::new(), None).await
}

pub async fn create_entry(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<EntryForm>,
) -> WebResult<Response> {
    let scope = editor_scope(&ctx)?;
    match form.parse() {
        Ok(new) => {
            state
                .store
                .add_support_org(scope, &new, valid_form_key(&form.form_key), &ctx.actor())
                .await?;
            ctx.flash(&state.store, &format!("{} has been added", new.name))
                .await;
            Ok(Redirect::to("/support/manage").into_response())
        }
        Err(errors) => {
            let html = form_page(&state, &ctx, &form, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

pub async fn edit_entry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let org = entry_in_scope(&state, &ctx, id).await?;
    form_page(
        &state,
        &ctx,
        &EntryForm::from_org(&org),
        FormErrors::new(),
        Some(id),
    )
    .await
}

pub async fn update_entry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<EntryForm>,
) -> WebResult<Response> {
    entry_in_scope(&state, &ctx, id).await?;
    match form.parse() {
        Ok(new) => {
            state
                .store
                .update_support_org(id, &new, &ctx.actor())
                .await?;
            ctx.flash(&state.store, &format!("{} has been updated", new.name))
                .await;
            Ok(Redirect::to("/support/manage").into_response())
        }
        Err(errors) => {
            let html = form_page(&state, &ctx, &form, errors, Some(id)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}
