//! Screening at the door, enforced where every channel meets: the store. Channels normally
//! screen an item before storing it (and may adjust the result, as intelligence does with
//! usernames), but an item that reaches the store unscreened — an import, a survey answer, a
//! channel added later — is screened here, so no text is ever stored without the redaction
//! that every non-lead view uses or without being checked for disclosures that open a case.

use crate::feedback::NewFeedback;

/// What screening found in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    /// The text with personal details replaced by typed placeholders.
    pub redacted: String,
    /// Whether it may disclose a risk that needs the lead's review.
    pub flagged: bool,
    /// Which kinds, `;`-separated codes such as `self_harm`.
    pub categories: String,
}

/// Redacts and checks one text with the text engine.
pub fn screen(text: &str) -> Screening {
    let found = mnvp_text::safety::detect(text);
    Screening {
        redacted: mnvp_text::safety::redact(text).text,
        flagged: found.flagged,
        categories: found
            .categories
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(";"),
    }
}

impl NewFeedback {
    /// The item with its redaction and disclosure flags filled in from its text (cleared when
    /// it has none).
    pub fn screened(mut self) -> Self {
        match self.body.as_deref().map(screen) {
            Some(s) => {
                self.body_redacted = Some(s.redacted);
                self.safety_flagged = s.flagged;
                self.safety_categories = s.categories;
            }
            None => {
                self.body_redacted = None;
                self.safety_flagged = false;
                self.safety_categories = String::new();
            }
        }
        self
    }

    /// Whether the item carries its screening: text without a redaction has not been screened.
    pub(crate) fn is_screened(&self) -> bool {
        self.body.is_none() || self.body_redacted.is_some()
    }

    /// The item as the store keeps it: as given when it carries its screening, screened here
    /// when it does not. Every write of an item's text (insertion, a change) goes through this.
    pub(crate) fn ready(&self) -> std::borrow::Cow<'_, NewFeedback> {
        if self.is_screened() {
            std::borrow::Cow::Borrowed(self)
        } else {
            std::borrow::Cow::Owned(self.clone().screened())
        }
    }
}
