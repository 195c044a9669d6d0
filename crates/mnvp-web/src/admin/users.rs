//! Managing accounts: create, change role or organisation, deactivate, reset a password.

use super::Opt;
use crate::auth::{password, random_token, Ctx};
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, optional_id, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::parse::{Email, Name};
use mnvp_domain::role::Role;
use mnvp_store::users::{NewUser, User, UserChanges};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct UserForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    active: String,
    #[serde(default)]
    form_key: String,
}

impl UserForm {
    fn from_user(u: &User) -> UserForm {
        UserForm {
            name: u.name.clone(),
            email: u.email.clone(),
            role: u.role.clone(),
            org_id: u.org_id.map(|o| o.to_string()).unwrap_or_default(),
            active: if u.active { "yes".into() } else { "no".into() },
            form_key: String::new(),
        }
    }
}

/// A temporary password: 16 random characters, shown once to the administrator.
fn temporary_password() -> String {
    random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect()
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    form: &UserForm,
    errors: FormErrors,
    editing: Option<i64>,
) -> WebResult<Html<String>> {
    let roles: Vec<Opt> = Role::ALL
        .iter()
        .map(|r| Opt {
            value: r.as_str().into(),
            text: r.label().into(),
        })
        .collect();
    let orgs: Vec<Opt> = state
        .store
        .list_orgs()
        .await?
        .into_iter()
        .filter(|o| o.kind != "unit")
        .map(|o| Opt {
            value: o.id.to_string(),
            text: format!("{} ({})", o.name, o.kind().label()),
        })
        .collect();
    state
        .render(ctx, "admin/user_form.html", context! { form => form, errors => errors, roles => roles, orgs => orgs, editing => editing })
        .await
}

pub async fn list_users(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let users = state.store.list_users(None).await?;
    state
        .render(&ctx, "admin/users.html", context! { users => users })
        .await
}

pub async fn new_user(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let form = UserForm {
        form_key: new_form_key(),
        active: "yes".into(),
        ..Default::default()
    };
    form_page(&state, &ctx, &form, FormErrors::new(), None).await
}

fn scope_error(e: mnvp_store::StoreError) -> Result<FormErrors, WebError> {
    let mut errors = FormErrors::new();
    match e {
        mnvp_store::StoreError::Conflict(m) => errors.add("email", m),
        mnvp_store::StoreError::Invalid(m) => errors.add("org_id", m),
        other => return Err(other.into()),
    }
    Ok(errors)
}

pub async fn create_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<UserForm>,
) -> WebResult<Response> {
    let key = valid_form_key(&form.form_key);
    if let Some(k) = key {
        if let Some(id) = state.store.idempotency_hit(k, "user").await? {
            ctx.flash(&state.store, "This account had already been created")
                .await;
            return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response());
        }
    }
    let mut errors = FormErrors::new();
    let name = errors.check("name", Name::parse("their full name", &form.name));
    let email = errors.check("email", Email::parse(&form.email));
    let role = errors.check("role", Role::parse(&form.role));
    let org_id = errors.check("org_id", optional_id(&form.org_id)).flatten();
    if let (Some(name), Some(email), Some(role), true) = (name, email, role, errors.is_empty()) {
        let temp = temporary_password();
        let new = NewUser {
            email,
            name,
            role,
            org_id,
            password_hash: password::hash(temp.clone()).await?,
        };
        match state.store.create_user(&new, key, &ctx.actor()).await {
            Ok(user) => {
                let html = state
                    .render(
                        &ctx,
                        "admin/user_reset.html",
                        context! { account => user, password => temp, created => true },
                    )
                    .await?;
                return Ok(html.into_response());
            }
            Err(e) => errors = scope_error(e)?,
        }
    }
    let html = form_page(&state, &ctx, &form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

pub async fn show_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let user = state.store.get_user(id).await?;
    // Viewing someone's identifiable details is itself recorded.
    state
        .store
        .audit_event(&ctx.actor(), "view", "user", Some(id), String::new())
        .await?;
    let history = state.store.audit_for("user", id).await?;
    state
        .render(
            &ctx,
            "admin/user.html",
            context! { account => user, history => history },
        )
        .await
}

pub async fn edit_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let user = state.store.get_user(id).await?;
    form_page(
        &state,
        &ctx,
        &UserForm::from_user(&user),
        FormErrors::new(),
        Some(id),
    )
    .await
}

pub async fn update_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> WebResult<Response> {
    let existing = state.store.get_user(id).await?;
    let mut errors = FormErrors::new();
    let name = errors.check("name", Name::parse("their full name", &form.name));
    let role = errors.check("role", Role::parse(&form.role));
    let org_id = errors.check("org_id", optional_id(&form.org_id)).flatten();
    let active = form.active != "no";
    if existing.id == ctx.user()?.id && (!active || role != Some(Role::Administrator)) {
        errors.add(
            "role",
            "You cannot remove your own administrator access; ask another administrator",
        );
    }
    if let (Some(name), Some(role), true) = (name, role, errors.is_empty()) {
        match state
            .store
            .update_user(
                id,
                &UserChanges {
                    name,
                    role,
                    org_id,
                    active,
                },
                &ctx.actor(),
            )
            .await
        {
            Ok(user) => {
                ctx.flash(
                    &state.store,
                    &format!("{}'s account has been updated", user.name),
                )
                .await;
                return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response());
            }
            Err(e) => errors = scope_error(e)?,
        }
    }
    let form = UserForm {
        email: existing.email,
        ..form
    };
    let html = form_page(&state, &ctx, &form, errors, Some(id)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let user = state.store.get_user(id).await?;
    let temp = temporary_password();
    state
        .store
        .set_password(id, &password::hash(temp.clone()).await?, &ctx.actor())
        .await?;
    state
        .render(
            &ctx,
            "admin/user_reset.html",
            context! { account => user, password => temp, created => false },
        )
        .await
}
