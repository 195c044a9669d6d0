//! An item's extra details in words for staff: what the public form recorded beside it
//! (month, stages of care, route, language) and, for the MNVP lead only, the equality
//! monitoring answers the person agreed to give.

use mnvp_domain::feedback::CareStage;
use mnvp_domain::voices::demographics::{
    AgeBand, EthnicCategory, Experience, FirstLanguage, Religion, SexualOrientation, YesNo,
};
use mnvp_store::capture::FormDetails;
use mnvp_store::feedback::StoredDemographics;
use serde::Serialize;

/// One line of a summary list.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Line {
    pub key: &'static str,
    pub value: String,
}

fn label<T>(
    code: Option<&str>,
    parse: fn(&str) -> Result<T, mnvp_domain::ParseError>,
    words: fn(&T) -> &'static str,
) -> String {
    match code {
        None => "Not answered".into(),
        Some(c) => parse(c)
            .map(|v| words(&v).to_string())
            .unwrap_or_else(|_| c.to_string()),
    }
}

/// The monitoring answers in words, every question listed (skipped ones as "Not answered").
pub fn demographics(d: &StoredDemographics) -> Vec<Line> {
    let ethnic = match d.ethnic_category.as_deref().map(EthnicCategory::parse) {
        Some(Ok(c)) => format!("{} ({})", c.label(), c.group().label()),
        Some(Err(_)) | None => label(d.ethnic_category.as_deref(), EthnicCategory::parse, |c| {
            c.label()
        }),
    };
    let experiences: Vec<&str> = d
        .experiences
        .split(';')
        .filter_map(|c| Experience::parse(c).ok())
        .map(|e| e.label())
        .collect();
    let area = match (&d.postcode_district, &d.lsoa21, d.imd_decile) {
        (None, _, _) => "Not answered".to_string(),
        (Some(p), None, _) => format!("{p} (area not found in the reference data)"),
        (Some(p), Some(l), Some(decile)) => {
            format!("{p}, area {l}, deprivation decile {decile} (1 is the most deprived)")
        }
        (Some(p), Some(l), None) => format!("{p}, area {l}"),
    };
    vec![
        Line {
            key: "Ethnic group",
            value: ethnic,
        },
        Line {
            key: "Age",
            value: label(d.age_band.as_deref(), AgeBand::parse, |v| v.label()),
        },
        Line {
            key: "First language",
            value: label(d.first_language.as_deref(), FirstLanguage::parse, |v| {
                v.label()
            }),
        },
        Line {
            key: "Needed an interpreter",
            value: label(d.interpreter_needed.as_deref(), YesNo::parse, |v| v.label()),
        },
        Line {
            key: "Disabled",
            value: label(d.disability.as_deref(), YesNo::parse, |v| v.label()),
        },
        Line {
            key: "Sexual orientation",
            value: label(
                d.sexual_orientation.as_deref(),
                SexualOrientation::parse,
                |v| v.label(),
            ),
        },
        Line {
            key: "Gender identity same as sex registered at birth",
            value: label(d.gender_same_as_birth.as_deref(), YesNo::parse, |v| {
                v.label()
            }),
        },
        Line {
            key: "Religion",
            value: label(d.religion.as_deref(), Religion::parse, |v| v.label()),
        },
        Line {
            key: "Type of care",
            value: if experiences.is_empty() {
                "Not answered".into()
            } else {
                experiences.join(", ")
            },
        },
        Line {
            key: "Home area",
            value: area,
        },
        Line {
            key: "Consent",
            value: format!(
                "Given on {} (explanation version {})",
                d.consented_at.get(..10).unwrap_or(&d.consented_at),
                d.consent_version
            ),
        },
    ]
}

/// The public form's details in words.
pub fn form_details(d: &FormDetails) -> Vec<Line> {
    let stages: Vec<&str> = d
        .care_stages
        .split(';')
        .filter_map(|c| CareStage::parse(c).ok())
        .map(|s| s.label())
        .collect();
    let month = d
        .care_month
        .as_deref()
        .and_then(|m| chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
        .map(|m| m.format("%B %Y").to_string())
        .unwrap_or_else(|| "Not answered".into());
    let language = crate::i18n::Language::by_code(&d.language)
        .map(|l| {
            if l.code == "easy" {
                "Easy read English".to_string()
            } else {
                format!("{} ({})", l.name, l.code)
            }
        })
        .unwrap_or_else(|| d.language.clone());
    vec![
        Line {
            key: "When the care was",
            value: month,
        },
        Line {
            key: "Stages of care",
            value: if stages.is_empty() {
                "Not answered".into()
            } else {
                stages.join(", ")
            },
        },
        Line {
            key: "Questions answered",
            value: if d.journey == "bereaved" {
                "The bereaved families' questions".into()
            } else {
                "The standard questions".into()
            },
        },
        Line {
            key: "Language of the form",
            value: language,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_words() {
        let d = StoredDemographics {
            feedback_id: 1,
            ethnic_category: Some("K".into()),
            age_band: Some("prefer_not".into()),
            first_language: None,
            interpreter_needed: Some("yes".into()),
            disability: None,
            sexual_orientation: None,
            gender_same_as_birth: None,
            religion: None,
            experiences: "maternity;neonatal".into(),
            postcode_district: Some("NR1".into()),
            lsoa21: Some("E01026573".into()),
            imd_decile: Some(2),
            consent_version: "2026-12".into(),
            consented_at: "2026-12-01T10:00:00Z".into(),
        };
        let lines = demographics(&d);
        assert_eq!(lines[0].value, "Bangladeshi (Asian or Asian British)");
        assert_eq!(lines[1].value, "Prefer not to say");
        assert_eq!(lines[2].value, "Not answered");
        assert!(lines[8].value.starts_with("Maternity care"));
        assert!(lines[9].value.contains("decile 2"));
        assert!(lines[10].value.contains("2026-12-01"));
        let f = form_details(&FormDetails {
            care_month: Some("2026-03".into()),
            care_stages: "antenatal;neonatal".into(),
            journey: "bereaved".into(),
            language: "ur".into(),
        });
        assert_eq!(f[0].value, "March 2026");
        assert_eq!(f[1].value, "Antenatal, Neonatal unit");
        assert_eq!(f[3].value, "اردو (ur)");
    }
}
