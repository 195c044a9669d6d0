//! Adding, changing and deleting one theme. Deleting a theme that coded items carry asks for
//! another theme to merge it into, so coded work is never lost.

use super::access::{editable, Viewer};
use crate::admin::Opt;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::forms::{optional_id, FormErrors};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;
use mnvp_domain::themes::codebook::{parse_description, parse_phrases, parse_theme_name};
use mnvp_store::themes::{Codebook, NewTheme, Theme};
use mnvp_store::StoreError;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct ThemeForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    phrases: String,
}

impl ThemeForm {
    fn from_theme(t: &Theme) -> ThemeForm {
        ThemeForm {
            name: t.name.clone(),
            parent_id: t.parent_id.map(|p| p.to_string()).unwrap_or_default(),
            description: t.description.clone(),
            phrases: t.phrases.clone(),
        }
    }

    fn parse(&self) -> Result<NewTheme, FormErrors> {
        let mut errors = FormErrors::new();
        let name = errors.check("name", parse_theme_name(&self.name));
        let parent_id = errors
            .check("parent_id", optional_id(&self.parent_id))
            .flatten();
        let description = errors.check("description", parse_description(&self.description));
        let phrases = errors.check("phrases", parse_phrases(&self.phrases));
        match (name, description, phrases, errors.is_empty()) {
            (Some(name), Some(description), Some(phrases), true) => Ok(NewTheme {
                name,
                parent_id,
                description,
                phrases,
            }),
            _ => Err(errors),
        }
    }
}

/// Top-level themes a theme may belong to (not itself).
async fn parent_options(
    state: &AppState,
    codebook: i64,
    except: Option<i64>,
) -> WebResult<Vec<Opt>> {
    Ok(state
        .store
        .codebook_themes(codebook)
        .await?
        .into_iter()
        .filter(|t| t.parent_id.is_none() && Some(t.id) != except)
        .map(|t| Opt {
            value: t.id.to_string(),
            text: t.name,
        })
        .collect())
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    c: &Codebook,
    form: &ThemeForm,
    errors: FormErrors,
    editing: Option<i64>,
) -> WebResult<Html<String>> {
    state
        .render(
            ctx,
            "themes/theme_form.html",
            context! {
                c => c,
                form => form,
                errors => errors,
                editing => editing,
                parents => parent_options(state, c.id, editing).await?,
            },
        )
        .await
}

fn store_errors(e: StoreError) -> WebResult<FormErrors> {
    let mut errors = FormErrors::new();
    match e {
        StoreError::Conflict(m) => errors.add("name", m),
        StoreError::Invalid(m) => errors.add("parent_id", m),
        other => return Err(other.into()),
    }
    Ok(errors)
}

pub async fn new_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = editable(&state, &viewer, id).await?;
    form_page(
        &state,
        &ctx,
        &c,
        &ThemeForm::default(),
        FormErrors::new(),
        None,
    )
    .await
}

pub async fn create_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ThemeForm>,
) -> WebResult<Response> {
    let viewer = Viewer::of(&state, &ctx).await?;
    let c = editable(&state, &viewer, id).await?;
    let errors = match form.parse() {
        Ok(new) => match state.store.add_theme(id, &new, &ctx.actor()).await {
            Ok(_) => {
                state.themes.request(id);
                ctx.flash(&state.store, &format!("\"{}\" has been added", new.name))
                    .await;
                return Ok(Redirect::to(&format!("/themes/codebooks/{id}")).into_response());
            }
            Err(e) => store_errors(e)?,
        },
        Err(errors) => errors,
    };
    let html = form_page(&state, &ctx, &c, &form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

/// The theme and its codebook, if the person may change them.
async fn theme_to_change(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<(Theme, Codebook)> {
    let viewer = Viewer::of(state, ctx).await?;
    let theme = state.store.get_theme(id).await?;
    let c = editable(state, &viewer, theme.codebook_id).await?;
    Ok((theme, c))
}

pub async fn edit_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let (theme, c) = theme_to_change(&state, &ctx, id).await?;
    form_page(
        &state,
        &ctx,
        &c,
        &ThemeForm::from_theme(&theme),
        FormErrors::new(),
        Some(id),
    )
    .await
}

pub async fn update_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<ThemeForm>,
) -> WebResult<Response> {
    let (_, c) = theme_to_change(&state, &ctx, id).await?;
    let errors = match form.parse() {
        Ok(new) => match state.store.update_theme(id, &new, &ctx.actor()).await {
            Ok(()) => {
                state.themes.request(c.id);
                ctx.flash(&state.store, &format!("\"{}\" has been saved", new.name))
                    .await;
                return Ok(Redirect::to(&format!("/themes/codebooks/{}", c.id)).into_response());
            }
            Err(e) => store_errors(e)?,
        },
        Err(errors) => errors,
    };
    let html = form_page(&state, &ctx, &c, &form, errors, Some(id)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

async fn delete_page(
    state: &AppState,
    ctx: &Ctx,
    theme: &Theme,
    c: &Codebook,
    error: Option<String>,
) -> WebResult<Html<String>> {
    let themes = state.store.codebook_themes(c.id).await?;
    let children: Vec<&Theme> = themes
        .iter()
        .filter(|t| t.parent_id == Some(theme.id))
        .collect();
    let targets: Vec<Opt> = themes
        .iter()
        .filter(|t| t.id != theme.id)
        .map(|t| Opt {
            value: t.id.to_string(),
            text: match t.parent_id.and_then(|p| themes.iter().find(|x| x.id == p)) {
                Some(parent) => format!("{} (under {})", t.name, parent.name),
                None => t.name.clone(),
            },
        })
        .collect();
    let errors = match &error {
        Some(m) => {
            let mut e = FormErrors::new();
            e.add("merge_into", m.clone());
            e
        }
        None => FormErrors::new(),
    };
    state
        .render(
            ctx,
            "themes/theme_delete.html",
            context! { theme => theme, c => c, children => children, targets => targets, errors => errors },
        )
        .await
}

pub async fn confirm_delete_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let (theme, c) = theme_to_change(&state, &ctx, id).await?;
    delete_page(&state, &ctx, &theme, &c, None).await
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    merge_into: String,
}

pub async fn delete_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DeleteForm>,
) -> WebResult<Response> {
    let (theme, c) = theme_to_change(&state, &ctx, id).await?;
    let merge_into = optional_id(&form.merge_into).ok().flatten();
    match state.store.delete_theme(id, merge_into, &ctx.actor()).await {
        Ok(()) => {
            state.themes.request(c.id);
            let how = if theme.uses > 0 {
                " and its coding merged"
            } else {
                ""
            };
            ctx.flash(
                &state.store,
                &format!("\"{}\" has been deleted{how}", theme.name),
            )
            .await;
            Ok(Redirect::to(&format!("/themes/codebooks/{}", c.id)).into_response())
        }
        Err(StoreError::Conflict(m) | StoreError::Invalid(m)) => {
            let html = delete_page(&state, &ctx, &theme, &c, Some(m)).await?;
            Ok((StatusCode::CONFLICT, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
