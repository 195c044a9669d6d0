//! The staff feedback inbox: scope, redaction outside the lead role, audited views of the
//! original words, and filters.

use crate::support::*;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    only_leads_see_original_words_and_their_views_are_audited,
    inbox_is_scoped_and_filters_work
);

const SECRET: &str = "Midwife Sarah was wonderful, please thank her. Call me on 07700 900123 (NHS number 943 476 5919).";

pub async fn add(app: &TestApp, slug: &str, body: &str, stage: CareStage, date: &str) -> i64 {
    let mnvp = app.store.org_by_slug(slug).await.unwrap();
    let unit = app.store.mnvp_units(mnvp.id).await.unwrap()[0].id;
    let item = mnvp_web::capture::screened(NewFeedback {
        mnvp_id: mnvp.id,
        unit_id: Some(unit),
        channel: Channel::WalkThePatch,
        care_stage: Some(stage),
        received_on: date.into(),
        rating: Some(5),
        body: Some(body.into()),
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    });
    app.store
        .insert_feedback_batch(&[item], &mnvp_store::Actor::system(), "test")
        .await
        .unwrap();
    let filter = mnvp_store::feedback::FeedbackFilter {
        mnvp_ids: Some(vec![mnvp.id]),
        ..Default::default()
    };
    app.store.list_feedback(&filter, 1, 0).await.unwrap().0[0].id
}

async fn only_leads_see_original_words_and_their_views_are_audited(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let id = add(
        &app,
        "demo",
        SECRET,
        CareStage::LabourAndBirth,
        "2099-01-01",
    )
    .await;
    let path = format!("/inbox/{id}");

    let (status, lead_page) = app.signed_in(LEAD).await.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(lead_page.contains("Midwife Sarah was wonderful"));
    let views = app.store.audit_for("feedback", id).await.unwrap();
    assert_eq!(
        views.len(),
        1,
        "the lead's view of the original words is audited"
    );
    assert_eq!(views[0].actor, LEAD);

    for who in [VOLUNTEER, STAFF] {
        let b = app.signed_in(who).await;
        for page in [path.clone(), "/inbox".to_string()] {
            let (status, html) = b.get_text(&page).await;
            assert_eq!(status, StatusCode::OK, "{who} {page}");
            assert!(
                !html.contains("Sarah")
                    && !html.contains("07700")
                    && !html.contains("943 476 5919"),
                "{who} sees personal details on {page}"
            );
            assert!(
                html.contains("[NAME]")
                    && html.contains("[PHONE]")
                    && html.contains("[NHS NUMBER]"),
                "{who} {page}"
            );
        }
        // Searching the original words is not offered, and a crafted search does nothing.
        let (_, html) = b.get_text("/inbox?q=Sarah").await;
        assert!(!html.contains("Words in the feedback"));
        assert!(
            html.contains("[NAME]"),
            "the search term was ignored, so the item is still listed"
        );
    }
    assert_eq!(
        app.store.audit_for("feedback", id).await.unwrap().len(),
        1,
        "redacted views are not original-text views"
    );
    assert_eq!(
        app.signed_in(COMMISSIONER).await.get(&path).await.status(),
        StatusCode::FORBIDDEN
    );
}

async fn inbox_is_scoped_and_filters_work(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let riverside = add(
        &app,
        "demo",
        "A unique riverside comment about parking",
        CareStage::Antenatal,
        "2099-02-01",
    )
    .await;
    let downs = add(
        &app,
        "downs-valley",
        "A unique downs comment about the family room",
        CareStage::NeonatalUnit,
        "2099-02-01",
    )
    .await;

    let lead = app.signed_in(LEAD).await;
    assert_eq!(
        lead.get(&format!("/inbox/{downs}")).await.status(),
        StatusCode::NOT_FOUND,
        "another MNVP's item does not exist for them"
    );
    let (_, html) = lead.get_text("/inbox?q=unique").await;
    assert!(html.contains("riverside comment") && !html.contains("downs comment"));
    assert!(html.contains("1 item."));
    let (_, html) = lead
        .get_text("/inbox?from=2099-01-15&care_stage=antenatal")
        .await;
    assert!(html.contains("1 item."), "date and stage filters combine");
    let (_, html) = lead.get_text("/inbox?from=not-a-date").await;
    assert!(html.contains("There is a problem") && html.contains("Enter dates like 2026-11-23"));
    let (_, html) = lead.get_text("/inbox?page=2").await;
    assert!(html.contains("Page 2 of"));

    let other = app.signed_in(OTHER_LEAD).await;
    assert_eq!(
        other.get(&format!("/inbox/{riverside}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other.get(&format!("/inbox/{downs}")).await.status(),
        StatusCode::OK
    );

    // Trust staff see their trust's units only (Riverside's), never Downs Valley's.
    let staff = app.signed_in(STAFF).await;
    assert_eq!(
        staff.get(&format!("/inbox/{riverside}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        staff.get(&format!("/inbox/{downs}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

mod screening {
    use super::*;
    crate::both_engines!(disclosures_are_flagged_on_arrival_for_the_lead_only);
}

async fn disclosures_are_flagged_on_arrival_for_the_lead_only(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let id = add(
        &app,
        "demo",
        "After the birth I didn't want to be here anymore and nobody asked how I was",
        CareStage::PostnatalHome,
        "2099-03-01",
    )
    .await;
    add(
        &app,
        "demo",
        "I never felt unsafe, the team were brilliant",
        CareStage::PostnatalHome,
        "2099-03-02",
    )
    .await;
    let stored = app.store.get_feedback(id).await.unwrap();
    assert!(stored.safety_flagged);
    assert_eq!(stored.safety_categories, "self_harm");

    let lead = app.signed_in(LEAD).await;
    let (_, html) = lead.get_text("/inbox?flagged=yes&from=2099-01-01").await;
    assert!(
        html.contains("1 item."),
        "only the disclosure, not the negated sentence"
    );
    assert!(html.contains("Review: self-harm or suicidal thoughts"));
    let (_, html) = lead.get_text(&format!("/inbox/{id}")).await;
    assert!(html.contains("Possible safeguarding concern"));

    let volunteer = app.signed_in(VOLUNTEER).await;
    let (_, html) = volunteer
        .get_text("/inbox?flagged=yes&from=2099-01-01")
        .await;
    assert!(
        html.contains("2 items."),
        "the filter is the lead's; it is ignored for others"
    );
    assert!(!html.contains("Review:"));
}

mod by_hand {
    use super::*;
    crate::both_engines!(a_volunteer_can_flag_an_item_for_the_lead);
}

async fn a_volunteer_can_flag_an_item_for_the_lead(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let id = add(
        &app,
        "demo",
        "Something about the visit worried me but I cannot say what",
        CareStage::Antenatal,
        "2099-04-01",
    )
    .await;
    assert!(!app.store.get_feedback(id).await.unwrap().safety_flagged);
    let volunteer = app.signed_in(VOLUNTEER).await;
    let path = format!("/inbox/{id}");
    let csrf = volunteer.csrf(&path).await;
    let res = volunteer
        .post_form(&format!("{path}/flag"), &[("csrf", &csrf)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let stored = app.store.get_feedback(id).await.unwrap();
    assert!(stored.safety_flagged);
    assert_eq!(stored.safety_categories, "manual");
    let flagged_by: Vec<String> = app
        .store
        .audit_for("feedback", id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "flag")
        .map(|e| e.actor)
        .collect();
    assert_eq!(flagged_by, [VOLUNTEER]);
    let (_, html) = app
        .signed_in(LEAD)
        .await
        .get_text("/inbox?flagged=yes&from=2099-04-01")
        .await;
    assert!(html.contains("Review: flagged by a team member"));
    // Another MNVP's lead cannot flag (or learn about) this item.
    let other = app.signed_in(OTHER_LEAD).await;
    let csrf = other.csrf("/inbox").await;
    assert_eq!(
        other
            .post_form(&format!("{path}/flag"), &[("csrf", &csrf)])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
