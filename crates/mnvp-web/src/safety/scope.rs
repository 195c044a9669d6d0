//! Whose cases a person may touch: a lead works their own MNVP's cases only. A case of another
//! MNVP is "not found", so as not to confirm it exists.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use mnvp_store::safety::Case;

/// The MNVP of the signed-in lead or volunteer.
pub(crate) fn own_mnvp(ctx: &Ctx) -> WebResult<i64> {
    ctx.user()?.org_id.ok_or(WebError::Forbidden)
}

/// The case, if it belongs to the person's MNVP.
pub(crate) async fn case_in_scope(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<Case> {
    let mnvp = own_mnvp(ctx)?;
    let case = state.store.get_case(id).await?;
    if case.row.mnvp_id == mnvp {
        Ok(case)
    } else {
        Err(WebError::NotFound)
    }
}
