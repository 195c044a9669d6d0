//! Correcting field conversations through the feedback store: a change is screened, sealed,
//! indexed and audited exactly like an insertion (new disclosures open a case, an open case is
//! never closed by it); a removal deletes, or withdraws when a safeguarding case refers to the
//! conversation; sessions, search and the representation tally follow; a device that resends a
//! removed entry stores nothing.

use super::{covered, said, walk_as};
use crate::safety::search;
use crate::{open, Raw};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::corrections::RemovalReason;
use mnvp_domain::voices::demographics::{Demographics, EthnicCategory, CONSENT_VERSION};
use mnvp_domain::voices::representation::Slices;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::field::corrections::{Changed, Edit};
use mnvp_store::voices::Scope;
use mnvp_store::{Actor, Engine, Store, StoreError};

crate::both_engines!(
    a_change_is_screened_sealed_indexed_and_audited_like_an_insert,
    a_change_never_closes_a_case_and_keeps_what_was_not_shown,
    a_removal_deletes_or_withdraws_and_a_resend_stores_nothing,
    changes_and_removals_keep_the_tally_and_session_counts_right
);

const DISCLOSURE: &str =
    "What could be better: Since the birth I have thought about ending my life. \
     Midwife Ottoline was rude to me. Call me on 07700 900123.";

/// A volunteer account of the MNVP (conversations remember who recorded them).
async fn volunteer(store: &Store, mnvp: i64) -> Actor {
    let email = "grace@north.example";
    Actor {
        user_id: Some(crate::member(store, mnvp, mnvp_domain::role::Role::Volunteer, email).await),
        label: email.into(),
        ip: "127.0.0.1".into(),
    }
}

async fn walk(store: &Store, mnvp: i64, unit: i64, a: &Actor) -> i64 {
    walk_as(store, mnvp, unit, a, None).await.unwrap()
}

fn answers(ethnic: EthnicCategory) -> Option<Demographics> {
    Some(Demographics {
        ethnic_category: Some(ethnic),
        postcode_district: Some("RV1".into()),
        imd_decile: Some(3),
        consented: true,
        consent_version: CONSENT_VERSION.into(),
        ..Default::default()
    })
}

/// The same conversation changed: another stage, new words (left for the store to screen).
fn changed(base: &NewFeedback, stage: CareStage, body: Option<&str>) -> NewFeedback {
    NewFeedback {
        care_stage: Some(stage),
        body: body.map(str::to_string),
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        client_id: None,
        ..base.clone()
    }
}

async fn a_change_is_screened_sealed_indexed_and_audited_like_an_insert(engine: Engine) {
    let (db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let grace = volunteer(&store, mnvp).await;
    let session = walk(&store, mnvp, unit, &grace).await;
    let base = said(
        mnvp,
        Some(unit),
        Channel::WalkThePatch,
        Some("6f1c2a3b-0000-4000-8000-000000000001"),
    );
    let id = store
        .insert_session_feedback(session, &base, &grace, None)
        .await
        .unwrap()
        .id;
    let recorded = store.recorded_conversation(id).await.unwrap();
    assert_eq!(
        recorded.recorded_by, grace.user_id,
        "who recorded it is kept"
    );
    assert_eq!(recorded.session_id, session);
    assert_eq!(recorded.session_kind, "walk_the_patch");
    assert_eq!(search(&store, mnvp, "listened").await, 1);

    let result = store
        .change_conversation(
            id,
            &changed(&base, CareStage::PostnatalHospital, Some(DISCLOSURE)),
            (Edit::Replace, Edit::Keep),
            &grace,
        )
        .await
        .unwrap();
    let case = result.case_opened.expect("the new words open a case");
    assert_eq!(result.case_kept, None);
    let item = store.get_feedback(id).await.unwrap();
    assert_eq!(item.care_stage.as_deref(), Some("postnatal_hospital"));
    assert_eq!(
        store.reveal(item.body.as_ref().unwrap()).unwrap(),
        DISCLOSURE
    );
    let redacted = item.body_redacted.as_deref().unwrap();
    assert!(
        redacted.contains("[NAME]") && redacted.contains("[PHONE]"),
        "{redacted}"
    );
    assert!(item.safety_flagged && item.safety_categories.contains("self_harm"));
    let opened = store.get_case(case).await.unwrap();
    assert_eq!(opened.row.feedback_id, Some(id));
    assert_eq!(opened.row.source, "detected");

    // Sealed at rest: the new name and number are nowhere in the clear.
    let stored = Raw::connect(&db.url)
        .await
        .texts(&format!(
            "SELECT COALESCE(body, '') || '|' || COALESCE(body_sealed, '') || '|' || COALESCE(body_redacted, '') FROM feedback WHERE id = {id}"
        ))
        .await;
    assert!(
        !stored[0].contains("Ottoline") && !stored[0].contains("900123"),
        "{}",
        stored[0]
    );
    // The search follows the new words: the blind index and the redacted text are rebuilt.
    assert_eq!(search(&store, mnvp, "Ottoline").await, 1);
    assert_eq!(search(&store, mnvp, "07700 900123").await, 1);
    assert_eq!(
        search(&store, mnvp, "listened").await,
        0,
        "the old words are gone"
    );

    let entries = store.audit_for("feedback", id).await.unwrap();
    let last = entries.last().unwrap();
    assert_eq!(last.action, "update");
    assert_eq!(last.actor_id, grace.user_id);
    assert!(last.detail.contains("stage of care") && last.detail.contains("words"));
    assert!(
        !last.detail.contains("ending") && !last.detail.contains("Ottoline"),
        "the audit never holds the words"
    );

    // Nothing can move a conversation elsewhere, and unknown ones are not found.
    let elsewhere = NewFeedback {
        mnvp_id: mnvp + 1000,
        ..base.clone()
    };
    let later = NewFeedback {
        received_on: "2026-06-01".into(),
        ..base.clone()
    };
    let far_unit = NewFeedback {
        unit_id: Some(unit + 1000),
        ..base.clone()
    };
    for bad in [elsewhere, later, far_unit] {
        assert!(matches!(
            store
                .change_conversation(id, &bad, (Edit::Replace, Edit::Keep), &grace)
                .await,
            Err(StoreError::Invalid(_))
        ));
    }
    assert!(matches!(
        store
            .change_conversation(id + 99, &base, (Edit::Keep, Edit::Keep), &grace)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.audit_for("feedback", id).await.unwrap().len(),
        entries.len()
    );
}

async fn a_change_never_closes_a_case_and_keeps_what_was_not_shown(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let grace = volunteer(&store, mnvp).await;
    let session = walk(&store, mnvp, unit, &grace).await;
    let base = NewFeedback {
        body: Some(DISCLOSURE.into()),
        body_redacted: None,
        demographics: answers(EthnicCategory::African),
        ..said(mnvp, Some(unit), Channel::WalkThePatch, None)
    };
    let id = store
        .insert_session_feedback(session, &base, &grace, None)
        .await
        .unwrap()
        .id;
    let case = store
        .case_for_feedback(id)
        .await
        .unwrap()
        .expect("flagged at insert");

    // The words rewritten harmlessly: the case stays open and the item stays flagged for it.
    let calm = changed(
        &base,
        CareStage::LabourAndBirth,
        Some("What was good: a calm room"),
    );
    let result = store
        .change_conversation(id, &calm, (Edit::Replace, Edit::Keep), &grace)
        .await
        .unwrap();
    assert_eq!(
        result,
        Changed {
            case_opened: None,
            case_kept: Some(case)
        }
    );
    let item = store.get_feedback(id).await.unwrap();
    assert!(item.safety_flagged && item.safety_categories.contains("self_harm"));
    assert!(store.get_case(case).await.unwrap().row.closed_at.is_none());
    assert_eq!(
        store.case_for_feedback(id).await.unwrap(),
        Some(case),
        "no second case"
    );
    // Equality answers not shown to the volunteer are kept as they were.
    let kept = store.feedback_demographics(id).await.unwrap().unwrap();
    assert_eq!(kept.ethnic_category.as_deref(), Some("N"));

    // Words kept: a change of stage alone leaves the sealed original and its redaction.
    let before = store.get_feedback(id).await.unwrap();
    let stage_only = NewFeedback {
        demographics: None,
        ..changed(
            &base,
            CareStage::Antenatal,
            Some("What was good: [NAME] typed over"),
        )
    };
    store
        .change_conversation(
            id,
            &stage_only,
            (Edit::Keep, Edit::Replace),
            &crate::actor(),
        )
        .await
        .unwrap();
    let after = store.get_feedback(id).await.unwrap();
    assert_eq!(after.care_stage.as_deref(), Some("antenatal"));
    assert_eq!(
        store.reveal(after.body.as_ref().unwrap()).unwrap(),
        "What was good: a calm room"
    );
    assert_eq!(after.body_redacted, before.body_redacted);
    // Answers replaced by the lead: none given now, none kept.
    assert!(store.feedback_demographics(id).await.unwrap().is_none());
    let last = store.audit_for("feedback", id).await.unwrap();
    let detail = &last.last().unwrap().detail;
    assert!(
        detail.contains("answers about them") && !detail.contains("words"),
        "{detail}"
    );
}

async fn a_removal_deletes_or_withdraws_and_a_resend_stores_nothing(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let grace = volunteer(&store, mnvp).await;
    let session = walk(&store, mnvp, unit, &grace).await;
    let device = "6f1c2a3b-0000-4000-8000-000000000002";
    let plain = said(mnvp, Some(unit), Channel::WalkThePatch, Some(device));
    let id = store
        .insert_session_feedback(session, &plain, &grace, None)
        .await
        .unwrap()
        .id;
    let flagged = NewFeedback {
        body: Some(DISCLOSURE.into()),
        body_redacted: None,
        demographics: answers(EthnicCategory::Indian),
        ..said(
            mnvp,
            Some(unit),
            Channel::WalkThePatch,
            Some("6f1c2a3b-0000-4000-8000-000000000003"),
        )
    };
    let kept_id = store
        .insert_session_feedback(session, &flagged, &grace, None)
        .await
        .unwrap()
        .id;
    let case = store.case_for_feedback(kept_id).await.unwrap().unwrap();
    assert_eq!(store.session_feedback(session, 10, 0).await.unwrap().1, 2);

    // Entered by mistake, nothing refers to it: deleted, with its audit entry.
    let key = "0c9a4e0e-1111-4222-8333-444455556666";
    let removed = store
        .remove_conversation(id, RemovalReason::Mistake, &grace, Some(key))
        .await
        .unwrap();
    assert_eq!(removed.session_id, session);
    assert_eq!(removed.kept_for_case, None);
    assert!(matches!(
        store.get_feedback(id).await,
        Err(StoreError::NotFound)
    ));
    let audit = store.audit_for("feedback", id).await.unwrap();
    assert_eq!(audit.last().unwrap().action, "delete");
    assert!(audit.last().unwrap().detail.contains("mistake"));
    // The form sent again: nothing more is removed, and the first removal is found by its key.
    assert!(matches!(
        store
            .remove_conversation(id, RemovalReason::Mistake, &grace, Some(key))
            .await,
        Err(StoreError::NotFound)
    ));
    let found = store.field_removal(key).await.unwrap().unwrap();
    assert_eq!((found.session_id, found.mnvp_id), (session, mnvp));
    assert_eq!(found.kind, "walk_the_patch");
    assert!(store.field_removal("no-such-key").await.unwrap().is_none());
    // The tablet resends it (its queue never heard the answer): nothing comes back.
    let resend = store
        .insert_session_feedback(session, &plain, &grace, None)
        .await
        .unwrap();
    assert!(!resend.created);
    let walk_now = store.get_walk_session(session).await.unwrap();
    assert_eq!(walk_now.counts.conversations, 1);
    assert_eq!(walk_now.counts.declined, 0);

    // Withdrawn by the person, but a safeguarding case refers to it: kept for the case only.
    let removed = store
        .remove_conversation(kept_id, RemovalReason::Withdrew, &grace, None)
        .await
        .unwrap();
    assert_eq!(removed.kept_for_case, Some(case));
    let kept = store.get_feedback(kept_id).await.unwrap();
    assert!(kept.withdrawn_at.is_some());
    assert_eq!(kept.body_redacted, None, "themes and search never see it");
    assert_eq!(
        store.reveal(kept.body.as_ref().unwrap()).unwrap(),
        DISCLOSURE
    );
    assert!(store
        .feedback_demographics(kept_id)
        .await
        .unwrap()
        .is_none());
    let still = store.get_case(case).await.unwrap();
    assert_eq!(still.row.feedback_id, Some(kept_id));
    assert!(still.row.closed_at.is_none());
    assert_eq!(
        store
            .audit_for("feedback", kept_id)
            .await
            .unwrap()
            .last()
            .unwrap()
            .action,
        "withdraw"
    );
    assert_eq!(search(&store, mnvp, "Ottoline").await, 0);
    assert_eq!(search(&store, mnvp, "").await, 0, "not in the inbox");
    let walk_now = store.get_walk_session(session).await.unwrap();
    assert_eq!(walk_now.counts.conversations, 0);
    assert_eq!(
        walk_now.counts.declined, 1,
        "the person who withdrew still counts as approached"
    );
    assert_eq!(walk_now.approached, 1);
    assert_eq!(store.session_stage_counts(session).await.unwrap(), vec![]);
    // Neither can be changed or removed again, and a resend of the kept one stores nothing.
    assert!(matches!(
        store.recorded_conversation(kept_id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .change_conversation(kept_id, &flagged, (Edit::Replace, Edit::Keep), &grace)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(
        !store
            .insert_session_feedback(session, &flagged, &grace, None)
            .await
            .unwrap()
            .created
    );
    assert_eq!(store.count_feedback().await.unwrap(), 1);
}

fn all(counts: &Slices, dimension: &str, group: &str) -> i64 {
    counts
        .all
        .get(&(dimension.to_string(), group.to_string()))
        .copied()
        .unwrap_or(0)
}

async fn changes_and_removals_keep_the_tally_and_session_counts_right(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let grace = volunteer(&store, mnvp).await;
    let session = walk(&store, mnvp, unit, &grace).await;
    let scope = Scope {
        mnvp_ids: vec![mnvp],
        ..Default::default()
    };
    let mut ids = Vec::new();
    for (n, ethnic) in [
        EthnicCategory::African,
        EthnicCategory::African,
        EthnicCategory::Indian,
    ]
    .into_iter()
    .enumerate()
    {
        let item = NewFeedback {
            demographics: answers(ethnic),
            ..said(
                mnvp,
                Some(unit),
                Channel::WalkThePatch,
                Some(&format!("6f1c2a3b-0000-4000-8000-00000000001{n}")),
            )
        };
        ids.push(
            store
                .insert_session_feedback(session, &item, &grace, None)
                .await
                .unwrap()
                .id,
        );
    }
    let t = store.voices_counts(&scope, None, None).await.unwrap();
    assert_eq!(all(&t, "all", "all"), 3);
    assert_eq!(all(&t, "ethnic_category", "N"), 2);
    assert_eq!(all(&t, "neonatal", "yes"), 0);

    // A stage corrected to the neonatal unit and answers corrected: the month is recounted.
    let base = said(mnvp, Some(unit), Channel::WalkThePatch, None);
    let fixed = NewFeedback {
        demographics: answers(EthnicCategory::Indian),
        ..changed(&base, CareStage::NeonatalUnit, base.body.as_deref())
    };
    store
        .change_conversation(ids[0], &fixed, (Edit::Keep, Edit::Replace), &grace)
        .await
        .unwrap();
    let t = store.voices_counts(&scope, None, None).await.unwrap();
    assert_eq!(all(&t, "all", "all"), 3);
    assert_eq!(all(&t, "neonatal", "yes"), 1);
    assert_eq!(all(&t, "ethnic_category", "N"), 1);
    assert_eq!(all(&t, "ethnic_category", "H"), 2);
    assert_eq!(all(&t, "district", "RV1"), 3);

    // One removed as a duplicate: gone from the tally, the session and its stage counts.
    store
        .remove_conversation(ids[1], RemovalReason::Duplicate, &grace, None)
        .await
        .unwrap();
    let t = store.voices_counts(&scope, None, None).await.unwrap();
    assert_eq!(all(&t, "all", "all"), 2);
    assert_eq!(all(&t, "ethnic_category", "N"), 0);

    // One withdrawn and kept for a case: it counts nowhere either.
    store
        .change_conversation(
            ids[2],
            &changed(&base, CareStage::LabourAndBirth, Some(DISCLOSURE)),
            (Edit::Replace, Edit::Keep),
            &grace,
        )
        .await
        .unwrap();
    let removed = store
        .remove_conversation(ids[2], RemovalReason::Withdrew, &grace, None)
        .await
        .unwrap();
    assert!(removed.kept_for_case.is_some());
    let t = store.voices_counts(&scope, None, None).await.unwrap();
    assert_eq!(all(&t, "all", "all"), 1);
    assert_eq!(all(&t, "ethnic_category", "H"), 1);
    assert_eq!(all(&t, "district", "RV1"), 1);
    let stages = store.session_stage_counts(session).await.unwrap();
    assert_eq!(
        stages
            .iter()
            .map(|s| (s.care_stage.as_deref(), s.n))
            .collect::<Vec<_>>(),
        [(Some("neonatal"), 1)]
    );
    let (items, total) = store.session_feedback(session, 10, 0).await.unwrap();
    assert_eq!((items.len(), total), (1, 1));
    assert_eq!(items[0].id, ids[0]);
    // The dashboard's counts agree.
    let counts = store.feedback_counts(&[mnvp]).await.unwrap();
    assert_eq!(counts.iter().map(|c| c.n).sum::<i64>(), 1);
}
