//! The signposting directory: volunteers see it for their MNVP, crisis support first; the
//! order adapts to what someone wrote.

use crate::support::*;
use mnvp_store::Engine;
use mnvp_web::{AppState, Settings};

crate::both_engines!(volunteers_see_the_directory_and_it_follows_what_was_written);

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
