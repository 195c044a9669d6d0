//! Outreach (guidance 2.10–2.11): sessions out in the community, across the whole patch, often
//! with voluntary and community partners. Each session keeps where it was (postcode district or
//! area, in plain form for geographic coverage) and **aggregate tallies** of who was reached —
//! never anything about a person — in the demographics vocabulary, so representation analysis
//! can read them beside individual feedback.

use super::{optional_count, optional_text, Day};
use crate::voices::demographics::{postcode_district, AgeBand, EthnicGroup, Experience};
use crate::ParseError;

vocabulary!(
    /// Where the session took place.
    VenueType, "the type of venue" {
        AntenatalClinic => ("antenatal_clinic", "Antenatal clinic"),
        PostnatalClinic => ("postnatal_clinic", "Postnatal clinic"),
        HealthVisitorClinic => ("health_visitor_clinic", "Health visitor clinic"),
        BabyGroup => ("baby_group", "Community baby group"),
        CommunityEvent => ("community_event", "Community event"),
        VcseSession => ("vcse_session", "Session with a voluntary or community partner (VCSE)"),
        Online => ("online", "Online"),
    }
);

/// Tally dimensions as stored in `outreach_tallies.dimension`.
pub const DIM_ETHNIC_GROUP: &str = "ethnic_group";
pub const DIM_AGE_BAND: &str = "age_band";
pub const DIM_LANGUAGE: &str = "language";
pub const DIM_EXPERIENCE: &str = "experience";
/// The one group of the language dimension: first language not English.
pub const NOT_ENGLISH: &str = "not_english";

pub const VENUE_NAME_MAX: usize = 120;
pub const AREA_MAX: usize = 120;
pub const PARTNER_MAX: usize = 120;
pub const PARTNERS_MAX: usize = 20;
pub const NOTES_MAX: usize = 1000;

/// One tally row: (dimension, group code, people).
pub type TallyRow = (&'static str, &'static str, i64);

/// Who was reached at a session, as counts. A dimension left blank was not counted, so "0
/// bereaved families" and "did not ask" stay different.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tallies {
    pub reached: i64,
    pub ethnic_groups: Vec<(EthnicGroup, i64)>,
    pub age_bands: Vec<(AgeBand, i64)>,
    pub language_not_english: Option<i64>,
    pub experiences: Vec<(Experience, i64)>,
}

/// The experiences tallied at outreach: the voices the guidance says are drowned out.
pub const TALLIED_EXPERIENCES: [Experience; 2] = [Experience::Neonatal, Experience::Bereavement];

/// Form field names of each tally box.
pub fn ethnic_field(g: EthnicGroup) -> String {
    format!("eth_{}", g.as_str())
}
pub fn age_field(a: AgeBand) -> String {
    format!("age_{}", a.as_str())
}
pub fn experience_field(e: Experience) -> String {
    format!("exp_{}", e.as_str())
}
pub const REACHED_FIELD: &str = "reached";
pub const LANGUAGE_FIELD: &str = "lang_not_english";

impl Tallies {
    /// Parses the tally boxes; `value(field)` gives what was typed. Every group total must fit
    /// within the number reached, or a typo would overstate who was heard.
    pub fn parse(value: impl Fn(&str) -> String) -> Result<Tallies, Vec<(String, ParseError)>> {
        let mut errors: Vec<(String, ParseError)> = Vec::new();
        let mut count = |field: String, what: &str| match optional_count(what, &value(&field)) {
            Ok(n) => n,
            Err(e) => {
                errors.push((field, e));
                None
            }
        };
        let reached = count(REACHED_FIELD.into(), "the number of people reached");
        let ethnic_groups: Vec<(EthnicGroup, i64)> = EthnicGroup::ALL
            .iter()
            .filter_map(|g| {
                count(
                    ethnic_field(*g),
                    &format!("the number in the {} group", g.label()),
                )
                .map(|n| (*g, n))
            })
            .collect();
        let age_bands: Vec<(AgeBand, i64)> = AgeBand::ALL
            .iter()
            .filter_map(|a| {
                count(
                    age_field(*a),
                    &format!("the number aged {}", a.label().to_lowercase()),
                )
                .map(|n| (*a, n))
            })
            .collect();
        let language_not_english = count(
            LANGUAGE_FIELD.into(),
            "the number whose first language is not English",
        );
        let experiences: Vec<(Experience, i64)> = TALLIED_EXPERIENCES
            .iter()
            .filter_map(|e| count(experience_field(*e), "the number of families").map(|n| (*e, n)))
            .collect();
        // Within a dimension, once any group is counted the blanks are none (0), so every
        // session that counted a dimension has a number for each of its groups.
        let ethnic_groups = complete(ethnic_groups, EthnicGroup::ALL);
        let age_bands = complete(age_bands, AgeBand::ALL);
        let Some(reached) = reached else {
            if !errors.iter().any(|(f, _)| f == REACHED_FIELD) {
                errors.insert(
                    0,
                    (
                        REACHED_FIELD.into(),
                        ParseError::new("Enter how many people you talked with, or 0"),
                    ),
                );
            }
            return Err(errors);
        };
        let over = |what: &str| {
            ParseError::new(format!(
                "The {what} add up to more than the {reached} people reached"
            ))
        };
        let eth_sum: i64 = ethnic_groups.iter().map(|(_, n)| n).sum();
        if eth_sum > reached {
            errors.push((ethnic_field(EthnicGroup::ALL[0]), over("ethnic groups")));
        }
        let age_sum: i64 = age_bands.iter().map(|(_, n)| n).sum();
        if age_sum > reached {
            errors.push((age_field(AgeBand::ALL[0]), over("age groups")));
        }
        if language_not_english.is_some_and(|n| n > reached) {
            errors.push((
                LANGUAGE_FIELD.into(),
                over("people whose first language is not English"),
            ));
        }
        for (e, n) in &experiences {
            if *n > reached {
                errors.push((experience_field(*e), over("families with this experience")));
            }
        }
        if errors.is_empty() {
            Ok(Tallies {
                reached,
                ethnic_groups,
                age_bands,
                language_not_english,
                experiences,
            })
        } else {
            Err(errors)
        }
    }

    /// The tallies as stored rows (the number reached is kept on the session itself).
    pub fn rows(&self) -> Vec<TallyRow> {
        let mut rows: Vec<TallyRow> = Vec::new();
        rows.extend(
            self.ethnic_groups
                .iter()
                .map(|(g, n)| (DIM_ETHNIC_GROUP, g.as_str(), *n)),
        );
        rows.extend(
            self.age_bands
                .iter()
                .map(|(a, n)| (DIM_AGE_BAND, a.as_str(), *n)),
        );
        if let Some(n) = self.language_not_english {
            rows.push((DIM_LANGUAGE, NOT_ENGLISH, n));
        }
        rows.extend(
            self.experiences
                .iter()
                .map(|(e, n)| (DIM_EXPERIENCE, e.as_str(), *n)),
        );
        rows
    }

    /// The form value of each box, from stored rows (for editing).
    pub fn form_values(reached: i64, rows: &[(String, String, i64)]) -> Vec<(String, String)> {
        let mut out = vec![(REACHED_FIELD.to_string(), reached.to_string())];
        for (dim, code, n) in rows {
            let field = match dim.as_str() {
                DIM_ETHNIC_GROUP => format!("eth_{code}"),
                DIM_AGE_BAND => format!("age_{code}"),
                DIM_LANGUAGE => LANGUAGE_FIELD.to_string(),
                DIM_EXPERIENCE => format!("exp_{code}"),
                _ => continue,
            };
            out.push((field, n.to_string()));
        }
        out
    }
}

/// Every group of a dimension, in vocabulary order: those not given are 0, unless none was.
fn complete<T: Copy + PartialEq>(given: Vec<(T, i64)>, all: &[T]) -> Vec<(T, i64)> {
    if given.is_empty() {
        return given;
    }
    all.iter()
        .map(|g| {
            (
                *g,
                given.iter().find(|(x, _)| x == g).map_or(0, |(_, n)| *n),
            )
        })
        .collect()
}

/// Where a session was: a postcode district (kept as the outward code only, even when a full
/// postcode is typed) and/or a named area. Online sessions need neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub postcode_district: Option<String>,
    pub area_name: Option<String>,
}

impl Place {
    pub fn parse(
        venue: Option<VenueType>,
        district: &str,
        area: &str,
    ) -> Result<Place, Vec<(&'static str, ParseError)>> {
        let mut errors = Vec::new();
        let postcode_district = match district.trim() {
            "" => None,
            d => postcode_district(d)
                .map_err(|_| {
                    errors.push((
                        "postcode_district",
                        ParseError::new("Enter a postcode district, like NR3, or leave it blank"),
                    ))
                })
                .ok(),
        };
        let area_name = optional_text("the area", area, AREA_MAX)
            .map_err(|e| errors.push(("area_name", e)))
            .ok()
            .flatten();
        if errors.is_empty()
            && postcode_district.is_none()
            && area_name.is_none()
            && venue.is_some_and(|v| v != VenueType::Online)
        {
            errors.push((
                "postcode_district",
                ParseError::new(
                    "Enter the postcode district or the area where the session was held",
                ),
            ));
        }
        if errors.is_empty() {
            Ok(Place {
                postcode_district,
                area_name,
            })
        } else {
            Err(errors)
        }
    }
}

/// Partner organisations, one per line (or comma-separated), de-duplicated in order.
pub fn parse_partners(raw: &str) -> Result<Vec<String>, ParseError> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split(['\n', ',']) {
        let Some(name) = optional_text("a partner's name", part, PARTNER_MAX)? else {
            continue;
        };
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    if out.len() > PARTNERS_MAX {
        return Err(ParseError::new(format!(
            "List up to {PARTNERS_MAX} partner organisations"
        )));
    }
    Ok(out)
}

/// A session as entered, before the store gives it an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDetails {
    pub held_on: Day,
    pub venue_type: VenueType,
    pub venue_name: Option<String>,
    pub place: Place,
    pub partners: Vec<String>,
    pub tallies: Tallies,
    pub notes: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn form(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |f: &str| map.get(f).cloned().unwrap_or_default()
    }

    #[test]
    fn tallies_are_counts_within_the_number_reached() {
        let t = Tallies::parse(form(&[
            ("reached", "14"),
            ("eth_black", "5"),
            ("eth_asian", "4"),
            ("age_under_20", "2"),
            ("lang_not_english", "6"),
            ("exp_neonatal", "0"),
        ]))
        .unwrap();
        assert_eq!(t.reached, 14);
        assert_eq!(
            t.rows(),
            vec![
                ("ethnic_group", "asian", 4),
                ("ethnic_group", "black", 5),
                ("ethnic_group", "mixed", 0),
                ("ethnic_group", "white", 0),
                ("ethnic_group", "other", 0),
                ("ethnic_group", "not_stated", 0),
                ("age_band", "under_20", 2),
                ("age_band", "20_24", 0),
                ("age_band", "25_29", 0),
                ("age_band", "30_34", 0),
                ("age_band", "35_39", 0),
                ("age_band", "40_44", 0),
                ("age_band", "45_plus", 0),
                ("age_band", "prefer_not", 0),
                ("language", "not_english", 6),
                ("experience", "neonatal", 0),
            ]
        );
        let stored: Vec<(String, String, i64)> = t
            .rows()
            .iter()
            .map(|(d, c, n)| (d.to_string(), c.to_string(), *n))
            .collect();
        let values = Tallies::form_values(14, &stored);
        let again = Tallies::parse(form(
            &values
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        ))
        .unwrap();
        assert_eq!(again, t);

        let errs = Tallies::parse(form(&[
            ("reached", "3"),
            ("eth_white", "2"),
            ("eth_other", "2"),
            ("exp_bereavement", "4"),
        ]))
        .unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["eth_asian", "exp_bereavement"]);
        assert_eq!(
            errs[0].1 .0,
            "The ethnic groups add up to more than the 3 people reached"
        );

        let errs = Tallies::parse(form(&[("age_20_24", "x")])).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["reached", "age_20_24"]);
    }

    #[test]
    fn places_keep_only_the_district() {
        let p = Place::parse(Some(VenueType::BabyGroup), "nr3 1ab", "").unwrap();
        assert_eq!(p.postcode_district.as_deref(), Some("NR3"));
        assert!(Place::parse(Some(VenueType::BabyGroup), "", "").is_err());
        assert!(Place::parse(Some(VenueType::Online), "", "").is_ok());
        assert_eq!(
            Place::parse(Some(VenueType::CommunityEvent), "", "Millfield estate")
                .unwrap()
                .area_name
                .as_deref(),
            Some("Millfield estate")
        );
        assert_eq!(
            Place::parse(None, "not a postcode", "").unwrap_err()[0].0,
            "postcode_district"
        );
    }

    #[test]
    fn partners_are_listed_once_each() {
        assert_eq!(
            parse_partners("Sands\n Bliss ,sands\n\n").unwrap(),
            vec!["Sands".to_string(), "Bliss".to_string()]
        );
        assert!(parse_partners(&"x\n".repeat(0)).unwrap().is_empty());
        let many: String = (0..21).map(|i| format!("Group {i}\n")).collect();
        assert!(parse_partners(&many).is_err());
    }
}
