//! Thematic analysis over HTTP on both engines: background retraining that records a new
//! version, a damaged model that leaves the previous one in use, and trends that are suppressed
//! and redacted outside the lead role.

use crate::support::*;
use crate::themes::{add_item, code_fields, new_version, riverside, uncoded, PERSONAL};
use mnvp_domain::voices::demographics::{Demographics, RawDemographics};
use mnvp_store::themes::NewModelVersion;
use mnvp_store::{Actor, Engine};
use reqwest::StatusCode;
use std::time::Duration;

crate::both_engines!(
    background_retraining_records_a_new_version,
    a_damaged_model_leaves_the_previous_one_in_use,
    trends_are_suppressed_and_redacted_outside_the_lead_role
);

async fn background_retraining_records_a_new_version(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let (codebook, mnvp) = riverside(&app).await;
    let before = app.store.model_versions(codebook).await.unwrap()[0].clone();
    // New feedback arrives through a channel: it is scored when the worker next runs.
    let fresh = add_item(
        &app,
        "demo",
        "The epidural came quickly and the anaesthetist was kind.",
        None,
    )
    .await;
    let lead = app.signed_in(LEAD).await;
    let themes = app.store.codebook_themes(codebook).await.unwrap();
    let theme = themes
        .iter()
        .find(|t| t.name == "Pain relief")
        .unwrap()
        .id
        .to_string();
    let csrf = lead
        .csrf(&format!("/themes/codebooks/{codebook}/code"))
        .await;
    let items: Vec<i64> = uncoded(&app, codebook, mnvp)
        .await
        .into_iter()
        .filter(|i| *i != fresh)
        .take(10)
        .collect();
    assert_eq!(items.len(), 10);
    for item in &items {
        let item = item.to_string();
        let started = std::time::Instant::now();
        let res = lead
            .post_form(
                &format!("/themes/codebooks/{codebook}/code"),
                &code_fields(&csrf, &item, std::slice::from_ref(&theme), "3", ""),
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "saving never waits for training"
        );
    }
    let v = new_version(&app, codebook, before.version).await;
    assert_eq!(
        (v.status.as_str(), v.kind.as_str()),
        ("ready", "trained"),
        "{}",
        v.message
    );
    assert!(v.coded_items >= before.coded_items + 10);
    let snapshot = app.store.model_snapshot(v.id).await.unwrap();
    for item in &items {
        assert!(
            snapshot.contains(&format!("\"feedback_id\":{item},")),
            "the snapshot names item {item}"
        );
    }
    assert!(snapshot.contains(&format!(
        "\"codebook_version\":{}",
        app.store.get_codebook(codebook).await.unwrap().version
    )));
    // Every theme of the new version gets cross-validated figures, measured after the version
    // is in use and then shown on the model page.
    let mut html = String::new();
    for _ in 0..240 {
        let (status, page) = lead
            .get_text(&format!("/themes/codebooks/{codebook}/model"))
            .await;
        assert_eq!(status, StatusCode::OK);
        html = page;
        if !html.contains("being measured") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(html.contains(&format!("Version {}, trained on", v.version)));
    assert!(html.contains("fold cross-validation") && html.contains("Precision"));
    // The item that arrived was scored too.
    let mut scored = false;
    for _ in 0..120 {
        if app
            .store
            .item_suggestions(codebook, fresh)
            .await
            .unwrap()
            .0
            .is_some()
        {
            scored = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(scored, "new feedback gets suggestions");
}

async fn a_damaged_model_leaves_the_previous_one_in_use(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let (codebook, mnvp) = riverside(&app).await;
    let good = app.store.model_versions(codebook).await.unwrap()[0].clone();
    let bytes = app.store.model_bytes(good.id).await.unwrap().unwrap();
    let mut damaged = bytes.clone();
    let mid = damaged.len() / 2;
    damaged[mid] ^= 0x55;
    let (_, bad_version) = app
        .store
        .add_model_version(
            &NewModelVersion {
                codebook_id: codebook,
                status: "ready",
                kind: "trained",
                codebook_version: good.codebook_version,
                coded_items: good.coded_items,
                trained_on: good.trained_on,
                snapshot: "{}".into(),
                theme_ids: good.theme_ids.clone(),
                metrics: good.metrics.clone(),
                message: String::new(),
                model: Some(damaged),
            },
            &Actor::system(),
        )
        .await
        .unwrap();
    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead
        .get_text(&format!("/themes/codebooks/{codebook}/model"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("Version {bad_version} cannot be used")),
        "{html}"
    );
    assert!(html.contains("damaged"));
    assert!(html.contains(&format!("Version {} is in use instead", good.version)));
    let versions = app.store.model_versions(codebook).await.unwrap();
    assert_eq!(
        versions[0].status, "failed",
        "the damaged version is recorded as failed"
    );
    assert!(versions[0].message.contains("could not be read"));
    // Coding still gets suggestions from the version in use.
    let item = uncoded(&app, codebook, mnvp).await[0];
    let (status, html) = lead
        .get_text(&format!("/themes/codebooks/{codebook}/code?item={item}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("model version {}", good.version)));
    // Retraining replaces it with a working version.
    let csrf = lead
        .csrf(&format!("/themes/codebooks/{codebook}/model"))
        .await;
    let res = lead
        .post_form(
            &format!("/themes/codebooks/{codebook}/model"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let v = new_version(&app, codebook, bad_version).await;
    assert_eq!(v.status, "ready");
}

async fn trends_are_suppressed_and_redacted_outside_the_lead_role(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let (codebook, _) = riverside(&app).await;
    // One coded item from a person who gave their ethnic group.
    let answers = Demographics::parse(&RawDemographics {
        ethnic_category: "N",
        consented: true,
        ..Default::default()
    })
    .unwrap();
    let item = add_item(&app, "demo", PERSONAL, Some(answers)).await;
    let lead_id = app.store.user_by_email(LEAD).await.unwrap().unwrap().id;
    let themes = app.store.codebook_themes(codebook).await.unwrap();
    let lang = themes
        .iter()
        .find(|t| t.name == "Language and interpreting")
        .unwrap()
        .id;
    app.store
        .save_coding(
            codebook,
            &mnvp_store::themes::NewCoding {
                feedback_id: item,
                coder_id: lead_id,
                gold: false,
                themes: vec![lang],
                sentiment: Some(4),
                note: String::new(),
            },
            &Actor::system(),
        )
        .await
        .unwrap();
    let trends = format!("/themes/codebooks/{codebook}/trends");

    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead
        .get_text(&format!("{trends}?by=ethnic_group&source=people"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Black, Black British, Caribbean or African"));
    assert!(
        html.contains("<svg class=\"mnvp-chart\" role=\"img\"")
            && html.contains("<title id=\"bars-title\">")
    );
    assert!(!html.contains("suppressed"), "the lead sees exact counts");
    // The lead's drill-down from the one-item cell shows the original words.
    let link = format!("items?by=ethnic_group&amp;source=people&amp;theme={lang}&amp;group=Black");
    assert!(html.contains(&link), "the 1 links to its comment");
    let (_, items) = lead
        .get_text(&format!("/themes/codebooks/{codebook}/items?by=ethnic_group&source=people&theme={lang}&group=Black%2C+Black+British%2C+Caribbean+or+African"))
        .await;
    assert!(items.contains("Midwife Sarah was so kind"));

    let (status, html) = lead.get_text(&format!("{trends}?by=month")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("lines-title"), "a monthly chart");

    // Trust staff: the same view, suppressed; comments behind numbers redacted.
    let staff = app.signed_in(STAFF).await;
    let (status, html) = staff
        .get_text(&format!("{trends}?by=ethnic_group&source=people"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("suppressed"));
    assert!(!html.contains(&link), "no link from a suppressed count");
    let (status, items) = staff
        .get_text(&format!(
            "/themes/codebooks/{codebook}/items?by=ethnic_group&source=people&theme={lang}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!items.contains("Sarah") && items.contains("[NAME]"));
    let csv = staff
        .get(&format!("{trends}.csv?by=unit"))
        .await
        .text()
        .await
        .unwrap();
    let mut rows = csv.lines();
    assert!(rows.next().unwrap().ends_with(",note"));
    for row in rows {
        let cells: Vec<&str> = row.rsplitn(6, ',').collect();
        for count in &cells[1..5] {
            if let Ok(n) = count.parse::<i64>() {
                assert!(n == 0 || (n >= 10 && n % 5 == 0), "{row}");
            } else {
                assert_eq!(*count, "suppressed", "{row}");
            }
        }
    }
    // Commissioners see figures, never comments; other MNVPs' leads see neither.
    let commissioner = app.signed_in(COMMISSIONER).await;
    assert_eq!(commissioner.get(&trends).await.status(), StatusCode::OK);
    assert_eq!(
        commissioner
            .get(&format!("/themes/codebooks/{codebook}/items"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let other = app.signed_in(OTHER_LEAD).await;
    assert_eq!(other.get(&trends).await.status(), StatusCode::NOT_FOUND);
}
