//! One conversation as a form or the offline queue sends it (Walk the Patch, outreach), turned
//! into a screened feedback item. The same field names serve the no-JavaScript form and the
//! JSON sync API, so both are checked by one parser.

use super::form::{add_all, Pairs};
use crate::forms::FormErrors;
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::conversation::{check_consent, Conversation, RawConversation};
use mnvp_domain::voices::demographics::{Demographics, RawDemographics};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::{Store, StoreError};
use serde::{Deserialize, Deserializer};

/// Field names in page order, for the error summary.
pub const ORDER: &[&str] = &[
    "unit",
    "care_stage",
    "rating",
    "good",
    "better",
    "consent",
    "ethnic_category",
    "age_band",
    "first_language",
    "disability",
    "experiences",
    "postcode",
];

/// Checkbox groups of the conversation form.
pub const LISTS: &[&str] = &["experiences"];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ConversationInput {
    #[serde(default, deserialize_with = "lenient")]
    pub client_id: String,
    #[serde(default, deserialize_with = "lenient")]
    pub care_stage: String,
    #[serde(default, deserialize_with = "lenient")]
    pub rating: String,
    #[serde(default, deserialize_with = "lenient")]
    pub good: String,
    #[serde(default, deserialize_with = "lenient")]
    pub better: String,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub consent: bool,
    #[serde(default, deserialize_with = "lenient")]
    pub ethnic_category: String,
    #[serde(default, deserialize_with = "lenient")]
    pub age_band: String,
    #[serde(default, deserialize_with = "lenient")]
    pub first_language: String,
    #[serde(default, deserialize_with = "lenient")]
    pub disability: String,
    #[serde(default)]
    pub experiences: Vec<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub postcode: String,
}

/// Strings, numbers and booleans as text (`4` and `"4"` alike); null as empty.
fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected text, found {other}"
            )))
        }
    })
}

fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Bool(b) => b,
        serde_json::Value::String(s) => matches!(s.as_str(), "yes" | "true" | "on"),
        _ => false,
    })
}

impl ConversationInput {
    pub fn from_pairs(p: &Pairs) -> ConversationInput {
        ConversationInput {
            client_id: p.get("form_key"),
            care_stage: p.get("care_stage"),
            rating: p.get("rating"),
            good: p.get("good"),
            better: p.get("better"),
            consent: p.get("consent") == "yes",
            ethnic_category: p.get("ethnic_category"),
            age_band: p.get("age_band"),
            first_language: p.get("first_language"),
            disability: p.get("disability"),
            experiences: p.all("experiences"),
            postcode: p.get("postcode"),
        }
    }

    /// Parses the answers and the equality-monitoring questions, every problem at once.
    pub fn parse(&self) -> Result<(Conversation, Demographics), FormErrors> {
        let mut errors = FormErrors::new();
        let conversation = Conversation::parse(&RawConversation {
            care_stage: &self.care_stage,
            rating: &self.rating,
            good: &self.good,
            better: &self.better,
        })
        .map_err(|e| add_all(&mut errors, e))
        .ok();
        let experiences: Vec<&str> = self.experiences.iter().map(String::as_str).collect();
        let demographics = Demographics::parse(&RawDemographics {
            ethnic_category: &self.ethnic_category,
            age_band: &self.age_band,
            first_language: &self.first_language,
            disability: &self.disability,
            experiences: &experiences,
            postcode: &self.postcode,
            consented: self.consent,
            ..Default::default()
        })
        .map_err(|e| add_all(&mut errors, e))
        .ok();
        if let Some(d) = &demographics {
            if let Err(e) = check_consent(d) {
                errors.add("consent", e.0);
            }
        }
        match (conversation, demographics, errors.is_empty()) {
            (Some(c), Some(d), true) => Ok((c, d)),
            _ => Err(errors),
        }
    }
}

/// Where a parsed conversation goes in the feedback store.
pub struct Destination<'a> {
    pub mnvp_id: i64,
    pub unit_id: Option<i64>,
    pub channel: Channel,
    pub received_on: &'a str,
    pub client_id: Option<String>,
}

/// The screened feedback item for a conversation: the postcode is placed (district, area and
/// decile kept, the postcode itself dropped) and the text redacted and checked for disclosures.
pub(crate) async fn to_feedback(
    store: &Store,
    (conversation, mut demographics): (Conversation, Demographics),
    postcode: &str,
    to: Destination<'_>,
) -> Result<NewFeedback, StoreError> {
    if demographics.consented {
        crate::capture::locate(store, &mut demographics, postcode).await?;
    }
    Ok(crate::capture::screened(NewFeedback {
        mnvp_id: to.mnvp_id,
        unit_id: to.unit_id,
        channel: to.channel,
        care_stage: Some(conversation.care_stage),
        received_on: to.received_on.to_string(),
        rating: conversation.rating,
        body: conversation.body(),
        client_id: to.client_id,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: Some(demographics).filter(|d| d.consented && !d.is_empty()),
    }))
}

/// Screens a parsed conversation and stores it in its session, once per device id (or form
/// key): the one way a Walk the Patch or outreach conversation reaches the feedback store.
pub async fn store_conversation(
    state: &crate::AppState,
    ctx: &crate::auth::Ctx,
    session_id: i64,
    parsed: (Conversation, Demographics),
    postcode: &str,
    to: Destination<'_>,
) -> crate::error::WebResult<mnvp_store::field::Stored> {
    let item = to_feedback(&state.store, parsed, postcode, to).await?;
    Ok(state
        .store
        .insert_session_feedback(session_id, &item, &ctx.actor(), None)
        .await?)
}
