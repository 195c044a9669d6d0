//! The MNVP lead's "Share your feedback form" page: the address in every language, QR codes as
//! PNG and SVG that encode it, a printable poster, and closing and reopening the form.

use crate::capture_form::decoded;
use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(the_lead_shares_the_form_and_can_close_and_reopen_it);

async fn the_lead_shares_the_form_and_can_close_and_reopen_it(engine: Engine) {
    let app = TestApp::with_demo_and(engine, |s| {
        s.public_url = Some("https://feedback.riverside-mnvp.example/".into());
    })
    .await;
    let lead = app.signed_in(LEAD).await;
    let (_, home) = lead.get_text("/").await;
    assert!(
        decoded(&home).contains("href=\"/feedback-form\""),
        "linked from the dashboard"
    );

    let (status, page) = lead.get_text("/feedback-form").await;
    assert_eq!(status, StatusCode::OK);
    let page = decoded(&page);
    let url = "https://feedback.riverside-mnvp.example/feedback/demo";
    assert!(page.contains(url), "the configured public address");
    assert!(
        page.contains(&format!("{url}?lang=ur")),
        "an address per language"
    );

    let png = lead.get("/feedback-form/qr.png").await;
    assert_eq!(png.status(), StatusCode::OK);
    assert_eq!(png.headers()["content-type"], "image/png");
    assert!(png.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("demo-feedback-qr.png"));
    let bytes = png.bytes().await.unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()))
        .read_info()
        .expect("a PNG image");
    assert!(reader.info().width >= 300 && reader.info().width == reader.info().height);
    let svg = lead.get("/feedback-form/qr.svg").await;
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().contains("<svg"));
    // The QR codes encode exactly the address shown (same data, same size of code).
    assert_eq!(
        mnvp_web::capture::share::qr_png(url).unwrap(),
        bytes.to_vec()
    );

    let (status, poster) = lead.get_text("/feedback-form/poster").await;
    assert_eq!(status, StatusCode::OK);
    assert!(decoded(&poster).contains(url) && poster.contains("lang=\"ur\""));

    // Closing: visitors get a kind "closed" page; reopening brings the form back.
    let csrf = lead.csrf("/feedback-form").await;
    let res = lead
        .post_form("/feedback-form/open", &[("csrf", &csrf), ("open", "no")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, html) = app.browser().get_text("/feedback/demo").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("This feedback form is closed"));
    let (_, page) = lead.get_text("/feedback-form").await;
    assert!(page.contains("Your form is closed"));
    let res = lead
        .post_form("/feedback-form/open", &[("csrf", &csrf), ("open", "yes")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.browser().get("/feedback/demo").await.status(),
        StatusCode::OK
    );
    let mnvp = app.store.org_by_slug("demo").await.unwrap();
    let audited = app.store.audit_for("feedback_form", mnvp.id).await.unwrap();
    assert_eq!(audited.len(), 2);
    assert!(audited.iter().all(|e| e.actor == LEAD));
    let res = lead
        .post_form("/feedback-form/open", &[("csrf", &csrf), ("open", "maybe")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
