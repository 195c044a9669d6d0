//! Capture: the one feedback store as staff see it. This is the staff inbox; the channels that
//! fill the store (public form, surveys, Walk the Patch, imports) are built on top of it.

pub mod inbox;

use mnvp_store::feedback::NewFeedback;

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
