//! Field work over HTTP on both engines: Walk the Patch (forms and the offline sync API),
//! Fifteen Steps, outreach sessions and other intelligence.

mod corrections;
mod intelligence;
mod outreach;
mod steps;
mod walk;

use crate::support::*;
use reqwest::StatusCode;

/// A fresh one-time form key, as the pages issue them.
pub fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Posts a form and returns (status, Location header, body).
pub async fn post(
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let csrf = b.csrf("/account").await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let res = b.post_form(path, &all).await;
    let status = res.status();
    let loc = location(&res);
    (status, loc, res.text().await.unwrap())
}

/// The id at the end of a redirect such as `/field/walk-the-patch/12`.
pub fn id_in(location: &str) -> i64 {
    location
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in {location:?}"))
}

/// The unit ids of a demo MNVP.
pub async fn units(app: &TestApp, slug: &str) -> Vec<i64> {
    let mnvp = app.store.org_by_slug(slug).await.unwrap();
    app.store
        .mnvp_units(mnvp.id)
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect()
}

crate::both_engines!(the_demo_shows_field_work_to_each_role);

async fn the_demo_shows_field_work_to_each_role(engine: mnvp_store::Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    for (page, expect) in [
        ("/field", "Walk the Patch"),
        ("/field/walk-the-patch", "Willow Birth Centre"),
        ("/field/fifteen-steps", "Final"),
        ("/field/outreach", "Millfield stay and play"),
        ("/field/intelligence", "MNVP Facebook group"),
    ] {
        let (status, html) = lead.get_text(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(html.contains(expect), "{page} should show {expect:?}");
    }
    let (_, reports) = app
        .signed_in(STAFF)
        .await
        .get_text("/field/fifteen-steps")
        .await;
    assert!(
        reports.contains("Riverside Maternity Unit"),
        "trust staff see the final demo report"
    );
    assert!(
        !reports.contains("Willow Birth Centre"),
        "but not the visit still being planned"
    );
    let (_, neonatal) = app
        .signed_in(OTHER_LEAD)
        .await
        .get_text("/field/outreach")
        .await;
    assert!(neonatal.contains("Neonatal parents") && !neonatal.contains("Millfield"));
}
