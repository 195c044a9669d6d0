//! Field work sessions on both engines: Walk the Patch, Fifteen Steps and outreach sessions,
//! the feedback they gather (linked to its session, stored once), and the records kept beside it.

mod corrections;
mod intelligence;
mod outreach;
mod steps;
mod walk;

use crate::{actor, hierarchy};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::Day;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::Store;

/// The hierarchy with the unit covered by the MNVP; returns (trust, unit, mnvp).
pub async fn covered(store: &Store) -> (i64, i64, i64) {
    let (_, _, trust, unit, mnvp) = hierarchy(store).await;
    store.set_mnvp_units(mnvp, &[unit], &actor()).await.unwrap();
    (trust, unit, mnvp)
}

pub fn day(s: &str) -> Day {
    Day::parse("the date", s).unwrap()
}

/// Opens a Walk the Patch session on 1 May 2026 as `a`.
pub async fn walk_as(
    store: &Store,
    mnvp: i64,
    unit: i64,
    a: &mnvp_store::Actor,
    key: Option<&str>,
) -> Result<i64, mnvp_store::StoreError> {
    store
        .create_walk_session(
            &mnvp_store::field::walk_the_patch::NewWalkSession {
                mnvp_id: mnvp,
                unit_id: unit,
                plan: mnvp_domain::field::walk_the_patch::SessionPlan {
                    held_on: day("2026-05-01"),
                    volunteers: "Priya and Grace".into(),
                },
            },
            a,
            key,
        )
        .await
}

pub fn said(mnvp: i64, unit: Option<i64>, channel: Channel, client: Option<&str>) -> NewFeedback {
    NewFeedback {
        mnvp_id: mnvp,
        unit_id: unit,
        channel,
        care_stage: Some(CareStage::LabourAndBirth),
        received_on: "2026-05-01".into(),
        rating: Some(4),
        body: Some("What was good: the midwives listened".into()),
        client_id: client.map(str::to_string),
        body_redacted: Some("What was good: the midwives listened".into()),
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    }
}
