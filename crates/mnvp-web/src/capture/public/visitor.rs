//! The anonymous visitor's answers in progress: kept server-side against their session, so
//! going back, changing an answer or switching language never loses anything, and nothing
//! they typed sits in a hidden field or an address.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use mnvp_domain::capture::Answers;
use mnvp_store::capture::Draft;

/// How long a visitor's session (and so their answers in progress) lasts: long enough to be
/// interrupted by a baby and come back, short enough not to keep answers about.
pub const SESSION_SECS: i64 = 24 * 3600;

/// The answers so far and the key the submission will be stored under (None before the
/// first answer).
pub struct Progress {
    pub answers: Answers,
    pub form_key: Option<String>,
}

/// The visitor's answers so far for this MNVP's form (empty if they have none).
pub async fn load(state: &AppState, ctx: &Ctx, mnvp_id: i64) -> WebResult<Progress> {
    let Some(token) = &ctx.token else {
        return Ok(Progress {
            answers: Answers::default(),
            form_key: None,
        });
    };
    let draft = state.store.get_draft(token, mnvp_id).await?;
    Ok(match draft {
        Some(d) => Progress {
            // Answers saved by an older version that no longer read are started afresh
            // rather than failing the page.
            answers: serde_json::from_str(&d.answers).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "unreadable answers in progress; starting afresh");
                Answers::default()
            }),
            form_key: Some(d.form_key),
        },
        None => Progress {
            answers: Answers::default(),
            form_key: None,
        },
    })
}

/// Saves the answers so far (a POST always has a session: the CSRF check needs one).
pub async fn save(state: &AppState, ctx: &Ctx, mnvp_id: i64, answers: &Answers) -> WebResult<()> {
    let token = ctx.token.as_deref().ok_or(WebError::CsrfFailed)?;
    let draft = Draft {
        answers: serde_json::to_string(answers)
            .map_err(|e| WebError::Internal(format!("answers: {e}")))?,
        // Kept from the first save: the store never replaces the key of an existing draft.
        form_key: crate::forms::new_form_key(),
    };
    state.store.save_draft(token, mnvp_id, &draft).await?;
    Ok(())
}

/// Forgets the answers in progress.
pub async fn forget(state: &AppState, ctx: &Ctx, mnvp_id: i64) -> WebResult<()> {
    if let Some(token) = &ctx.token {
        state.store.delete_draft(token, mnvp_id).await?;
    }
    Ok(())
}
