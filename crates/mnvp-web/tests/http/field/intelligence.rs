//! Other intelligence: insights logged with their source and no personal identifiers.

use super::{key, post};
use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(insights_keep_their_source_and_no_personal_identifiers);

async fn insights_keep_their_source_and_no_personal_identifiers(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let said = "Thanks @jo_smith: midwife Sarah Jones was wonderful, ring me on 07700 900123";
    let (s, _, html) = post(
        &b,
        "/field/intelligence/new",
        &[
            ("channel", "social_media"),
            ("received_on_day", "3"),
            ("received_on_month", "5"),
            ("received_on_year", "2026"),
            ("source", "Comment by @jo_smith"),
            ("link", "https://www.tiktok.com/@jo_smith/video/1"),
            ("text", said),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Describe the source without usernames, @handles or email addresses"));
    assert!(html.contains("not to a person"));
    assert!(
        html.contains("ring me on 07700 900123</textarea>"),
        "the text typed is kept to fix"
    );

    let k = key();
    let fields = [
        ("channel", "social_media"),
        ("received_on_day", "3"),
        ("received_on_month", "5"),
        ("received_on_year", "2026"),
        ("source", "MNVP Facebook group"),
        (
            "link",
            "https://www.facebook.com/groups/riverside-mnvp/posts/42?fbclid=tracking#c",
        ),
        ("care_stage", "labour_birth"),
        ("text", said),
        ("form_key", k.as_str()),
    ];
    for _ in 0..2 {
        let (s, loc, _) = post(&b, "/field/intelligence/new", &fields).await;
        assert_eq!(
            (s, loc.as_str()),
            (StatusCode::SEE_OTHER, "/field/intelligence")
        );
    }
    let mnvp = app.store.org_by_slug("demo").await.unwrap();
    let (rows, _) = app.store.list_intelligence(mnvp.id, 100, 0).await.unwrap();
    let ours: Vec<_> = rows
        .iter()
        .filter(|r| r.source == "MNVP Facebook group" && r.received_on == "2026-05-03")
        .collect();
    assert_eq!(ours.len(), 1, "a double-submitted insight is logged once");
    let r = ours[0];
    assert_eq!(
        r.link.as_deref(),
        Some("https://www.facebook.com/groups/riverside-mnvp/posts/42")
    );
    let kept = app.store.reveal(r.body.as_ref().unwrap()).unwrap();
    let kept = kept.as_str();
    assert!(
        kept.contains("[USERNAME]") && kept.contains("[PHONE]"),
        "{kept}"
    );
    assert!(
        !kept.contains("jo_smith") && !kept.contains("07700") && !kept.contains("Sarah Jones"),
        "not even the lead can read identifiers: {kept}"
    );

    let lead = app.signed_in(LEAD).await;
    let (_, list) = lead.get_text("/field/intelligence").await;
    assert!(list.contains("MNVP Facebook group") && list.contains("[USERNAME]"));
    let (_, inbox) = lead.get_text("/inbox?channel=social_media").await;
    assert!(
        inbox.contains("[USERNAME]"),
        "insights are feedback like any other"
    );
    assert_eq!(
        app.signed_in(STAFF)
            .await
            .get("/field/intelligence")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.signed_in(OTHER_LEAD)
            .await
            .get_text("/field/intelligence")
            .await
            .1
            .matches("MNVP Facebook group")
            .count(),
        0
    );
}
