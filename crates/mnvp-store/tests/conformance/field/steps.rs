//! Fifteen Steps visits: observations land in the feedback store placed in the toolkit, the
//! outcome report's parts are kept, and trust staff's scope sees final reports only.

use super::{covered, day};
use crate::{actor, open};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::fifteen_steps::{
    Action, Area, Audience, Finding, Heading, Share, VisitPlan,
};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::field::fifteen_steps::{NewVisit, VisitScope};
use mnvp_store::{Engine, Store, StoreError};

crate::both_engines!(
    a_visit_keeps_its_observations_in_the_feedback_store,
    the_outcome_report_is_kept_and_only_final_reports_reach_trust_staff
);

async fn visit(store: &Store, mnvp: i64, unit: i64) -> i64 {
    store
        .create_visit(
            &NewVisit {
                mnvp_id: mnvp,
                unit_id: unit,
                plan: VisitPlan {
                    held_on: day("2026-06-10"),
                    areas: vec![Area::LabourWard, Area::NeonatalUnit],
                    other_area: None,
                    team: "Two parents, a midwife, the MNVP lead".into(),
                },
            },
            &actor(),
            None,
        )
        .await
        .unwrap()
}

fn seen(mnvp: i64, unit: i64, area: Area, text: &str) -> NewFeedback {
    NewFeedback {
        mnvp_id: mnvp,
        unit_id: Some(unit),
        channel: Channel::FifteenSteps,
        care_stage: area.care_stage(),
        received_on: "2026-06-10".into(),
        rating: None,
        body: Some(text.into()),
        client_id: None,
        body_redacted: Some(text.into()),
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    }
}

async fn a_visit_keeps_its_observations_in_the_feedback_store(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let a = actor();
    let id = visit(&store, mnvp, unit).await;
    let v = store.get_visit(id).await.unwrap();
    assert_eq!(v.areas, "labour_ward;neonatal_unit");
    assert_eq!(v.status, "draft");
    assert_eq!(v.unit_name.as_deref(), Some("North Unit"));

    let key = "4f0c2d6e-1a3b-4c5d-8e9f-0a1b2c3d4e5f";
    let items = vec![
        (
            seen(
                mnvp,
                unit,
                Area::NeonatalUnit,
                "Parents' room was tidy and warm",
            ),
            Heading::Welcoming,
            Finding::WorksWell,
        ),
        (
            seen(
                mnvp,
                unit,
                Area::NeonatalUnit,
                "Hand gel by the door was empty",
            ),
            Heading::Safe,
            Finding::CouldImprove,
        ),
    ];
    let first = store
        .add_observations(id, Area::NeonatalUnit, &items, &a, Some(key))
        .await
        .unwrap();
    let again = store
        .add_observations(id, Area::NeonatalUnit, &items, &a, Some(key))
        .await
        .unwrap();
    assert!(first.created && !again.created);
    assert_eq!(first.id, again.id);
    store
        .add_observations(
            id,
            Area::LabourWard,
            &[(
                seen(mnvp, unit, Area::LabourWard, "Calm, lights dimmed"),
                Heading::OrganisedCalm,
                Finding::WorksWell,
            )],
            &a,
            None,
        )
        .await
        .unwrap();

    let rows = store.visit_observations(id).await.unwrap();
    let order: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.area.as_str(), r.heading.as_str(), r.finding.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("labour_ward", "organised_calm", "works_well"),
            ("neonatal_unit", "welcoming", "works_well"),
            ("neonatal_unit", "safe", "could_improve"),
        ],
        "toolkit order: area, heading, works well first"
    );
    let (items, total) = store.session_feedback(id, 10, 0).await.unwrap();
    assert_eq!(
        total, 3,
        "every observation is a feedback item of the visit"
    );
    assert!(items.iter().all(|i| i.channel == "fifteen_steps"));
    assert!(items
        .iter()
        .any(|i| i.care_stage.as_deref() == Some(CareStage::NeonatalUnit.as_str())));
    assert_eq!(store.get_visit(id).await.unwrap().observations, 3);

    // Another MNVP's observation cannot be slipped into the visit; nothing is written.
    let foreign = seen(mnvp + 1000, unit, Area::LabourWard, "x");
    assert!(matches!(
        store
            .add_observations(
                id,
                Area::LabourWard,
                &[(foreign, Heading::Safe, Finding::WorksWell)],
                &a,
                None
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.count_feedback().await.unwrap(), 3);
}

async fn the_outcome_report_is_kept_and_only_final_reports_reach_trust_staff(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (trust, unit, mnvp) = covered(&store).await;
    let a = actor();
    let id = visit(&store, mnvp, unit).await;
    let draft = visit(&store, mnvp, unit).await;

    store
        .set_visit_summary(id, Some("A calm, welcoming unit; signage needs work."), &a)
        .await
        .unwrap();
    let action = Action::parse(
        "Add signs to the neonatal unit from the lifts",
        "neonatal_unit",
        "Estates lead",
    )
    .unwrap();
    let key = "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4";
    let x = store
        .add_visit_action(id, &action, &a, Some(key))
        .await
        .unwrap();
    let y = store
        .add_visit_action(id, &action, &a, Some(key))
        .await
        .unwrap();
    assert_eq!(x, y, "a double-submitted action is stored once");
    for audience in ["trust_governance", "lmns_board"] {
        let share = Share::parse(audience, ("1", "7", "2026"), "").unwrap();
        store
            .record_visit_share(id, &share, &a, None)
            .await
            .unwrap();
    }
    assert!(store.finalise_visit(id, &a).await.unwrap());
    assert!(
        !store.finalise_visit(id, &a).await.unwrap(),
        "finalising twice changes nothing"
    );

    let v = store.get_visit(id).await.unwrap();
    assert!(v.is_final() && v.finalised_at.is_some());
    assert_eq!((v.actions, v.shares), (1, 2));
    assert_eq!(
        v.summary.as_deref(),
        Some("A calm, welcoming unit; signage needs work.")
    );
    let actions = store.visit_actions(id).await.unwrap();
    assert_eq!(actions[0].area.as_deref(), Some("neonatal_unit"));
    assert_eq!(actions[0].owner.as_deref(), Some("Estates lead"));
    let shares = store.visit_shares(id).await.unwrap();
    let audiences: Vec<&str> = shares.iter().map(|s| s.audience.as_str()).collect();
    assert_eq!(
        audiences,
        [
            Audience::TrustGovernance.as_str(),
            Audience::LmnsBoard.as_str()
        ]
    );
    assert_eq!(shares[0].shared_on, "2026-07-01");

    let (mine, total) = store
        .list_visits(&VisitScope::Mnvp(mnvp), 10, 0)
        .await
        .unwrap();
    assert_eq!(total, 2);
    assert_eq!(mine.len(), 2);
    let units = store.org_subtree_ids(trust).await.unwrap();
    let (theirs, total) = store
        .list_visits(&VisitScope::FinalForUnits(units), 10, 0)
        .await
        .unwrap();
    assert_eq!(total, 1, "trust staff see the final report only");
    assert_eq!(theirs[0].id, id);
    assert_ne!(theirs[0].id, draft);
    let (none, total) = store
        .list_visits(&VisitScope::FinalForUnits(vec![]), 10, 0)
        .await
        .unwrap();
    assert!(none.is_empty() && total == 0);
    assert!(matches!(
        store.set_visit_summary(id + 1000, None, &a).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.audit_for("capture_session", id).await.unwrap().len() >= 6);
}
