//! The audit log as administrators see it.

use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(views_and_changes_are_audited_and_the_chain_verifies);

async fn views_and_changes_are_audited_and_the_chain_verifies(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let admin = app.signed_in(ADMIN).await;
    let lead = app.store.user_by_email(LEAD).await.unwrap().unwrap();
    assert_eq!(
        admin
            .get(&format!("/admin/users/{}", lead.id))
            .await
            .status(),
        StatusCode::OK
    );

    let (status, html) = admin.get_text("/admin/audit?action=view&entity=user").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("1 entry."),
        "the view of an account's details was recorded"
    );
    assert!(html.contains(ADMIN));
    assert!(html.contains("127.0.0.1"), "and from where");

    let (_, html) = admin
        .get_text("/admin/audit?actor=admin%40mnvp-hub&action=sign_in")
        .await;
    assert!(html.contains(">Signed in<") || html.contains("Action </span>Signed in"));
    let (_, html) = admin.get_text("/admin/audit?verify=1").await;
    assert!(
        html.contains("The audit log is intact"),
        "chain verifies through the page"
    );
    let (_, html) = admin.get_text("/admin/audit?from=2999-01-01").await;
    assert!(html.contains("0 entries."));
}
