//! A Walk the Patch session under way today on the Riverside Maternity Unit, recorded by the
//! demo volunteer: their Change and Remove links are there to try. One conversation was saved
//! twice on a shaky connection and the copy removed as a duplicate, and one was first saved
//! under the wrong stage of care and corrected, so the audit trail shows both.

use super::{ago, conversations_by, Ids, Said};
use crate::demo::demo_logins;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::corrections::RemovalReason;
use mnvp_domain::field::walk_the_patch::SessionPlan;
use mnvp_store::field::corrections::Edit;
use mnvp_store::field::walk_the_patch::NewWalkSession;
use mnvp_store::{Actor, Store, StoreError};

const TODAY: &[Said] = &[
    (
        CareStage::Antenatal,
        "4",
        "The midwife explained every test before she did it.",
        "",
        None,
    ),
    (
        CareStage::PostnatalHospital,
        "3",
        "Lovely breakfast.",
        "Visiting hours were not explained when we arrived.",
        Some(("M", "30_34")),
    ),
    (
        CareStage::PostnatalHospital,
        "3",
        "Lovely breakfast.",
        "Visiting hours were not explained when we arrived.",
        None,
    ),
];

pub(super) async fn load(store: &Store, ids: &Ids) -> Result<(), StoreError> {
    let email = &demo_logins()[2].email;
    let Some(volunteer) = store.user_by_email(email).await? else {
        return Ok(());
    };
    let grace = Actor {
        user_id: Some(volunteer.id),
        label: volunteer.email.clone(),
        ip: "demo".into(),
    };
    let held_on = ago(0)?;
    let session = store
        .create_walk_session(
            &NewWalkSession {
                mnvp_id: ids.riverside,
                unit_id: ids.maternity,
                plan: SessionPlan {
                    held_on: held_on.clone(),
                    volunteers: "Grace Okoro (volunteer)".into(),
                },
            },
            &grace,
            None,
        )
        .await?;
    let stored = conversations_by(
        store,
        &grace,
        session,
        (ids.riverside, Some(ids.maternity), Channel::WalkThePatch),
        &held_on,
        TODAY,
    )
    .await?;
    // Recorded as antenatal, but she was talking about labour: corrected straight away.
    let first = store.get_feedback(stored[0]).await?;
    let corrected = mnvp_store::feedback::NewFeedback {
        mnvp_id: first.mnvp_id,
        unit_id: first.unit_id,
        channel: Channel::WalkThePatch,
        care_stage: Some(CareStage::LabourAndBirth),
        received_on: first.received_on.clone(),
        rating: first.rating,
        body: None,
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    };
    store
        .change_conversation(stored[0], &corrected, (Edit::Keep, Edit::Keep), &grace)
        .await?;
    store
        .remove_conversation(stored[2], RemovalReason::Duplicate, &grace, None)
        .await?;
    Ok(())
}
