//! Capture: the one feedback store as staff see it. This is the staff inbox; the channels that
//! fill the store (public form, surveys, Walk the Patch, imports) are built on top of it.

pub mod inbox;

use crate::routes::{r, Routes, FEEDBACK_READERS};
use axum::http::Method;
use axum::routing::{get, post};
use mnvp_store::feedback::NewFeedback;

pub(crate) fn routes() -> Routes {
    use Method as M;
    vec![
        r(M::GET, "/inbox", FEEDBACK_READERS, get(inbox::list_inbox)),
        r(
            M::GET,
            "/inbox/export.csv",
            FEEDBACK_READERS,
            get(inbox::export_inbox),
        ),
        r(
            M::GET,
            "/inbox/{id}",
            FEEDBACK_READERS,
            get(inbox::show_feedback),
        ),
        r(
            M::POST,
            "/inbox/{id}/flag",
            FEEDBACK_READERS,
            post(inbox::flag_feedback),
        ),
    ]
}

/// Checks an item as it arrives: stores the redacted text that every non-lead view uses and
/// flags possible disclosures for the lead's review. Every channel passes its items through
/// here before they reach the store (and the store screens any item that arrives without it).
pub fn screened(item: NewFeedback) -> NewFeedback {
    item.screened()
}

/// Free text as this role may see it: as written for the MNVP lead, with personal details
/// replaced for everyone else.
pub fn shown(role: mnvp_domain::role::Role, text: &str) -> String {
    if role.sees_original_text() {
        text.to_string()
    } else {
        mnvp_text::safety::redact(text).text
    }
}

/// A feedback item's text as this role may see it. The original is sealed at rest and opened
/// only for the MNVP lead (callers audit that view); everyone else gets the redaction made at
/// the door, and an item not yet screened shows a note rather than its words. Text that cannot
/// be opened (altered in the database) shows a note too, and the failure is logged.
pub fn shown_stored(
    store: &mnvp_store::Store,
    role: mnvp_domain::role::Role,
    body: Option<&mnvp_store::SealedText>,
    redacted: Option<&str>,
) -> Option<String> {
    let sealed = body?;
    Some(match (role.sees_original_text(), redacted) {
        (true, _) => store.reveal(sealed).unwrap_or_else(|e| {
            tracing::error!(error = %e, "stored feedback text could not be opened");
            UNREADABLE.to_string()
        }),
        (false, Some(r)) => r.to_string(),
        (false, None) => NOT_SCREENED.to_string(),
    })
}

/// Shown instead of text whose sealed form could not be opened.
pub const UNREADABLE: &str = "(This comment could not be decrypted. Tell your administrator.)";

/// Shown to roles other than the lead instead of an item that has not been screened yet.
pub const NOT_SCREENED: &str =
    "(This comment is being checked for personal details and will appear shortly.)";

/// Fills in where a person lives from the postcode they typed, keeping only the district, the
/// 2021 area and its deprivation decile: the postcode itself is never stored.
pub async fn locate(
    store: &mnvp_store::Store,
    demographics: &mut mnvp_domain::voices::demographics::Demographics,
    raw_postcode: &str,
) -> Result<(), mnvp_store::StoreError> {
    if let Some(full) = mnvp_domain::voices::demographics::normalise_postcode(raw_postcode) {
        let place = store.place_postcode(&full).await?;
        demographics.lsoa21 = place.lsoa21;
        demographics.imd_decile = place.imd_decile;
    }
    Ok(())
}
