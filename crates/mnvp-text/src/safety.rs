//! Safeguarding support for MNVP feedback: redaction of personal details, detection of
//! disclosures that need escalation, and signposting to support.
//!
//! Why this exists: NHS England's MNVP guidance (paragraphs 2.5–2.6) asks every MNVP to have
//! a clear, documented escalation process for immediate safeguarding or patient-safety
//! concerns disclosed during engagement, to signpost people to support, and to handle
//! feedback in line with data protection. Feedback arrives as free text in many voices,
//! often misspelt, indirect or in a second language, so the engine favours recall: a missed
//! disclosure can mean a person at risk is not followed up, while a false alarm costs a lead
//! a minute of reading. Everything here is pure text processing (no I/O except the CSV
//! scanner, which is given its reader and writer) so the web app, the CLI and tests share
//! one implementation.
//!
//! Offsets in [`Entity`] and [`Reason`] are byte offsets into the original text, always on
//! UTF-8 character boundaries, so callers can slice the original safely.

mod cues;
mod detect;
mod fuzzy;
mod lexicon;
mod negation;
mod redact;
mod scan_csv;
mod signpost;
mod text;

use serde::{Deserialize, Serialize};

pub use detect::detect;
pub use redact::redact;
pub use scan_csv::{scan_csv, ScanError, ScanSummary};
pub use signpost::signpost_topics;

/// Whether `word` is in the built-in list of common given names that redaction uses
/// (case-insensitive; names that are also ordinary words, such as "Grace", are not).
/// Exposed so evaluations can report how much name recall rests on the list.
pub fn is_common_given_name(word: &str) -> bool {
    redact::is_common_given_name(word)
}

/// Whether `number` is a valid NHS number: ten digits (spaces and dashes ignored) whose
/// last digit is the modulus-11 check digit of the first nine.
pub fn is_valid_nhs_number(number: &str) -> bool {
    let digits: Vec<u8> = number
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'-'))
        .collect();
    redact::is_valid_nhs_number(&digits)
}

/// The kind of personal detail a redacted span held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityKind {
    /// A person's name: staff, patients, babies and relatives.
    Name,
    /// A 10-digit NHS number whose modulus-11 check digit is valid.
    NhsNumber,
    /// A UK telephone number.
    Phone,
    /// An email address.
    Email,
    /// A full UK postcode (outward and inward parts).
    Postcode,
    /// A date given as somebody's date of birth.
    DateOfBirth,
    /// A street address (house or flat number and street).
    Address,
    /// A hospital, patient or medical record number.
    HospitalNumber,
}

impl EntityKind {
    /// Every kind, in reporting order.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Name,
        EntityKind::NhsNumber,
        EntityKind::Phone,
        EntityKind::Email,
        EntityKind::Postcode,
        EntityKind::DateOfBirth,
        EntityKind::Address,
        EntityKind::HospitalNumber,
    ];

    /// The typed placeholder that replaces the detail, so readers still see what kind of
    /// information was there ("Dr [NAME] said…") without seeing the detail itself.
    pub fn placeholder(self) -> &'static str {
        match self {
            EntityKind::Name => "[NAME]",
            EntityKind::NhsNumber => "[NHS NUMBER]",
            EntityKind::Phone => "[PHONE]",
            EntityKind::Email => "[EMAIL]",
            EntityKind::Postcode => "[POSTCODE]",
            EntityKind::DateOfBirth => "[DATE OF BIRTH]",
            EntityKind::Address => "[ADDRESS]",
            EntityKind::HospitalNumber => "[HOSPITAL NUMBER]",
        }
    }

    /// The stable machine name (as serialised), e.g. `NHS_NUMBER`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Name => "NAME",
            EntityKind::NhsNumber => "NHS_NUMBER",
            EntityKind::Phone => "PHONE",
            EntityKind::Email => "EMAIL",
            EntityKind::Postcode => "POSTCODE",
            EntityKind::DateOfBirth => "DATE_OF_BIRTH",
            EntityKind::Address => "ADDRESS",
            EntityKind::HospitalNumber => "HOSPITAL_NUMBER",
        }
    }
}

/// One redacted span of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// What kind of detail was removed.
    pub kind: EntityKind,
    /// Byte offset of the span's start in the original text.
    pub start: usize,
    /// Byte offset one past the span's end in the original text.
    pub end: usize,
}

/// The result of [`redact`]: the text with details replaced, and where they were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redacted {
    /// The text with each detail replaced by its [`EntityKind::placeholder`].
    pub text: String,
    /// The replaced spans, in order, non-overlapping, as offsets into the original text.
    pub spans: Vec<Entity>,
}

/// A kind of disclosure that needs a person to look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Self-harm or suicidal thoughts.
    SelfHarm,
    /// Domestic abuse, violence or coercive control.
    DomesticAbuse,
    /// Risk to a baby or child.
    ChildRisk,
    /// Harm or a near miss in care.
    PatientSafety,
    /// Other immediate concerns: destitution, homelessness, unsafe housing, threats to others.
    OtherRisk,
}

impl Category {
    /// Every category, in reporting order.
    pub const ALL: [Category; 5] = [
        Category::SelfHarm,
        Category::DomesticAbuse,
        Category::ChildRisk,
        Category::PatientSafety,
        Category::OtherRisk,
    ];

    /// The stable machine name (as serialised), e.g. `self_harm`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::SelfHarm => "self_harm",
            Category::DomesticAbuse => "domestic_abuse",
            Category::ChildRisk => "child_risk",
            Category::PatientSafety => "patient_safety",
            Category::OtherRisk => "other_risk",
        }
    }

    /// Parses the machine name produced by [`Category::as_str`].
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Why a text was flagged: the category, the span of the cue and the cue's text, so a lead
/// triaging the queue can see at once what raised the flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The category the cue points to.
    pub category: Category,
    /// Byte offset of the cue's start in the original text.
    pub start: usize,
    /// Byte offset one past the cue's end in the original text.
    pub end: usize,
    /// The words of the original text that matched.
    pub cue: String,
}

/// The result of [`detect`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Detection {
    /// True when at least one category was found.
    pub flagged: bool,
    /// The categories found, in [`Category::ALL`] order, without duplicates.
    pub categories: Vec<Category>,
    /// Every cue that was not negated, in text order.
    pub reasons: Vec<Reason>,
}

/// A kind of support to signpost someone to after they give feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportTopic {
    /// Support after the loss of a baby.
    Bereavement,
    /// Perinatal mental health support.
    PerinatalMentalHealth,
    /// Domestic abuse support.
    DomesticAbuse,
    /// Infant feeding support.
    InfantFeeding,
    /// Support for families with a baby in neonatal care.
    Neonatal,
    /// Urgent crisis support.
    Crisis,
}

impl SupportTopic {
    /// The stable machine name (as serialised), e.g. `perinatal_mental_health`.
    pub fn as_str(self) -> &'static str {
        match self {
            SupportTopic::Bereavement => "bereavement",
            SupportTopic::PerinatalMentalHealth => "perinatal_mental_health",
            SupportTopic::DomesticAbuse => "domestic_abuse",
            SupportTopic::InfantFeeding => "infant_feeding",
            SupportTopic::Neonatal => "neonatal",
            SupportTopic::Crisis => "crisis",
        }
    }
}
