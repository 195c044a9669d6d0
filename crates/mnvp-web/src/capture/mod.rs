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
/// here before they reach the store.
pub fn screened(mut item: NewFeedback) -> NewFeedback {
    match item.body.as_deref() {
        Some(body) => {
            item.body_redacted = Some(mnvp_text::safety::redact(body).text);
            let found = mnvp_text::safety::detect(body);
            item.safety_flagged = found.flagged;
            item.safety_categories = found
                .categories
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(";");
        }
        None => {
            item.body_redacted = None;
            item.safety_flagged = false;
            item.safety_categories = String::new();
        }
    }
    item
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

/// A feedback item's text as this role may see it, preferring the redaction made at the door.
pub fn shown_stored(
    role: mnvp_domain::role::Role,
    body: Option<&str>,
    redacted: Option<&str>,
) -> Option<String> {
    let body = body?;
    Some(match (role.sees_original_text(), redacted) {
        (true, _) => body.to_string(),
        (false, Some(r)) => r.to_string(),
        (false, None) => shown(role, body),
    })
}

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
