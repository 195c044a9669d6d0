//! Model versions when fewer coded items can be learnt from than before: a second coder's
//! disagreements wait for the lead's resolution, so the trainable items drop under the minimum.
//! The attempt is recorded as failed with a clear reason and the trained model stays in use;
//! no coding is lost.

use crate::support::*;
use crate::themes::new_version;
use mnvp_domain::themes::builtin;
use mnvp_store::feedback::FeedbackFilter;
use mnvp_store::themes::NewCoding;
use mnvp_store::{Actor, Engine};
use mnvp_web::themes::engine::{self, MIN_TRAINING_ITEMS};
use mnvp_web::themes::worker;
use reqwest::StatusCode;

crate::both_engines!(
    too_few_items_to_train_keep_the_trained_model,
    a_new_version_is_in_use_before_it_is_measured
);

/// Asks for a new model version as the lead does (Model → Retrain now) and waits for it.
async fn retrain(app: &TestApp, lead: &Browser, codebook: i64) -> mnvp_store::themes::ModelVersion {
    let after = app
        .store
        .model_versions(codebook)
        .await
        .unwrap()
        .first()
        .map_or(0, |v| v.version);
    let page = format!("/themes/codebooks/{codebook}/model");
    let csrf = lead.csrf(&page).await;
    let res = lead.post_form(&page, &[("csrf", csrf.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    new_version(app, codebook, after).await
}

async fn too_few_items_to_train_keep_the_trained_model(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let a = Actor::system();
    let mnvp = app.store.org_by_slug("demo").await.unwrap().id;
    let mut spec = builtin::maternity_neonatal();
    spec.name = "Second look".into();
    let codebook = app
        .store
        .create_codebook(Some(mnvp), &spec, "default", &a)
        .await
        .unwrap();
    let themes = app.store.codebook_themes(codebook).await.unwrap();
    let theme = |name: &str| themes.iter().find(|t| t.name == name).unwrap().id;
    let (kind, food) = (theme("Kindness and compassion"), theme("Food"));
    let lead_id = app.store.user_by_email(LEAD).await.unwrap().unwrap().id;
    let volunteer_id = app
        .store
        .user_by_email(VOLUNTEER)
        .await
        .unwrap()
        .unwrap()
        .id;
    app.store
        .set_codebook_coders(codebook, &[volunteer_id], &a)
        .await
        .unwrap();
    let filter = FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        ..Default::default()
    };
    let (items, _) = app.store.list_feedback(&filter, 10_000, 0).await.unwrap();
    let items: Vec<i64> = items
        .iter()
        .filter(|i| i.body_redacted.as_deref().is_some_and(|b| !b.is_empty()))
        .map(|i| i.id)
        .take(MIN_TRAINING_ITEMS + 5)
        .collect();
    assert_eq!(items.len(), MIN_TRAINING_ITEMS + 5);
    let coding = |feedback_id: i64, coder_id: i64, themes: Vec<i64>| NewCoding {
        feedback_id,
        coder_id,
        gold: false,
        themes,
        sentiment: Some(2),
        note: String::new(),
    };
    let by_lead: Vec<NewCoding> = items
        .iter()
        .enumerate()
        .map(|(k, id)| coding(*id, lead_id, vec![if k % 2 == 0 { kind } else { food }]))
        .collect();
    app.store
        .save_codings_batch(codebook, &by_lead, &a, "test")
        .await
        .unwrap();

    let lead = app.signed_in(LEAD).await;
    let trained = retrain(&app, &lead, codebook).await;
    assert_eq!(
        (trained.status.as_str(), trained.kind.as_str()),
        ("ready", "trained"),
        "{}",
        trained.message
    );
    assert_eq!(trained.trained_on, (MIN_TRAINING_ITEMS + 5) as i64);

    // The volunteer codes ten of the same items differently: they are disputed until the lead
    // resolves them, which leaves fewer than the minimum to learn from.
    let by_volunteer: Vec<NewCoding> = items[..10]
        .iter()
        .map(|id| coding(*id, volunteer_id, vec![theme("Pain relief")]))
        .collect();
    app.store
        .save_codings_batch(codebook, &by_volunteer, &a, "test")
        .await
        .unwrap();
    let attempt = retrain(&app, &lead, codebook).await;
    assert_eq!(attempt.status, "failed", "{}", attempt.message);
    assert!(
        attempt
            .message
            .starts_with("Too few coded items to train: 25 can be learnt from now"),
        "{}",
        attempt.message
    );
    assert!(attempt.message.contains(&format!(
        "Version {} (trained on 35 items) stays in use",
        trained.version
    )));
    assert_eq!(app.store.model_bytes(attempt.id).await.unwrap(), None);

    // The lead sees why; coding keeps its suggestions from the trained version; nothing is lost.
    let (status, html) = lead
        .get_text(&format!("/themes/codebooks/{codebook}/model"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Too few coded items to train"), "{html}");
    assert!(html.contains(&format!("Version {}, trained on", trained.version)));
    let (status, html) = lead
        .get_text(&format!(
            "/themes/codebooks/{codebook}/code?item={}",
            items[0]
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(
        "Suggested by model version {}, trained on 35 items",
        trained.version
    )));
    let codings = app.store.codebook_codings(codebook).await.unwrap();
    assert_eq!(codings.len(), MIN_TRAINING_ITEMS + 5 + 10);
}

/// A new version is put in use as soon as it is trained, before its cross-validated figures
/// exist: the pages say they are being measured and it only suggests; once measured, the
/// figures are shown and themes are applied on their own again. The worker's two steps are
/// run here as the worker runs them (the server's own sweep is set far off, so it does not
/// measure the version before the pages are read).
async fn a_new_version_is_in_use_before_it_is_measured(engine: Engine) {
    let app = TestApp::with_demo_and(engine, |s| s.theme_sweep_secs = 3600).await;
    let mnvp = app.store.org_by_slug("demo").await.unwrap().id;
    let codebook = app.store.list_codebooks(&[mnvp], false).await.unwrap()[0].id;
    let before = app.store.model_versions(codebook).await.unwrap()[0].clone();
    assert_eq!(
        (before.status.as_str(), before.kind.as_str()),
        ("ready", "trained")
    );
    assert!(!engine::figures(&before).measuring);
    let (applied_before, _) = app.store.machine_labels(codebook).await.unwrap();
    assert!(
        !applied_before.is_empty(),
        "the demo's model applies themes"
    );
    let lead = app.signed_in(LEAD).await;
    let model_page = format!("/themes/codebooks/{codebook}/model");

    let jobs = worker::Jobs::default();
    worker::put_in_use(&app.store, &jobs, codebook, MIN_TRAINING_ITEMS, true)
        .await
        .unwrap();
    let v = app.store.model_versions(codebook).await.unwrap()[0].clone();
    assert_eq!(v.version, before.version + 1);
    assert_eq!(
        (v.status.as_str(), v.kind.as_str()),
        ("ready", "trained"),
        "{}",
        v.message
    );
    assert!(engine::figures(&v).measuring && engine::figures(&v).themes.is_empty());
    let (status, html) = lead.get_text(&model_page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("Version {}, trained on", v.version)),
        "in use"
    );
    assert!(html.contains("being measured in the background"));
    assert!(!html.contains("fold cross-validation"));
    let (_, html) = lead
        .get_text(&format!("/themes/codebooks/{codebook}"))
        .await;
    assert!(html.contains("Being measured"));
    // Every item was scored by the new version, and it applied no theme on its own.
    let (applied, sentiments) = app.store.machine_labels(codebook).await.unwrap();
    assert!(
        applied.is_empty(),
        "nothing applied before figures: {applied:?}"
    );
    assert!(!sentiments.is_empty());
    let mut suggested = 0;
    for (item, _) in sentiments.iter().take(20) {
        let (_, s) = app.store.item_suggestions(codebook, *item).await.unwrap();
        assert!(s.iter().all(|s| !s.assigned));
        suggested += s.len();
    }
    assert!(suggested > 0, "themes are still suggested");

    worker::measure_in_use(&app.store, &jobs, codebook)
        .await
        .unwrap();
    let measured = app.store.model_versions(codebook).await.unwrap()[0].clone();
    assert_eq!(measured.id, v.id, "the same version, now with figures");
    let f = engine::figures(&measured);
    assert!(
        !f.measuring && f.method.contains("cross-validation"),
        "{f:?}"
    );
    assert_eq!(f.themes.len(), engine::theme_ids(&measured).len());
    let (_, html) = lead.get_text(&model_page).await;
    assert!(html.contains("fold cross-validation") && html.contains("Precision"));
    assert!(!html.contains("being measured"));
    let (applied, _) = app.store.machine_labels(codebook).await.unwrap();
    assert!(
        !applied.is_empty(),
        "themes are applied again once measured"
    );
}
