//! Managing the organisation hierarchy and which units each MNVP covers.

use super::Opt;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, optional_id, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::organisation::{OrgKind, UnitType};
use mnvp_domain::parse::{Name, Slug};
use mnvp_store::organisations::{NewOrg, Org};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct OrgForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub parent_id: String,
    #[serde(default)]
    pub unit_type: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub ods_code: String,
    #[serde(default)]
    pub form_key: String,
}

impl OrgForm {
    fn from_org(o: &Org) -> OrgForm {
        OrgForm {
            kind: o.kind.clone(),
            name: o.name.clone(),
            parent_id: o.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            unit_type: o.unit_type.clone().unwrap_or_default(),
            slug: o.slug.clone().unwrap_or_default(),
            ods_code: o.ods_code.clone().unwrap_or_default(),
            form_key: String::new(),
        }
    }

    /// Parses every field, collecting every problem at once for the error summary.
    pub fn parse(&self, kind: OrgKind) -> Result<NewOrg, FormErrors> {
        let mut errors = FormErrors::new();
        let name = errors.check("name", Name::parse("the organisation's name", &self.name));
        let parent_id = errors
            .check("parent_id", optional_id(&self.parent_id))
            .flatten();
        if kind.parent_kind().is_some() && parent_id.is_none() {
            errors.add("parent_id", "Select the organisation this one belongs to");
        }
        let unit_type = if kind == OrgKind::Unit {
            errors.check("unit_type", UnitType::parse(&self.unit_type))
        } else {
            None
        };
        let slug = if kind == OrgKind::Mnvp {
            errors.check("slug", Slug::parse(&self.slug))
        } else {
            None
        };
        let ods = self.ods_code.trim().to_uppercase();
        if ods.len() > 10 || !ods.chars().all(|c| c.is_ascii_alphanumeric()) {
            errors.add(
                "ods_code",
                "ODS code must be up to 10 letters and numbers, like RGN or RGN80",
            );
        }
        match (name, errors.is_empty()) {
            (Some(name), true) => Ok(NewOrg {
                kind,
                name,
                parent_id,
                unit_type,
                slug,
                ods_code: (!ods.is_empty()).then_some(ods),
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Deserialize)]
pub struct KindQuery {
    #[serde(default)]
    kind: String,
}

pub async fn list_orgs(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let orgs = state.store.list_orgs().await?;
    let groups: Vec<_> = OrgKind::ALL
        .iter()
        .map(|k| {
            context! {
                kind => k.as_str(),
                label => k.label(),
                orgs => orgs.iter().filter(|o| o.kind == k.as_str()).collect::<Vec<_>>(),
            }
        })
        .collect();
    state
        .render(&ctx, "admin/orgs.html", context! { groups => groups })
        .await
}

/// The parents an organisation of `kind` may sit under.
async fn parent_options(state: &AppState, kind: OrgKind) -> WebResult<Vec<Opt>> {
    Ok(match kind.parent_kind() {
        Some(pk) => state
            .store
            .list_orgs_of_kind(pk)
            .await?
            .into_iter()
            .map(|o| Opt {
                value: o.id.to_string(),
                text: o.name,
            })
            .collect(),
        None => Vec::new(),
    })
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    kind: OrgKind,
    form: &OrgForm,
    errors: FormErrors,
    editing: Option<i64>,
) -> WebResult<Html<String>> {
    let unit_types: Vec<Opt> = UnitType::ALL
        .iter()
        .map(|u| Opt {
            value: u.as_str().into(),
            text: u.label().into(),
        })
        .collect();
    state
        .render(
            ctx,
            "admin/org_form.html",
            context! {
                kind => kind.as_str(),
                kind_label => kind.label(),
                parent_label => kind.parent_kind().map(|p| p.label()),
                parents => parent_options(state, kind).await?,
                unit_types => unit_types,
                form => form,
                errors => errors,
                editing => editing,
            },
        )
        .await
}

fn parse_kind(raw: &str) -> WebResult<OrgKind> {
    OrgKind::parse(raw)
        .map_err(|_| WebError::BadRequest("Choose which type of organisation to add".into()))
}

pub async fn new_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<KindQuery>,
) -> WebResult<Html<String>> {
    let kind = parse_kind(&q.kind)?;
    let form = OrgForm {
        kind: kind.as_str().into(),
        form_key: new_form_key(),
        ..Default::default()
    };
    form_page(&state, &ctx, kind, &form, FormErrors::new(), None).await
}

/// Stores an organisation, turning storage refusals into messages beside the right field.
fn store_errors(e: mnvp_store::StoreError) -> Result<FormErrors, WebError> {
    let mut errors = FormErrors::new();
    match e {
        mnvp_store::StoreError::Conflict(m) if m.contains("slug") => errors.add("slug", m),
        mnvp_store::StoreError::Conflict(m) => errors.add("name", m),
        mnvp_store::StoreError::Invalid(m) if m.contains("unit") && m.contains("type") => {
            errors.add("unit_type", m)
        }
        mnvp_store::StoreError::Invalid(m) if m.contains("slug") => errors.add("slug", m),
        mnvp_store::StoreError::Invalid(m) => errors.add("parent_id", m),
        other => return Err(other.into()),
    }
    Ok(errors)
}

pub async fn create_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<OrgForm>,
) -> WebResult<Response> {
    let kind = parse_kind(&form.kind)?;
    let errors = match form.parse(kind) {
        Ok(new) => match state
            .store
            .create_org(&new, valid_form_key(&form.form_key), &ctx.actor())
            .await
        {
            Ok(org) => {
                ctx.flash(&state.store, &format!("{} has been added", org.name))
                    .await;
                return Ok(
                    Redirect::to(&format!("/admin/organisations/{}", org.id)).into_response()
                );
            }
            Err(e) => store_errors(e)?,
        },
        Err(errors) => errors,
    };
    let html = form_page(&state, &ctx, kind, &form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

pub async fn show_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let org = state.store.get_org(id).await?;
    let all = state.store.list_orgs().await?;
    let children: Vec<&Org> = all.iter().filter(|o| o.parent_id == Some(id)).collect();
    let users = state.store.list_users(Some(&[id])).await?;
    let (covered, candidates) = if org.kind() == OrgKind::Mnvp {
        let covered: Vec<i64> = state
            .store
            .mnvp_units(id)
            .await?
            .iter()
            .map(|u| u.id)
            .collect();
        let units: Vec<_> = all
            .iter()
            .filter(|o| o.kind == "unit")
            .map(|u| context! { id => u.id, name => u.name, trust => u.parent_name, checked => covered.contains(&u.id) })
            .collect();
        (covered, units)
    } else {
        (Vec::new(), Vec::new())
    };
    let history = state.store.audit_for("organisation", id).await?;
    state
        .render(
            &ctx,
            "admin/org.html",
            context! {
                org => org,
                kind_label => org.kind().label(),
                children => children,
                users => users,
                is_mnvp => org.kind() == OrgKind::Mnvp,
                covered_count => covered.len(),
                units => candidates,
                history => history,
            },
        )
        .await
}

pub async fn edit_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let org = state.store.get_org(id).await?;
    form_page(
        &state,
        &ctx,
        org.kind(),
        &OrgForm::from_org(&org),
        FormErrors::new(),
        Some(id),
    )
    .await
}

pub async fn update_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<OrgForm>,
) -> WebResult<Response> {
    let org = state.store.get_org(id).await?;
    let kind = org.kind();
    let errors = match form.parse(kind) {
        Ok(new) => match state.store.update_org(id, &new, &ctx.actor()).await {
            Ok(org) => {
                ctx.flash(&state.store, &format!("{} has been updated", org.name))
                    .await;
                return Ok(Redirect::to(&format!("/admin/organisations/{id}")).into_response());
            }
            Err(e) => store_errors(e)?,
        },
        Err(errors) => errors,
    };
    let html = form_page(&state, &ctx, kind, &form, errors, Some(id)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

pub async fn update_units(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> WebResult<Response> {
    // Repeated checkbox fields (`unit=1&unit=2`) need a list-aware parser.
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .map_err(|_| WebError::BadRequest("The form could not be read".into()))?;
    let mut units = Vec::new();
    for (k, v) in pairs.into_iter().filter(|(k, _)| k == "unit") {
        let _ = k;
        units.push(
            v.parse::<i64>()
                .map_err(|_| WebError::BadRequest("Select units from the list".into()))?,
        );
    }
    state.store.set_mnvp_units(id, &units, &ctx.actor()).await?;
    ctx.flash(&state.store, "The units this MNVP covers have been updated")
        .await;
    Ok(Redirect::to(&format!("/admin/organisations/{id}")).into_response())
}

pub async fn confirm_delete_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let org = state.store.get_org(id).await?;
    state
        .render(
            &ctx,
            "admin/org_delete.html",
            context! { org => org, error => None::<String> },
        )
        .await
}

pub async fn delete_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let org = state.store.get_org(id).await?;
    match state.store.delete_org(id, &ctx.actor()).await {
        Ok(()) => {
            ctx.flash(&state.store, &format!("{} has been removed", org.name))
                .await;
            Ok(Redirect::to("/admin/organisations").into_response())
        }
        Err(mnvp_store::StoreError::Conflict(message)) => {
            let html = state
                .render(
                    &ctx,
                    "admin/org_delete.html",
                    context! { org => org, error => message },
                )
                .await?;
            Ok((StatusCode::CONFLICT, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
