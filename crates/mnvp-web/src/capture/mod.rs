//! Capture: the one feedback store as staff see it. This is the staff inbox; the channels that
//! fill the store (public form, surveys, Walk the Patch, imports) are built on top of it.

pub mod details;
pub mod export;
pub mod import;
pub mod inbox;
pub mod public;
pub mod qr;
pub mod share;
pub mod survey;

use crate::routes::{r, Routes, FEEDBACK_READERS, LEAD};
use axum::http::Method;
use axum::routing::{get, post};
use mnvp_store::feedback::NewFeedback;

/// Routes that take file uploads, and the largest file they take (the body limit on these
/// routes only is raised to match).
pub(crate) const UPLOAD_PATHS: &[&str] = &["/capture/imports/upload", "/capture/surveys/import"];
pub(crate) const UPLOAD_LIMIT: usize = 64 * 1024 * 1024;

pub(crate) fn routes() -> Routes {
    use Method as M;
    let mut rows = vec![
        r(M::GET, "/inbox", FEEDBACK_READERS, get(inbox::list_inbox)),
        r(
            M::GET,
            "/inbox/export.csv",
            FEEDBACK_READERS,
            get(export::export_inbox),
        ),
        r(
            M::GET,
            "/inbox/export.xlsx",
            FEEDBACK_READERS,
            get(export::export_inbox_xlsx),
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
    ];
    rows.extend([
        r(M::GET, "/feedback-form", LEAD, get(share::show_share)),
        r(
            M::GET,
            "/feedback-form/poster",
            LEAD,
            get(share::show_poster),
        ),
        r(
            M::GET,
            "/feedback-form/qr.svg",
            LEAD,
            get(share::get_qr_svg),
        ),
        r(
            M::GET,
            "/feedback-form/qr.png",
            LEAD,
            get(share::get_qr_png),
        ),
        r(M::POST, "/feedback-form/open", LEAD, post(share::set_open)),
    ]);
    rows.extend(public::routes());
    rows.extend(import::routes());
    rows.extend(survey::routes());
    rows
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
