//! Fictional field work for the demo: Walk the Patch sessions with conversations and tallies,
//! a Fifteen Steps visit with its final outcome report (and one still being planned),
//! outreach sessions across the patch with tallies of who was reached, and social media and
//! Parent Advisory Group insights. Every place, group and word here is invented.

mod community;
mod corrections;
mod steps;

use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::conversation::{Conversation, RawConversation};
use mnvp_domain::field::walk_the_patch::{SessionPlan, TallyKind};
use mnvp_domain::field::Day;
use mnvp_domain::voices::demographics::{Demographics, RawDemographics};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::field::walk_the_patch::NewWalkSession;
use mnvp_store::{Actor, Store, StoreError};

/// The demo organisations field work happens in.
pub struct Ids {
    pub riverside: i64,
    pub maternity: i64,
    pub birth_centre: i64,
    pub downs: i64,
    pub neonatal: i64,
}

pub(super) fn invalid(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

/// A date `days_ago` days before today, as stored.
pub(super) fn ago(days_ago: i64) -> Result<Day, StoreError> {
    let d = chrono::Utc::now().date_naive() - chrono::Duration::days(days_ago);
    Day::parse("the date", &d.format("%Y-%m-%d").to_string()).map_err(invalid)
}

/// A conversation as a volunteer would record it: (stage, rating, good, better, ethnic
/// category, age band) — the last two only when the person agreed to answer.
pub(super) type Said = (
    CareStage,
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
);

const WARD: &[Said] = &[
    (
        CareStage::LabourAndBirth,
        "5",
        "The midwife stayed calm and talked me through every stage.",
        "",
        Some(("N", "25_29")),
    ),
    (
        CareStage::PostnatalHospital,
        "2",
        "",
        "Nobody came when I pressed the buzzer at night. I felt forgotten.",
        Some(("H", "30_34")),
    ),
    (
        CareStage::PostnatalHospital,
        "3",
        "Kind healthcare assistants.",
        "The bay was too hot and noisy to sleep.",
        None,
    ),
    (
        CareStage::LabourAndBirth,
        "4",
        "My birth plan was read and respected.",
        "Waiting for the epidural took hours.",
        Some(("A", "35_39")),
    ),
    (
        CareStage::PostnatalHospital,
        "1",
        "",
        "I was discharged with no explanation of the baby's jaundice.",
        Some(("K", "20_24")),
    ),
    (
        CareStage::Antenatal,
        "4",
        "The induction was explained clearly.",
        "Triage phone line rang out twice.",
        None,
    ),
    (
        CareStage::PostnatalHospital,
        "5",
        "The feeding team came back three times. Brilliant.",
        "",
        Some(("C", "30_34")),
    ),
];

const BIRTH_CENTRE: &[Said] = &[
    (
        CareStage::LabourAndBirth,
        "5",
        "The pool room felt like home.",
        "",
        Some(("A", "30_34")),
    ),
    (
        CareStage::LabourAndBirth,
        "4",
        "My partner could stay the whole time.",
        "Parking was hard to find in the night.",
        None,
    ),
    (
        CareStage::PostnatalHospital,
        "5",
        "Quiet, dim lights, time to feed.",
        "",
        Some(("D", "25_29")),
    ),
];

const NEONATAL: &[Said] = &[
    (
        CareStage::NeonatalUnit,
        "4",
        "Nurses included us in ward rounds.",
        "Nowhere to sleep near the unit.",
        Some(("P", "25_29")),
    ),
    (
        CareStage::NeonatalUnit,
        "2",
        "",
        "Different doctors told us different things about her breathing.",
        None,
    ),
];

pub(super) async fn conversations(
    store: &Store,
    session: i64,
    mnvp: i64,
    unit: Option<i64>,
    channel: Channel,
    on: &Day,
    said: &[Said],
) -> Result<(), StoreError> {
    conversations_by(
        store,
        &Actor::system(),
        session,
        (mnvp, unit, channel),
        on,
        said,
    )
    .await
    .map(|_| ())
}

/// Records `said` in a session as `a` would; returns the ids stored.
pub(super) async fn conversations_by(
    store: &Store,
    a: &Actor,
    session: i64,
    (mnvp, unit, channel): (i64, Option<i64>, Channel),
    on: &Day,
    said: &[Said],
) -> Result<Vec<i64>, StoreError> {
    let mut ids = Vec::new();
    for (stage, rating, good, better, about) in said {
        let c = Conversation::parse(&RawConversation {
            care_stage: stage.as_str(),
            rating,
            good,
            better,
        })
        .map_err(|e| invalid(format!("{e:?}")))?;
        let demographics = match about {
            Some((ethnic, age)) => Some(
                Demographics::parse(&RawDemographics {
                    ethnic_category: ethnic,
                    age_band: age,
                    consented: true,
                    ..Default::default()
                })
                .map_err(|e| invalid(format!("{e:?}")))?,
            ),
            None => None,
        };
        let item = crate::capture::screened(NewFeedback {
            mnvp_id: mnvp,
            unit_id: unit,
            channel,
            care_stage: Some(c.care_stage),
            received_on: on.as_str().to_string(),
            rating: c.rating,
            body: c.body(),
            client_id: Some(uuid::Uuid::new_v4().to_string()),
            body_redacted: None,
            safety_flagged: false,
            safety_categories: String::new(),
            demographics,
        });
        ids.push(
            store
                .insert_session_feedback(session, &item, a, None)
                .await?
                .id,
        );
    }
    Ok(ids)
}

/// (MNVP, unit, days ago, who walked, what was said, (declined, not a good time))
type WalkPlan<'a> = (i64, i64, i64, &'a str, &'a [Said], (i64, i64));

async fn walks(store: &Store, ids: &Ids) -> Result<(), StoreError> {
    let a = Actor::system();
    let plans: [WalkPlan; 4] = [
        (
            ids.riverside,
            ids.maternity,
            40,
            "Priya Shah (MNVP lead), Ana (volunteer)",
            WARD,
            (4, 2),
        ),
        (
            ids.riverside,
            ids.birth_centre,
            26,
            "Grace Okoro (volunteer)",
            BIRTH_CENTRE,
            (1, 1),
        ),
        (
            ids.riverside,
            ids.maternity,
            5,
            "Grace Okoro and Ana (volunteers)",
            &WARD[..4],
            (3, 0),
        ),
        (
            ids.downs,
            ids.neonatal,
            12,
            "Sam Lee (MNVP lead)",
            NEONATAL,
            (1, 2),
        ),
    ];
    for (mnvp, unit, days, who, said, (declined, not_now)) in plans {
        let held_on = ago(days)?;
        let plan = SessionPlan {
            held_on: held_on.clone(),
            volunteers: who.into(),
        };
        let id = store
            .create_walk_session(
                &NewWalkSession {
                    mnvp_id: mnvp,
                    unit_id: unit,
                    plan,
                },
                &a,
                None,
            )
            .await?;
        conversations(
            store,
            id,
            mnvp,
            Some(unit),
            Channel::WalkThePatch,
            &held_on,
            said,
        )
        .await?;
        for (kind, n) in [
            (TallyKind::Declined, declined),
            (TallyKind::NotNow, not_now),
        ] {
            for _ in 0..n {
                store
                    .record_walk_tally(id, &uuid::Uuid::new_v4().to_string(), kind, 1, &a)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Loads all the demo field work.
pub async fn load(store: &Store, ids: &Ids) -> Result<(), StoreError> {
    walks(store, ids).await?;
    corrections::load(store, ids).await?;
    steps::load(store, ids).await?;
    community::outreach(store, ids).await?;
    community::intelligence(store, ids).await
}
