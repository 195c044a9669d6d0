//! Demo submissions of the public feedback form: answered in several languages, on both the
//! standard and the bereaved route, some with equality-monitoring answers given with consent,
//! so the inbox shows what the form records. Every answer and every person here is invented.

use crate::capture::public::form_item;
use mnvp_domain::capture::{AboutYou, Answers, CareMonth, Journey, UnitAnswer};
use mnvp_store::{Actor, Store, StoreError};

/// (language, route, unit index or None, stages, months ago, rating, what went well, what could
/// be better, monitoring answers: ethnic category, age band, first language, district).
type Sample = (
    &'static str,
    Journey,
    Option<usize>,
    &'static [&'static str],
    u32,
    Option<u8>,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str, &'static str, &'static str)>,
);

const SAMPLES: &[Sample] = &[
    (
        "en",
        Journey::Standard,
        Some(0),
        &["labour_birth"],
        1,
        Some(5),
        "The midwife who delivered our daughter talked me through every contraction.",
        "The triage phone line took forty minutes to answer.",
        Some(("A", "30_34", "en", "RV1")),
    ),
    (
        "pl",
        Journey::Standard,
        Some(0),
        &["antenatal", "labour_birth"],
        2,
        Some(3),
        "Położna na sali porodowej była bardzo spokojna i życzliwa.",
        "Nikt nie wyjaśnił mi, dlaczego poród był wywoływany.",
        Some(("C", "25_29", "pl", "RV2")),
    ),
    (
        "ur",
        Journey::Standard,
        Some(1),
        &["postnatal_hospital"],
        1,
        Some(2),
        "ترجمان کی سہولت بہت مددگار تھی۔",
        "رات کو وارڈ میں بہت شور تھا اور مدد دیر سے آتی تھی۔",
        Some(("J", "20_24", "ur", "RV3")),
    ),
    (
        "bn",
        Journey::Standard,
        Some(0),
        &["postnatal_home"],
        3,
        Some(4),
        "বাড়িতে আসা মিডওয়াইফ খুব যত্নশীল ছিলেন।",
        "খাওয়ানোর বিষয়ে আরও সাহায্য দরকার ছিল।",
        Some(("K", "25_29", "bn", "RV1")),
    ),
    (
        "ro",
        Journey::Standard,
        Some(1),
        &["labour_birth", "postnatal_hospital"],
        2,
        Some(4),
        "Personalul de la centrul de naștere a respectat planul meu de naștere.",
        "Externarea a durat toată ziua.",
        None,
    ),
    (
        "easy",
        Journey::Standard,
        Some(0),
        &["antenatal"],
        4,
        Some(3),
        "The scan staff were kind.",
        "I waited a long time and nobody told me why.",
        Some(("N", "under_20", "en", "RV2")),
    ),
    (
        "en",
        Journey::Standard,
        None,
        &["postnatal_home"],
        5,
        Some(1),
        "",
        "After my section nobody came to check my wound at home for a week. I felt forgotten.",
        None,
    ),
    (
        "en",
        Journey::Bereaved,
        Some(0),
        &[],
        6,
        None,
        "The bereavement suite was quiet and the midwives let us take our time with our son.",
        "A phone call a few weeks later to see how we were coping would have helped.",
        Some(("A", "35_39", "en", "RV1")),
    ),
    (
        "pl",
        Journey::Bereaved,
        Some(1),
        &[],
        8,
        None,
        "Pozwolono nam zrobić zdjęcia i odciski stópek.",
        "Potrzebowaliśmy informacji po polsku o tym, co dalej.",
        None,
    ),
    (
        "en",
        Journey::Standard,
        Some(1),
        &["labour_birth"],
        1,
        Some(5),
        "The birth pool room felt like home.",
        "",
        Some(("D", "30_34", "en", "RV3")),
    ),
];

/// Loads the demo submissions for an MNVP with these units (in the MNVP's unit order).
pub async fn load(store: &Store, mnvp_id: i64, units: &[i64]) -> Result<u64, StoreError> {
    let actor = Actor {
        user_id: None,
        label: "public feedback form".into(),
        ip: String::new(),
    };
    let today = chrono::Utc::now().date_naive();
    let mut n = 0;
    for (i, (lang, journey, unit, stages, months_ago, rating, went_well, better, about)) in
        SAMPLES.iter().enumerate()
    {
        let when = today - chrono::Months::new(*months_ago);
        let (your_care, would_have_helped) = match journey {
            Journey::Bereaved => (went_well.to_string(), better.to_string()),
            Journey::Standard => (String::new(), String::new()),
        };
        let standard = *journey == Journey::Standard;
        let mut answers = Answers {
            journey: Some(*journey),
            unit: unit
                .and_then(|u| units.get(u))
                .map(|id| UnitAnswer::Unit(*id)),
            stages: stages.iter().map(|s| s.to_string()).collect(),
            care_month: Some(CareMonth {
                year: chrono::Datelike::year(&when),
                month: chrono::Datelike::month(&when),
            }),
            rating: *rating,
            went_well: if standard {
                went_well.to_string()
            } else {
                String::new()
            },
            better: if standard {
                better.to_string()
            } else {
                String::new()
            },
            your_care,
            would_have_helped,
            ..Default::default()
        };
        if let Some((ethnic, age, first_language, district)) = about {
            answers.set_consent(Some(true));
            answers.about_you = AboutYou {
                ethnic_category: ethnic.to_string(),
                age_band: age.to_string(),
                first_language: first_language.to_string(),
                postcode_district: Some(district.to_string()),
                ..Default::default()
            };
        }
        let received = (when + chrono::Days::new(3)).min(today);
        let (mut item, details) = form_item(mnvp_id, &answers, units, lang);
        item.received_on = received.format("%Y-%m-%d").to_string();
        let key = format!("demo-form-{mnvp_id}-{i}");
        store
            .insert_form_feedback(&item, &details, &actor, Some(&key))
            .await?;
        n += 1;
    }
    Ok(n)
}
