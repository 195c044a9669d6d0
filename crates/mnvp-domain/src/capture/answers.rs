//! What a person has answered so far. Kept between pages (server-side, against their anonymous
//! session) so that going back, changing an answer or switching language loses nothing, and
//! turned into one feedback item only when they choose to send it.

use super::inputs::CareMonth;
use super::journey::{Journey, Step};
use crate::feedback::CareStage;
use crate::voices::demographics::{Demographics, RawDemographics};
use serde::{Deserialize, Serialize};

/// Where the care was: one of the MNVP's units, or somewhere else (another hospital, at home).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitAnswer {
    Unit(i64),
    Elsewhere,
}

impl UnitAnswer {
    /// The radio value: a unit id, or "elsewhere".
    pub fn code(self) -> String {
        match self {
            UnitAnswer::Unit(id) => id.to_string(),
            UnitAnswer::Elsewhere => "elsewhere".into(),
        }
    }

    /// Reads a radio value against the MNVP's own units, so that a forged id is refused.
    pub fn parse(
        raw: &str,
        units: &[i64],
    ) -> Result<Option<UnitAnswer>, super::inputs::InputError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        if raw == "elsewhere" {
            return Ok(Some(UnitAnswer::Elsewhere));
        }
        match raw.parse::<i64>() {
            Ok(id) if units.contains(&id) => Ok(Some(UnitAnswer::Unit(id))),
            _ => Err(super::inputs::InputError::InvalidChoice),
        }
    }
}

/// The stages of care offered on the standard route (the bereaved route records bereavement
/// care without asking).
pub const FORM_STAGES: &[CareStage] = &[
    CareStage::Antenatal,
    CareStage::LabourAndBirth,
    CareStage::PostnatalHospital,
    CareStage::PostnatalHome,
    CareStage::NeonatalUnit,
];

/// The equality-monitoring answers as codes (empty = skipped). The home postcode is never
/// held, not even between pages: it is cut to its district, and placed in an area and
/// deprivation decile, the moment it arrives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AboutYou {
    pub ethnic_category: String,
    pub age_band: String,
    pub first_language: String,
    pub interpreter_needed: String,
    pub disability: String,
    pub sexual_orientation: String,
    pub gender_same_as_birth: String,
    pub religion: String,
    pub experiences: Vec<String>,
    pub postcode_district: Option<String>,
    pub lsoa21: Option<String>,
    pub imd_decile: Option<i32>,
}

/// Everything answered so far; every field may be empty (every question can be skipped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub journey: Option<Journey>,
    pub unit: Option<UnitAnswer>,
    /// Care stage codes, in the order of the journey through care.
    pub stages: Vec<String>,
    pub care_month: Option<CareMonth>,
    pub rating: Option<u8>,
    pub went_well: String,
    pub better: String,
    pub anything_else: String,
    pub your_care: String,
    pub would_have_helped: String,
    /// Whether the person agreed to answer (and for us to keep) the monitoring questions.
    pub consent: Option<bool>,
    pub about_you: AboutYou,
}

/// The free-text questions, with the English heading staff read each answer under. Staff work
/// in English whatever language the form was filled in; the item records that language.
const TEXTS: &[(Step, &str)] = &[
    (Step::WentWell, "What went well"),
    (Step::Better, "What could have been better"),
    (Step::AnythingElse, "Anything else"),
    (Step::YourCare, "About their care"),
    (Step::WouldHaveHelped, "What would have helped"),
];

impl Answers {
    /// The answer to a free-text question.
    pub fn text(&self, step: Step) -> &str {
        match step {
            Step::WentWell => &self.went_well,
            Step::Better => &self.better,
            Step::AnythingElse => &self.anything_else,
            Step::YourCare => &self.your_care,
            Step::WouldHaveHelped => &self.would_have_helped,
            _ => "",
        }
    }

    pub fn text_mut(&mut self, step: Step) -> Option<&mut String> {
        match step {
            Step::WentWell => Some(&mut self.went_well),
            Step::Better => Some(&mut self.better),
            Step::AnythingElse => Some(&mut self.anything_else),
            Step::YourCare => Some(&mut self.your_care),
            Step::WouldHaveHelped => Some(&mut self.would_have_helped),
            _ => None,
        }
    }

    /// Whether a step is a free-text question.
    pub fn is_text_step(step: Step) -> bool {
        TEXTS.iter().any(|(s, _)| *s == step)
    }

    /// The text of the item as staff will read it: each answered question of the person's
    /// route under its heading. None when nothing was written.
    pub fn body(&self) -> Option<String> {
        let steps = self.steps();
        let parts: Vec<String> = TEXTS
            .iter()
            .filter(|(step, _)| steps.contains(step))
            .filter(|(step, _)| !self.text(*step).trim().is_empty())
            .map(|(step, heading)| format!("{heading}: {}", self.text(*step).trim()))
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    /// Every stage of care the feedback covers: those chosen on the standard route, or
    /// bereavement care on the bereaved route.
    pub fn care_stages(&self) -> Vec<CareStage> {
        match self.journey() {
            Journey::Bereaved => vec![CareStage::Bereavement],
            Journey::Standard => FORM_STAGES
                .iter()
                .copied()
                .filter(|s| self.stages.iter().any(|c| c == s.as_str()))
                .collect(),
        }
    }

    /// The one stage the store files the item under: the only one chosen, or, when several
    /// were, the latest in the journey through care (where the experience ended up, and the
    /// neonatal unit whenever it was involved, so the neonatal voice is not filed away under
    /// maternity). All of them are kept beside the item as well.
    pub fn main_care_stage(&self) -> Option<CareStage> {
        self.care_stages().last().copied()
    }

    /// The unit id, when the care was at one of the MNVP's units.
    pub fn unit_id(&self) -> Option<i64> {
        match self.unit {
            Some(UnitAnswer::Unit(id)) => Some(id),
            _ => None,
        }
    }

    /// The rating, only on the route that asks for one.
    pub fn rating_given(&self) -> Option<u8> {
        self.steps()
            .contains(&Step::Rating)
            .then_some(self.rating)
            .flatten()
    }

    /// The monitoring answers to store: only with consent, only if any was given. Codes were
    /// checked as each page arrived; one that no longer parses is dropped rather than
    /// failing the whole submission.
    pub fn demographics(&self) -> Option<Demographics> {
        if self.consent != Some(true) {
            return None;
        }
        let a = &self.about_you;
        let experiences: Vec<&str> = a.experiences.iter().map(String::as_str).collect();
        let mut d = Demographics::parse(&RawDemographics {
            ethnic_category: &a.ethnic_category,
            age_band: &a.age_band,
            first_language: &a.first_language,
            interpreter_needed: &a.interpreter_needed,
            disability: &a.disability,
            sexual_orientation: &a.sexual_orientation,
            gender_same_as_birth: &a.gender_same_as_birth,
            religion: &a.religion,
            experiences: &experiences,
            postcode: "",
            consented: true,
        })
        .ok()?;
        d.postcode_district = a.postcode_district.clone();
        d.lsoa21 = a.lsoa21.clone();
        d.imd_decile = a.imd_decile;
        (!d.is_empty()).then_some(d)
    }

    /// Withdraws consent: the monitoring answers are forgotten at once, not merely not sent.
    pub fn set_consent(&mut self, consent: Option<bool>) {
        self.consent = consent;
        if consent != Some(true) {
            self.about_you = AboutYou::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bereaved() -> Answers {
        Answers {
            journey: Some(Journey::Bereaved),
            your_care: "The bereavement midwife was kind".into(),
            went_well: "typed before switching route".into(),
            rating: Some(2),
            ..Default::default()
        }
    }

    #[test]
    fn the_body_holds_only_the_chosen_routes_answers_under_headings() {
        let a = Answers {
            went_well: " The midwives ".into(),
            anything_else: "Parking".into(),
            your_care: "not on this route".into(),
            ..Default::default()
        };
        assert_eq!(
            a.body().unwrap(),
            "What went well: The midwives\n\nAnything else: Parking"
        );
        assert_eq!(Answers::default().body(), None);
        let b = bereaved();
        assert_eq!(
            b.body().unwrap(),
            "About their care: The bereavement midwife was kind"
        );
        assert_eq!(b.rating_given(), None, "the bereaved route asks no rating");
        assert_eq!(b.care_stages(), [CareStage::Bereavement]);
    }

    #[test]
    fn several_stages_file_under_the_latest() {
        let a = Answers {
            stages: vec!["neonatal".into(), "antenatal".into(), "bogus".into()],
            ..Default::default()
        };
        assert_eq!(
            a.care_stages(),
            [CareStage::Antenatal, CareStage::NeonatalUnit]
        );
        assert_eq!(a.main_care_stage(), Some(CareStage::NeonatalUnit));
        assert_eq!(Answers::default().main_care_stage(), None);
    }

    #[test]
    fn monitoring_answers_need_consent_and_are_forgotten_without_it() {
        let mut a = Answers::default();
        a.about_you.age_band = "25_29".into();
        a.about_you.postcode_district = Some("NR1".into());
        assert_eq!(a.demographics(), None, "no consent, nothing to store");
        a.set_consent(Some(true));
        a.about_you.age_band = "25_29".into();
        a.about_you.postcode_district = Some("NR1".into());
        let d = a.demographics().unwrap();
        assert!(d.consented);
        assert_eq!(d.postcode_district.as_deref(), Some("NR1"));
        a.set_consent(Some(false));
        assert_eq!(a.about_you, AboutYou::default());
        a.set_consent(Some(true));
        assert_eq!(a.demographics(), None, "consent but nothing answered");
    }

    #[test]
    fn units_must_be_the_mnvps_own() {
        assert_eq!(
            UnitAnswer::parse("7", &[7, 8]),
            Ok(Some(UnitAnswer::Unit(7)))
        );
        assert_eq!(
            UnitAnswer::parse("elsewhere", &[7]),
            Ok(Some(UnitAnswer::Elsewhere))
        );
        assert_eq!(UnitAnswer::parse("", &[7]), Ok(None));
        assert!(UnitAnswer::parse("9", &[7]).is_err());
        assert!(UnitAnswer::parse("x", &[7]).is_err());
    }
}
