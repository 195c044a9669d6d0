//! Fictional surveys and imports for the demo: an open survey with answers, a closed one, a
//! draft, a saved column mapping, an imported FFT month and CQC results. Every answer and
//! comment is invented.

use crate::capture::survey::public::new_response;
use mnvp_domain::capture::survey::{
    Answers, Choice, Condition, Question, QuestionKind, Scale, SurveyDefinition,
};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_store::capture::imports::{ImportChunk, NewCqcResult, NewImportBatch};
use mnvp_store::capture::surveys::{NewSurvey, SurveyStatus};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::{Actor, Store, StoreError};

fn q(id: &str, text: &str, kind: QuestionKind) -> Question {
    Question {
        id: id.into(),
        text: text.into(),
        hint: String::new(),
        kind,
        options: Vec::new(),
        scale: (kind == QuestionKind::Rating).then(Scale::default),
        required: false,
        show_if: None,
    }
}

fn options(labels: &[&str]) -> Vec<Choice> {
    labels
        .iter()
        .map(|l| Choice {
            code: mnvp_domain::capture::survey::code_for(l, &[]),
            label: l.to_string(),
        })
        .collect()
}

fn feeding_survey() -> SurveyDefinition {
    SurveyDefinition {
        description: "Riverside MNVP wants to know how families were helped to feed their babies, so we can work with the infant feeding team on what needs to change.".into(),
        one_per_page: true,
        questions: vec![
            Question {
                options: options(&["Breastfeeding", "Formula feeding", "Both", "Prefer not to say"]),
                hint: "Choose all that apply".into(),
                ..q("how", "How have you fed your baby?", QuestionKind::MultipleChoice)
            },
            Question { required: true, ..q("help", "Did you get help with feeding while in hospital?", QuestionKind::YesNo) },
            Question {
                show_if: Some(Condition { question: "help".into(), answer: "yes".into() }),
                ..q("helpful", "How helpful was that support?", QuestionKind::Rating)
            },
            Question {
                options: options(&["Antenatal class", "Midwife", "Infant feeding team", "Peer supporter", "Online"]),
                ..q("where", "Where did the most useful help come from?", QuestionKind::SingleChoice)
            },
            Question {
                hint: "Please do not include names or contact details".into(),
                ..q("better", "What would have made feeding easier?", QuestionKind::FreeText)
            },
        ],
    }
}

const WORDS: &[&str] = &[
    "Someone to sit with me at night on the ward when the baby would not latch.",
    "Clearer advice: every midwife told me something different about formula top-ups.",
    "The peer supporter who came on day two made all the difference.",
    "A private space to express milk near the neonatal unit.",
    "Being told it is OK to stop breastfeeding without feeling judged.",
    "More help after we got home; the phone line was always busy.",
];

/// Loads the demo surveys and imports into the Riverside MNVP.
pub async fn load(store: &Store, mnvp_id: i64, units: &[i64]) -> Result<(), StoreError> {
    let a = Actor::system();
    let open = NewSurvey {
        mnvp_id,
        slug: "feeding-support".into(),
        title: "Help with feeding your baby".into(),
        definition: feeding_survey(),
        opens_on: Some("2026-01-01".into()),
        closes_on: None,
        unit_id: units.first().copied(),
        care_stage: Some(CareStage::PostnatalHospital),
    };
    let id = store.create_survey(&open, None, &a).await?;
    store.set_survey_status(id, SurveyStatus::Live, &a).await?;
    let survey = store.get_survey(id).await?;
    let feeds = ["breastfeeding", "formula-feeding", "both"];
    let wheres = [
        "antenatal-class",
        "midwife",
        "infant-feeding-team",
        "peer-supporter",
        "online",
    ];
    for n in 0..24usize {
        let mut answers = Answers::new();
        answers.insert("how".into(), vec![feeds[n % 3].into()]);
        let helped = n % 4 != 0;
        answers.insert(
            "help".into(),
            vec![if helped { "yes" } else { "no" }.into()],
        );
        if helped {
            answers.insert("helpful".into(), vec![(n % 5 + 1).to_string()]);
        }
        answers.insert("where".into(), vec![wheres[(n * 7) % 5].into()]);
        if n % 4 == 1 {
            answers.insert("better".into(), vec![WORDS[(n / 4) % WORDS.len()].into()]);
        }
        let response = new_response(&survey, &answers, format!("demo-feeding-{n}"), None);
        store.submit_survey_response(&response, &a).await?;
    }
    let closed = NewSurvey {
        slug: "visiting-2025".into(),
        title: "Visiting on the postnatal ward (2025)".into(),
        opens_on: Some("2025-06-01".into()),
        closes_on: Some("2025-08-31".into()),
        definition: SurveyDefinition {
            description: "Closed: thank you to everyone who answered.".into(),
            one_per_page: false,
            questions: vec![
                Question {
                    ..q(
                        "partner",
                        "Could your birth partner stay with you?",
                        QuestionKind::YesNo,
                    )
                },
                q("when", "When did your baby arrive?", QuestionKind::Date),
            ],
        },
        ..open.clone()
    };
    let closed_id = store.create_survey(&closed, None, &a).await?;
    store
        .set_survey_status(closed_id, SurveyStatus::Closed, &a)
        .await?;
    let draft = NewSurvey {
        slug: "neonatal-parents".into(),
        title: "Being a parent on the neonatal unit".into(),
        definition: SurveyDefinition {
            questions: vec![q(
                "words",
                "What helped you feel like a parent?",
                QuestionKind::FreeText,
            )],
            ..Default::default()
        },
        opens_on: None,
        care_stage: Some(CareStage::NeonatalUnit),
        ..open
    };
    store.create_survey(&draft, None, &a).await?;

    store
        .save_mapping(
            mnvp_id,
            "Facebook insights export",
            r#"{"text":"Message","date":"Posted","channel":"social_media"}"#,
            &a,
        )
        .await?;
    import_fft(store, mnvp_id, units).await?;
    let result = |q: &str, text: &str, section: &str, stage, score| NewCqcResult {
        survey_year: 2024,
        organisation: "Riverside University Hospitals NHS Foundation Trust".into(),
        question: q.into(),
        question_text: text.into(),
        section: section.into(),
        care_stage: Some(stage),
        score: Some(score),
        respondents: Some(212),
        comparison: "About the same".into(),
    };
    let results = vec![
        result(
            "Q10",
            "Were you given enough information about where you could have your baby?",
            "Antenatal care",
            CareStage::Antenatal,
            7.4,
        ),
        result(
            "Q28",
            "Were you and/or your partner left alone at a time when it worried you?",
            "Labour and birth",
            CareStage::LabourAndBirth,
            6.9,
        ),
        result(
            "Q44",
            "Were you given the information you needed about feeding your baby?",
            "Care in hospital after the birth",
            CareStage::PostnatalHospital,
            7.8,
        ),
    ];
    let batch = NewImportBatch {
        mnvp_id,
        kind: "cqc_results".into(),
        source: "cqc-maternity-2024-results.csv".into(),
        sha256: "demo".into(),
        rows_read: 3,
        skipped: 0,
    };
    store.import_cqc_results(&batch, &results, &a).await?;
    Ok(())
}

/// A month of fictional FFT responses, imported as the import pages would.
async fn import_fft(store: &Store, mnvp_id: i64, units: &[i64]) -> Result<(), StoreError> {
    const FFT: &[(i32, &str)] = &[
        (5, "Staff were kind and explained everything."),
        (4, "Good care but a long wait in triage."),
        (2, "Nobody answered the call bell at night."),
        (5, ""),
        (3, "Parking is impossible at visiting time."),
        (1, "I was sent home twice before anyone examined me."),
        (4, "Lovely midwives on the birth centre."),
    ];
    let items: Vec<NewFeedback> = (0..28usize)
        .map(|n| {
            let (rating, text) = FFT[n % FFT.len()];
            crate::capture::screened(NewFeedback {
                mnvp_id,
                unit_id: units.get(n % units.len().max(1)).copied(),
                channel: Channel::Fft,
                care_stage: Some(
                    [
                        CareStage::Antenatal,
                        CareStage::LabourAndBirth,
                        CareStage::PostnatalHospital,
                        CareStage::PostnatalHome,
                    ][n % 4],
                ),
                received_on: format!("2026-10-{:02}", n + 1),
                rating: Some(rating),
                body: (!text.is_empty()).then(|| text.to_string()),
                client_id: Some(format!("import:fft:{mnvp_id}:demo-{n}")),
                body_redacted: None,
                safety_flagged: false,
                safety_categories: String::new(),
                demographics: None,
            })
        })
        .collect();
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    let rows = items.len() as i64;
    tx.send(ImportChunk::Rows(items))
        .await
        .map_err(|e| StoreError::Other(e.to_string()))?;
    tx.send(ImportChunk::End {
        rows_read: rows,
        skipped: 0,
    })
    .await
    .map_err(|e| StoreError::Other(e.to_string()))?;
    drop(tx);
    let batch = NewImportBatch {
        mnvp_id,
        kind: "fft".into(),
        source: "fft-october-2026.csv".into(),
        sha256: "demo".into(),
        rows_read: rows,
        skipped: 0,
    };
    store.import_feedback(&batch, rx, &Actor::system()).await?;
    Ok(())
}
