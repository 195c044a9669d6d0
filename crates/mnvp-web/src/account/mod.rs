//! A person's own account: details, password, and the optional second factor.

use crate::auth::{password, totp, Ctx};
use crate::error::WebResult;
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::parse::check_new_password;
use serde::Deserialize;

pub async fn get_account(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let user = ctx.user()?.clone();
    state
        .render(
            &ctx,
            "account/index.html",
            context! { account => user, has_totp => user.has_totp() },
        )
        .await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn get_password(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    state
        .render(
            &ctx,
            "account/password.html",
            context! { errors => FormErrors::new() },
        )
        .await
}

pub async fn post_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<PasswordForm>,
) -> WebResult<Response> {
    let user = ctx.user()?.clone();
    let mut errors = FormErrors::new();
    if form.current.is_empty() {
        errors.add("current", "Enter your current password");
    } else if !password::verify(form.current.clone(), Some(user.password_hash.clone())).await {
        errors.add("current", "Your current password is not correct");
    }
    errors.check("new_password", check_new_password(&form.new_password));
    if form.confirm != form.new_password {
        errors.add("confirm", "The passwords do not match");
    }
    if !errors.is_empty() {
        let html = state
            .render(&ctx, "account/password.html", context! { errors => errors })
            .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    let hash = password::hash(form.new_password).await?;
    // Changing the password signs out every session, including this one.
    state
        .store
        .set_password(user.id, &hash, &ctx.actor())
        .await?;
    Ok(Redirect::to("/login").into_response())
}

#[derive(Deserialize)]
pub struct EnableForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
}

async fn two_factor_page(
    state: &AppState,
    ctx: &Ctx,
    secret: &str,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let user = ctx.user()?;
    let url = totp::otpauth_url(secret, &user.email).unwrap_or_default();
    let qr = totp::qr_svg(&url).unwrap_or_default();
    state
        .render(
            ctx,
            "account/two_factor.html",
            context! {
                has_totp => user.has_totp(),
                secret => secret,
                qr_svg => minijinja::Value::from_safe_string(qr),
                errors => errors,
            },
        )
        .await
}

pub async fn get_two_factor(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    two_factor_page(&state, &ctx, &totp::new_secret(), FormErrors::new()).await
}

pub async fn post_two_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<EnableForm>,
) -> WebResult<Response> {
    let user = ctx.user()?.clone();
    let secret = form.secret.trim().to_string();
    let valid_secret = secret.len() >= 26
        && secret
            .chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c));
    if !valid_secret {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    if !totp::check(&secret, &form.code) {
        let mut errors = FormErrors::new();
        errors.add(
            "code",
            "Enter the 6-digit code shown in your authenticator app",
        );
        let html = two_factor_page(&state, &ctx, &secret, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    state
        .store
        .set_totp(user.id, Some(&secret), &ctx.actor())
        .await?;
    ctx.flash(
        &state.store,
        "Two-step verification is on. You will be asked for a code each time you sign in.",
    )
    .await;
    Ok(Redirect::to("/account").into_response())
}

pub async fn post_disable_two_factor(
    State(state): State<AppState>,
    ctx: Ctx,
) -> WebResult<Response> {
    let user = ctx.user()?.clone();
    state.store.set_totp(user.id, None, &ctx.actor()).await?;
    ctx.flash(&state.store, "Two-step verification is off.")
        .await;
    Ok(Redirect::to("/account").into_response())
}
