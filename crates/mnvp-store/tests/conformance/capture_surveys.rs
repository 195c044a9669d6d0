//! Surveys in the store: definitions that freeze once answered, answers in progress, and
//! submissions whose free-text answers become feedback items in the same transaction.

use crate::{actor, hierarchy, open};
use mnvp_domain::capture::survey::{Answers, Choice, Question, QuestionKind, SurveyDefinition};
use mnvp_domain::feedback::Channel;
use mnvp_store::capture::surveys::{
    AnswerValue, Availability, NewResponse, NewSurvey, SurveyStatus,
};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::{Engine, StoreError};

crate::both_engines!(a_survey_takes_responses_once_and_freezes_its_questions);

fn definition() -> SurveyDefinition {
    SurveyDefinition {
        description: "Short survey".into(),
        one_per_page: true,
        questions: vec![
            Question {
                id: "feeding".into(),
                text: "How are you feeding your baby?".into(),
                hint: String::new(),
                kind: QuestionKind::MultipleChoice,
                options: vec![
                    Choice {
                        code: "breast".into(),
                        label: "Breast".into(),
                    },
                    Choice {
                        code: "formula".into(),
                        label: "Formula".into(),
                    },
                ],
                scale: None,
                required: false,
                show_if: None,
            },
            Question {
                id: "more".into(),
                text: "Tell us more".into(),
                hint: String::new(),
                kind: QuestionKind::FreeText,
                options: vec![],
                scale: None,
                required: false,
                show_if: None,
            },
        ],
    }
}

fn text_item(mnvp: i64, body: &str) -> Box<NewFeedback> {
    Box::new(NewFeedback {
        mnvp_id: mnvp,
        unit_id: None,
        channel: Channel::Survey,
        care_stage: None,
        received_on: "2026-11-20".into(),
        rating: None,
        body: Some(body.into()),
        client_id: None,
        body_redacted: Some(body.into()),
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    })
}

async fn a_survey_takes_responses_once_and_freezes_its_questions(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let new = NewSurvey {
        mnvp_id: mnvp,
        slug: "feeding-2026".into(),
        title: "Feeding support".into(),
        definition: definition(),
        opens_on: Some("2026-01-01".into()),
        closes_on: Some("2026-12-31".into()),
        unit_id: Some(unit),
        care_stage: None,
    };
    let key = "9b1c7a43-5d0e-4a8e-8f43-1f6a4c1d0e11";
    let id = store.create_survey(&new, Some(key), &a).await.unwrap();
    assert_eq!(
        store.create_survey(&new, Some(key), &a).await.unwrap(),
        id,
        "double submit creates one"
    );
    let dup = NewSurvey {
        slug: "feeding-2026".into(),
        ..new.clone()
    };
    assert!(
        matches!(
            store.create_survey(&dup, None, &a).await,
            Err(StoreError::Conflict(_))
        ),
        "slugs are unique"
    );

    let s = store.survey_by_slug("feeding-2026").await.unwrap();
    assert_eq!((s.id, s.status, s.responses), (id, SurveyStatus::Draft, 0));
    assert_eq!(s.definition, definition());
    assert_eq!(s.unit_name.as_deref(), Some("North Unit"));
    assert_eq!(s.availability("2026-06-01"), Availability::Draft);
    store
        .set_survey_status(id, SurveyStatus::Live, &a)
        .await
        .unwrap();
    let s = store.get_survey(id).await.unwrap();
    assert_eq!(s.availability("2025-12-31"), Availability::NotYetOpen);
    assert_eq!(s.availability("2026-12-31"), Availability::Open);
    assert_eq!(s.availability("2027-01-01"), Availability::Closed);

    // A visitor's answers in progress, kept against their session.
    store
        .create_session("visitor-token", None, "csrf", false, 3600)
        .await
        .unwrap();
    let session = mnvp_store::sessions::hash_token("visitor-token");
    let mut answers = Answers::new();
    answers.insert("feeding".into(), vec!["breast".into()]);
    store
        .save_survey_progress(&session, id, &answers, "rk-1")
        .await
        .unwrap();
    answers.insert("more".into(), vec!["The night staff helped".into()]);
    store
        .save_survey_progress(&session, id, &answers, "rk-ignored")
        .await
        .unwrap();
    let (kept, response_key) = store.survey_progress(&session, id).await.unwrap().unwrap();
    assert_eq!(
        (kept, response_key.as_str()),
        (answers.clone(), "rk-1"),
        "the first key stays"
    );

    let response = NewResponse {
        survey_id: id,
        response_key: response_key.clone(),
        answers: vec![
            ("feeding".into(), AnswerValue::Code("breast".into())),
            ("feeding".into(), AnswerValue::Code("formula".into())),
            (
                "more".into(),
                AnswerValue::Text(text_item(mnvp, "The night staff helped")),
            ),
        ],
        session_hash: Some(session.clone()),
    };
    let r1 = store.submit_survey_response(&response, &a).await.unwrap();
    let r2 = store.submit_survey_response(&response, &a).await.unwrap();
    assert_eq!(r1, r2, "a second submit stores nothing");
    assert!(
        store.survey_progress(&session, id).await.unwrap().is_none(),
        "progress cleared"
    );
    assert_eq!(store.count_feedback().await.unwrap(), 1);
    let texts = store.survey_text_answers(id, "more", 10).await.unwrap();
    assert_eq!(texts.len(), 1);
    let item = store.get_feedback(texts[0].feedback_id).await.unwrap();
    assert_eq!(
        (
            item.channel.as_str(),
            item.body
                .as_ref()
                .map(|b| store.reveal(b).unwrap())
                .as_deref()
        ),
        ("survey", Some("The night staff helped"))
    );

    let other = NewResponse {
        response_key: "rk-2".into(),
        answers: vec![("feeding".into(), AnswerValue::Code("breast".into()))],
        session_hash: None,
        ..response.clone()
    };
    store.submit_survey_response(&other, &a).await.unwrap();
    let counts: Vec<(String, String, i64)> = store
        .survey_answer_counts(id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.question, c.value, c.n))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("feeding".into(), "breast".into(), 2),
            ("feeding".into(), "formula".into(), 1)
        ]
    );
    let mut answered = store.survey_answered(id).await.unwrap();
    answered.sort();
    assert_eq!(answered, vec![("feeding".into(), 2), ("more".into(), 1)]);
    let rows = store.survey_export_rows(id).await.unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[2]
            .body
            .as_ref()
            .map(|b| store.reveal(b).unwrap())
            .as_deref(),
        Some("The night staff helped")
    );

    // Answered: the questions are fixed, the title is not; it cannot be removed.
    let mut changed = new.clone();
    changed.definition.questions.pop();
    let err = store.update_survey(id, &changed, &a).await.unwrap_err();
    assert!(err.to_string().contains("Duplicate it"), "{err}");
    let retitled = NewSurvey {
        title: "Feeding support 2026".into(),
        ..new.clone()
    };
    store.update_survey(id, &retitled, &a).await.unwrap();
    assert_eq!(store.get_survey(id).await.unwrap().responses, 2);
    assert!(matches!(
        store.delete_survey(id, &a).await,
        Err(StoreError::Conflict(_))
    ));
    let spare = store
        .create_survey(
            &NewSurvey {
                slug: "spare".into(),
                ..new
            },
            None,
            &a,
        )
        .await
        .unwrap();
    store.delete_survey(spare, &a).await.unwrap();
    assert_eq!(store.list_surveys(&[mnvp]).await.unwrap().len(), 1);
}
