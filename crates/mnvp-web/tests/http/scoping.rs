//! Nobody sees more than their role needs: each role's home page shows only its own MNVPs,
//! and counts outside the MNVP lead role are suppressed.

use crate::support::*;
use mnvp_domain::feedback::Channel;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::Engine;

crate::both_engines!(
    each_role_sees_its_own_footprint,
    counts_are_suppressed_outside_the_lead_role
);

async fn each_role_sees_its_own_footprint(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let home = |email: &'static str| {
        let app = &app;
        async move { app.signed_in(email).await.get_text("/").await.1 }
    };
    let lead = home(LEAD).await;
    assert!(lead.contains("From Riverside MNVP.") && !lead.contains("Downs Valley MNVP"));
    let other = home(OTHER_LEAD).await;
    assert!(other.contains("From Downs Valley MNVP.") && !other.contains("Riverside MNVP"));
    let staff = home(STAFF).await;
    assert!(
        staff.contains("From Riverside MNVP.") && !staff.contains("Downs Valley MNVP"),
        "trust 1's units are Riverside's"
    );
    let commissioner = home(COMMISSIONER).await;
    assert!(commissioner.contains("Downs Valley MNVP") && commissioner.contains("Riverside MNVP"));
    assert!(
        !lead.contains("/admin/organisations"),
        "no admin menu for leads"
    );
}

async fn counts_are_suppressed_outside_the_lead_role(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let mnvp = app.store.org_by_slug("downs-valley").await.unwrap();
    // 13 items on a channel the demo does not use for this MNVP.
    let items: Vec<NewFeedback> = (0..13)
        .map(|_| NewFeedback {
            mnvp_id: mnvp.id,
            unit_id: None,
            channel: Channel::CqcSurvey,
            care_stage: None,
            received_on: "2026-10-01".into(),
            rating: None,
            body: None,
            client_id: None,
            body_redacted: None,
            safety_flagged: false,
            safety_categories: String::new(),
            demographics: None,
        })
        .collect();
    app.store
        .insert_feedback_batch(&items, &mnvp_store::Actor::system(), "test")
        .await
        .unwrap();
    let row = |html: &str| -> String {
        let at = html.find("CQC Maternity Survey").expect("row present");
        let cell = &html[at..];
        let start = cell.find("numeric\">").unwrap() + "numeric\">".len();
        cell[start..start + cell[start..].find('<').unwrap()].to_string()
    };
    let lead = app.signed_in(OTHER_LEAD).await.get_text("/").await.1;
    assert_eq!(row(&lead), "13", "the lead sees the exact count");
    let commissioner = app.signed_in(COMMISSIONER).await.get_text("/").await.1;
    assert_eq!(
        row(&commissioner),
        "15",
        "rounded to the nearest 5 for the commissioner"
    );
    assert!(commissioner.contains("counts from 1 to 7 are shown as"));
}
