//! Fifteen Steps (guidance 2.7): a small team of service users and staff walks into each
//! area of a maternity or neonatal setting and records first impressions under the toolkit's
//! four headings, then agrees an outcome report with recommended actions that goes to trust
//! governance, the safety champions and the LMNS board.

use super::{optional_text, required_text, Day, TEXT_MAX};
use crate::feedback::CareStage;
use crate::ParseError;

vocabulary!(
    /// An area a visit may walk into.
    Area, "an area" {
        AntenatalClinic => ("antenatal_clinic", "Antenatal clinic"),
        LabourWard => ("labour_ward", "Labour ward"),
        BirthCentre => ("birth_centre", "Birth centre"),
        PostnatalWard => ("postnatal_ward", "Postnatal ward"),
        NeonatalUnit => ("neonatal_unit", "Neonatal unit"),
        Other => ("other", "Another area"),
    }
);

impl Area {
    /// The stage of care an observation in this area speaks to, so it sits beside other
    /// feedback about the same part of the journey.
    pub fn care_stage(self) -> Option<CareStage> {
        match self {
            Area::AntenatalClinic => Some(CareStage::Antenatal),
            Area::LabourWard | Area::BirthCentre => Some(CareStage::LabourAndBirth),
            Area::PostnatalWard => Some(CareStage::PostnatalHospital),
            Area::NeonatalUnit => Some(CareStage::NeonatalUnit),
            Area::Other => None,
        }
    }
}

vocabulary!(
    /// The Fifteen Steps for Maternity toolkit's headings for first impressions.
    Heading, "a heading" {
        Welcoming => ("welcoming", "Welcoming"),
        Safe => ("safe", "Safe"),
        CaringInvolving => ("caring_involving", "Caring and involving"),
        OrganisedCalm => ("organised_calm", "Well organised and calm"),
    }
);

vocabulary!(
    /// Whether an observation is something to keep or something to change.
    Finding, "a kind of observation" {
        WorksWell => ("works_well", "What works well"),
        CouldImprove => ("could_improve", "What could improve"),
    }
);

vocabulary!(
    /// Who an outcome report goes to (guidance 2.7), and anyone else the MNVP shares it with.
    Audience, "who the report was shared with" {
        TrustGovernance => ("trust_governance", "Trust governance"),
        SafetyChampions => ("safety_champions", "Maternity and neonatal safety champions"),
        LmnsBoard => ("lmns_board", "LMNS board"),
        Other => ("other", "Someone else"),
    }
);

/// The audiences the guidance expects every outcome report to reach.
pub const EXPECTED_AUDIENCES: [Audience; 3] = [
    Audience::TrustGovernance,
    Audience::SafetyChampions,
    Audience::LmnsBoard,
];

pub const TEAM_MAX: usize = 1000;
pub const ACTION_MAX: usize = 1000;
pub const OWNER_MAX: usize = 200;
pub const NOTE_MAX: usize = 500;

/// A visit as planned: the unit is checked against the MNVP's units by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitPlan {
    pub held_on: Day,
    pub areas: Vec<Area>,
    /// What "another area" is, when it was chosen (a triage unit, a bereavement suite).
    pub other_area: Option<String>,
    /// The team: service users and staff, by name or role.
    pub team: String,
}

#[derive(Debug, Clone, Default)]
pub struct RawVisitPlan<'a> {
    pub day: &'a str,
    pub month: &'a str,
    pub year: &'a str,
    pub areas: &'a [&'a str],
    pub other_area: &'a str,
    pub team: &'a str,
}

impl VisitPlan {
    pub fn parse(raw: &RawVisitPlan<'_>) -> Result<VisitPlan, Vec<(&'static str, ParseError)>> {
        let mut errors = Vec::new();
        let held_on = Day::from_parts("the date of the visit", raw.day, raw.month, raw.year)
            .map_err(|e| errors.push(("held_on", e)))
            .ok();
        let mut areas = Vec::new();
        for code in raw.areas.iter().filter(|c| !c.trim().is_empty()) {
            match Area::parse(code) {
                Ok(a) if !areas.contains(&a) => areas.push(a),
                Ok(_) => {}
                Err(e) => {
                    errors.push(("areas", e));
                    break;
                }
            }
        }
        areas.sort_by_key(|a| Area::ALL.iter().position(|x| x == a));
        if areas.is_empty() && !errors.iter().any(|(f, _)| *f == "areas") {
            errors.push((
                "areas",
                ParseError::new("Select the areas the team will visit"),
            ));
        }
        let other_area = match optional_text("the other area", raw.other_area, 120) {
            Ok(None) if areas.contains(&Area::Other) => {
                errors.push((
                    "other_area",
                    ParseError::new("Enter the other area the team will visit"),
                ));
                None
            }
            Ok(v) if areas.contains(&Area::Other) => v,
            Ok(_) => None,
            Err(e) => {
                errors.push(("other_area", e));
                None
            }
        };
        let team = required_text("who is on the team", raw.team, TEAM_MAX)
            .map_err(|e| errors.push(("team", e)))
            .ok();
        match (held_on, team, errors.is_empty()) {
            (Some(held_on), Some(team), true) => Ok(VisitPlan {
                held_on,
                areas,
                other_area,
                team,
            }),
            _ => Err(errors),
        }
    }

    /// Areas as stored: codes joined by `;` in a fixed order.
    pub fn areas_code(&self) -> String {
        areas_code(&self.areas)
    }
}

pub fn areas_code(areas: &[Area]) -> String {
    areas
        .iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// The stored codes back as areas (unknown codes, from a newer version, are skipped).
pub fn areas_from_code(code: &str) -> Vec<Area> {
    code.split(';')
        .filter_map(|c| Area::parse(c).ok())
        .collect()
}

/// The field name of one observation box on the area form, e.g. `safe__could_improve`.
pub fn observation_field(heading: Heading, finding: Finding) -> String {
    format!("{}__{}", heading.as_str(), finding.as_str())
}

/// One observation to record: its place in the toolkit and what was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub heading: Heading,
    pub finding: Finding,
    pub text: String,
}

/// Parses the area form: one optional box per heading and finding. At least one is needed.
/// `value(field)` gives the typed text of a box.
pub fn parse_observations(
    value: impl Fn(&str) -> String,
) -> Result<Vec<Observation>, Vec<(String, ParseError)>> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for heading in Heading::ALL {
        for finding in Finding::ALL {
            let field = observation_field(*heading, *finding);
            let what = format!("{} – {}", heading.label(), finding.label().to_lowercase());
            match optional_text(&what, &value(&field), TEXT_MAX) {
                Ok(Some(text)) => found.push(Observation {
                    heading: *heading,
                    finding: *finding,
                    text,
                }),
                Ok(None) => {}
                Err(e) => errors.push((field, e)),
            }
        }
    }
    if found.is_empty() && errors.is_empty() {
        errors.push((
            observation_field(Heading::Welcoming, Finding::WorksWell),
            ParseError::new("Enter at least one observation under any heading"),
        ));
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// A recommended action in the outcome report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub text: String,
    pub area: Option<Area>,
    /// Who agreed to take it forward (a role, such as "Ward manager").
    pub owner: Option<String>,
}

impl Action {
    pub fn parse(
        text: &str,
        area: &str,
        owner: &str,
    ) -> Result<Action, Vec<(&'static str, ParseError)>> {
        let mut errors = Vec::new();
        let text = required_text("the recommended action", text, ACTION_MAX)
            .map_err(|e| errors.push(("action", e)))
            .ok();
        let area = match area.trim() {
            "" => None,
            a => Area::parse(a).map_err(|e| errors.push(("area", e))).ok(),
        };
        let owner = optional_text("who will take it forward", owner, OWNER_MAX)
            .map_err(|e| errors.push(("owner", e)))
            .ok()
            .flatten();
        match (text, errors.is_empty()) {
            (Some(text), true) => Ok(Action { text, area, owner }),
            _ => Err(errors),
        }
    }
}

/// A record that the outcome report went to someone, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub audience: Audience,
    pub shared_on: Day,
    pub note: Option<String>,
}

impl Share {
    pub fn parse(
        audience: &str,
        (day, month, year): (&str, &str, &str),
        note: &str,
    ) -> Result<Share, Vec<(&'static str, ParseError)>> {
        let mut errors = Vec::new();
        let audience = Audience::parse(audience)
            .map_err(|_| {
                errors.push((
                    "audience",
                    ParseError::new("Select who the report was shared with"),
                ))
            })
            .ok();
        let shared_on = Day::from_parts("the date it was shared", day, month, year)
            .map_err(|e| errors.push(("shared_on", e)))
            .ok();
        let note = optional_text("the note", note, NOTE_MAX)
            .map_err(|e| errors.push(("note", e)))
            .ok()
            .flatten();
        if audience == Some(Audience::Other) && note.is_none() && errors.is_empty() {
            errors.push((
                "note",
                ParseError::new("Enter who else the report was shared with"),
            ));
        }
        match (audience, shared_on, errors.is_empty()) {
            (Some(audience), Some(shared_on), true) => Ok(Share {
                audience,
                shared_on,
                note,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_plan_names_its_areas_and_team() {
        let areas = ["postnatal_ward", "labour_ward", "labour_ward", "other"];
        let ok = VisitPlan::parse(&RawVisitPlan {
            day: "12",
            month: "5",
            year: "2026",
            areas: &areas,
            other_area: "Triage",
            team: "Two parents, a midwife and the MNVP lead",
        })
        .unwrap();
        assert_eq!(ok.areas_code(), "labour_ward;postnatal_ward;other");
        assert_eq!(ok.other_area.as_deref(), Some("Triage"));
        assert_eq!(areas_from_code(&ok.areas_code()), ok.areas);

        let other = ["other"];
        let errs = VisitPlan::parse(&RawVisitPlan {
            areas: &other,
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["held_on", "other_area", "team"]);
        let errs = VisitPlan::parse(&RawVisitPlan::default()).unwrap_err();
        assert!(errs.iter().any(|(f, _)| *f == "areas"));
    }

    #[test]
    fn observations_are_read_box_by_box() {
        let got = parse_observations(|f| match f {
            "safe__could_improve" => "Door to the ward was propped open".into(),
            "welcoming__works_well" => " Greeted by name ".into(),
            _ => String::new(),
        })
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].heading, Heading::Welcoming);
        assert_eq!(got[0].text, "Greeted by name");
        assert_eq!(got[1].finding, Finding::CouldImprove);
        let none = parse_observations(|_| String::new()).unwrap_err();
        assert_eq!(none[0].0, "welcoming__works_well");
        let long = parse_observations(|f| {
            if f == "safe__works_well" {
                "x".repeat(TEXT_MAX + 1)
            } else {
                "fine".into()
            }
        })
        .unwrap_err();
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].0, "safe__works_well");
    }

    #[test]
    fn areas_map_to_care_stages() {
        assert_eq!(
            Area::BirthCentre.care_stage(),
            Some(CareStage::LabourAndBirth)
        );
        assert_eq!(
            Area::NeonatalUnit.care_stage(),
            Some(CareStage::NeonatalUnit)
        );
        assert_eq!(Area::Other.care_stage(), None);
    }

    #[test]
    fn actions_and_shares() {
        let a = Action::parse("Fix the buzzer", "labour_ward", "Ward manager").unwrap();
        assert_eq!(a.area, Some(Area::LabourWard));
        assert!(Action::parse("", "", "").is_err());
        let s = Share::parse("lmns_board", ("3", "6", "2026"), "").unwrap();
        assert_eq!(s.shared_on.as_str(), "2026-06-03");
        let errs = Share::parse("other", ("3", "6", "2026"), "").unwrap_err();
        assert_eq!(errs[0].0, "note");
        let errs = Share::parse("", ("", "", ""), "").unwrap_err();
        assert_eq!(errs.len(), 2);
    }
}
