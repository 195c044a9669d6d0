//! Thematic analysis over HTTP on both engines: the coding flow (suggestions, redaction for
//! volunteers, errors that keep what was typed), codebook files in and out, deleting a theme
//! without losing coded work, background retraining that records a new version, a damaged
//! model that leaves the previous one in use, and trends that are suppressed and redacted
//! outside the lead role.

use crate::support::*;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::voices::demographics::{Demographics, RawDemographics};
use mnvp_store::feedback::{FeedbackFilter, NewFeedback};
use mnvp_store::themes::NewModelVersion;
use mnvp_store::{Actor, Engine};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use std::time::Duration;

crate::both_engines!(
    coding_flow_with_suggestions_and_redaction,
    codebook_files_and_merging_keep_coded_work,
    background_retraining_records_a_new_version,
    a_damaged_model_leaves_the_previous_one_in_use,
    trends_are_suppressed_and_redacted_outside_the_lead_role
);

const PERSONAL: &str =
    "Midwife Sarah was so kind when I asked for an epidural. Ring me on 07700 900123.";

/// The Riverside demo codebook and its MNVP.
async fn riverside(app: &TestApp) -> (i64, i64) {
    let mnvp = app.store.org_by_slug("demo").await.unwrap().id;
    let c = app.store.list_codebooks(&[mnvp], false).await.unwrap();
    (c[0].id, mnvp)
}

async fn add_item(
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

fn code_fields<'a>(
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
async fn uncoded(app: &TestApp, codebook: i64, mnvp: i64) -> Vec<i64> {
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
