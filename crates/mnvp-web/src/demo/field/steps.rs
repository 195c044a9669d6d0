//! The demo's Fifteen Steps: a visit with its final outcome report, and one being planned.

use super::{ago, invalid, Ids};
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::fifteen_steps::{Action, Area, Finding, Heading, Share, VisitPlan};
use mnvp_domain::field::Day;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::field::fifteen_steps::NewVisit;
use mnvp_store::{Actor, Store, StoreError};

pub async fn load(store: &Store, ids: &Ids) -> Result<(), StoreError> {
    let a = Actor::system();
    let held_on = ago(60)?;
    let plan = VisitPlan {
        held_on: held_on.clone(),
        areas: vec![Area::AntenatalClinic, Area::LabourWard, Area::PostnatalWard],
        other_area: None,
        team: "Two parents from the MNVP, a community midwife and the MNVP lead".into(),
    };
    let id = store
        .create_visit(
            &NewVisit {
                mnvp_id: ids.riverside,
                unit_id: ids.maternity,
                plan,
            },
            &a,
            None,
        )
        .await?;
    let seen: [(Area, Heading, Finding, &str); 9] = [
        (
            Area::AntenatalClinic,
            Heading::Welcoming,
            Finding::WorksWell,
            "Receptionist looked up and smiled; leaflets in six languages.",
        ),
        (
            Area::AntenatalClinic,
            Heading::OrganisedCalm,
            Finding::CouldImprove,
            "Screen showing waiting times was switched off; people kept asking.",
        ),
        (
            Area::LabourWard,
            Heading::Safe,
            Finding::WorksWell,
            "Entry buzzer answered quickly and the door closed behind us.",
        ),
        (
            Area::LabourWard,
            Heading::CaringInvolving,
            Finding::WorksWell,
            "Staff introduced themselves by name and role.",
        ),
        (
            Area::LabourWard,
            Heading::Welcoming,
            Finding::CouldImprove,
            "No signs from the lifts: we walked past the entrance twice.",
        ),
        (
            Area::PostnatalWard,
            Heading::OrganisedCalm,
            Finding::CouldImprove,
            "Bay was very warm and a television was on loud at 9pm.",
        ),
        (
            Area::PostnatalWard,
            Heading::CaringInvolving,
            Finding::WorksWell,
            "Infant feeding notice board with photos of the team.",
        ),
        (
            Area::PostnatalWard,
            Heading::Safe,
            Finding::CouldImprove,
            "Hand gel by the bay entrance was empty.",
        ),
        (
            Area::PostnatalWard,
            Heading::Welcoming,
            Finding::WorksWell,
            "Partners' visiting information clear at the door.",
        ),
    ];
    for (area, heading, finding, text) in seen {
        let item = crate::capture::screened(NewFeedback {
            mnvp_id: ids.riverside,
            unit_id: Some(ids.maternity),
            channel: Channel::FifteenSteps,
            care_stage: area.care_stage(),
            received_on: held_on.as_str().to_string(),
            rating: None,
            body: Some(text.into()),
            client_id: None,
            body_redacted: None,
            safety_flagged: false,
            safety_categories: String::new(),
            demographics: None,
        });
        store
            .add_observations(id, area, &[(item, heading, finding)], &a, None)
            .await?;
    }
    store
        .set_visit_summary(id, Some("A welcoming unit where staff introduce themselves and families feel included. Wayfinding to the labour ward and the postnatal environment at night need attention."), &a)
        .await?;
    for (text, area, owner) in [
        (
            "Add signs from the lifts to the labour ward entrance",
            "labour_ward",
            "Estates lead",
        ),
        (
            "Agree quiet hours on the postnatal ward, with televisions off after 9pm",
            "postnatal_ward",
            "Postnatal ward manager",
        ),
        (
            "Switch on the waiting-time screen in antenatal clinic",
            "antenatal_clinic",
            "Outpatient services manager",
        ),
    ] {
        store
            .add_visit_action(
                id,
                &Action::parse(text, area, owner).map_err(|e| invalid(format!("{e:?}")))?,
                &a,
                None,
            )
            .await?;
    }
    for (audience, days) in [("trust_governance", 40), ("safety_champions", 33)] {
        let (d, m, y) = ago(days)?.parts();
        let share =
            Share::parse(audience, (&d, &m, &y), "").map_err(|e| invalid(format!("{e:?}")))?;
        store.record_visit_share(id, &share, &a, None).await?;
    }
    store.finalise_visit(id, &a).await?;
    // A visit still being planned, a month ahead.
    let later = chrono::Utc::now().date_naive() + chrono::Duration::days(30);
    let plan = VisitPlan {
        held_on: Day::parse("the date", &later.format("%Y-%m-%d").to_string()).map_err(invalid)?,
        areas: vec![Area::BirthCentre],
        other_area: None,
        team: "A parent, a birth centre midwife and a volunteer".into(),
    };
    store
        .create_visit(
            &NewVisit {
                mnvp_id: ids.riverside,
                unit_id: ids.birth_centre,
                plan,
            },
            &a,
            None,
        )
        .await?;
    Ok(())
}
