//! One short conversation with a service user, as a volunteer records it on the unit (Walk
//! the Patch) or at a community venue (outreach): where in their care it was, how it was
//! overall, what was good and what could be better. The two answers are kept as one feedback
//! text with plain headings, so themes and safeguarding read them like any other feedback.

use super::{optional_text, TEXT_MAX};
use crate::feedback::CareStage;
use crate::voices::demographics::Demographics;
use crate::ParseError;

/// The answers as a form or the offline queue sends them (empty = not answered).
#[derive(Debug, Clone, Default)]
pub struct RawConversation<'a> {
    pub care_stage: &'a str,
    pub rating: &'a str,
    pub good: &'a str,
    pub better: &'a str,
}

/// A parsed conversation: a care stage and at least one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub care_stage: CareStage,
    pub rating: Option<i32>,
    pub good: Option<String>,
    pub better: Option<String>,
}

/// Headings that introduce each answer in the stored text.
pub const GOOD_HEADING: &str = "What was good:";
pub const BETTER_HEADING: &str = "What could be better:";

/// Field names in page order, for error summaries.
pub const FIELDS: &[&str] = &["care_stage", "rating", "good", "better"];

/// The message when nothing at all was recorded.
pub const NOTHING_RECORDED: &str =
    "Enter what they said was good or could be better, or select how their care was overall";

/// The message when equality-monitoring answers were given without the person's agreement.
pub const NO_CONSENT: &str =
    "Tick the box to confirm they agreed to answer these questions, or clear their answers";

/// Ratings 1–5 with the words the volunteer reads out (Friends and Family Test style).
pub const RATINGS: &[(i32, &str)] = &[
    (5, "Very good"),
    (4, "Good"),
    (3, "Neither good nor poor"),
    (2, "Poor"),
    (1, "Very poor"),
];

impl Conversation {
    /// Parses every answer, reporting each bad field at once (field name, message).
    pub fn parse(
        raw: &RawConversation<'_>,
    ) -> Result<Conversation, Vec<(&'static str, ParseError)>> {
        let mut errors = Vec::new();
        let care_stage = CareStage::parse(raw.care_stage)
            .map_err(|_| {
                errors.push((
                    "care_stage",
                    ParseError::new("Select the stage of care they talked about"),
                ))
            })
            .ok();
        let rating = match raw.rating.trim() {
            "" => None,
            r => match r.parse::<i32>() {
                Ok(n) if (1..=5).contains(&n) => Some(n),
                _ => {
                    errors.push((
                        "rating",
                        ParseError::new(
                            "Select how their care was overall, from very good to very poor",
                        ),
                    ));
                    None
                }
            },
        };
        let mut text = |field: &'static str, what: &str, value: &str| match optional_text(
            what, value, TEXT_MAX,
        ) {
            Ok(v) => v,
            Err(e) => {
                errors.push((field, e));
                None
            }
        };
        let good = text("good", "what was good", raw.good);
        let better = text("better", "what could be better", raw.better);
        let answered = rating.is_some()
            || good.is_some()
            || better.is_some()
            || !raw.good.trim().is_empty()
            || !raw.better.trim().is_empty()
            || !raw.rating.trim().is_empty();
        if !answered {
            errors.push(("good", ParseError::new(NOTHING_RECORDED)));
        }
        match (care_stage, errors.is_empty()) {
            (Some(care_stage), true) => Ok(Conversation {
                care_stage,
                rating,
                good,
                better,
            }),
            _ => Err(errors),
        }
    }

    /// The text stored in the feedback store: each answer under its heading.
    pub fn body(&self) -> Option<String> {
        let parts: Vec<String> = [(GOOD_HEADING, &self.good), (BETTER_HEADING, &self.better)]
            .iter()
            .filter_map(|(h, t)| t.as_ref().map(|t| format!("{h} {t}")))
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }
}

/// The two answers back from a stored text, for the form that changes it: the inverse of
/// [`Conversation::body`]. Text not in that shape (recorded some other way) is all "what was
/// good", so nothing is lost when it is shown in the form.
pub fn split_body(body: &str) -> (String, String) {
    let good_prefix = format!("{GOOD_HEADING} ");
    let better_prefix = format!("{BETTER_HEADING} ");
    if let Some(better) = body.strip_prefix(&better_prefix) {
        return (String::new(), better.to_string());
    }
    let (good, better) = match body.find(&format!("\n\n{better_prefix}")) {
        Some(i) => (&body[..i], &body[i + 2 + better_prefix.len()..]),
        None => (body, ""),
    };
    (
        good.strip_prefix(&good_prefix).unwrap_or(good).to_string(),
        better.to_string(),
    )
}

/// Equality-monitoring answers are asked only with the person's agreement: answers without it
/// are refused (not silently dropped), so the volunteer can ask or clear them.
pub fn check_consent(d: &Demographics) -> Result<(), ParseError> {
    if !d.consented && !d.is_empty() {
        return Err(ParseError::new(NO_CONSENT));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voices::demographics::RawDemographics;

    #[test]
    fn a_conversation_needs_a_stage_and_something_said() {
        let ok = Conversation::parse(&RawConversation {
            care_stage: "labour_birth",
            rating: "4",
            good: "  Kind midwives ",
            better: "",
        })
        .unwrap();
        assert_eq!(ok.care_stage, CareStage::LabourAndBirth);
        assert_eq!(ok.rating, Some(4));
        assert_eq!(ok.body().unwrap(), "What was good: Kind midwives");

        let both = Conversation::parse(&RawConversation {
            care_stage: "postnatal_hospital",
            good: "Food",
            better: "Noise at night",
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            both.body().unwrap(),
            "What was good: Food\n\nWhat could be better: Noise at night"
        );
        let rating_only = Conversation::parse(&RawConversation {
            care_stage: "antenatal",
            rating: "1",
            ..Default::default()
        })
        .unwrap();
        assert_eq!(rating_only.body(), None);

        let errs = Conversation::parse(&RawConversation::default()).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["care_stage", "good"]);
        assert_eq!(errs[1].1 .0, NOTHING_RECORDED);

        let errs = Conversation::parse(&RawConversation {
            care_stage: "antenatal",
            rating: "6",
            better: &"x".repeat(TEXT_MAX + 1),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["rating", "better"], "{errs:?}");
    }

    #[test]
    fn a_stored_text_splits_back_into_its_two_answers() {
        for (good, better) in [
            ("Kind midwives", ""),
            ("", "Noise at night"),
            ("Food\nand drink", "Noise\n\nat night"),
        ] {
            let body = Conversation {
                care_stage: CareStage::Antenatal,
                rating: None,
                good: (!good.is_empty()).then(|| good.to_string()),
                better: (!better.is_empty()).then(|| better.to_string()),
            }
            .body()
            .unwrap();
            assert_eq!(split_body(&body), (good.to_string(), better.to_string()));
        }
        assert_eq!(
            split_body("Imported comment"),
            ("Imported comment".to_string(), String::new())
        );
    }

    #[test]
    fn answers_without_agreement_are_refused() {
        let answered = Demographics::parse(&RawDemographics {
            age_band: "25_29",
            ..Default::default()
        })
        .unwrap();
        assert_eq!(check_consent(&answered).unwrap_err().0, NO_CONSENT);
        assert!(check_consent(&Demographics::default()).is_ok());
        let agreed = Demographics {
            consented: true,
            ..answered
        };
        assert!(check_consent(&agreed).is_ok());
    }
}
