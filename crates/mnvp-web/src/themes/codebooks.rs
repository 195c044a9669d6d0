//! Codebook pages: the list, creating one (from the default codebook, the QDC framework, a
//! shared codebook or nothing), changing its settings, choosing which volunteers code with it,
//! and removing an unused one. Files in and out are in `codebook_files`.

use super::access::{editable, readable, Viewer};
use super::engine;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::FormErrors;
use crate::AppState;
use axum::extract::{Path, Query, RawForm, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::role::Role;
use mnvp_domain::themes::builtin;
use mnvp_domain::themes::codebook::{parse_description, tidy, CodebookSpec, MAX_NAME};
use mnvp_store::themes::Codebook;
use serde::{Deserialize, Serialize};

pub async fn list_codebooks(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let include_shared = matches!(viewer.role, Role::MnvpLead | Role::Administrator);
    let all = state
        .store
        .list_codebooks(&viewer.mnvp_ids, include_shared)
        .await?;
    let coders_of = |c: &Codebook| c.id;
    let mut rows = Vec::new();
    for c in &all {
        let can_code = match (viewer.role, c.mnvp_id) {
            (Role::MnvpLead, Some(m)) => Some(m) == viewer.org_id,
            (Role::Volunteer, Some(m)) if Some(m) == viewer.org_id => state
                .store
                .codebook_coders(coders_of(c))
                .await?
                .contains(&viewer.user_id),
            _ => false,
        };
        rows.push(context! {
            c => c,
            shared => c.mnvp_id.is_none(),
            can_code => can_code,
            can_read => viewer.can_read(c),
            can_edit => viewer.can_edit(c),
            figures => viewer.can_view_figures(c),
            lead_tools => viewer.is_lead() && c.mnvp_id.is_some(),
        });
    }
    state
        .render(
            &ctx,
            "themes/index.html",
            context! {
                rows => rows,
                can_create => matches!(viewer.role, Role::MnvpLead | Role::Administrator),
                is_admin => viewer.role == Role::Administrator,
                is_lead => viewer.is_lead(),
                min_training => engine::MIN_TRAINING_ITEMS,
            },
        )
        .await
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct NewCodebookForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    start: String,
}

/// Where a new codebook's themes come from: `default`, `qdc`, `empty` or `copy:ID`.
async fn starting_spec(
    state: &AppState,
    viewer: &Viewer,
    start: &str,
) -> WebResult<Option<(CodebookSpec, &'static str)>> {
    Ok(match start {
        "default" => Some((builtin::maternity_neonatal(), "default")),
        "qdc" => Some((builtin::qdc(), "qdc")),
        "empty" => Some((CodebookSpec::default(), "empty")),
        other => match other
            .strip_prefix("copy:")
            .and_then(|id| id.parse::<i64>().ok())
        {
            Some(id) => {
                let c = readable(state, viewer, id).await?;
                Some((state.store.codebook_spec(c.id).await?, "copy"))
            }
            None => None,
        },
    })
}

fn default_name(start: &str) -> String {
    match start {
        "qdc" => builtin::QDC_NAME.to_string(),
        "empty" => String::new(),
        _ => builtin::maternity_neonatal().name,
    }
}

async fn new_page(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    form: &NewCodebookForm,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let mut starts = vec![
        (
            "default".to_string(),
            "MNVP Hub's maternity and neonatal codebook".to_string(),
            "21 themes with sub-themes, descriptions and indicative phrases, following the CQC Maternity Survey's areas",
        ),
        (
            "qdc".into(),
            "The NHS England FFT QDC framework (version 6)".into(),
            "44 themes under 12 categories, as used to code Friends and Family Test comments",
        ),
        ("empty".into(), "No themes: I will add my own".into(), ""),
    ];
    if viewer.is_lead() {
        for c in state.store.list_codebooks(&[], true).await? {
            starts.push((
                format!("copy:{}", c.id),
                format!("A copy of the shared codebook \"{}\"", c.name),
                "",
            ));
        }
    }
    let starts: Vec<_> = starts
        .into_iter()
        .map(|(value, label, hint)| {
            let checked = value == form.start;
            context! { value => value, label => label, hint => hint, checked => checked }
        })
        .collect();
    state
        .render(
            ctx,
            "themes/codebook_new.html",
            context! { form => form, errors => errors, starts => starts, default_name => default_name("default") },
        )
        .await
}

#[derive(Deserialize, Default)]
pub struct FromQuery {
    #[serde(default)]
    from: String,
}

pub async fn new_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FromQuery>,
) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let start = if q.from.is_empty() {
        "default".to_string()
    } else {
        format!("copy:{}", q.from)
    };
    let name = match starting_spec(&state, &viewer, &start).await? {
        Some((spec, "copy")) => spec.name,
        _ => default_name(&start),
    };
    let form = NewCodebookForm { name, start };
    new_page(&state, &ctx, &viewer, &form, FormErrors::new()).await
}

/// The MNVP a new codebook belongs to: the lead's own, or none (shared) for the administrator.
pub(super) fn owner(viewer: &Viewer) -> Option<i64> {
    if viewer.role == Role::Administrator {
        None
    } else {
        viewer.org_id
    }
}

fn check_name(errors: &mut FormErrors, raw: &str) -> String {
    let name = tidy(raw);
    if name.is_empty() {
        errors.add("name", "Enter a name for the codebook");
    } else if name.chars().count() > MAX_NAME {
        errors.add(
            "name",
            format!("The name must be {MAX_NAME} characters or fewer"),
        );
    }
    name
}

pub async fn create_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NewCodebookForm>,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let mut errors = FormErrors::new();
    let name = check_name(&mut errors, &form.name);
    let start = starting_spec(&state, &viewer, &form.start).await?;
    if start.is_none() {
        errors.add("start", "Choose what the codebook starts with");
    }
    if let (Some((mut spec, source)), true) = (start, errors.is_empty()) {
        spec.name = name;
        match state
            .store
            .create_codebook(owner(&viewer), &spec.normalised(), source, &ctx.actor())
            .await
        {
            Ok(id) => return Ok(created(&state, &ctx, id, &spec).await),
            Err(mnvp_store::StoreError::Conflict(m)) => errors.add("name", m),
            Err(e) => return Err(e.into()),
        }
    }
    let html = new_page(&state, &ctx, &viewer, &form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

pub(super) async fn created(state: &AppState, ctx: &Ctx, id: i64, spec: &CodebookSpec) -> Response {
    state.themes.request(id);
    ctx.flash(
        &state.store,
        &format!(
            "The codebook \"{}\" has been created with {} themes and sub-themes",
            spec.name,
            spec.themes.len()
        ),
    )
    .await;
    Redirect::to(&format!("/themes/codebooks/{id}")).into_response()
}

pub async fn show_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = readable(&state, &viewer, id).await?;
    let themes = state.store.codebook_themes(id).await?;
    let active = super::worker::active_model(&state.store, &state.themes, id).await?;
    let figures = active
        .as_ref()
        .map(|a| engine::figures(&a.version))
        .unwrap_or_default();
    let rows: Vec<_> = themes
        .iter()
        .map(|t| {
            context! {
                t => t,
                phrases => t.phrase_list(),
                figures => figures.themes.get(&t.id),
            }
        })
        .collect();
    let editable = viewer.can_edit(&c);
    let coders = if editable && c.mnvp_id.is_some() {
        let chosen = state.store.codebook_coders(id).await?;
        let mnvp = c.mnvp_id.unwrap_or_default();
        state
            .store
            .list_users(Some(&[mnvp]))
            .await?
            .into_iter()
            .filter(|u| u.role() == Role::Volunteer && u.active)
            .map(|u| context! { id => u.id, name => u.name, email => u.email, checked => chosen.contains(&u.id) })
            .collect()
    } else {
        Vec::new()
    };
    state
        .render(
            &ctx,
            "themes/codebook.html",
            context! {
                c => c,
                rows => rows,
                editable => editable,
                copyable => viewer.is_lead() && c.mnvp_id.is_none(),
                coders => coders,
                method => figures.method,
                measuring => figures.measuring,
                model_kind => active.as_ref().map(|a| a.version.kind.clone()),
                auto_percent => (c.auto_threshold * 100.0).round() as i64,
            },
        )
        .await
}

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct EditCodebookForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    auto_percent: String,
}

async fn edit_page(
    state: &AppState,
    ctx: &Ctx,
    c: &Codebook,
    form: &EditCodebookForm,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    state
        .render(
            ctx,
            "themes/codebook_edit.html",
            context! { c => c, form => form, errors => errors },
        )
        .await
}

pub async fn edit_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = editable(&state, &viewer, id).await?;
    let form = EditCodebookForm {
        name: c.name.clone(),
        description: c.description.clone(),
        auto_percent: ((c.auto_threshold * 100.0).round() as i64).to_string(),
    };
    edit_page(&state, &ctx, &c, &form, FormErrors::new()).await
}

pub async fn update_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<EditCodebookForm>,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = editable(&state, &viewer, id).await?;
    let mut errors = FormErrors::new();
    let name = check_name(&mut errors, &form.name);
    let description = errors.check("description", parse_description(&form.description));
    let percent = match form
        .auto_percent
        .trim()
        .trim_end_matches('%')
        .parse::<i64>()
    {
        Ok(p) if (50..=100).contains(&p) => Some(p),
        _ => {
            errors.add("auto_percent", "Enter a whole number from 50 to 100");
            None
        }
    };
    if let (Some(description), Some(percent), true) = (description, percent, errors.is_empty()) {
        let threshold = percent as f64 / 100.0;
        match state
            .store
            .update_codebook(id, &name, &description, threshold, &ctx.actor())
            .await
        {
            Ok(()) => {
                if (threshold - c.auto_threshold).abs() > 1e-9 {
                    // What is applied on its own depends on the threshold: score again.
                    state.store.clear_scores(id, &ctx.actor()).await?;
                    state.themes.request(id);
                }
                ctx.flash(&state.store, "The codebook's details have been saved")
                    .await;
                return Ok(Redirect::to(&format!("/themes/codebooks/{id}")).into_response());
            }
            Err(mnvp_store::StoreError::Conflict(m)) => errors.add("name", m),
            Err(e) => return Err(e.into()),
        }
    }
    let html = edit_page(&state, &ctx, &c, &form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

/// The lead chooses which of the MNVP's volunteers code with this codebook.
pub async fn update_coders(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    RawForm(body): RawForm,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = editable(&state, &viewer, id).await?;
    let mnvp = c.mnvp_id.ok_or(WebError::NotFound)?;
    let volunteers: Vec<i64> = state
        .store
        .list_users(Some(&[mnvp]))
        .await?
        .into_iter()
        .filter(|u| u.role() == Role::Volunteer)
        .map(|u| u.id)
        .collect();
    // Only the MNVP's own volunteers can be chosen, whatever the form says.
    let chosen: Vec<i64> = super::form_values(&body, "coder")
        .iter()
        .filter_map(|v| v.parse().ok())
        .filter(|id| volunteers.contains(id))
        .collect();
    state
        .store
        .set_codebook_coders(id, &chosen, &ctx.actor())
        .await?;
    ctx.flash(
        &state.store,
        &format!(
            "{} volunteer(s) can now code with this codebook",
            chosen.len()
        ),
    )
    .await;
    Ok(Redirect::to(&format!("/themes/codebooks/{id}#coders")).into_response())
}

pub async fn confirm_delete_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = editable(&state, &viewer, id).await?;
    let coded = state.store.codebook_codings(id).await?;
    let mut items: Vec<i64> = coded.iter().map(|c| c.feedback_id).collect();
    items.dedup();
    state
        .render(
            &ctx,
            "themes/codebook_delete.html",
            context! { c => c, coded => items.len() },
        )
        .await
}

pub async fn delete_codebook(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = editable(&state, &viewer, id).await?;
    state.store.delete_codebook(id, &ctx.actor()).await?;
    ctx.flash(
        &state.store,
        &format!("The codebook \"{}\" has been removed", c.name),
    )
    .await;
    Ok(Redirect::to("/themes").into_response())
}
