//! Safeguarding as stored: original text sealed at rest yet searchable by the lead, older
//! plaintext sealed on start, the wrong key refused, and the escalation workflow's rules
//! (cases open with flags, steps in order, no closing without the required steps, alerts once).

use crate::{actor, hierarchy, open, Raw};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::safety::procedure::Procedure;
use mnvp_domain::safety::{Concern, Contact, Decision, Method};
use mnvp_store::feedback::{FeedbackFilter, NewFeedback};
use mnvp_store::safety::CaseFilter;
use mnvp_store::test_support::TestDb;
use mnvp_store::{DataKey, Engine, KeyConfig, Store, StoreError};

crate::both_engines!(
    original_text_is_sealed_at_rest_and_still_searchable,
    plaintext_from_before_is_sealed_on_start,
    unscreened_items_are_screened_by_the_store,
    a_different_key_is_refused,
    flagged_items_open_cases_and_cases_close_only_when_complete,
    procedures_are_versioned_and_cases_keep_theirs,
    overdue_stages_raise_one_alert_each,
);

const ORIGINAL: &str = "Midwife Ottoline was rude to me. Call me on 07700 900123.";
const REDACTED: &str = "Midwife [NAME] was rude to me. Call me on [PHONE].";

fn item(mnvp: i64, unit: i64, body: &str, redacted: &str, flagged: &str) -> NewFeedback {
    NewFeedback {
        mnvp_id: mnvp,
        unit_id: Some(unit),
        channel: Channel::OnlineForm,
        care_stage: Some(CareStage::LabourAndBirth),
        received_on: "2026-11-20".into(),
        rating: Some(2),
        body: Some(body.into()),
        client_id: None,
        body_redacted: Some(redacted.into()),
        safety_flagged: !flagged.is_empty(),
        safety_categories: flagged.into(),
        demographics: None,
    }
}

/// How many of the MNVP's items the inbox search finds for `text`.
pub(crate) async fn search(store: &Store, mnvp: i64, text: &str) -> i64 {
    let filter = FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        text: text.into(),
        ..Default::default()
    };
    store.list_feedback(&filter, 10, 0).await.unwrap().1
}

/// Every byte SQLite wrote (database and write-ahead log), to look for plaintext.
pub(crate) fn sqlite_bytes(db: &TestDb) -> Vec<u8> {
    let path = db.url.trim_start_matches("sqlite://");
    let mut all = Vec::new();
    for suffix in ["", "-wal"] {
        if let Ok(b) = std::fs::read(format!("{path}{suffix}")) {
            all.extend(b);
        }
    }
    all
}

async fn original_text_is_sealed_at_rest_and_still_searchable(engine: Engine) {
    let (db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let id = store
        .insert_feedback(&item(mnvp, unit, ORIGINAL, REDACTED, ""), &actor(), None)
        .await
        .unwrap();
    let raw = Raw::connect(&db.url).await;
    let stored = raw
        .texts("SELECT COALESCE(body, '') || '|' || COALESCE(body_sealed, '') FROM feedback")
        .await;
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].starts_with("|x1:"),
        "no plaintext column, a sealed one: {}",
        stored[0]
    );
    assert!(!stored[0].contains("Ottoline") && !stored[0].contains("900123"));
    if engine == Engine::Sqlite {
        let bytes = sqlite_bytes(&db);
        assert!(
            bytes.windows(4).any(|w| w == b"rude"),
            "the redacted text is there in the clear (so the search below is a real check)"
        );
        for secret in ["Ottoline", "ottoline", "900123"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} is nowhere in the database files"
            );
        }
    }
    // The lead opens it.
    let item = store.get_feedback(id).await.unwrap();
    assert_eq!(store.reveal(item.body.as_ref().unwrap()).unwrap(), ORIGINAL);
    // Search: redacted words through the blind index, other words through the redacted text.
    assert_eq!(search(&store, mnvp, "Ottoline").await, 1);
    assert_eq!(search(&store, mnvp, "ottoline rude").await, 1);
    assert_eq!(search(&store, mnvp, "07700900123").await, 1);
    assert_eq!(search(&store, mnvp, "07700 900123").await, 1);
    assert_eq!(
        search(&store, mnvp, "rud").await,
        1,
        "parts of ordinary words"
    );
    assert_eq!(
        search(&store, mnvp, "Ottolin").await,
        0,
        "redacted words match whole"
    );
    assert_eq!(
        search(&store, mnvp, "Ottoline kind").await,
        0,
        "every word must match"
    );
    assert_eq!(search(&store, mnvp, "").await, 1);
}

async fn plaintext_from_before_is_sealed_on_start(engine: Engine) {
    let (db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    store.close().await;
    // A row written before encryption at rest (and before screening): plaintext, no redaction.
    let raw = Raw::connect(&db.url).await;
    raw.exec(&format!(
        "INSERT INTO feedback (mnvp_id, unit_id, channel, received_on, body, created_at) \
         VALUES ({mnvp}, {unit}, 'fft', '2025-01-01', 'Nurse Philippa stayed late for us', '2025-01-01T00:00:00Z')"
    ))
    .await
    .unwrap();
    raw.exec(&format!(
        "INSERT INTO feedback (mnvp_id, unit_id, channel, received_on, body, created_at) \
         VALUES ({mnvp}, {unit}, 'fft', '2025-01-02', 'Since the birth I have thought about ending my life', '2025-01-02T00:00:00Z')"
    ))
    .await
    .unwrap();
    let store = db.open().await.unwrap();
    let screened = raw
        .texts("SELECT body_redacted FROM feedback ORDER BY id")
        .await;
    assert_eq!(
        screened,
        [
            "Nurse [NAME] stayed late for us",
            "Since the birth I have thought about ending my life"
        ],
        "never-screened rows are screened as they are sealed"
    );
    let flagged: Vec<_> = store
        .list_feedback(
            &FeedbackFilter {
                mnvp_ids: Some(vec![mnvp]),
                flagged_only: true,
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap()
        .0;
    assert_eq!(flagged.len(), 1);
    assert!(flagged[0].safety_categories.contains("self_harm"));
    assert!(
        store
            .case_for_feedback(flagged[0].id)
            .await
            .unwrap()
            .is_some(),
        "a disclosure found on start opens a case"
    );
    let left = raw
        .texts("SELECT COALESCE(body, '') FROM feedback WHERE body IS NOT NULL")
        .await;
    assert!(left.is_empty(), "no plaintext left after start: {left:?}");
    let (items, _) = store
        .list_feedback(
            &FeedbackFilter {
                mnvp_ids: Some(vec![mnvp]),
                text: "philippa".into(),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(items.len(), 1, "still found by the lead's search");
    assert_eq!(
        store.reveal(items[0].body.as_ref().unwrap()).unwrap(),
        "Nurse Philippa stayed late for us"
    );
    let (entries, _) = store
        .audit_page(
            &mnvp_store::audit::AuditFilter {
                action: "encrypt".into(),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        store.seal_unsealed_feedback().await.unwrap(),
        0,
        "idempotent"
    );
    if engine == Engine::Sqlite {
        // Overwritten, not merely unlinked: the name the redaction removed is gone from the
        // file itself (the redacted words stay, in the clear, for the search).
        store.close().await;
        let bytes = sqlite_bytes(&db);
        assert!(
            !bytes.windows(8).any(|w| w == b"Philippa"),
            "the plaintext lingers in the database file"
        );
    }
}

/// A channel that hands the store unscreened text (an import, a survey answer) still gets the
/// redaction, the disclosure flags and the case: the store screens what arrives without them.
async fn unscreened_items_are_screened_by_the_store(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let unscreened = |body: &str| NewFeedback {
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        ..item(mnvp, unit, body, "", "")
    };
    let batch = [
        unscreened("My partner hits me and checks my phone. Ring 07700 900456"),
        unscreened("Lovely midwives on the birth centre"),
    ];
    store
        .insert_feedback_batch(&batch, &actor(), "test import")
        .await
        .unwrap();
    let one = store
        .insert_feedback(&unscreened(ORIGINAL), &actor(), None)
        .await
        .unwrap();
    let (items, _) = store
        .list_feedback(
            &FeedbackFilter {
                mnvp_ids: Some(vec![mnvp]),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    let by_redacted = |needle: &str| {
        items
            .iter()
            .find(|i| i.body_redacted.as_deref().unwrap_or("").contains(needle))
            .unwrap_or_else(|| panic!("no item with {needle}"))
    };
    let abuse = by_redacted("Ring [PHONE]");
    assert!(abuse.safety_flagged);
    assert!(
        abuse.safety_categories.contains("domestic_abuse"),
        "{}",
        abuse.safety_categories
    );
    assert!(store.case_for_feedback(abuse.id).await.unwrap().is_some());
    let kind = by_redacted("Lovely midwives");
    assert!(!kind.safety_flagged);
    assert_eq!(store.case_for_feedback(kind.id).await.unwrap(), None);
    let single = store.get_feedback(one).await.unwrap();
    assert_eq!(single.body_redacted.as_deref(), Some(REDACTED));
    assert_eq!(
        store.reveal(single.body.as_ref().unwrap()).unwrap(),
        ORIGINAL
    );
    // What a channel screened itself is kept as it was.
    let own = store
        .insert_feedback(
            &item(mnvp, unit, ORIGINAL, "kept as given", ""),
            &actor(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .get_feedback(own)
            .await
            .unwrap()
            .body_redacted
            .as_deref(),
        Some("kept as given")
    );
}

async fn a_different_key_is_refused(engine: Engine) {
    let (db, store) = open(engine).await;
    store.close().await;
    let other = KeyConfig::with_key(&DataKey::generate());
    let err = Store::open_with(&db.url, &other).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(m) if m.contains("not the key this database")),
        "{err}"
    );
    if engine == Engine::Sqlite {
        // The key file beside the database is gone: refuse, never make a new one.
        let key = format!("{}.key", db.url.trim_start_matches("sqlite://"));
        let saved = std::fs::read(&key).unwrap();
        std::fs::remove_file(&key).unwrap();
        let err = Store::open_with(&db.url, &KeyConfig::default())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("is missing"), "{err}");
        assert!(!std::path::Path::new(&key).exists());
        std::fs::write(&key, saved).unwrap();
    }
    db.open().await.expect("the right key opens it");
}

async fn flagged_items_open_cases_and_cases_close_only_when_complete(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let fid = store
        .insert_feedback(
            &item(
                mnvp,
                unit,
                "I was left alone and my baby stopped breathing",
                "same",
                "patient_safety;child_risk",
            ),
            &a,
            None,
        )
        .await
        .unwrap();
    let plain = store
        .insert_feedback(
            &item(mnvp, unit, "Lovely staff", "Lovely staff", ""),
            &a,
            None,
        )
        .await
        .unwrap();
    assert_eq!(store.case_for_feedback(plain).await.unwrap(), None);
    let id = store
        .case_for_feedback(fid)
        .await
        .unwrap()
        .expect("case opened");
    let case = store.get_case(id).await.unwrap();
    assert_eq!(case.row.source, "detected");
    assert_eq!(
        case.concerns(),
        [Concern::PatientSafety, Concern::ChildRisk]
    );
    assert_eq!(
        case.procedure.version, 1,
        "the default procedure was stored"
    );

    let refused = |e: StoreError| match e {
        StoreError::Invalid(m) | StoreError::Conflict(m) => m,
        other => panic!("unexpected {other:?}"),
    };
    let m = refused(store.close_case(id, "", &a).await.unwrap_err());
    assert_eq!(
        m,
        "This case cannot be closed until these steps are recorded: the review and the decision (escalate, or no further action with a reason)"
    );
    let m = refused(
        store
            .decide_case(id, Decision::Escalate, "", &a)
            .await
            .unwrap_err(),
    );
    assert!(m.contains("review before the decision"), "{m}");
    store
        .review_case(id, "Serious, same day", &a)
        .await
        .unwrap();
    assert!(
        refused(store.review_case(id, "", &a).await.unwrap_err()).contains("already been reviewed")
    );
    let m = refused(
        store
            .decide_case(id, Decision::NoAction, " ", &a)
            .await
            .unwrap_err(),
    );
    assert!(m.contains("reason"), "{m}");
    store
        .decide_case(id, Decision::Escalate, "", &a)
        .await
        .unwrap();
    let m = refused(store.close_case(id, "", &a).await.unwrap_err());
    assert!(
        m.contains("telling the trust safeguarding team")
            && m.contains("telling the maternity and neonatal safety champion")
            && m.contains("telling the patient safety team")
            && m.ends_with("and the outcome"),
        "{m}"
    );
    let now = chrono::Utc::now();
    for k in Contact::ALL {
        store
            .record_notification(id, *k, "Duty officer", Method::Phone, now, &a)
            .await
            .unwrap();
    }
    let future = now + chrono::Duration::days(2);
    assert!(store
        .record_notification(
            id,
            Contact::SafeguardingTeam,
            "x",
            Method::Email,
            future,
            &a
        )
        .await
        .is_err());
    store.record_outcome(id, "Referral made", &a).await.unwrap();
    store.close_case(id, "Done", &a).await.unwrap();
    let closed = store.get_case(id).await.unwrap();
    assert!(closed.row.closed_at.is_some());
    assert_eq!(closed.notifications.len(), 3);
    assert!(refused(store.record_outcome(id, "again", &a).await.unwrap_err()).contains("closed"));
    let actions: Vec<String> = store
        .audit_for("safety_case", id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["open", "review", "decide", "notify", "notify", "notify", "outcome", "close"]
    );

    // Flagging by hand opens a case, once while it is open.
    store.flag_feedback(plain, &a).await.unwrap();
    store.flag_feedback(plain, &a).await.unwrap();
    let (cases, total) = store
        .list_cases(
            &CaseFilter {
                mnvp_ids: vec![mnvp],
                open: Some(true),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(total, 1);
    assert_eq!(
        (cases[0].row.source.as_str(), cases[0].row.concerns.as_str()),
        ("manual", "manual")
    );
    // Other MNVPs' cases are not listed.
    let (_, none) = store
        .list_cases(
            &CaseFilter {
                mnvp_ids: vec![mnvp + 1000],
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(none, 0);
}

async fn procedures_are_versioned_and_cases_keep_theirs(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    assert_eq!(
        store.current_procedure(mnvp).await.unwrap().version,
        0,
        "the unsaved default"
    );
    let first = store
        .insert_feedback(&item(mnvp, unit, "x", "x", "self_harm"), &a, None)
        .await
        .unwrap();
    let changed = Procedure {
        review_days: 0,
        required: vec![(Concern::SelfHarm, Contact::SafetyChampion)],
        ..Procedure::default()
    };
    let saved = store.save_procedure(mnvp, &changed, &a).await.unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(saved.procedure, changed);
    let second = store
        .insert_feedback(&item(mnvp, unit, "y", "y", "self_harm"), &a, None)
        .await
        .unwrap();
    let old = store
        .get_case(store.case_for_feedback(first).await.unwrap().unwrap())
        .await
        .unwrap();
    let new = store
        .get_case(store.case_for_feedback(second).await.unwrap().unwrap())
        .await
        .unwrap();
    assert_eq!((old.procedure.version, new.procedure.version), (1, 2));
    assert_eq!(old.procedure.procedure.review_days, 1);
    assert_eq!(
        new.procedure.procedure.required_for(&[Concern::SelfHarm]),
        [Contact::SafetyChampion]
    );
    assert_eq!(store.procedure_history(mnvp).await.unwrap().len(), 2);
    assert!(matches!(
        store.save_procedure(unit, &changed, &a).await,
        Err(StoreError::Invalid(_))
    ));
}

async fn overdue_stages_raise_one_alert_each(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let lead = mnvp_store::users::NewUser {
        email: mnvp_domain::parse::Email::parse("lead@north.example").unwrap(),
        name: mnvp_domain::parse::Name::parse("a name", "North Lead").unwrap(),
        role: mnvp_domain::role::Role::MnvpLead,
        org_id: Some(mnvp),
        password_hash: "x".into(),
    };
    store.create_user(&lead, None, &a).await.unwrap();
    let fid = store
        .insert_feedback(&item(mnvp, unit, "x", "x", "domestic_abuse"), &a, None)
        .await
        .unwrap();
    let id = store.case_for_feedback(fid).await.unwrap().unwrap();
    let now = chrono::Utc::now();
    assert_eq!(
        store.raise_overdue_alerts(now, true).await.unwrap(),
        0,
        "nothing is due yet"
    );
    store.backdate_case(id, 30).await.unwrap();
    assert_eq!(
        store.raise_overdue_alerts(now, true).await.unwrap(),
        2,
        "review and closure"
    );
    assert_eq!(
        store.raise_overdue_alerts(now, true).await.unwrap(),
        0,
        "once each"
    );
    let mail = store.pending_alert_mail().await.unwrap();
    assert_eq!(mail.len(), 2);
    assert_eq!(mail[0].to, ["lead@north.example"]);
    assert_eq!((mail[0].case_id, mail[0].stage.as_str()), (id, "review"));
    store.mark_alert_mail(mail[0].alert_id, true).await.unwrap();
    for _ in 0..mnvp_store::safety::alerts::MAX_ATTEMPTS {
        store
            .mark_alert_mail(mail[1].alert_id, false)
            .await
            .unwrap();
    }
    assert!(store.pending_alert_mail().await.unwrap().is_empty());
    let statuses: Vec<String> = store
        .case_alerts(id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.email_status)
        .collect();
    assert_eq!(statuses, ["sent", "failed"]);
    // Without a mail server alerts are recorded, never queued for email.
    let other = store
        .insert_feedback(&item(mnvp, unit, "y", "y", "self_harm"), &a, None)
        .await
        .unwrap();
    let other = store.case_for_feedback(other).await.unwrap().unwrap();
    store.backdate_case(other, 30).await.unwrap();
    assert_eq!(store.raise_overdue_alerts(now, false).await.unwrap(), 2);
    assert!(store.pending_alert_mail().await.unwrap().is_empty());
    assert!(store
        .case_alerts(other)
        .await
        .unwrap()
        .iter()
        .all(|a| a.email_status == "off"));
}
