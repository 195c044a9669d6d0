//! Sessions for visitors who are not signed in: the sign-in page and the public feedback form
//! need one so that their forms carry a CSRF token (and the form can keep answers in progress).

use super::{random_token, session_cookie, Ctx};
use crate::error::WebResult;
use crate::AppState;

/// Gives the request a fresh anonymous session when it has none, lasting `lifetime_secs`, and
/// returns the cookie to set (None when a session already existed).
pub async fn ensure_session(
    state: &AppState,
    ctx: &mut Ctx,
    lifetime_secs: i64,
) -> WebResult<Option<String>> {
    if ctx.session.is_some() {
        return Ok(None);
    }
    let token = random_token();
    let csrf = random_token();
    state
        .store
        .create_session(&token, None, &csrf, false, lifetime_secs)
        .await?;
    ctx.session = state.store.get_session(&token).await?;
    ctx.token = Some(token.clone());
    Ok(Some(session_cookie(
        &token,
        lifetime_secs,
        state.settings.secure_cookies,
    )))
}
