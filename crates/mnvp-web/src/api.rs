//! A small JSON API for integrations. Errors are problem JSON (RFC 9457); state-changing calls
//! need the session's CSRF token in the `X-CSRF-Token` header.

use crate::admin::orgs::OrgForm;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use mnvp_domain::organisation::OrgKind;
use mnvp_store::organisations::Org;
use serde_json::{json, Value};

pub async fn get_me(ctx: Ctx) -> WebResult<Json<Value>> {
    let u = ctx.user()?;
    Ok(Json(json!({
        "id": u.id,
        "name": u.name,
        "email": u.email,
        "role": u.role,
        "organisation_id": u.org_id,
        "csrf_token": ctx.csrf(),
    })))
}

pub async fn list_organisations(State(state): State<AppState>) -> WebResult<Json<Vec<Org>>> {
    Ok(Json(state.store.list_orgs().await?))
}

pub async fn get_organisation(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> WebResult<Json<Org>> {
    Ok(Json(state.store.get_org(id).await?))
}

/// Creates an organisation from JSON with the same fields as the admin form.
pub async fn create_organisation(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Result<Json<OrgForm>, axum::extract::rejection::JsonRejection>,
) -> WebResult<(StatusCode, Json<Org>)> {
    let Json(form) = body.map_err(|e| {
        WebError::BadRequest(format!(
            "The request body is not valid JSON for an organisation: {}",
            e.body_text()
        ))
    })?;
    let kind =
        OrgKind::parse(&form.kind).map_err(|e| WebError::BadRequest(format!("kind: {}", e.0)))?;
    let new = form.parse(kind).map_err(|errors| {
        let fields = serde_json::to_value(&errors).unwrap_or_default();
        WebError::BadRequest(format!("Some fields are not valid: {fields}"))
    })?;
    let key = crate::forms::valid_form_key(&form.form_key);
    let org = state.store.create_org(&new, key, &ctx.actor()).await?;
    Ok((StatusCode::CREATED, Json(org)))
}
