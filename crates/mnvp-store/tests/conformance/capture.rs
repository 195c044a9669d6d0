//! The one feedback store as channels write to it: single items with retries, and the
//! equality-monitoring answers that travel with them.

use crate::{actor, hierarchy, open};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::voices::demographics::{Demographics, RawDemographics, CONSENT_VERSION};
use mnvp_store::feedback::{FeedbackFilter, NewFeedback};
use mnvp_store::Engine;

crate::both_engines!(
    a_retried_item_is_stored_once,
    demographics_are_kept_only_with_consent
);

fn item(mnvp: i64, unit: i64, client: Option<&str>) -> NewFeedback {
    NewFeedback {
        mnvp_id: mnvp,
        unit_id: Some(unit),
        channel: Channel::WalkThePatch,
        care_stage: Some(CareStage::PostnatalHospital),
        received_on: "2026-11-20".into(),
        rating: Some(3),
        body: Some("The ward was loud at night".into()),
        client_id: client.map(str::to_string),
        body_redacted: Some("The ward was loud at night".into()),
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    }
}

async fn a_retried_item_is_stored_once(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    // An offline queue resends the same entry: one record, same id.
    let first = store
        .insert_feedback(&item(mnvp, unit, Some("tablet-1:7")), &a, None)
        .await
        .unwrap();
    let again = store
        .insert_feedback(&item(mnvp, unit, Some("tablet-1:7")), &a, None)
        .await
        .unwrap();
    assert_eq!(first, again);
    // A form posted twice with the same key: one record.
    let key = "6f1c1a3e-9d7e-4d2b-9b1e-2f6a4c1d0e11";
    let x = store
        .insert_feedback(&item(mnvp, unit, None), &a, Some(key))
        .await
        .unwrap();
    let y = store
        .insert_feedback(&item(mnvp, unit, None), &a, Some(key))
        .await
        .unwrap();
    assert_eq!(x, y);
    assert_ne!(x, first);
    assert_eq!(store.count_feedback().await.unwrap(), 2);
    let stored = store.get_feedback(first).await.unwrap();
    assert_eq!(stored.channel, "walk_the_patch");
    assert!(!stored.has_demographics);
}

async fn demographics_are_kept_only_with_consent(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let experiences = ["neonatal", "bereavement"];
    let answers = |consented| {
        Demographics::parse(&RawDemographics {
            ethnic_category: "M",
            age_band: "prefer_not",
            experiences: &experiences,
            postcode: "NR2 4AB",
            consented,
            ..Default::default()
        })
        .unwrap()
    };
    let with = NewFeedback {
        demographics: Some(answers(true)),
        ..item(mnvp, unit, None)
    };
    let without_consent = NewFeedback {
        demographics: Some(answers(false)),
        ..item(mnvp, unit, None)
    };
    let skipped = NewFeedback {
        demographics: Some(Demographics {
            consented: true,
            ..Default::default()
        }),
        ..item(mnvp, unit, None)
    };
    let kept = store.insert_feedback(&with, &a, None).await.unwrap();
    let refused = store
        .insert_feedback(&without_consent, &a, None)
        .await
        .unwrap();
    let empty = store.insert_feedback(&skipped, &a, None).await.unwrap();

    let d = store.feedback_demographics(kept).await.unwrap().unwrap();
    assert_eq!(d.ethnic_category.as_deref(), Some("M"));
    assert_eq!(d.age_band.as_deref(), Some("prefer_not"));
    assert_eq!(d.experiences, "neonatal;bereavement");
    assert_eq!(d.postcode_district.as_deref(), Some("NR2"));
    assert_eq!(d.consent_version, CONSENT_VERSION);
    assert_eq!(d.religion, None);
    assert!(store
        .feedback_demographics(refused)
        .await
        .unwrap()
        .is_none());
    assert!(store.feedback_demographics(empty).await.unwrap().is_none());

    let filter = FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        with_demographics: true,
        ..Default::default()
    };
    let (rows, total) = store.list_feedback(&filter, 10, 0).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(rows[0].id, kept);
    assert!(rows[0].has_demographics);
}
