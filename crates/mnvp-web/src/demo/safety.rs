//! Demo safeguarding: Riverside's escalation procedure with (fictional) contacts, and a few
//! fictional disclosures whose cases stand at every stage — closed after escalation, closed
//! with no further action, escalated and awaiting the outcome, one overdue for review, and
//! new ones — so the triage queue, a case, the dashboard alert and the report all have
//! something to show. The telephone numbers are in Ofcom's range reserved for drama.

use super::new_feedback;
use chrono::Utc;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::safety::procedure::Procedure;
use mnvp_domain::safety::{Contact, Decision, Method};
use mnvp_store::{Actor, Store, StoreError};

/// What has happened on a demo case.
enum Stage {
    ClosedEscalated,
    ClosedNoAction,
    AwaitingOutcome,
    OverdueReview,
    New,
}

/// (days ago the case opened, what has happened since, stage of care, comment).
const DISCLOSURES: &[(i64, Stage, CareStage, &str)] = &[
    (40, Stage::ClosedEscalated, CareStage::PostnatalHome, "My partner checks my phone and won't let me see my family. I was scared to say anything at the appointment."),
    (25, Stage::ClosedNoAction, CareStage::PostnatalHome, "Last year I had thoughts of ending my life after the birth, but the perinatal team have supported me and I am doing much better now."),
    (2, Stage::AwaitingOutcome, CareStage::LabourAndBirth, "Nobody checked the baby's heart rate for hours and when they did it had dropped. We were rushed to theatre and nobody has explained what went wrong."),
    (4, Stage::OverdueReview, CareStage::PostnatalHome, "Since the birth I don't want to be here anymore. I haven't told anyone."),
    (0, Stage::New, CareStage::Antenatal, "I'm worried about my sister's baby, there's never any food in the house and he's often left on his own."),
];

fn riverside_procedure() -> Procedure {
    Procedure {
        contacts: vec![
        (Contact::SafeguardingTeam, "Riverside safeguarding hub (fictional), 01632 960100, safeguarding@riverside.nhs.example".into()),
        (Contact::SafetyChampion, "Dr Amira Haddad, obstetric safety champion (fictional), 01632 960101".into()),
        (Contact::PatientSafetyTeam, "Patient safety team (fictional), 01632 960102, patient.safety@riverside.nhs.example".into()),
        ],
        ..Procedure::default()
    }
}

/// Why the lead took no further action on the demo's everyday comments that the screening
/// flagged (worries about care, not immediate risks).
const TRIAGED: &str =
    "Past experience of care, shared for learning rather than an immediate risk: \
passed to the trust through the usual feedback route.";

/// Closes, as triaged on the day they arrived, the cases the screening opened for the demo's
/// everyday comments, so the queue holds the demonstration cases below and the report has a
/// year of history.
async fn triage_everyday(store: &Store, mnvp: i64, a: &Actor) -> Result<(), StoreError> {
    let open = store
        .all_cases(&mnvp_store::safety::CaseFilter {
            mnvp_ids: vec![mnvp],
            open: Some(true),
            ..Default::default()
        })
        .await?;
    let today = Utc::now().date_naive();
    for case in open {
        let id = case.row.id;
        store.review_case(id, "", a).await?;
        store
            .decide_case(id, Decision::NoAction, TRIAGED, a)
            .await?;
        store.close_case(id, "", a).await?;
        if let Some(fid) = case.row.feedback_id {
            let received = store.get_feedback(fid).await?.received_on;
            if let Ok(d) = chrono::NaiveDate::parse_from_str(&received, "%Y-%m-%d") {
                store
                    .backdate_case(id, (today - d).num_days().max(0))
                    .await?;
            }
        }
    }
    Ok(())
}

/// The lead of an MNVP, as the actor of the demo's steps.
async fn lead(store: &Store, email: &str) -> Result<Actor, StoreError> {
    let lead = store
        .user_by_email(email)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(Actor {
        user_id: Some(lead.id),
        label: lead.email,
        ip: "demo".into(),
    })
}

/// Adds the demo's safeguarding records: the everyday flags triaged, and Riverside MNVP's
/// procedure and demonstration cases.
pub(super) async fn load(
    store: &Store,
    riverside: (i64, i64, &str),
    downs: (i64, &str),
) -> Result<(), StoreError> {
    triage_everyday(store, downs.0, &lead(store, downs.1).await?).await?;
    let (riverside, unit, lead_email) = riverside;
    let a = lead(store, lead_email).await?;
    triage_everyday(store, riverside, &a).await?;
    store
        .save_procedure(riverside, &riverside_procedure(), &a)
        .await?;
    let today = Utc::now().format("%Y-%m-%d").to_string();
    for (days, stage, care, text) in DISCLOSURES {
        let item = new_feedback(
            riverside,
            unit,
            Channel::OnlineForm,
            *care,
            today.clone(),
            1,
            text,
        );
        let fid = store.insert_feedback(&item, &Actor::system(), None).await?;
        if store.case_for_feedback(fid).await?.is_none() {
            // Should the screening ever miss one, the lead flags it by hand.
            store.flag_feedback(fid, &a).await?;
        }
        let id = store
            .case_for_feedback(fid)
            .await?
            .ok_or(StoreError::NotFound)?;
        let now = Utc::now();
        match stage {
            Stage::ClosedEscalated => {
                store
                    .review_case(id, "Disclosure of coercive control; same-day referral.", &a)
                    .await?;
                store.decide_case(id, Decision::Escalate, "", &a).await?;
                store
                    .record_notification(
                        id,
                        Contact::SafeguardingTeam,
                        "Duty safeguarding midwife",
                        Method::Phone,
                        now,
                        &a,
                    )
                    .await?;
                store.record_outcome(id, "The safeguarding team offered support at the next contact and made a referral to the local domestic abuse service.", &a).await?;
                store.close_case(id, "", &a).await?;
            }
            Stage::ClosedNoAction => {
                store.review_case(id, "", &a).await?;
                store
                    .decide_case(id, Decision::NoAction, "Historical, and the person says they are supported by the perinatal mental health team.", &a)
                    .await?;
                store.close_case(id, "", &a).await?;
            }
            Stage::AwaitingOutcome => {
                store
                    .review_case(id, "Possible serious incident in labour.", &a)
                    .await?;
                store.decide_case(id, Decision::Escalate, "", &a).await?;
                store
                    .record_notification(
                        id,
                        Contact::PatientSafetyTeam,
                        "Patient safety lead",
                        Method::Email,
                        now,
                        &a,
                    )
                    .await?;
                store
                    .record_notification(
                        id,
                        Contact::SafetyChampion,
                        "Dr Amira Haddad",
                        Method::InPerson,
                        now,
                        &a,
                    )
                    .await?;
            }
            Stage::OverdueReview | Stage::New => {}
        }
        if *days > 0 {
            store.backdate_case(id, *days).await?;
        }
    }
    Ok(())
}
