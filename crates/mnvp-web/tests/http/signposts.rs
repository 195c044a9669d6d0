//! The signposting directory: volunteers see it for their MNVP, crisis support first; the
//! order adapts to what someone wrote. Leads keep their MNVP's local entries, administrators
//! the national ones, each refused the other's.

use crate::support::*;
use mnvp_store::Engine;
use mnvp_web::{AppState, Settings};

crate::both_engines!(
    volunteers_see_the_directory_and_it_follows_what_was_written,
    leads_keep_local_entries_and_administrators_national_ones,
);

async fn volunteers_see_the_directory_and_it_follows_what_was_written(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let (status, html) = b.get_text("/support").await;
    assert_eq!(status, 200);
    let crisis = html
        .find("Urgent help if you are in crisis")
        .expect("crisis heading");
    let loss = html
        .find("After the loss of a baby")
        .expect("bereavement heading");
    assert!(crisis < loss, "crisis support is listed first");
    assert!(
        html.contains("href=\"tel:116123\""),
        "phone numbers are tappable"
    );

    let mnvp = app.store.org_by_slug("demo").await.unwrap();
    let state = AppState::new(
        app.store.clone(),
        Settings::new("127.0.0.1:0".parse().unwrap(), String::new()),
    );
    let after_loss = mnvp_web::safety::signposts::matched(
        &state,
        mnvp.id,
        "Our daughter was stillborn and the bereavement suite was a comfort",
    )
    .await
    .unwrap();
    assert_eq!(after_loss[0].topic, "bereavement");
    let feeding = mnvp_web::safety::signposts::matched(
        &state,
        mnvp.id,
        "Nobody helped me with breastfeeding, the latch hurt",
    )
    .await
    .unwrap();
    assert_eq!(feeding[0].topic, "infant_feeding");
    // Everyone still has every route to help, whatever they wrote.
    assert_eq!(after_loss.len(), feeding.len());
    assert!(feeding.iter().any(|s| s.topic == "crisis"));
}

const LOCAL: &[(&str, &str)] = &[
    ("topic", "bereavement"),
    ("name", "Riverside bereavement midwives (fictional)"),
    (
        "description",
        "The hospital's own bereavement team, who stay in touch after you go home.",
    ),
    ("phone", "01632 960200"),
    ("website", "https://riverside.nhs.example/bereavement"),
    ("hours", "Monday to Friday, 9am to 5pm"),
    ("position", "1"),
    ("checked_on", "2026-11-01"),
    ("active", "yes"),
];

async fn leads_keep_local_entries_and_administrators_national_ones(engine: Engine) {
    use crate::field::{key, post};
    use reqwest::StatusCode;
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let (_, page) = lead.get_text("/support").await;
    assert!(
        page.contains("href=\"/support/manage\""),
        "the lead finds the editing page"
    );

    // Every problem at once, what was typed kept, nothing stored.
    let bad = [
        ("topic", "astrology"),
        ("name", ""),
        ("description", ""),
        ("phone", "call us"),
        ("website", "riverside.nhs.example"),
        ("position", "first"),
        ("checked_on", "2999-01-01"),
    ];
    let (status, _, html) = post(&lead, "/support/manage/new", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Select what the organisation helps with",
        "Enter the organisation&#x27;s name",
        "Enter what the organisation offers",
        "Enter a phone number with digits and spaces only",
        "Enter the full web address, starting https:",
        "Enter the order as a whole number from 0 to 999",
        "The date checked must be today or in the past",
    ] {
        assert!(html.contains(message), "{message} in the error summary");
    }
    assert!(
        html.contains("value=\"riverside.nhs.example\""),
        "typed values kept"
    );
    let mnvp = app.store.org_by_slug("demo").await.unwrap();
    assert!(app
        .store
        .support_entries(Some(mnvp.id))
        .await
        .unwrap()
        .is_empty());

    // Added once, even when the form is sent twice; shown first, marked local.
    let k = key();
    let mut fields = LOCAL.to_vec();
    fields.push(("form_key", k.as_str()));
    for _ in 0..2 {
        let (status, loc, _) = post(&lead, "/support/manage/new", &fields).await;
        assert_eq!(
            (status, loc.as_str()),
            (StatusCode::SEE_OTHER, "/support/manage")
        );
    }
    let own = app.store.support_entries(Some(mnvp.id)).await.unwrap();
    assert_eq!(own.len(), 1, "a double-submitted form adds one entry");
    let id = own[0].id;
    let volunteer = app.signed_in(VOLUNTEER).await;
    let (_, page) = volunteer.get_text("/support").await;
    let local = page
        .find("Riverside bereavement midwives")
        .expect("shown to volunteers");
    assert!(
        local < page.find("Sands").unwrap(),
        "local entries before national ones"
    );
    assert!(page.contains("href=\"tel:01632960200\""));
    assert!(
        !page.contains("href=\"/support/manage\""),
        "volunteers read, leads edit"
    );
    let (_, other) = app.signed_in(OTHER_LEAD).await.get_text("/support").await;
    assert!(
        !other.contains("Riverside bereavement midwives"),
        "another MNVP does not see it"
    );

    // Hidden: kept on record, gone from the directory.
    let mut hidden: Vec<_> = LOCAL
        .iter()
        .filter(|(k, _)| !matches!(*k, "active" | "name"))
        .copied()
        .collect();
    hidden.push(("name", "Riverside bereavement midwives (moved)"));
    let edit = format!("/support/manage/{id}/edit");
    let (status, _, _) = post(&lead, &edit, &hidden).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = volunteer.get_text("/support").await;
    assert!(!page.contains("Riverside bereavement midwives"));
    let (_, list) = lead.get_text("/support/manage").await;
    assert!(list.contains("Riverside bereavement midwives (moved)") && list.contains("Hidden"));
    let history = app
        .store
        .audit_for("support_organisation", id)
        .await
        .unwrap();
    assert_eq!(history.len(), 2, "added and changed, each audited");

    // Each keeps their own: a lead cannot touch national entries or another MNVP's.
    let national = app.store.support_entries(None).await.unwrap();
    let samaritans = national.iter().find(|s| s.name == "Samaritans").unwrap();
    let national_edit = format!("/support/manage/{}/edit", samaritans.id);
    assert_eq!(
        lead.get(&national_edit).await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, _, _) = post(&lead, &national_edit, LOCAL).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let other_lead = app.signed_in(OTHER_LEAD).await;
    assert_eq!(other_lead.get(&edit).await.status(), StatusCode::NOT_FOUND);

    // Administrators keep the national entries, and only those.
    let admin = app.signed_in(ADMIN).await;
    let (_, list) = admin.get_text("/support/manage").await;
    assert!(list.contains("Samaritans") && !list.contains("Riverside bereavement"));
    assert_eq!(admin.get(&edit).await.status(), StatusCode::NOT_FOUND);
    let (_, form) = admin.get_text(&national_edit).await;
    assert!(
        form.contains("value=\"116 123\""),
        "the form shows the entry"
    );
    let checked = [
        ("topic", "crisis"),
        ("name", "Samaritans"),
        ("description", "Free, confidential support, day or night."),
        ("phone", "116 123"),
        ("website", "https://www.samaritans.org"),
        ("hours", "24 hours, every day"),
        ("position", "3"),
        ("checked_on", "2026-11-30"),
        ("active", "yes"),
    ];
    let (status, _, _) = post(&admin, &national_edit, &checked).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let updated = app.store.get_support_org(samaritans.id).await.unwrap();
    assert_eq!(updated.checked_on.as_deref(), Some("2026-11-30"));
    assert_eq!(updated.mnvp_id, None, "still national");
    let (_, page) = volunteer.get_text("/support").await;
    assert!(page.contains("Free, confidential support, day or night."));
}
