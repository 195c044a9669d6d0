//! Which column of a file holds which field: found by the usual header names for FFT exports
//! and CQC Maternity Survey files, or taken from a mapping the lead saved for anything else.

use super::source::FileProblem;
use mnvp_domain::feedback::Channel;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    Date,
    Rating,
    Unit,
    CareStage,
    Channel,
    Id,
    Question,
    Year,
    QuestionText,
    Section,
    Score,
    Respondents,
    Comparison,
    Organisation,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::Text,
        Field::Date,
        Field::Rating,
        Field::Unit,
        Field::CareStage,
        Field::Channel,
        Field::Id,
        Field::Question,
        Field::Year,
        Field::QuestionText,
        Field::Section,
        Field::Score,
        Field::Respondents,
        Field::Comparison,
        Field::Organisation,
    ];

    pub fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Text => "the comment text",
            Field::Date => "the date",
            Field::Rating => "the rating",
            Field::Unit => "the unit",
            Field::CareStage => "the stage of care",
            Field::Channel => "the channel",
            Field::Id => "a row identifier",
            Field::Question => "the question",
            Field::Year => "the survey year",
            Field::QuestionText => "the question text",
            Field::Section => "the section",
            Field::Score => "the score",
            Field::Respondents => "the number of respondents",
            Field::Comparison => "the comparison with other trusts",
            Field::Organisation => "the trust",
        }
    }
}

/// The columns a lead picked for their own spreadsheet, saved under a name. Each is a header
/// as it appears in the file; only the date is required, and a row needs text or a rating.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedColumns {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub rating: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub care_stage: String,
    /// A column naming each row's channel; when empty every row gets `channel`.
    #[serde(default)]
    pub channel_column: String,
    #[serde(default)]
    pub id: String,
    /// The channel of every row (a code such as `social_media`).
    pub channel: String,
}

impl MappedColumns {
    pub fn default_channel(&self) -> Channel {
        Channel::parse(&self.channel).unwrap_or(Channel::SocialMedia)
    }

    fn pairs(&self) -> Vec<(Field, &str)> {
        [
            (Field::Text, self.text.as_str()),
            (Field::Date, self.date.as_str()),
            (Field::Rating, self.rating.as_str()),
            (Field::Unit, self.unit.as_str()),
            (Field::CareStage, self.care_stage.as_str()),
            (Field::Channel, self.channel_column.as_str()),
            (Field::Id, self.id.as_str()),
        ]
        .into_iter()
        .filter(|(_, h)| !h.trim().is_empty())
        .collect()
    }
}

/// What kind of file is being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Friends and Family Test responses (an NHS England or trust FFT export).
    Fft,
    /// CQC Maternity Survey free-text comments.
    CqcComments,
    /// CQC Maternity Survey trust results (scores per question).
    CqcResults,
    /// Any spreadsheet, through a saved mapping (its name and columns).
    Mapped(String, Box<MappedColumns>),
}

impl Kind {
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Fft => "fft",
            Kind::CqcComments => "cqc_comments",
            Kind::CqcResults => "cqc_results",
            Kind::Mapped(..) => "mapped",
        }
    }

    pub fn label(&self) -> String {
        match self {
            Kind::Fft => "Friends and Family Test responses".into(),
            Kind::CqcComments => "CQC Maternity Survey comments".into(),
            Kind::CqcResults => "CQC Maternity Survey trust results".into(),
            Kind::Mapped(name, _) => format!("Spreadsheet read with the mapping \"{name}\""),
        }
    }

    /// The channel a row lands in unless its own channel column says otherwise.
    pub fn channel(&self) -> Channel {
        match self {
            Kind::Fft => Channel::Fft,
            Kind::CqcComments | Kind::CqcResults => Channel::CqcSurvey,
            Kind::Mapped(_, m) => m.default_channel(),
        }
    }

    /// Whether an unrecognised stage of care is a problem (FFT touchpoints, a column the lead
    /// chose) or simply no stage (CQC sections such as "Staff caring for you").
    pub fn strict_stage(&self) -> bool {
        !matches!(self, Kind::CqcComments | Kind::CqcResults)
    }
}

/// Headers compared without case, spaces or punctuation.
fn norm(h: &str) -> String {
    h.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn aliases(kind: &Kind, field: Field) -> &'static [&'static str] {
    let cqc_comments = matches!(kind, Kind::CqcComments);
    match field {
        Field::Date => &[
            "date",
            "responsedate",
            "dateofresponse",
            "surveydate",
            "datecompleted",
            "completeddate",
            "datereceived",
            "submitted",
        ],
        Field::Rating => &[
            "fftcategoricalanswer",
            "fftrating",
            "rating",
            "fftscore",
            "fftresponse",
            "overallexperience",
            "fftanswercode",
        ],
        Field::Text if cqc_comments => &[
            "comment",
            "comments",
            "freetext",
            "freetextcomment",
            "response",
            "answer",
            "text",
        ],
        Field::Text => &[
            "fftanswer",
            "comment",
            "comments",
            "freetext",
            "freetextcomment",
            "feedback",
            "whatwasgood",
            "fftwhy",
            "why",
            "reason",
            "text",
        ],
        Field::Unit => &[
            "unit",
            "ward",
            "location",
            "site",
            "department",
            "maternityunit",
        ],
        Field::CareStage if cqc_comments => &[
            "section",
            "surveysection",
            "stage",
            "carestage",
            "stageofcare",
        ],
        Field::CareStage => &[
            "carestage",
            "stage",
            "stageofcare",
            "touchpoint",
            "ffttouchpoint",
        ],
        Field::Id if cqc_comments => &[
            "recordnumber",
            "respondentid",
            "respondent",
            "recordid",
            "commentid",
            "id",
        ],
        Field::Id => &[
            "commentid",
            "responseid",
            "rowid",
            "recordid",
            "uniqueid",
            "id",
        ],
        Field::Question if cqc_comments => &["questionnumber", "question", "questiontext"],
        Field::Question => &["fftquestion", "question"],
        Field::Year => &["surveyyear", "year"],
        Field::QuestionText => &["questiontext", "questionwording", "text"],
        Field::Section => &["section", "surveysection"],
        Field::Score => &["score", "trustscore", "scoreoutof10", "trustscoreoutof10"],
        Field::Respondents => &[
            "respondents",
            "numberofrespondents",
            "n",
            "base",
            "responses",
        ],
        Field::Comparison => &[
            "comparison",
            "comparedwithothertrusts",
            "band",
            "englandcomparison",
        ],
        Field::Organisation => &[
            "trust",
            "trustname",
            "organisation",
            "organisationname",
            "provider",
        ],
        Field::Channel => &["channel", "source"],
    }
}

/// The fields a kind of file reads.
fn wanted(kind: &Kind) -> &'static [Field] {
    match kind {
        Kind::Fft => &[
            Field::Date,
            Field::Rating,
            Field::Text,
            Field::Unit,
            Field::CareStage,
            Field::Id,
            Field::Question,
        ],
        Kind::CqcComments => &[
            Field::Text,
            Field::Date,
            Field::Year,
            Field::Unit,
            Field::CareStage,
            Field::Id,
            Field::Question,
        ],
        Kind::CqcResults => &[
            Field::Year,
            Field::Question,
            Field::QuestionText,
            Field::Section,
            Field::Score,
            Field::Respondents,
            Field::Comparison,
            Field::Organisation,
        ],
        Kind::Mapped(..) => &[],
    }
}

/// Each field's column, once the headers are known.
#[derive(Debug, Clone, Default)]
pub struct Columns(Vec<(Field, usize)>);

impl Columns {
    pub fn get(&self, f: Field) -> Option<usize> {
        self.0.iter().find(|(g, _)| *g == f).map(|(_, c)| *c)
    }

    /// Finds every field's column in `headers`, or says which required ones are missing.
    pub fn resolve(kind: &Kind, headers: &[String]) -> Result<Columns, FileProblem> {
        let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
        let mut found = Vec::new();
        let mut missing = Vec::new();
        match kind {
            Kind::Mapped(name, m) => {
                for (field, header) in m.pairs() {
                    match normed.iter().position(|h| *h == norm(header)) {
                        Some(c) => found.push((field, c)),
                        None => missing.push(format!(
                            "{} (the mapping \"{name}\" expects a column called {header:?})",
                            field.label()
                        )),
                    }
                }
                if m.date.trim().is_empty() {
                    missing.push(format!(
                        "{} (the mapping \"{name}\" does not name one)",
                        Field::Date.label()
                    ));
                }
            }
            _ => {
                for &field in wanted(kind) {
                    let col = aliases(kind, field)
                        .iter()
                        .find_map(|a| normed.iter().position(|h| h == a))
                        .filter(|c| !found.iter().any(|(_, d)| d == c));
                    if let Some(c) = col {
                        found.push((field, c));
                    }
                }
            }
        }
        let cols = Columns(found);
        let need = |f: Field| {
            let names: Vec<String> = aliases(kind, f)
                .iter()
                .take(3)
                .map(|a| format!("{a:?}"))
                .collect();
            format!("{} (for example {})", f.label(), names.join(" or "))
        };
        match kind {
            Kind::Fft => {
                if cols.get(Field::Date).is_none() {
                    missing.push(need(Field::Date));
                }
                if cols.get(Field::Rating).is_none() && cols.get(Field::Text).is_none() {
                    missing.push(format!("{} or {}", need(Field::Rating), need(Field::Text)));
                }
            }
            Kind::CqcComments => {
                if cols.get(Field::Text).is_none() {
                    missing.push(need(Field::Text));
                }
                if cols.get(Field::Date).is_none() && cols.get(Field::Year).is_none() {
                    missing.push(format!("{} or {}", need(Field::Year), need(Field::Date)));
                }
            }
            Kind::CqcResults => {
                for f in [Field::Year, Field::Question, Field::Score] {
                    if cols.get(f).is_none() {
                        missing.push(need(f));
                    }
                }
            }
            Kind::Mapped(_, m) => {
                if m.text.trim().is_empty() && m.rating.trim().is_empty() {
                    missing
                        .push("the comment text or the rating (the mapping names neither)".into());
                }
            }
        }
        if missing.is_empty() {
            Ok(cols)
        } else {
            Err(FileProblem::MissingColumns {
                missing,
                found: headers.iter().filter(|h| !h.is_empty()).cloned().collect(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn fft_headers_are_found_by_their_usual_names() {
        let headers = h(&[
            "Comment ID",
            "Date",
            "FFT categorical answer",
            "FFT question",
            "FFT answer",
            "Ward",
        ]);
        let c = Columns::resolve(&Kind::Fft, &headers).unwrap();
        assert_eq!(c.get(Field::Id), Some(0));
        assert_eq!(c.get(Field::Rating), Some(2));
        assert_eq!(c.get(Field::Question), Some(3));
        assert_eq!(c.get(Field::Text), Some(4));
        assert_eq!(c.get(Field::Unit), Some(5));
    }

    #[test]
    fn missing_columns_are_named_with_what_is_there() {
        let err = Columns::resolve(&Kind::Fft, &h(&["When", "Stars"])).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("no column for the date"), "{msg}");
        assert!(
            msg.contains("the rating") && msg.contains("the comment text"),
            "{msg}"
        );
        assert!(msg.contains("\"When\", \"Stars\""), "{msg}");
        let m = MappedColumns {
            text: "Post".into(),
            date: "Posted on".into(),
            channel: "social_media".into(),
            ..Default::default()
        };
        let err = Columns::resolve(
            &Kind::Mapped("Facebook".into(), Box::new(m)),
            &h(&["Post", "Date"]),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("expects a column called \"Posted on\""),
            "{err}"
        );
    }
}
