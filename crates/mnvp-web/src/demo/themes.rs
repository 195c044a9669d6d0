//! Demo thematic analysis: the default codebook for each demo MNVP, a few hundred items coded
//! by two fictional coders (the Riverside lead and a volunteer) who disagree now and then, a
//! few disagreements already resolved, and a trained model with its suggestions, so that the
//! coding screen, agreement, model and trend pages show something real for every role.

use super::theme_comments;
use crate::themes::{engine, worker};
use mnvp_domain::themes::builtin;
use mnvp_store::feedback::FeedbackFilter;
use mnvp_store::themes::{NewCoding, Theme};
use mnvp_store::{Actor, Store, StoreError};
use mnvp_text::themes::ThemeModel;
use std::collections::HashMap;

/// How the MNVP Hub team coded each demo comment: (start of the comment, themes).
const CODES: &[(&str, &[&str])] = &[
    (
        "My community midwife was brilliant",
        &["Kindness and compassion", "Antenatal care"],
    ),
    ("I saw a different midwife", &["Continuity of carer"]),
    ("The scan department", &["Antenatal care", "Waiting times"]),
    (
        "When I said I was worried about reduced",
        &["Concerns dismissed", "Safety concerns"],
    ),
    (
        "Antenatal classes",
        &["Antenatal care", "Infant feeding support"],
    ),
    (
        "Nobody explained why I needed an induction",
        &[
            "Induction",
            "Information and explanations",
            "Choice and consent",
        ],
    ),
    (
        "The interpreter",
        &["Language and interpreting", "Antenatal care"],
    ),
    (
        "Midwife Sarah",
        &["Kindness and compassion", "Labour and birth"],
    ),
    (
        "I asked for pain relief",
        &["Pain relief", "Concerns dismissed"],
    ),
    (
        "The birth centre pool",
        &[
            "Labour and birth",
            "Choice and consent",
            "Environment and facilities",
        ],
    ),
    (
        "The induction took three days",
        &["Induction", "Staff too busy"],
    ),
    ("My partner was sent home", &["Partners staying overnight"]),
    (
        "Everything was explained before the caesarean",
        &[
            "Information and explanations",
            "Caesarean birth",
            "Kindness and compassion",
        ],
    ),
    (
        "I did not feel listened to",
        &["Concerns dismissed", "Safety concerns"],
    ),
    (
        "The postnatal ward was noisy",
        &[
            "Care on the postnatal ward",
            "Environment and facilities",
            "Infant feeding support",
        ],
    ),
    (
        "The infant feeding team",
        &["Infant feeding support", "Kindness and compassion"],
    ),
    (
        "I waited eight hours to be discharged",
        &["Discharge delays", "Information and explanations"],
    ),
    ("The food was cold", &["Food"]),
    (
        "The healthcare assistants",
        &["Kindness and compassion", "Care on the postnatal ward"],
    ),
    (
        "My partner could not stay",
        &[
            "Partners staying overnight",
            "Care on the postnatal ward",
            "Caesarean birth",
        ],
    ),
    (
        "The health visitor checked on my mood",
        &["Mental health", "Community midwife and health visitor"],
    ),
    (
        "The discharge letter said",
        &["Community midwife and health visitor"],
    ),
    (
        "Support with feeding at home",
        &["Infant feeding support", "Discharge and care at home"],
    ),
    ("The perinatal mental health team", &["Mental health"]),
    (
        "The bereavement midwife",
        &["Bereavement care", "Kindness and compassion"],
    ),
    (
        "We were put in a room where we could hear",
        &["Bereavement care", "Environment and facilities"],
    ),
    (
        "The neonatal nurses explained",
        &[
            "Parents as partners in care",
            "Information and explanations",
        ],
    ),
    (
        "There was nowhere for parents to sleep",
        &["Facilities for parents"],
    ),
    (
        "Being included in ward rounds",
        &["Parents as partners in care"],
    ),
    (
        "Support with expressing milk",
        &["Infant feeding support", "Facilities for parents"],
    ),
    (
        "We were told about the transfer",
        &["Transfers between units", "Information and explanations"],
    ),
    ("The family room and kitchen", &["Facilities for parents"]),
    (
        "Different doctors told us",
        &["Conflicting information", "Neonatal unit care"],
    ),
    (
        "The unit's chaplain",
        &["Bereavement care", "Neonatal unit care"],
    ),
];

/// Sentiment 1 (very positive) … 5 (very negative) from a 1–5 star rating.
fn sentiment_from_rating(rating: Option<i32>) -> Option<u8> {
    rating.and_then(|r| u8::try_from(6 - r.clamp(1, 5)).ok())
}

/// The team's coding of a comment: the generated comments' own coding, the table above, or
/// (for a comment neither knows) the themes the default codebook's indicative phrases find.
fn code(text: &str, themes: &[Theme], phrases: &ThemeModel, generated: &Known) -> Vec<i64> {
    let id_of = |name: &str| themes.iter().find(|t| t.name == name).map(|t| t.id);
    if let Some((names, _)) = generated.get(text) {
        return names.iter().filter_map(|n| id_of(n)).collect();
    }
    match CODES.iter().find(|(start, _)| text.starts_with(start)) {
        Some((_, names)) => names.iter().filter_map(|n| id_of(n)).collect(),
        None => phrases
            .predict(text)
            .themes
            .iter()
            .take(3)
            .filter_map(|(n, _)| id_of(n))
            .collect(),
    }
}

/// The second coder sees some items differently: now and then a theme fewer, an extra theme
/// or a sentiment one step off.
fn second_opinion(
    k: usize,
    themes: &[i64],
    sentiment: Option<u8>,
    extra: i64,
) -> (Vec<i64>, Option<u8>) {
    let mut t = themes.to_vec();
    let mut s = sentiment;
    match k % 7 {
        3 if t.len() > 1 => {
            t.pop();
        }
        5 if !t.contains(&extra) => t.push(extra),
        _ => {}
    }
    if k % 11 == 4 {
        s = s.map(|v| {
            if v < 3 {
                v + 1
            } else if v > 3 {
                v - 1
            } else {
                2
            }
        });
    }
    (t, s)
}

/// Generated comments by text: their themes and sentiment.
type Known = HashMap<String, (Vec<&'static str>, u8)>;

async fn user_id(store: &Store, email: &str) -> Result<i64, StoreError> {
    Ok(store
        .user_by_email(email)
        .await?
        .ok_or(StoreError::NotFound)?
        .id)
}

/// Loads the demo's thematic analysis for one MNVP: `extra` more varied comments, `coders`
/// coding `(from, to)` ranges of its items (oldest first), and the lead resolving the first
/// `resolve` disagreements.
async fn load_mnvp(
    store: &Store,
    slug: &str,
    extra: usize,
    coders: &[(&str, usize, usize)],
    resolve: usize,
) -> Result<i64, StoreError> {
    let a = Actor::system();
    let mnvp = store.org_by_slug(slug).await?;
    let units: Vec<i64> = store
        .mnvp_units(mnvp.id)
        .await?
        .iter()
        .map(|u| u.id)
        .collect();
    let neonatal = slug != "demo";
    let generated = theme_comments::generate(mnvp.id, &units, neonatal, extra);
    let known: Known = generated
        .iter()
        .filter_map(|g| Some((g.item.body.clone()?, (g.themes.clone(), g.sentiment))))
        .collect();
    let items: Vec<_> = generated.into_iter().map(|g| g.item).collect();
    store
        .insert_feedback_batch(&items, &a, "demo data (themes)")
        .await?;
    let codebook = store
        .create_codebook(Some(mnvp.id), &builtin::maternity_neonatal(), "default", &a)
        .await?;
    let themes = store.codebook_themes(codebook).await?;
    let phrases = ThemeModel::from_indicative_phrases(&mnvp_text::themes::Codebook {
        themes: themes
            .iter()
            .map(|t| mnvp_text::themes::Theme {
                name: t.name.clone(),
                phrases: t.phrase_list(),
            })
            .collect(),
    })
    .map_err(|e| StoreError::Other(e.to_string()))?;
    let extra = themes
        .iter()
        .find(|t| t.name == "Staffing and waiting")
        .map_or(0, |t| t.id);
    let filter = FeedbackFilter {
        mnvp_ids: Some(vec![mnvp.id]),
        ..Default::default()
    };
    let (mut items, _) = store.list_feedback(&filter, 10_000, 0).await?;
    items.reverse(); // oldest first
    let mut codings = Vec::new();
    let mut disputed = Vec::new();
    for (c, (email, from, to)) in coders.iter().enumerate() {
        let coder = user_id(store, email).await?;
        if c > 0 {
            store.set_codebook_coders(codebook, &[coder], &a).await?;
        }
        for (k, item) in items.iter().enumerate().take(*to).skip(*from) {
            let original = match item.body.as_ref() {
                Some(sealed) => store.reveal(sealed)?,
                None => String::new(),
            };
            let text = original.as_str();
            let agreed = code(text, &themes, &phrases, &known);
            if agreed.is_empty() {
                continue;
            }
            let sentiment = match known.get(text) {
                Some((_, s)) => Some(*s),
                None => sentiment_from_rating(item.rating),
            };
            let (themes, sentiment) = if c == 0 {
                (agreed, sentiment)
            } else {
                let second = second_opinion(k, &agreed, sentiment, extra);
                if second != (agreed.clone(), sentiment) && k >= coders[0].1 && k < coders[0].2 {
                    disputed.push((item.id, agreed, sentiment));
                }
                second
            };
            codings.push(NewCoding {
                feedback_id: item.id,
                coder_id: coder,
                gold: false,
                themes,
                sentiment,
                note: String::new(),
            });
        }
    }
    let lead = user_id(store, coders[0].0).await?;
    for (feedback_id, themes, sentiment) in disputed.into_iter().take(resolve) {
        codings.push(NewCoding {
            feedback_id,
            coder_id: lead,
            gold: true,
            themes,
            sentiment,
            note: "Agreed at the coding review meeting".into(),
        });
    }
    store
        .save_codings_batch(codebook, &codings, &a, "demo data")
        .await?;
    Ok(codebook)
}

/// Codebooks, coding and trained models for the demo MNVPs; returns how many comments it
/// added to the demo's feedback.
pub async fn load(store: &Store) -> Result<u64, StoreError> {
    let riverside = load_mnvp(
        store,
        "demo",
        RIVERSIDE_EXTRA as usize,
        &[
            ("lead@demo.mnvp.example", 0, 260),
            ("volunteer@demo.mnvp.example", 180, 400),
        ],
        4,
    )
    .await?;
    let downs = load_mnvp(
        store,
        "downs-valley",
        DOWNS_EXTRA as usize,
        &[("lead@downs-valley.mnvp.example", 0, 90)],
        0,
    )
    .await?;
    let jobs = worker::Jobs::default();
    for codebook in [riverside, downs] {
        worker::refresh(store, &jobs, codebook, engine::MIN_TRAINING_ITEMS, true).await?;
    }
    Ok(RIVERSIDE_EXTRA + DOWNS_EXTRA)
}

const RIVERSIDE_EXTRA: u64 = 200;
const DOWNS_EXTRA: u64 = 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_coded_theme_is_in_the_default_codebook() {
        let names: Vec<String> = builtin::maternity_neonatal()
            .themes
            .into_iter()
            .map(|t| t.name)
            .collect();
        for (_, themes) in CODES {
            for t in *themes {
                assert!(
                    names.iter().any(|n| n == t),
                    "{t} is not in the default codebook"
                );
            }
        }
        assert_eq!(sentiment_from_rating(Some(5)), Some(1));
        assert_eq!(sentiment_from_rating(Some(1)), Some(5));
    }
}
