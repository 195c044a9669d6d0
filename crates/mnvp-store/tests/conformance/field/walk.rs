//! Walk the Patch sessions: conversations linked to their session and stored once however
//! often a device resends them, and tallies of people who did not give feedback.

use super::{covered, said, walk_as};
use crate::{actor, open, org};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::walk_the_patch::TallyKind;
use mnvp_domain::organisation::OrgKind;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::{Engine, Store, StoreError};

crate::both_engines!(
    walk_sessions_keep_their_unit_and_open_once,
    a_resent_conversation_is_stored_once_and_never_crosses_sessions,
    tallies_count_once_and_cannot_go_below_zero
);

async fn walk(store: &Store, mnvp: i64, unit: i64, key: Option<&str>) -> Result<i64, StoreError> {
    walk_as(store, mnvp, unit, &actor(), key).await
}

async fn walk_sessions_keep_their_unit_and_open_once(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (trust, unit, mnvp) = covered(&store).await;
    let a = actor();
    let key = "0b6a3c52-47d4-4b8e-9c1e-3d1c6f0e9a11";
    let first = walk(&store, mnvp, unit, Some(key)).await.unwrap();
    let again = walk(&store, mnvp, unit, Some(key)).await.unwrap();
    assert_eq!(first, again, "a double-submitted form opens one session");

    // A unit the MNVP does not cover is refused, and nothing is written.
    let elsewhere = store
        .create_org(&org(OrgKind::Unit, "Far Unit", Some(trust)), None, &a)
        .await
        .unwrap();
    match walk(&store, mnvp, elsewhere.id, None).await {
        Err(StoreError::Invalid(m)) => assert!(m.contains("unit your MNVP covers")),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let (list, total) = store.list_walk_sessions(mnvp, 10, 0).await.unwrap();
    assert_eq!(total, 1);
    let s = &list[0];
    assert_eq!(s.id, first);
    assert_eq!(s.unit_id, Some(unit));
    assert_eq!(s.unit_name.as_deref(), Some("North Unit"));
    assert_eq!(s.held_on, "2026-05-01");
    assert_eq!(s.volunteers, "Priya and Grace");
    assert_eq!(s.approached, 0);
    assert_eq!(
        store
            .audit_for("capture_session", first)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        store.get_walk_session(first + 99).await,
        Err(StoreError::NotFound)
    ));
}

async fn a_resent_conversation_is_stored_once_and_never_crosses_sessions(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let a = actor();
    let session = walk(&store, mnvp, unit, None).await.unwrap();
    let other = walk(&store, mnvp, unit, None).await.unwrap();
    let client = "5d3b2f0a-8c4e-4e7a-b1c2-9f8e7d6c5b4a";
    let item = said(mnvp, Some(unit), Channel::WalkThePatch, Some(client));

    let first = store
        .insert_session_feedback(session, &item, &a, None)
        .await
        .unwrap();
    assert!(first.created);
    let resend = store
        .insert_session_feedback(session, &item, &a, None)
        .await
        .unwrap();
    assert_eq!(resend.id, first.id);
    assert!(!resend.created, "a resend is reported as already stored");
    assert_eq!(store.count_feedback().await.unwrap(), 1);

    // The same device id sent for another session is a conflict, not a merge.
    assert!(matches!(
        store.insert_session_feedback(other, &item, &a, None).await,
        Err(StoreError::Conflict(_))
    ));
    // Another MNVP's item, or another channel's, cannot be attached to the session.
    let foreign = said(mnvp + 1000, Some(unit), Channel::WalkThePatch, None);
    assert!(matches!(
        store
            .insert_session_feedback(session, &foreign, &a, None)
            .await,
        Err(StoreError::Invalid(_))
    ));
    let wrong_channel = said(mnvp, Some(unit), Channel::Outreach, None);
    assert!(matches!(
        store
            .insert_session_feedback(session, &wrong_channel, &a, None)
            .await,
        Err(StoreError::NotFound)
    ));
    // A form posted twice (no device id, one form key) stores once.
    let key = "8a1d6c1e-2b3f-4c5d-9e8f-7a6b5c4d3e2f";
    let plain = NewFeedback {
        care_stage: Some(CareStage::PostnatalHospital),
        ..said(mnvp, Some(unit), Channel::WalkThePatch, None)
    };
    let x = store
        .insert_session_feedback(session, &plain, &a, Some(key))
        .await
        .unwrap();
    let y = store
        .insert_session_feedback(session, &plain, &a, Some(key))
        .await
        .unwrap();
    assert_eq!(x.id, y.id);
    assert!(x.created && !y.created);

    let (items, total) = store.session_feedback(session, 10, 0).await.unwrap();
    assert_eq!(total, 2);
    assert_eq!(items.len(), 2);
    assert!(items
        .iter()
        .all(|i| i.channel == "walk_the_patch" && i.unit_id == Some(unit)));
    assert_eq!(store.session_feedback(other, 10, 0).await.unwrap().1, 0);
    let stages = store.session_stage_counts(session).await.unwrap();
    let stages: Vec<(Option<&str>, i64)> = stages
        .iter()
        .map(|s| (s.care_stage.as_deref(), s.n))
        .collect();
    assert_eq!(
        stages,
        [(Some("labour_birth"), 1), (Some("postnatal_hospital"), 1)]
    );
    assert_eq!(
        store
            .get_walk_session(session)
            .await
            .unwrap()
            .counts
            .conversations,
        2
    );
}

async fn tallies_count_once_and_cannot_go_below_zero(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let a = actor();
    let session = walk(&store, mnvp, unit, None).await.unwrap();
    let other = walk(&store, mnvp, unit, None).await.unwrap();
    let tap = |n: u8| format!("00000000-0000-4000-8000-0000000000{n:02}");
    let t = store
        .record_walk_tally(session, &tap(1), TallyKind::Declined, 1, &a)
        .await
        .unwrap();
    assert!(t.created);
    let again = store
        .record_walk_tally(session, &tap(1), TallyKind::Declined, 1, &a)
        .await
        .unwrap();
    assert!(!again.created, "a resent tap counts once");
    store
        .record_walk_tally(session, &tap(2), TallyKind::Declined, 1, &a)
        .await
        .unwrap();
    store
        .record_walk_tally(session, &tap(3), TallyKind::NotNow, 1, &a)
        .await
        .unwrap();
    store
        .record_walk_tally(session, &tap(4), TallyKind::Declined, -1, &a)
        .await
        .unwrap();
    store
        .insert_session_feedback(
            session,
            &said(mnvp, Some(unit), Channel::WalkThePatch, None),
            &a,
            None,
        )
        .await
        .unwrap();

    // Taking back a "not now" twice: the second is refused and changes nothing.
    store
        .record_walk_tally(session, &tap(5), TallyKind::NotNow, -1, &a)
        .await
        .unwrap();
    assert!(matches!(
        store
            .record_walk_tally(session, &tap(6), TallyKind::NotNow, -1, &a)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store
            .record_walk_tally(other, &tap(1), TallyKind::Declined, 1, &a)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .record_walk_tally(session + 1000, &tap(7), TallyKind::Declined, 1, &a)
            .await,
        Err(StoreError::NotFound)
    ));
    let s = store.get_walk_session(session).await.unwrap();
    assert_eq!(s.counts.declined, 1);
    assert_eq!(s.counts.not_now, 0);
    assert_eq!(s.counts.conversations, 1);
    assert_eq!(s.approached, 2);
    assert_eq!(store.get_walk_session(other).await.unwrap().approached, 0);
}
