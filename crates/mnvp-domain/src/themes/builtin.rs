//! Codebooks that come with MNVP Hub: our default maternity and neonatal codebook, and the NHS
//! England Friends and Family Test QDC framework (version 6) that the FFT QDC datasets and the
//! `mnvp text` commands use.

use super::codebook::{CodebookSpec, ThemeSpec};
use super::codebook_file::read_json;

/// The default maternity and neonatal codebook, written by the MNVP Hub team.
pub fn maternity_neonatal() -> CodebookSpec {
    // Parsed with the same reader as an uploaded file; a unit test proves it has no problems.
    read_json(
        include_bytes!("maternity_neonatal.json"),
        "Maternity and neonatal experience",
    )
    .unwrap_or_default()
}

/// The 44 theme columns of the QDC framework version 6 (the label set `pxtextmining` trains
/// on), each with the major category `pxtextmining` merges it into.
pub const QDC_V6: [(&str, &str); 44] = [
    ("Not assigned", "General"),
    ("Organisation & efficiency", "General"),
    ("Funding & use of financial resources", "General"),
    ("Staff manner & personal attributes", "Staff"),
    ("Number & deployment of staff", "Staff"),
    ("Staff responsiveness", "Staff"),
    ("Staff continuity", "Staff"),
    ("Competence & training", "Staff"),
    ("Unspecified communication", "Communication & involvement"),
    (
        "Staff listening, understanding & involving patients",
        "Communication & involvement",
    ),
    (
        "Information directly from staff during care",
        "Communication & involvement",
    ),
    (
        "Information provision & guidance",
        "Communication & involvement",
    ),
    (
        "Being kept informed, clarity & consistency of information",
        "Communication & involvement",
    ),
    ("Contacting services", "Access to medical care & support"),
    (
        "Appointment arrangements",
        "Access to medical care & support",
    ),
    ("Appointment method", "Access to medical care & support"),
    ("Timeliness of care", "Access to medical care & support"),
    ("Pain management", "Medication"),
    (
        "Diagnosis & triage",
        "Patient journey & service coordination",
    ),
    (
        "Referals & continuity of care",
        "Patient journey & service coordination",
    ),
    ("Discharge", "Patient journey & service coordination"),
    ("Care plans", "Patient journey & service coordination"),
    ("Patient records", "Patient journey & service coordination"),
    (
        "Cleanliness, tidiness & infection control",
        "Environment & equipment",
    ),
    ("Provision of medical equipment", "Environment & equipment"),
    ("Service location", "Service location, travel & transport"),
    (
        "Transport to/ from services",
        "Service location, travel & transport",
    ),
    ("Parking", "Service location, travel & transport"),
    ("Electronic entertainment", "Activities"),
    ("Feeling safe", "Category TBC"),
    ("Patient appearance & grooming", "Category TBC"),
    ("Mental Health Act", "Mental Health specifics"),
    ("Equality, Diversity & Inclusion", "Category TBC"),
    ("Admission", "Patient journey & service coordination"),
    ("Labelling not possible", "General"),
    ("Environment & Facilities", "Environment & equipment"),
    ("Supplying & understanding medication", "Medication"),
    ("Activities & access to fresh air", "Activities"),
    ("Food & drink provision & facilities", "Food & diet"),
    ("Sensory experience", "Environment & equipment"),
    (
        "Impact of treatment/ care",
        "Patient journey & service coordination",
    ),
    (
        "Interaction with family/ carers",
        "Communication & involvement",
    ),
    ("Negative experience & dissatisfaction", "General"),
    ("Positive experience & gratitude", "General"),
];

/// One-hot columns of QDC files that are not themes of the 44-label set (as `pxtextmining`).
pub const QDC_EXCLUDED: [&str; 6] = [
    "Safeguarding concerns?",
    "Psychological therapy arrangements",
    "Existence of services",
    "Choice of services",
    "Out of hours support (community services)",
    "Learning organisation",
];

pub const QDC_NAME: &str = "NHS England FFT QDC framework (version 6)";

/// Builds a QDC codebook from theme names: major categories become themes and the QDC themes
/// their sub-themes; a name the framework does not know becomes a theme of its own.
fn qdc_from(names: &[&str]) -> CodebookSpec {
    let major_of = |n: &str| QDC_V6.iter().find(|(m, _)| *m == n).map(|(_, c)| *c);
    let mut themes: Vec<ThemeSpec> = Vec::new();
    for n in names {
        match major_of(n) {
            Some(major) => {
                if !themes.iter().any(|t| t.name == major) {
                    themes.push(ThemeSpec {
                        name: major.to_string(),
                        description: format!("QDC major category \"{major}\""),
                        ..Default::default()
                    });
                }
                themes.push(ThemeSpec {
                    name: (*n).to_string(),
                    parent: Some(major.to_string()),
                    ..Default::default()
                });
            }
            None => themes.push(ThemeSpec {
                name: (*n).to_string(),
                ..Default::default()
            }),
        }
    }
    CodebookSpec {
        name: QDC_NAME.into(),
        description: "The NHS England Patient Experience Qualitative Data Categorisation framework for Friends and Family Test comments, version 6: 44 themes under 12 major categories.".into(),
        themes,
    }
    .normalised()
}

/// The QDC framework version 6.
pub fn qdc() -> CodebookSpec {
    let names: Vec<&str> = QDC_V6.iter().map(|(n, _)| *n).collect();
    qdc_from(&names)
}

/// The QDC framework as named by the header of a file in the QDC layout (such as the FFT QDC
/// datasets): the one-hot theme columns after `Comment sentiment`, less [`QDC_EXCLUDED`].
pub fn qdc_from_header(header: &[String]) -> Result<CodebookSpec, String> {
    let start = header
        .iter()
        .position(|h| h.trim() == "Comment sentiment")
        .ok_or("the header has no \"Comment sentiment\" column, so this is not a file in the QDC layout")?;
    let names: Vec<&str> = header[start + 1..]
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.is_empty() && !QDC_EXCLUDED.contains(h))
        .collect();
    if names.is_empty() {
        return Err("the header has no theme columns after \"Comment sentiment\"".into());
    }
    Ok(qdc_from(&names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_codebook_is_complete_and_valid() {
        let spec = maternity_neonatal();
        assert!(spec.problems(&[]).is_empty());
        let top: Vec<&str> = spec
            .themes
            .iter()
            .filter(|t| t.parent.is_none())
            .map(|t| t.name.as_str())
            .collect();
        for area in [
            "Listened to and involved in decisions",
            "Kindness and compassion",
            "Information and explanations",
            "Pain relief",
            "Continuity of carer",
            "Staffing and waiting",
            "Induction",
            "Labour and birth",
            "Care on the postnatal ward",
            "Infant feeding support",
            "Partner and family involvement",
            "Mental health",
            "Neonatal unit care",
            "Bereavement care",
            "Discrimination, equity and cultural safety",
            "Language and interpreting",
            "Environment and facilities",
            "Food",
            "Discharge and care at home",
            "Safety concerns",
        ] {
            assert!(top.contains(&area), "{area} is missing");
        }
        for t in &spec.themes {
            assert!(!t.description.is_empty(), "{} has no description", t.name);
            assert!(t.phrases.len() >= 3, "{} has too few phrases", t.name);
        }
    }

    #[test]
    fn qdc_has_44_themes_under_12_categories() {
        let spec = qdc();
        assert!(spec.problems(&[]).is_empty());
        assert_eq!(
            spec.themes.iter().filter(|t| t.parent.is_some()).count(),
            44
        );
        assert_eq!(
            spec.themes.iter().filter(|t| t.parent.is_none()).count(),
            12
        );
    }

    #[test]
    fn qdc_from_a_file_header() {
        let header: Vec<String> = [
            "Comment ID",
            "FFT answer",
            "Comment sentiment",
            "Parking",
            "Learning organisation",
            "Something new",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let spec = qdc_from_header(&header).unwrap();
        let names: Vec<(&str, Option<&str>)> = spec
            .themes
            .iter()
            .map(|t| (t.name.as_str(), t.parent.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Service location, travel & transport", None),
                ("Parking", Some("Service location, travel & transport")),
                ("Something new", None),
            ]
        );
        assert!(qdc_from_header(&["FFT answer".to_string()]).is_err());
    }
}
