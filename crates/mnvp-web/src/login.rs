//! Signing in and out, with throttling and the optional second factor.

use crate::auth::{clear_cookie, password, random_token, session_cookie, totp, Ctx};
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::parse::Email;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Only local paths are followed after sign-in, so a crafted link cannot send people elsewhere.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.starts_with("/logout")
    {
        next
    } else {
        "/"
    }
}

/// A fresh anonymous session (so the sign-in form can carry a CSRF token) when there is none.
pub(crate) async fn ensure_session(state: &AppState, ctx: &mut Ctx) -> WebResult<Option<String>> {
    if ctx.session.is_some() {
        return Ok(None);
    }
    let token = random_token();
    let csrf = random_token();
    state
        .store
        .create_session(&token, None, &csrf, false, 3600)
        .await?;
    ctx.session = state.store.get_session(&token).await?;
    ctx.token = Some(token.clone());
    Ok(Some(session_cookie(
        &token,
        3600,
        state.settings.secure_cookies,
    )))
}

async fn login_page(
    state: &AppState,
    mut ctx: Ctx,
    status: StatusCode,
    email: &str,
    next: &str,
    errors: FormErrors,
) -> WebResult<Response> {
    // A fresh anonymous session (so the sign-in form can carry a CSRF token) when there is none.
    let cookie = crate::auth::anonymous::ensure_session(state, &mut ctx, 3600).await?;
    let html = state
        .render(
            &ctx,
            "auth/login.html",
            context! { email => email, next => safe_next(next), errors => errors },
        )
        .await?;
    let mut res = (status, html).into_response();
    if let Some(c) = cookie {
        res.headers_mut().append(
            SET_COOKIE,
            c.parse().map_err(|_| WebError::Internal("cookie".into()))?,
        );
    }
    Ok(res)
}

pub async fn get_login(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> WebResult<Response> {
    if ctx.user.is_some() {
        return Ok(Redirect::to(safe_next(&q.next)).into_response());
    }
    login_page(&state, ctx, StatusCode::OK, "", &q.next, FormErrors::new()).await
}

pub async fn post_login(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<LoginForm>,
) -> WebResult<Response> {
    let mut errors = FormErrors::new();
    let email = form.email.trim().to_lowercase();
    if email.is_empty() {
        errors.add("email", "Enter your email address");
    } else if let Err(e) = Email::parse(&email) {
        errors.add("email", e.0);
    }
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if !errors.is_empty() {
        return login_page(
            &state,
            ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form.email,
            &form.next,
            errors,
        )
        .await;
    }

    let s = &state.settings;
    let (by_email, by_ip) = state
        .store
        .recent_failures(&email, &ctx.ip, s.throttle_window_secs)
        .await?;
    if by_email >= s.max_failed_logins || by_ip >= s.max_failed_logins * 4 {
        errors.add(
            "email",
            format!(
                "There have been too many failed attempts to sign in. Wait {} minutes and try again, or ask your administrator to reset your password",
                s.throttle_window_secs / 60
            ),
        );
        return login_page(
            &state,
            ctx,
            StatusCode::TOO_MANY_REQUESTS,
            &form.email,
            &form.next,
            errors,
        )
        .await;
    }

    let user = state.store.user_by_email(&email).await?;
    let ok = password::verify(
        form.password.clone(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await;
    let user = match user {
        Some(u) if ok && u.active => u,
        _ => {
            state
                .store
                .record_login_attempt(&email, &ctx.ip, false)
                .await?;
            errors.add("email", "Enter a correct email address and password");
            return login_page(
                &state,
                ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form.email,
                &form.next,
                errors,
            )
            .await;
        }
    };
    state
        .store
        .record_login_attempt(&email, &ctx.ip, true)
        .await?;

    let target = if user.has_totp() {
        format!(
            "/login/two-factor?{}",
            serde_urlencoded::to_string([("next", safe_next(&form.next))]).unwrap_or_default()
        )
    } else {
        safe_next(&form.next).to_string()
    };
    start_session(&state, &ctx, &user, user.has_totp(), "", &target).await
}

/// Replaces the current session with a new one for `user`, so a token planted before sign-in
/// is worthless after it. A `pending_totp` session only reaches the second-factor step; any
/// other is a completed sign-in, recorded and audited.
async fn start_session(
    state: &AppState,
    ctx: &Ctx,
    user: &mnvp_store::users::User,
    pending_totp: bool,
    detail: &str,
    target: &str,
) -> WebResult<Response> {
    let s = &state.settings;
    if let Some(old) = &ctx.token {
        state.store.delete_session(old).await?;
    }
    let token = random_token();
    state
        .store
        .create_session(
            &token,
            Some(user.id),
            &random_token(),
            pending_totp,
            s.session_minutes * 60,
        )
        .await?;
    if !pending_totp {
        state.store.record_login(user.id).await?;
        let actor = mnvp_store::Actor {
            user_id: Some(user.id),
            label: user.email.clone(),
            ip: ctx.ip.clone(),
        };
        state
            .store
            .audit_event(&actor, "sign_in", "user", Some(user.id), detail.to_string())
            .await?;
    }
    Ok((
        [(
            SET_COOKIE,
            session_cookie(&token, s.session_minutes * 60, s.secure_cookies),
        )],
        Redirect::to(target),
    )
        .into_response())
}

pub async fn get_two_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> WebResult<Response> {
    if !ctx.session.as_ref().is_some_and(|s| s.pending_totp) {
        return Ok(Redirect::to("/login").into_response());
    }
    let html = state
        .render(
            &ctx,
            "auth/two_factor.html",
            context! { next => safe_next(&q.next), errors => FormErrors::new() },
        )
        .await?;
    Ok(html.into_response())
}

pub async fn post_two_factor(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
    Form(form): Form<CodeForm>,
) -> WebResult<Response> {
    let Some(user_id) = ctx
        .session
        .as_ref()
        .filter(|s| s.pending_totp)
        .and_then(|s| s.user_id)
    else {
        return Ok(Redirect::to("/login").into_response());
    };
    let user = state.store.get_user(user_id).await?;
    let s = &state.settings;
    let (failures, _) = state
        .store
        .recent_failures(&user.email, &ctx.ip, s.throttle_window_secs)
        .await?;
    let secret = user.totp_secret.clone().unwrap_or_default();
    if failures >= s.max_failed_logins || !totp::check(&secret, &form.code) {
        state
            .store
            .record_login_attempt(&user.email, &ctx.ip, false)
            .await?;
        let mut errors = FormErrors::new();
        errors.add(
            "code",
            if failures >= s.max_failed_logins {
                "There have been too many failed attempts. Wait and try again later"
            } else {
                "Enter the 6-digit code shown in your authenticator app now"
            },
        );
        let html = state
            .render(
                &ctx,
                "auth/two_factor.html",
                context! { next => safe_next(&q.next), errors => errors },
            )
            .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    }
    state
        .store
        .record_login_attempt(&user.email, &ctx.ip, true)
        .await?;
    start_session(
        &state,
        &ctx,
        &user,
        false,
        "with second factor",
        safe_next(&q.next),
    )
    .await
}

pub async fn post_logout(State(state): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    if let Some(token) = &ctx.token {
        state.store.delete_session(token).await?;
        state
            .store
            .audit_event(
                &ctx.actor(),
                "sign_out",
                "user",
                ctx.user.as_ref().map(|u| u.id),
                String::new(),
            )
            .await?;
    }
    Ok((
        [(SET_COOKIE, clear_cookie(state.settings.secure_cookies))],
        Redirect::to("/login"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_next_paths_are_followed() {
        assert_eq!(safe_next("/admin/users"), "/admin/users");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
