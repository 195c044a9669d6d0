//! Each page's questions: how they are shown (in the visitor's language, with what they
//! answered before or what they just typed) and how a posted page changes the answers.
//! One description per question serves both directions, so a question cannot be shown one way
//! and read another.

use super::Visit;
use mnvp_domain::capture::answers::FORM_STAGES;
use mnvp_domain::capture::inputs::{self, InputError};
use mnvp_domain::capture::{Answers, CareMonth, Journey, Step, UnitAnswer};
use mnvp_domain::voices::demographics::{
    postcode_district, AgeBand, EthnicCategory, EthnicGroup, Experience, FirstLanguage, Religion,
    SexualOrientation, YesNo,
};
use mnvp_store::organisations::Org;
use serde::Serialize;

/// A posted page (or answers turned back into one): field name → values, in order.
#[derive(Debug, Default, Clone)]
pub struct Pairs(pub Vec<(String, String)>);

impl Pairs {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_string(), value.into()));
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceGroup {
    pub label: String,
    pub options: Vec<Choice>,
}

/// One question as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// "radios", "checkboxes", "select", "textarea", "month" or "postcode".
    pub kind: &'static str,
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub options: Vec<Choice>,
    /// For a select with headed groups (ethnic group under the 2021 census headings).
    pub groups: Vec<ChoiceGroup>,
    pub value: String,
    pub values: Vec<String>,
    pub month: String,
    pub year: String,
    pub maxlength: usize,
    pub error: Option<String>,
    /// The element the error summary links to.
    pub anchor: String,
    /// Show the options side by side (short yes/no answers).
    pub inline: bool,
}

impl Question {
    fn new(kind: &'static str, name: &'static str, label: String) -> Question {
        Question {
            kind,
            name,
            label,
            hint: None,
            options: Vec::new(),
            groups: Vec::new(),
            value: String::new(),
            values: Vec::new(),
            month: String::new(),
            year: String::new(),
            maxlength: inputs::MAX_TEXT,
            error: None,
            anchor: name.to_string(),
            inline: false,
        }
    }
}

/// A field that could not be read, and why.
pub type FieldError = (&'static str, InputError);

/// The free-text field name on every text page.
const ANSWER: &str = "answer";

fn choices<T: Copy>(
    v: &Visit,
    all: &[T],
    code: fn(T) -> &'static str,
    prefix: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|x| Choice {
            value: code(*x).to_string(),
            label: v.t(&format!("{prefix}-{}", code(*x))),
            hint: None,
        })
        .collect()
}

fn radios(name: &'static str, label: String, options: Vec<Choice>, value: &str) -> Question {
    Question {
        options,
        value: value.to_string(),
        ..Question::new("radios", name, label)
    }
}

/// The monitoring questions on each of the two "about you" pages.
fn about_you_questions(v: &Visit, step: Step, p: &Pairs) -> Vec<Question> {
    match step {
        Step::YouFirst => {
            let groups = EthnicGroup::ALL
                .iter()
                .map(|g| ChoiceGroup {
                    label: v.t(&format!("ethnic-group-{}", g.as_str())),
                    options: EthnicCategory::ALL
                        .iter()
                        .filter(|c| c.group() == *g)
                        .map(|c| Choice {
                            value: c.as_str().into(),
                            label: v.t(&format!("ethnic-{}", c.as_str())),
                            hint: None,
                        })
                        .collect(),
                })
                .collect();
            vec![
                Question {
                    groups,
                    value: p.get("ethnic_category").into(),
                    ..Question::new("select", "ethnic_category", v.t("q-ethnic"))
                },
                radios(
                    "age_band",
                    v.t("q-age"),
                    choices(v, AgeBand::ALL, AgeBand::as_str, "age"),
                    p.get("age_band"),
                ),
                Question {
                    options: choices(v, FirstLanguage::ALL, FirstLanguage::as_str, "lang"),
                    value: p.get("first_language").into(),
                    ..Question::new("select", "first_language", v.t("q-first-language"))
                },
                Question {
                    inline: true,
                    ..radios(
                        "interpreter_needed",
                        v.t("q-interpreter"),
                        choices(v, YesNo::ALL, YesNo::as_str, "yesno"),
                        p.get("interpreter_needed"),
                    )
                },
            ]
        }
        _ => vec![
            Question {
                inline: true,
                ..radios(
                    "disability",
                    v.t("q-disability"),
                    choices(v, YesNo::ALL, YesNo::as_str, "yesno"),
                    p.get("disability"),
                )
            },
            radios(
                "sexual_orientation",
                v.t("q-orientation"),
                choices(
                    v,
                    SexualOrientation::ALL,
                    SexualOrientation::as_str,
                    "orientation",
                ),
                p.get("sexual_orientation"),
            ),
            Question {
                inline: true,
                ..radios(
                    "gender_same_as_birth",
                    v.t("q-gender"),
                    choices(v, YesNo::ALL, YesNo::as_str, "yesno"),
                    p.get("gender_same_as_birth"),
                )
            },
            Question {
                options: choices(v, Religion::ALL, Religion::as_str, "religion"),
                value: p.get("religion").into(),
                ..Question::new("select", "religion", v.t("q-religion"))
            },
            Question {
                options: choices(v, Experience::ALL, Experience::as_str, "experience"),
                values: p.all("experiences"),
                hint: Some(v.t("q-experience-hint")),
                ..Question::new("checkboxes", "experiences", v.t("q-experience"))
            },
            Question {
                value: p.get("postcode").into(),
                hint: Some(v.t("q-postcode-hint")),
                ..Question::new("postcode", "postcode", v.t("q-postcode"))
            },
        ],
    }
}

/// The questions on a page, filled from `p` (earlier answers or what was just typed).
pub fn questions(v: &Visit, step: Step, units: &[Org], p: &Pairs) -> Vec<Question> {
    let title = |s: Step| v.t(&format!("step-{}-title", s.id()));
    let hint = |s: Step| Some(v.t(&format!("step-{}-hint", s.id())));
    match step {
        Step::Journey => vec![Question {
            hint: hint(step),
            ..radios(
                "journey",
                title(step),
                vec![
                    Choice {
                        value: "standard".into(),
                        label: v.t("journey-standard"),
                        hint: None,
                    },
                    Choice {
                        value: "bereaved".into(),
                        label: v.t("journey-bereaved"),
                        hint: Some(v.t("journey-bereaved-hint")),
                    },
                ],
                p.get("journey"),
            )
        }],
        Step::Unit => {
            let mut options: Vec<Choice> = units
                .iter()
                .map(|u| Choice {
                    value: u.id.to_string(),
                    label: u.name.clone(),
                    hint: None,
                })
                .collect();
            options.push(Choice {
                value: "elsewhere".into(),
                label: v.t("unit-elsewhere"),
                hint: None,
            });
            vec![Question {
                hint: hint(step),
                ..radios("unit", title(step), options, p.get("unit"))
            }]
        }
        Step::Stages => vec![Question {
            options: FORM_STAGES
                .iter()
                .map(|s| Choice {
                    value: s.as_str().into(),
                    label: v.t(&format!("stage-{}", s.as_str())),
                    hint: None,
                })
                .collect(),
            values: p.all("stages"),
            hint: hint(step),
            ..Question::new("checkboxes", "stages", title(step))
        }],
        Step::When => vec![Question {
            hint: hint(step),
            month: p.get("when-month").into(),
            year: p.get("when-year").into(),
            anchor: "when-month".into(),
            ..Question::new("month", "when", title(step))
        }],
        Step::Rating => vec![radios(
            "rating",
            title(step),
            (1..=5)
                .rev()
                .map(|n| Choice {
                    value: n.to_string(),
                    label: v.t(&format!("rating-{n}")),
                    hint: None,
                })
                .collect(),
            p.get("rating"),
        )],
        Step::WentWell
        | Step::Better
        | Step::AnythingElse
        | Step::YourCare
        | Step::WouldHaveHelped => vec![Question {
            hint: hint(step),
            value: p.get(ANSWER).into(),
            ..Question::new("textarea", ANSWER, title(step))
        }],
        Step::AboutYou => vec![radios(
            "consent",
            v.t("consent-legend"),
            vec![
                Choice {
                    value: "yes".into(),
                    label: v.t("consent-yes"),
                    hint: None,
                },
                Choice {
                    value: "no".into(),
                    label: v.t("consent-no"),
                    hint: None,
                },
            ],
            p.get("consent"),
        )],
        Step::YouFirst | Step::YouSecond => about_you_questions(v, step, p),
    }
}

/// The answers to one page, as the page's fields (to show them again).
pub fn pairs_from(step: Step, a: &Answers) -> Pairs {
    let mut p = Pairs::default();
    match step {
        Step::Journey => {
            if let Some(j) = a.journey {
                p.set("journey", j.as_str());
            }
        }
        Step::Unit => {
            if let Some(u) = a.unit {
                p.set("unit", u.code());
            }
        }
        Step::Stages => a.stages.iter().for_each(|s| p.set("stages", s.as_str())),
        Step::When => {
            if let Some(m) = a.care_month {
                p.set("when-month", m.month.to_string());
                p.set("when-year", m.year.to_string());
            }
        }
        Step::Rating => {
            if let Some(r) = a.rating {
                p.set("rating", r.to_string());
            }
        }
        Step::AboutYou => {
            if let Some(c) = a.consent {
                p.set("consent", if c { "yes" } else { "no" });
            }
        }
        Step::YouFirst | Step::YouSecond => {
            let y = &a.about_you;
            for (name, value) in [
                ("ethnic_category", &y.ethnic_category),
                ("age_band", &y.age_band),
                ("first_language", &y.first_language),
                ("interpreter_needed", &y.interpreter_needed),
                ("disability", &y.disability),
                ("sexual_orientation", &y.sexual_orientation),
                ("gender_same_as_birth", &y.gender_same_as_birth),
                ("religion", &y.religion),
            ] {
                p.set(name, value.as_str());
            }
            y.experiences
                .iter()
                .for_each(|e| p.set("experiences", e.as_str()));
            // The full postcode was never kept: the district stands in for it.
            if let Some(d) = &y.postcode_district {
                p.set("postcode", d.as_str());
            }
        }
        text => p.set(ANSWER, a.text(text)),
    }
    p
}

/// Reads one coded answer: empty is skipped, anything not offered is refused.
fn code<T>(
    p: &Pairs,
    name: &'static str,
    parse: fn(&str) -> Result<T, mnvp_domain::ParseError>,
    errors: &mut Vec<FieldError>,
) -> String {
    let raw = p.get(name).trim();
    if raw.is_empty() || parse(raw).is_ok() {
        raw.to_string()
    } else {
        errors.push((name, InputError::InvalidChoice));
        String::new()
    }
}

/// What applying a page needs done outside the domain: a full postcode to place in an area.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub locate: Option<String>,
}

/// Applies a posted page to the answers; on any error the answers are left untouched and
/// every problem on the page is returned at once.
pub fn apply(
    step: Step,
    answers: &mut Answers,
    p: &Pairs,
    units: &[i64],
    today: (i32, u32),
) -> Result<Applied, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut next = answers.clone();
    let mut applied = Applied::default();
    match step {
        Step::Journey => match p.get("journey").trim() {
            "" => next.journey = None,
            raw => match Journey::parse(raw) {
                Some(j) => next.journey = Some(j),
                None => errors.push(("journey", InputError::InvalidChoice)),
            },
        },
        Step::Unit => match UnitAnswer::parse(p.get("unit"), units) {
            Ok(u) => next.unit = u,
            Err(e) => errors.push(("unit", e)),
        },
        Step::Stages => {
            let chosen = p.all("stages");
            if chosen
                .iter()
                .all(|c| FORM_STAGES.iter().any(|s| s.as_str() == c))
            {
                next.stages = FORM_STAGES
                    .iter()
                    .filter(|s| chosen.iter().any(|c| c == s.as_str()))
                    .map(|s| s.as_str().to_string())
                    .collect();
            } else {
                errors.push(("stages", InputError::InvalidChoice));
            }
        }
        Step::When => match CareMonth::parse(p.get("when-month"), p.get("when-year"), today) {
            Ok(m) => next.care_month = m,
            Err(e) => errors.push(("when", e)),
        },
        Step::Rating => match inputs::rating(p.get("rating")) {
            Ok(r) => next.rating = r,
            Err(e) => errors.push(("rating", e)),
        },
        Step::AboutYou => match p.get("consent").trim() {
            "" => next.set_consent(None),
            "yes" => next.set_consent(Some(true)),
            "no" => next.set_consent(Some(false)),
            _ => errors.push(("consent", InputError::InvalidChoice)),
        },
        Step::YouFirst => {
            let y = &mut next.about_you;
            y.ethnic_category = code(p, "ethnic_category", EthnicCategory::parse, &mut errors);
            y.age_band = code(p, "age_band", AgeBand::parse, &mut errors);
            y.first_language = code(p, "first_language", FirstLanguage::parse, &mut errors);
            y.interpreter_needed = code(p, "interpreter_needed", YesNo::parse, &mut errors);
        }
        Step::YouSecond => {
            let y = &mut next.about_you;
            y.disability = code(p, "disability", YesNo::parse, &mut errors);
            y.sexual_orientation = code(
                p,
                "sexual_orientation",
                SexualOrientation::parse,
                &mut errors,
            );
            y.gender_same_as_birth = code(p, "gender_same_as_birth", YesNo::parse, &mut errors);
            y.religion = code(p, "religion", Religion::parse, &mut errors);
            let chosen = p.all("experiences");
            if chosen.iter().all(|c| Experience::parse(c).is_ok()) {
                y.experiences = Experience::ALL
                    .iter()
                    .filter(|e| chosen.iter().any(|c| c == e.as_str()))
                    .map(|e| e.as_str().to_string())
                    .collect();
            } else {
                errors.push(("experiences", InputError::InvalidChoice));
            }
            applied.locate = apply_postcode(y, p.get("postcode"), &mut errors);
        }
        text => match inputs::free_text(p.get(ANSWER)) {
            Ok(t) => {
                if let Some(slot) = next.text_mut(text) {
                    *slot = t;
                }
            }
            Err(e) => errors.push((ANSWER, e)),
        },
    }
    if errors.is_empty() {
        *answers = next;
        Ok(applied)
    } else {
        Err(errors)
    }
}

/// Cuts a postcode to its district at once; a full postcode is returned to be placed in its
/// area. Re-sending the district already kept keeps the area found before.
fn apply_postcode(
    y: &mut mnvp_domain::capture::AboutYou,
    raw: &str,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        y.postcode_district = None;
        y.lsoa21 = None;
        y.imd_decile = None;
        return None;
    }
    let Ok(district) = postcode_district(raw) else {
        errors.push(("postcode", InputError::PostcodeInvalid));
        return None;
    };
    let full = mnvp_domain::voices::demographics::normalise_postcode(raw);
    if full.is_none() && y.postcode_district.as_deref() == Some(district.as_str()) {
        return None;
    }
    y.postcode_district = Some(district);
    y.lsoa21 = None;
    y.imd_decile = None;
    full
}

/// Clears one page's answers ("Skip this question").
pub fn skip(step: Step, answers: &mut Answers) {
    let empty = Pairs::default();
    // Applying an empty page cannot fail: every question accepts no answer.
    let _ = apply(step, answers, &empty, &[], (9999, 12));
}

#[cfg(test)]
mod tests;
