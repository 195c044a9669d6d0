//! The optional equality-monitoring questions every channel may ask (public form, Walk the
//! Patch, surveys), with "prefer not to say" on each. Every answer is optional; nothing here is
//! stored unless the person agreed to it (see [`Demographics::consented`]).
//!
//! Ethnic group uses the NHS Data Dictionary ethnic category codes (A–S, Z) so that figures
//! line up with maternity statistics, presented under the 2021 census headings (which is why
//! Chinese, code R, sits under "Asian or Asian British").
//!
//! The home postcode is never kept: only its district (outward code) and, when the reference
//! data is loaded, its 2021 LSOA and deprivation decile.

use crate::ParseError;
use serde::Serialize;

/// Code stored for "prefer not to say" in every question.
pub const PREFER_NOT_TO_SAY: &str = "prefer_not";

vocabulary!(
    /// NHS Data Dictionary ethnic category (2001 census codes), with "prefer not to say" as Z.
    EthnicCategory, "an ethnic group" {
        WhiteBritish => ("A", "English, Welsh, Scottish, Northern Irish or British"),
        WhiteIrish => ("B", "Irish"),
        WhiteOther => ("C", "Any other White background (including Gypsy, Irish Traveller or Roma)"),
        MixedWhiteBlackCaribbean => ("D", "White and Black Caribbean"),
        MixedWhiteBlackAfrican => ("E", "White and Black African"),
        MixedWhiteAsian => ("F", "White and Asian"),
        MixedOther => ("G", "Any other Mixed or multiple ethnic background"),
        Indian => ("H", "Indian"),
        Pakistani => ("J", "Pakistani"),
        Bangladeshi => ("K", "Bangladeshi"),
        AsianOther => ("L", "Any other Asian background"),
        Caribbean => ("M", "Caribbean"),
        African => ("N", "African"),
        BlackOther => ("P", "Any other Black, Black British or Caribbean background"),
        Chinese => ("R", "Chinese"),
        Other => ("S", "Any other ethnic group (including Arab)"),
        NotStated => ("Z", "Prefer not to say"),
    }
);

vocabulary!(
    /// The 2021 census headings under which the ethnic categories are shown and compared.
    EthnicGroup, "an ethnic group" {
        Asian => ("asian", "Asian or Asian British"),
        Black => ("black", "Black, Black British, Caribbean or African"),
        Mixed => ("mixed", "Mixed or multiple ethnic groups"),
        White => ("white", "White"),
        Other => ("other", "Other ethnic group"),
        NotStated => ("not_stated", "Prefer not to say"),
    }
);

impl EthnicCategory {
    /// The 2021 census heading this category is shown under.
    pub fn group(self) -> EthnicGroup {
        use EthnicCategory as C;
        match self {
            C::WhiteBritish | C::WhiteIrish | C::WhiteOther => EthnicGroup::White,
            C::MixedWhiteBlackCaribbean
            | C::MixedWhiteBlackAfrican
            | C::MixedWhiteAsian
            | C::MixedOther => EthnicGroup::Mixed,
            C::Indian | C::Pakistani | C::Bangladeshi | C::AsianOther | C::Chinese => {
                EthnicGroup::Asian
            }
            C::Caribbean | C::African | C::BlackOther => EthnicGroup::Black,
            C::Other => EthnicGroup::Other,
            C::NotStated => EthnicGroup::NotStated,
        }
    }
}

vocabulary!(
    /// Age at the birth (or at the time of care), in the bands NHS maternity statistics publish.
    AgeBand, "an age group" {
        Under20 => ("under_20", "Under 20"),
        From20To24 => ("20_24", "20 to 24"),
        From25To29 => ("25_29", "25 to 29"),
        From30To34 => ("30_34", "30 to 34"),
        From35To39 => ("35_39", "35 to 39"),
        From40To44 => ("40_44", "40 to 44"),
        From45 => ("45_plus", "45 or over"),
        PreferNot => ("prefer_not", "Prefer not to say"),
    }
);

vocabulary!(
    /// First language: English or the languages most often needed in English maternity units.
    FirstLanguage, "a first language" {
        English => ("en", "English"),
        Arabic => ("ar", "Arabic"),
        Bengali => ("bn", "Bengali"),
        Chinese => ("zh", "Chinese (Mandarin or Cantonese)"),
        Farsi => ("fa", "Farsi or Dari"),
        French => ("fr", "French"),
        Gujarati => ("gu", "Gujarati"),
        Kurdish => ("ku", "Kurdish"),
        Lithuanian => ("lt", "Lithuanian"),
        Pashto => ("ps", "Pashto"),
        Polish => ("pl", "Polish"),
        Portuguese => ("pt", "Portuguese"),
        Punjabi => ("pa", "Punjabi"),
        Romanian => ("ro", "Romanian"),
        Somali => ("so", "Somali"),
        Spanish => ("es", "Spanish"),
        Tamil => ("ta", "Tamil"),
        Tigrinya => ("ti", "Tigrinya"),
        Turkish => ("tr", "Turkish"),
        Ukrainian => ("uk", "Ukrainian"),
        Urdu => ("ur", "Urdu"),
        Other => ("other", "Another language"),
        Bsl => ("bsl", "British Sign Language"),
        PreferNot => ("prefer_not", "Prefer not to say"),
    }
);

vocabulary!(
    /// A yes / no / prefer-not answer (interpreter needed, disability, gender identity).
    YesNo, "an answer" {
        Yes => ("yes", "Yes"),
        No => ("no", "No"),
        PreferNot => ("prefer_not", "Prefer not to say"),
    }
);

vocabulary!(
    /// Sexual orientation, in the 2021 census wording.
    SexualOrientation, "a sexual orientation" {
        Straight => ("straight", "Straight or heterosexual"),
        GayLesbian => ("gay_lesbian", "Gay or lesbian"),
        Bisexual => ("bisexual", "Bisexual"),
        Other => ("other", "Another sexual orientation"),
        PreferNot => ("prefer_not", "Prefer not to say"),
    }
);

vocabulary!(
    /// Religion, in the 2021 census wording.
    Religion, "a religion" {
        None => ("none", "No religion"),
        Christian => ("christian", "Christian"),
        Buddhist => ("buddhist", "Buddhist"),
        Hindu => ("hindu", "Hindu"),
        Jewish => ("jewish", "Jewish"),
        Muslim => ("muslim", "Muslim"),
        Sikh => ("sikh", "Sikh"),
        Other => ("other", "Another religion"),
        PreferNot => ("prefer_not", "Prefer not to say"),
    }
);

vocabulary!(
    /// What kind of care the experience was; a family may have more than one (a baby on the
    /// neonatal unit who died). Tracked so the neonatal and bereaved voices stay visible.
    Experience, "a type of experience" {
        Maternity => ("maternity", "Maternity care (pregnancy, birth, after the birth)"),
        Neonatal => ("neonatal", "Neonatal care (a baby on a neonatal unit)"),
        Bereavement => ("bereavement", "Loss of a baby or pregnancy"),
    }
);

/// The first part of a UK postcode ("NR1 3SR" → "NR1"): coarse enough to keep, fine enough to
/// show geographic coverage. Refuses anything that is not a full or partial UK postcode.
pub fn postcode_district(raw: &str) -> Result<String, ParseError> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let bad = || ParseError::new("Enter a real postcode, like NR1 3SR, or leave it blank");
    if compact.len() < 2 || compact.len() > 7 || !compact.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(bad());
    }
    // A full postcode ends in digit + two letters; the outward code is what precedes that.
    let outward = if compact.len() >= 5 && is_inward(&compact[compact.len() - 3..]) {
        &compact[..compact.len() - 3]
    } else {
        &compact[..]
    };
    if !is_outward(outward) {
        return Err(bad());
    }
    Ok(outward.to_string())
}

/// A full postcode in the ONS directory's spacing-free, upper-case form, for reference lookups.
pub fn normalise_postcode(raw: &str) -> Option<String> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    (compact.len() >= 5
        && compact.len() <= 7
        && is_inward(&compact[compact.len() - 3..])
        && is_outward(&compact[..compact.len() - 3]))
    .then_some(compact)
}

fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_alphabetic()
}

/// Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) || b.len() <= letters {
        return false;
    }
    let rest = &b[letters..];
    match rest {
        [d] => d.is_ascii_digit(),
        [d, e] => d.is_ascii_digit() && e.is_ascii_alphanumeric(),
        _ => false,
    }
}

/// One person's answers, every one optional. `None` means the question was skipped;
/// "prefer not to say" is an answer and is kept as one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Demographics {
    pub ethnic_category: Option<EthnicCategory>,
    pub age_band: Option<AgeBand>,
    pub first_language: Option<FirstLanguage>,
    pub interpreter_needed: Option<YesNo>,
    pub disability: Option<YesNo>,
    pub sexual_orientation: Option<SexualOrientation>,
    /// "Is your gender identity the same as the sex you were registered at birth?"
    pub gender_same_as_birth: Option<YesNo>,
    pub religion: Option<Religion>,
    pub experiences: Vec<Experience>,
    /// Outward code of the home postcode, never the full postcode.
    pub postcode_district: Option<String>,
    /// 2021 Lower layer Super Output Area, when the reference data could place the postcode.
    pub lsoa21: Option<String>,
    /// Index of Multiple Deprivation decile of that LSOA (1 = most deprived 10%).
    pub imd_decile: Option<i32>,
    /// The person agreed to these answers being kept, under the privacy notice of this version.
    pub consented: bool,
    pub consent_version: String,
}

/// The version of the explanation people read before answering; stored with each consent so
/// that a later change of wording does not rewrite what earlier people agreed to.
pub const CONSENT_VERSION: &str = "2026-12";

/// The raw answers as a form or an import gives them (codes; empty = skipped).
#[derive(Debug, Clone, Default)]
pub struct RawDemographics<'a> {
    pub ethnic_category: &'a str,
    pub age_band: &'a str,
    pub first_language: &'a str,
    pub interpreter_needed: &'a str,
    pub disability: &'a str,
    pub sexual_orientation: &'a str,
    pub gender_same_as_birth: &'a str,
    pub religion: &'a str,
    pub experiences: &'a [&'a str],
    pub postcode: &'a str,
    pub consented: bool,
}

/// The field names used by forms and imports, in page order (for error summaries).
pub const FIELDS: &[&str] = &[
    "ethnic_category",
    "age_band",
    "first_language",
    "interpreter_needed",
    "disability",
    "sexual_orientation",
    "gender_same_as_birth",
    "religion",
    "experiences",
    "postcode",
];

fn optional<T>(
    raw: &str,
    field: &'static str,
    parse: fn(&str) -> Result<T, ParseError>,
    errors: &mut Vec<(&'static str, ParseError)>,
) -> Option<T> {
    if raw.trim().is_empty() {
        return None;
    }
    match parse(raw) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push((field, e));
            None
        }
    }
}

impl Demographics {
    /// Parses every answer, collecting one error per bad field (field name, message) so a form
    /// can show them all at once. Answers without consent are refused as a whole: the caller
    /// must not store them.
    pub fn parse(
        raw: &RawDemographics<'_>,
    ) -> Result<Demographics, Vec<(&'static str, ParseError)>> {
        let mut errors = Vec::new();
        let mut d = Demographics {
            ethnic_category: optional(
                raw.ethnic_category,
                "ethnic_category",
                EthnicCategory::parse,
                &mut errors,
            ),
            age_band: optional(raw.age_band, "age_band", AgeBand::parse, &mut errors),
            first_language: optional(
                raw.first_language,
                "first_language",
                FirstLanguage::parse,
                &mut errors,
            ),
            interpreter_needed: optional(
                raw.interpreter_needed,
                "interpreter_needed",
                YesNo::parse,
                &mut errors,
            ),
            disability: optional(raw.disability, "disability", YesNo::parse, &mut errors),
            sexual_orientation: optional(
                raw.sexual_orientation,
                "sexual_orientation",
                SexualOrientation::parse,
                &mut errors,
            ),
            gender_same_as_birth: optional(
                raw.gender_same_as_birth,
                "gender_same_as_birth",
                YesNo::parse,
                &mut errors,
            ),
            religion: optional(raw.religion, "religion", Religion::parse, &mut errors),
            experiences: Vec::new(),
            postcode_district: optional(raw.postcode, "postcode", postcode_district, &mut errors),
            lsoa21: None,
            imd_decile: None,
            consented: raw.consented,
            consent_version: CONSENT_VERSION.to_string(),
        };
        for code in raw.experiences.iter().filter(|c| !c.trim().is_empty()) {
            match Experience::parse(code) {
                Ok(e) if !d.experiences.contains(&e) => d.experiences.push(e),
                Ok(_) => {}
                Err(e) => {
                    errors.push(("experiences", e));
                    break;
                }
            }
        }
        d.experiences
            .sort_by_key(|e| Experience::ALL.iter().position(|x| x == e));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(d)
    }

    /// Whether any question was answered (an all-skipped page stores nothing).
    pub fn is_empty(&self) -> bool {
        self.ethnic_category.is_none()
            && self.age_band.is_none()
            && self.first_language.is_none()
            && self.interpreter_needed.is_none()
            && self.disability.is_none()
            && self.sexual_orientation.is_none()
            && self.gender_same_as_birth.is_none()
            && self.religion.is_none()
            && self.experiences.is_empty()
            && self.postcode_district.is_none()
    }

    /// The experiences as stored: codes joined by `;` in a fixed order ("maternity;neonatal").
    pub fn experiences_code(&self) -> String {
        self.experiences
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_category_has_a_2021_heading_and_chinese_is_asian() {
        assert_eq!(EthnicCategory::Chinese.group(), EthnicGroup::Asian);
        assert_eq!(EthnicCategory::African.group(), EthnicGroup::Black);
        assert_eq!(EthnicCategory::NotStated.group(), EthnicGroup::NotStated);
        for c in EthnicCategory::ALL {
            assert!(EthnicGroup::ALL.contains(&c.group()));
        }
    }

    #[test]
    fn every_question_offers_prefer_not_to_say() {
        assert_eq!(AgeBand::PreferNot.as_str(), PREFER_NOT_TO_SAY);
        assert_eq!(FirstLanguage::PreferNot.as_str(), PREFER_NOT_TO_SAY);
        assert_eq!(YesNo::PreferNot.as_str(), PREFER_NOT_TO_SAY);
        assert_eq!(SexualOrientation::PreferNot.as_str(), PREFER_NOT_TO_SAY);
        assert_eq!(Religion::PreferNot.as_str(), PREFER_NOT_TO_SAY);
        assert_eq!(EthnicCategory::NotStated.label(), "Prefer not to say");
    }

    #[test]
    fn postcodes_are_cut_to_their_district() {
        assert_eq!(postcode_district("nr1 3sr").unwrap(), "NR1");
        assert_eq!(postcode_district("SW1A1AA").unwrap(), "SW1A");
        assert_eq!(postcode_district("M1 1AE").unwrap(), "M1");
        assert_eq!(postcode_district("B33 8TH").unwrap(), "B33");
        assert_eq!(postcode_district("CR2 6XH").unwrap(), "CR2");
        assert_eq!(postcode_district("NR1").unwrap(), "NR1");
        for bad in ["", "hello", "12345", "NR1 3S", "N", "NR1-3SR", "ABC1 2DE"] {
            assert!(postcode_district(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(normalise_postcode("nr1 3sr").as_deref(), Some("NR13SR"));
        assert_eq!(normalise_postcode("NR1"), None);
    }

    #[test]
    fn answers_parse_with_every_error_reported() {
        let experiences = ["neonatal", "maternity", "neonatal"];
        let ok = Demographics::parse(&RawDemographics {
            ethnic_category: "N",
            age_band: "25_29",
            experiences: &experiences,
            postcode: "NR1 3SR",
            consented: true,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.ethnic_category, Some(EthnicCategory::African));
        assert_eq!(ok.experiences_code(), "maternity;neonatal");
        assert_eq!(ok.postcode_district.as_deref(), Some("NR1"));
        assert!(!ok.is_empty());

        let errs = Demographics::parse(&RawDemographics {
            ethnic_category: "Q",
            age_band: "old",
            postcode: "nowhere",
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<_> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["ethnic_category", "age_band", "postcode"]);
        assert_eq!(errs[0].1 .0, "Select an ethnic group");

        assert!(Demographics::parse(&RawDemographics::default())
            .unwrap()
            .is_empty());
    }

    proptest! {
        /// A district is always a prefix of the postcode it came from and never the whole
        /// postcode, whatever the spacing and case.
        #[test]
        fn district_never_keeps_the_inward_code(
            area in "[A-Z]{1,2}", district in "[0-9]{1,2}", sector in "[0-9]", unit in "[A-Z]{2}", lower in any::<bool>(), spaced in any::<bool>()
        ) {
            let full = format!("{area}{district}{}{sector}{unit}", if spaced { " " } else { "" });
            let input = if lower { full.to_lowercase() } else { full };
            let got = postcode_district(&input).unwrap();
            prop_assert_eq!(got, format!("{area}{district}"));
        }
    }
}
