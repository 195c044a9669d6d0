//! Thematic analysis over HTTP on both engines: the coding flow (suggestions, redaction for
//! volunteers, errors that keep what was typed), codebook files in and out, and deleting a
//! theme without losing coded work. Model versions and trends: `themes_models.rs`.

use crate::support::*;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::voices::demographics::Demographics;
use mnvp_store::feedback::{FeedbackFilter, NewFeedback};
use mnvp_store::{Actor, Engine};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use std::time::Duration;

crate::both_engines!(
    coding_flow_with_suggestions_and_redaction,
    codebook_files_and_merging_keep_coded_work
);

pub(crate) const PERSONAL: &str =
    "Midwife Sarah was so kind when I asked for an epidural. Ring me on 07700 900123.";

/// The Riverside demo codebook and its MNVP.
pub(crate) async fn riverside(app: &TestApp) -> (i64, i64) {
    let mnvp = app.store.org_by_slug("demo").await.unwrap().id;
    let c = app.store.list_codebooks(&[mnvp], false).await.unwrap();
    (c[0].id, mnvp)
}

pub(crate) async fn add_item(
    app: &TestApp,
    slug: &str,
    body: &str,
    demographics: Option<Demographics>,
) -> i64 {
    let mnvp = app.store.org_by_slug(slug).await.unwrap();
    let unit = app.store.mnvp_units(mnvp.id).await.unwrap()[0].id;
    let item = mnvp_web::capture::screened(NewFeedback {
        mnvp_id: mnvp.id,
        unit_id: Some(unit),
        channel: Channel::OnlineForm,
        care_stage: Some(CareStage::LabourAndBirth),
        received_on: chrono::Utc::now().format("%Y-%m-%d").to_string(),
        rating: Some(2),
        body: Some(body.into()),
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics,
    });
    app.store
        .insert_feedback(&item, &Actor::system(), None)
        .await
        .unwrap()
}

pub(crate) fn code_fields<'a>(
    csrf: &'a str,
    item: &'a str,
    themes: &'a [String],
    sentiment: &'a str,
    note: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("csrf", csrf),
        ("item", item),
        ("order", "uncertain"),
        ("offset", "0"),
        ("sentiment", sentiment),
        ("note", note),
        ("action", "save"),
    ];
    f.extend(themes.iter().map(|t| ("theme", t.as_str())));
    f
}

/// Items of the MNVP nobody has coded with the codebook yet.
pub(crate) async fn uncoded(app: &TestApp, codebook: i64, mnvp: i64) -> Vec<i64> {
    let coded: BTreeSet<i64> = app
        .store
        .codebook_codings(codebook)
        .await
        .unwrap()
        .iter()
        .map(|c| c.feedback_id)
        .collect();
    let filter = FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        ..Default::default()
    };
    let (items, _) = app.store.list_feedback(&filter, 10_000, 0).await.unwrap();
    items
        .into_iter()
        .map(|i| i.id)
        .filter(|id| !coded.contains(id))
        .collect()
}

/// Waits (up to two minutes) for the background worker to record a version newer than `after`.
pub(crate) async fn new_version(
    app: &TestApp,
    codebook: i64,
    after: i64,
) -> mnvp_store::themes::ModelVersion {
    for _ in 0..240 {
        let versions = app.store.model_versions(codebook).await.unwrap();
        if let Some(v) = versions.into_iter().find(|v| v.version > after) {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("no new model version within two minutes");
}

async fn coding_flow_with_suggestions_and_redaction(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let (codebook, _) = riverside(&app).await;
    // The demo trained a model from two coders' work and scored every item.
    let versions = app.store.model_versions(codebook).await.unwrap();
    assert_eq!(
        (versions[0].status.as_str(), versions[0].kind.as_str()),
        ("ready", "trained")
    );
    let item = add_item(&app, "demo", PERSONAL, None).await;
    let path = format!("/themes/codebooks/{codebook}/code?item={item}");

    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Midwife Sarah was so kind"),
        "the lead codes the original words"
    );
    assert!(html.contains("Save and next") && html.contains("accesskey=\"s\""));
    let audit = app.store.audit_for("feedback", item).await.unwrap();
    assert!(audit
        .iter()
        .any(|e| e.actor == LEAD && e.detail.contains("original text")));

    // The volunteer (asked to code in the demo) sees the redaction only.
    let volunteer = app.signed_in(VOLUNTEER).await;
    let (status, html) = volunteer.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("Sarah") && !html.contains("07700"),
        "volunteers never see personal details"
    );
    assert!(html.contains("[NAME]") && html.contains("[PHONE]"));

    // No theme and no sentiment: an error summary, and the note typed is kept.
    let csrf = volunteer.csrf(&path).await;
    let item_s = item.to_string();
    let res = volunteer
        .post_form(
            &format!("/themes/codebooks/{codebook}/code"),
            &code_fields(&csrf, &item_s, &[], "", "my thoughts so far"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("There is a problem") && html.contains("Choose at least one theme"));
    assert!(html.contains("Choose how positive or negative"));
    assert!(html.contains("my thoughts so far"));
    assert!(!html.contains("Sarah"), "the error page is redacted too");

    let themes = app.store.codebook_themes(codebook).await.unwrap();
    let pain = themes
        .iter()
        .find(|t| t.name == "Pain relief")
        .unwrap()
        .id
        .to_string();
    let kind = themes
        .iter()
        .find(|t| t.name == "Kindness and compassion")
        .unwrap()
        .id
        .to_string();
    let res = volunteer
        .post_form(
            &format!("/themes/codebooks/{codebook}/code"),
            &code_fields(
                &csrf,
                &item_s,
                &[pain.clone(), kind.clone()],
                "2",
                "asked for an epidural",
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(location(&res).starts_with(&format!(
        "/themes/codebooks/{codebook}/code?order=uncertain"
    )));
    let saved = app.store.item_codings(codebook, item).await.unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].coder_name, "Grace Okoro");
    assert_eq!(saved[0].sentiment, Some(2));
    assert_eq!(saved[0].themes.len(), 2);

    // The queue: least certain first, skip moves on without saving.
    let (status, html) = lead
        .get_text(&format!("/themes/codebooks/{codebook}/code"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Least certain first") && html.contains("% confident"));
    let csrf = lead
        .csrf(&format!("/themes/codebooks/{codebook}/code"))
        .await;
    let res = lead
        .post_form(
            &format!("/themes/codebooks/{codebook}/code"),
            &[
                ("csrf", csrf.as_str()),
                ("item", "1"),
                ("order", "random"),
                ("offset", "4"),
                ("action", "skip"),
            ],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("/themes/codebooks/{codebook}/code?order=random&offset=5")
    );

    // Agreement: kappa and alpha per theme, and the demo coders' disagreements to resolve.
    let agreement = format!("/themes/codebooks/{codebook}/agreement");
    let (status, html) = lead.get_text(&agreement).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Cohen's kappa") && html.contains("Krippendorff's alpha"));
    let marker = format!("/themes/codebooks/{codebook}/resolve?item=");
    let at = html.find(&marker).expect("a disagreement to resolve") + marker.len();
    let disputed: i64 = html[at..].split('"').next().unwrap().parse().unwrap();
    let resolve = format!("/themes/codebooks/{codebook}/resolve?item={disputed}");
    let (status, html) = lead.get_text(&resolve).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("What each coder chose") && html.contains("chose it)"));
    let csrf = lead.csrf(&resolve).await;
    let disputed_s = disputed.to_string();
    let res = lead
        .post_form(
            &format!("/themes/codebooks/{codebook}/resolve"),
            &code_fields(&csrf, &disputed_s, &[], "", "talked it through"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Choose at least one theme for the agreed coding"));
    let res = lead
        .post_form(
            &format!("/themes/codebooks/{codebook}/resolve"),
            &code_fields(
                &csrf,
                &disputed_s,
                std::slice::from_ref(&kind),
                "1",
                "talked it through",
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let gold: Vec<_> = app
        .store
        .item_codings(codebook, disputed)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.gold)
        .collect();
    assert_eq!(gold.len(), 1);
    assert_eq!(
        (gold[0].sentiment, gold[0].note.as_str()),
        (Some(1), "talked it through")
    );
    let (_, html) = lead.get_text(&agreement).await;
    assert!(
        !html.contains(&format!("resolve?item={disputed}\"")),
        "a resolved item leaves the list"
    );
    assert_eq!(
        volunteer.get(&agreement).await.status(),
        StatusCode::FORBIDDEN
    );

    // Only coders of this MNVP: trust staff are refused, another MNVP's lead finds nothing.
    let staff = app.signed_in(STAFF).await;
    assert_eq!(staff.get(&path).await.status(), StatusCode::FORBIDDEN);
    let other = app.signed_in(OTHER_LEAD).await;
    assert_eq!(other.get(&path).await.status(), StatusCode::NOT_FOUND);
    // The lead stops the volunteer coding: the coding screen is then refused to them.
    let csrf = lead.csrf(&format!("/themes/codebooks/{codebook}")).await;
    let res = lead
        .post_form(
            &format!("/themes/codebooks/{codebook}/coders"),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(volunteer.get(&path).await.status(), StatusCode::FORBIDDEN);
}

async fn codebook_files_and_merging_keep_coded_work(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let (codebook, _) = riverside(&app).await;
    let lead = app.signed_in(LEAD).await;

    let res = lead
        .get(&format!("/themes/codebooks/{codebook}/export.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with("theme,sub_theme,description,indicative_phrases"));
    assert!(csv.contains("Pain relief,,"));
    let json = lead
        .get(&format!("/themes/codebooks/{codebook}/export.json"))
        .await
        .text()
        .await
        .unwrap();
    assert!(json.contains("\"format\": \"mnvp-hub codebook\""));

    let csrf = lead.csrf("/themes/codebooks/import").await;
    let send = |form: reqwest::multipart::Form| {
        lead.client
            .post(format!("{}/themes/codebooks/import", lead.base))
            .multipart(form)
            .send()
    };
    let with_csrf = |name: &str, file: &str, bytes: Vec<u8>| {
        reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("name", name.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(file.to_string()),
            )
    };
    // Without the token the upload is refused before anything is read.
    let no_token = reqwest::multipart::Form::new().text("name", "X").part(
        "file",
        reqwest::multipart::Part::bytes(b"theme\nA\n".to_vec()).file_name("x.csv"),
    );
    assert_eq!(
        send(no_token).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );

    // A file with problems: every one reported with its line and column, nothing imported.
    let before = app.store.list_codebooks(&[], false).await.unwrap().len();
    let bad = b"theme,sub_theme,description\nFood,,\nfood,,\nOk,,\xff\n".to_vec();
    let res = send(with_csrf("Broken", "broken.csv", bad)).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("The file has 2 problems; nothing was imported"));
    assert!(html.contains("Line 3, column theme: &quot;food&quot; appears more than once"));
    assert!(html.contains("Line 4, column description: this is not UTF-8 text"));
    assert!(html.contains("value=\"Broken\""), "the name typed is kept");

    // The exported CSV and JSON come back in as copies; a QDC data file's header is the framework.
    let res = send(with_csrf("Copy from CSV", "mine.csv", csv.into_bytes()))
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let res = send(with_csrf("Copy from JSON", "mine.json", json.into_bytes()))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let qdc = "Comment ID,FFT answer,Comment sentiment,Parking,Staff continuity,Learning organisation\nA-1,Hello,1,0,1,0\n";
    let res = send(with_csrf("", "train.csv", qdc.as_bytes().to_vec()))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let all = app.store.list_codebooks(&[], false).await.unwrap();
    assert_eq!(all.len(), before, "shared codebooks untouched");
    let mnvp = app.store.org_by_slug("demo").await.unwrap().id;
    let mine = app.store.list_codebooks(&[mnvp], false).await.unwrap();
    let original = app.store.codebook_spec(codebook).await.unwrap();
    for name in ["Copy from CSV", "Copy from JSON"] {
        let copy = mine.iter().find(|c| c.name == name).unwrap();
        let spec = app.store.codebook_spec(copy.id).await.unwrap();
        assert_eq!(
            spec.themes, original.themes,
            "{name} round-trips every theme"
        );
    }
    let qdc = mine.iter().find(|c| c.source == "qdc").unwrap();
    let names: Vec<String> = app
        .store
        .codebook_themes(qdc.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        names,
        vec![
            "Service location, travel & transport",
            "Parking",
            "Staff",
            "Staff continuity"
        ]
    );

    // Deleting a theme that coded items carry: refused without a merge target, kept work with one.
    let themes = app.store.codebook_themes(codebook).await.unwrap();
    let food = themes.iter().find(|t| t.name == "Food").unwrap();
    let env = themes
        .iter()
        .find(|t| t.name == "Environment and facilities")
        .unwrap();
    assert!(food.uses > 0, "the demo coded some items with Food");
    let (status, html) = lead
        .get_text(&format!("/themes/theme/{}/delete", food.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("choose a theme to merge it into"));
    let csrf = lead
        .csrf(&format!("/themes/theme/{}/delete", food.id))
        .await;
    let res = lead
        .post_form(
            &format!("/themes/theme/{}/delete", food.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Choose a theme to merge it into"));
    let env_uses_before = env.uses;
    let target = env.id.to_string();
    let res = lead
        .post_form(
            &format!("/themes/theme/{}/delete", food.id),
            &[("csrf", csrf.as_str()), ("merge_into", target.as_str())],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let after = app.store.codebook_themes(codebook).await.unwrap();
    assert!(after.iter().all(|t| t.name != "Food"));
    let env_after = after.iter().find(|t| t.id == env.id).unwrap();
    assert!(
        env_after.uses > env_uses_before,
        "Food's codings now carry Environment and facilities"
    );
    assert!(env_after.uses <= env_uses_before + food.uses);

    // An empty codebook: coding says what to do; the model attempt fails with a clear reason.
    let csrf = lead.csrf("/themes/codebooks/new").await;
    let res = lead
        .post_form(
            "/themes/codebooks/new",
            &[
                ("csrf", csrf.as_str()),
                ("start", "empty"),
                ("name", "Blank"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let blank: i64 = location(&res).rsplit('/').next().unwrap().parse().unwrap();
    let (_, html) = lead
        .get_text(&format!("/themes/codebooks/{blank}/code"))
        .await;
    assert!(html.contains("This codebook has no themes yet"));
    let failed = new_version(&app, blank, 0).await;
    assert_eq!(failed.status, "failed");
    assert!(failed.message.contains("no themes"), "{}", failed.message);
    let res = lead
        .post_form(
            "/themes/codebooks/new",
            &[
                ("csrf", csrf.as_str()),
                ("start", "empty"),
                ("name", "Blank"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("already a codebook called"));
}
