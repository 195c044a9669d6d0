//! The public form's storage: open and closed forms, answers in progress against an anonymous
//! session, a submission stored once with its form details, and the lead's full-text search.

use crate::{actor, hierarchy, open};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_store::capture::{Draft, FormDetails};
use mnvp_store::feedback::{FeedbackFilter, NewFeedback};
use mnvp_store::{Engine, Store, StoreError};

crate::both_engines!(
    forms_open_and_close_and_only_mnvps_have_one,
    drafts_belong_to_a_session_and_go_with_it,
    a_form_submission_is_stored_once_with_its_details,
    search_finds_words_in_any_form_and_nothing_else
);

fn item(mnvp: i64, unit: i64, stage: CareStage, body: &str) -> NewFeedback {
    NewFeedback {
        mnvp_id: mnvp,
        unit_id: Some(unit),
        channel: Channel::OnlineForm,
        care_stage: Some(stage),
        received_on: "2026-11-20".into(),
        rating: Some(4),
        body: Some(body.into()),
        client_id: None,
        body_redacted: Some(body.into()),
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    }
}

async fn forms_open_and_close_and_only_mnvps_have_one(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, trust, _, mnvp) = hierarchy(&store).await;
    let form = store.public_form("north-mnvp").await.unwrap();
    assert_eq!((form.mnvp_id, form.open), (mnvp, true), "open by default");
    assert_eq!(store.open_forms().await.unwrap().len(), 1);
    assert!(matches!(
        store.public_form("no-such-mnvp").await,
        Err(StoreError::NotFound)
    ));

    store.set_form_open(mnvp, false, &actor()).await.unwrap();
    assert!(!store.public_form("north-mnvp").await.unwrap().open);
    assert!(store.open_forms().await.unwrap().is_empty());
    store.set_form_open(mnvp, true, &actor()).await.unwrap();
    assert!(store.public_form_of(mnvp).await.unwrap().open);
    let audited: Vec<String> = store
        .audit_for("feedback_form", mnvp)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.detail)
        .collect();
    assert_eq!(audited, ["form closed", "form opened"]);
    assert!(matches!(
        store.set_form_open(trust, false, &actor()).await,
        Err(StoreError::NotFound)
    ));
}

async fn session(store: &Store) -> String {
    let token = format!("token-{}", uuid::Uuid::new_v4());
    store
        .create_session(&token, None, "csrf", false, 3600)
        .await
        .unwrap();
    token
}

async fn drafts_belong_to_a_session_and_go_with_it(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, _, mnvp) = hierarchy(&store).await;
    let mine = session(&store).await;
    let theirs = session(&store).await;
    assert_eq!(store.get_draft(&mine, mnvp).await.unwrap(), None);
    let first = Draft {
        answers: r#"{"rating":4}"#.into(),
        form_key: "key-1".into(),
    };
    store.save_draft(&mine, mnvp, &first).await.unwrap();
    let changed = Draft {
        answers: r#"{"rating":2}"#.into(),
        form_key: "key-2".into(),
    };
    store.save_draft(&mine, mnvp, &changed).await.unwrap();
    let got = store.get_draft(&mine, mnvp).await.unwrap().unwrap();
    assert_eq!(got.answers, r#"{"rating":2}"#, "answers are replaced");
    assert_eq!(got.form_key, "key-1", "the submission key never changes");
    assert_eq!(store.get_draft(&theirs, mnvp).await.unwrap(), None);

    store.save_draft(&theirs, mnvp, &first).await.unwrap();
    store.delete_draft(&theirs, mnvp).await.unwrap();
    assert_eq!(store.get_draft(&theirs, mnvp).await.unwrap(), None);

    // Signing out (or the session expiring and being swept) takes the answers with it.
    store.delete_session(&mine).await.unwrap();
    assert_eq!(store.get_draft(&mine, mnvp).await.unwrap(), None);
}

async fn a_form_submission_is_stored_once_with_its_details(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let details = FormDetails {
        care_month: Some("2026-03".into()),
        care_stages: "antenatal;neonatal".into(),
        journey: "standard".into(),
        language: "ur".into(),
    };
    let key = "0b0f9f7e-4a55-4b7c-8c5e-2d7e6a1f3c21";
    let new = item(mnvp, unit, CareStage::NeonatalUnit, "The unit was calm");
    let first = store
        .insert_form_feedback(&new, &details, &actor(), Some(key))
        .await
        .unwrap();
    let again = store
        .insert_form_feedback(&new, &details, &actor(), Some(key))
        .await
        .unwrap();
    assert_eq!(first, again);
    assert_eq!(store.count_feedback().await.unwrap(), 1);
    assert_eq!(store.form_details(first).await.unwrap(), Some(details));
    let plain = store
        .insert_feedback(
            &item(mnvp, unit, CareStage::Antenatal, "Clinic ran late"),
            &actor(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(store.form_details(plain).await.unwrap(), None);

    // A stage filter finds an item by any stage it covers, not only its main one.
    let by_stage = |stage: &str| FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        care_stage: stage.into(),
        ..Default::default()
    };
    let ids = |rows: Vec<mnvp_store::feedback::FeedbackItem>| -> Vec<i64> {
        rows.into_iter().map(|r| r.id).collect()
    };
    let (rows, _) = store
        .list_feedback(&by_stage("antenatal"), 10, 0)
        .await
        .unwrap();
    assert_eq!(ids(rows), [plain, first]);
    let (rows, _) = store
        .list_feedback(&by_stage("neonatal"), 10, 0)
        .await
        .unwrap();
    assert_eq!(ids(rows), [first]);
    let (rows, _) = store
        .list_feedback(&by_stage("postnatal_home"), 10, 0)
        .await
        .unwrap();
    assert!(rows.is_empty());
}

async fn search_finds_words_in_any_form_and_nothing_else(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let mut ids = Vec::new();
    for body in [
        "We waited four hours for a bed on the postnatal ward",
        "Breastfeeding support from the midwives was wonderful",
        "Parking fees were too high",
    ] {
        ids.push(
            store
                .insert_feedback(&item(mnvp, unit, CareStage::Antenatal, body), &a, None)
                .await
                .unwrap(),
        );
    }
    let search = |text: &str| FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        text: text.into(),
        ..Default::default()
    };
    let found = |text: &'static str| {
        let store = store.clone();
        let filter = search(text);
        async move {
            let (rows, total) = store.list_feedback(&filter, 10, 0).await.unwrap();
            assert_eq!(total as usize, rows.len());
            rows.into_iter().map(|r| r.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("waiting").await, [ids[0]], "another form of the word");
    assert_eq!(found("WARD bed").await, [ids[0]], "every word, any case");
    assert_eq!(found("breastfe").await, [ids[1]], "the start of a word");
    assert_eq!(found("parking midwives").await, Vec::<i64>::new());
    assert_eq!(
        found("\"); DROP TABLE feedback; --").await,
        Vec::<i64>::new()
    );
    assert_eq!(
        found("!!!").await,
        Vec::<i64>::new(),
        "no words, no matches"
    );
    assert_eq!(found("").await.len(), 3, "no search, everything");
    assert_eq!(store.count_feedback().await.unwrap(), 3);
}
