//! Walk the Patch: starting a session, recording conversations and tallies with plain forms,
//! and the JSON API the offline queue sends to (idempotent, problem JSON, scoped).

use super::{id_in, key, post, units};
use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};

crate::both_engines!(
    a_session_form_keeps_what_was_typed_and_opens_once,
    conversations_without_javascript_are_checked_and_kept_once,
    the_sync_api_stores_each_entry_once_and_answers_problem_json,
    sessions_are_scoped_to_their_mnvp_and_words_redacted_outside_the_lead_role,
    the_installable_page_files_are_served
);

/// Starts a session on the first unit of the lead's MNVP and returns its id.
pub async fn start(app: &TestApp, b: &Browser) -> i64 {
    let unit = units(app, "demo").await[0].to_string();
    let (status, loc, _) = post(
        b,
        "/field/walk-the-patch/new",
        &[
            ("unit", &unit),
            ("held_on_day", "14"),
            ("held_on_month", "3"),
            ("held_on_year", "2026"),
            ("volunteers", "Priya and Grace"),
            ("form_key", &key()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    id_in(&loc)
}

async fn a_session_form_keeps_what_was_typed_and_opens_once(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let (status, html) = b.get_text("/field/walk-the-patch/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Riverside Maternity Unit"),
        "the MNVP's units are offered"
    );
    assert!(
        !html.contains("Downs Valley Neonatal Unit"),
        "another MNVP's units are not"
    );

    let (status, _, html) = post(
        &b,
        "/field/walk-the-patch/new",
        &[
            ("unit", ""),
            ("held_on_day", "31"),
            ("held_on_month", "2"),
            ("held_on_year", "2026"),
            ("volunteers", "  "),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Select the unit you are visiting",
        "The date of the session must be a real date",
        "Enter who is walking the patch",
    ] {
        assert!(html.contains(message), "missing error {message:?}");
    }
    assert!(html.contains("There is a problem"));
    assert!(
        html.contains(r#"name="held_on_day" type="text" inputmode="numeric" value="31""#),
        "the typed day is kept"
    );

    // A unit of another MNVP is refused beside the unit field.
    let foreign = units(&app, "downs-valley").await[0].to_string();
    let (status, _, html) = post(
        &b,
        "/field/walk-the-patch/new",
        &[
            ("unit", &foreign),
            ("held_on_day", "1"),
            ("held_on_month", "3"),
            ("held_on_year", "2026"),
            ("volunteers", "Priya"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Select a unit your MNVP covers"));
    assert!(html.contains(">Priya</textarea>"), "what was typed is kept");

    // The same form sent twice opens one session.
    let unit = units(&app, "demo").await[0].to_string();
    let k = key();
    let fields = [
        ("unit", unit.as_str()),
        ("held_on_day", "1"),
        ("held_on_month", "3"),
        ("held_on_year", "2026"),
        ("volunteers", "Priya"),
        ("form_key", k.as_str()),
    ];
    let (s1, first, _) = post(&b, "/field/walk-the-patch/new", &fields).await;
    let (s2, second, _) = post(&b, "/field/walk-the-patch/new", &fields).await;
    assert_eq!((s1, s2), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert_eq!(first, second);
    let (status, page) = b.get_text(&first).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Session started"),
        "the flash message follows the redirect"
    );
    assert!(
        page.contains(r#"rel="manifest""#),
        "the capture page is installable"
    );
    let (_, list) = b.get_text("/field/walk-the-patch").await;
    assert_eq!(list.matches(&format!("href=\"{first}\"")).count(), 1);
}

async fn conversations_without_javascript_are_checked_and_kept_once(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let id = start(&app, &b).await;
    let entries = format!("/field/walk-the-patch/{id}/entries");

    let (status, _, html) = post(
        &b,
        &entries,
        &[("good", "The ward was calm at night"), ("form_key", &key())],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Select the stage of care they talked about"));
    assert!(
        html.contains(">The ward was calm at night</textarea>"),
        "the words typed are kept"
    );

    // Equality answers without agreement are refused, and kept for the volunteer to ask.
    let (status, _, html) = post(
        &b,
        &entries,
        &[
            ("care_stage", "postnatal_hospital"),
            ("rating", "4"),
            ("age_band", "25_29"),
            ("experiences", "neonatal"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Tick the box to confirm they agreed"));
    assert!(
        html.contains(r#"value="25_29" selected"#),
        "the answer is kept"
    );
    assert!(
        html.contains(r#"value="neonatal" checked"#),
        "the ticked box is kept"
    );
    assert!(
        html.contains("<details class=\"nhsuk-details\" open>"),
        "the questions are shown open"
    );

    let k = key();
    let fields = [
        ("care_stage", "labour_birth"),
        ("rating", "5"),
        ("good", "Midwife Sarah stayed with me all night"),
        ("better", "Hot water on the ward"),
        ("consent", "yes"),
        ("age_band", "30_34"),
        ("experiences", "neonatal"),
        ("experiences", "bereavement"),
        ("form_key", k.as_str()),
    ];
    let (s1, l1, _) = post(&b, &entries, &fields).await;
    let (s2, l2, _) = post(&b, &entries, &fields).await;
    assert_eq!((s1, s2), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert_eq!(l1, format!("/field/walk-the-patch/{id}"));
    assert_eq!(l2, l1);
    let (_, page) = b.get_text(&l1).await;
    assert!(
        page.contains("That conversation was already saved"),
        "the second post says so"
    );

    let (items, total) = app.store.session_feedback(id, 10, 0).await.unwrap();
    assert_eq!(total, 1, "a double-submitted form stores one conversation");
    let item = &items[0];
    assert_eq!(item.channel, "walk_the_patch");
    assert_eq!(item.care_stage.as_deref(), Some("labour_birth"));
    assert_eq!(item.rating, Some(5));
    assert_eq!(
        item.body.as_ref().map(|b| app.store.reveal(b).unwrap()).as_deref(),
        Some("What was good: Midwife Sarah stayed with me all night\n\nWhat could be better: Hot water on the ward")
    );
    assert!(
        item.body_redacted.as_deref().unwrap().contains("[NAME]"),
        "screened at the door"
    );
    let d = app
        .store
        .feedback_demographics(item.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.age_band.as_deref(), Some("30_34"));
    assert_eq!(d.experiences, "neonatal;bereavement");

    // Tallies by form: each form's key counts once.
    let tallies = format!("/field/walk-the-patch/{id}/tallies");
    let tk = key();
    for _ in 0..2 {
        let (s, _, _) = post(
            &b,
            &tallies,
            &[("kind", "declined"), ("delta", "1"), ("form_key", &tk)],
        )
        .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
    }
    post(
        &b,
        &tallies,
        &[("kind", "not_now"), ("delta", "1"), ("form_key", &key())],
    )
    .await;
    let s = app.store.get_walk_session(id).await.unwrap();
    assert_eq!(
        (
            s.counts.conversations,
            s.counts.declined,
            s.counts.not_now,
            s.approached
        ),
        (1, 1, 1, 3)
    );
    let (_, summary) = b
        .get_text(&format!("/field/walk-the-patch/{id}/summary"))
        .await;
    assert!(summary.contains("Labour and birth"));
    assert!(summary.contains("Hot water on the ward"));
}

async fn me(b: &Browser) -> Value {
    b.get("/api/v1/me").await.json().await.unwrap()
}

async fn send(
    b: &Browser,
    path: &str,
    csrf: Option<&str>,
    body: &Value,
) -> (StatusCode, String, Value) {
    let mut req = b.client.post(format!("{}{path}", b.base)).json(body);
    if let Some(t) = csrf {
        req = req.header("x-csrf-token", t);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = res.text().await.unwrap();
    (
        status,
        ct,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

async fn the_sync_api_stores_each_entry_once_and_answers_problem_json(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let id = start(&app, &b).await;
    let other = start(&app, &b).await;
    let csrf = me(&b).await["csrf_token"].as_str().unwrap().to_string();
    let entries = format!("/api/v1/field/walk-the-patch/{id}/entries");
    let client = uuid::Uuid::new_v4().to_string();
    let entry = json!({
        "client_id": client, "care_stage": "postnatal_hospital", "rating": 2,
        "good": "", "better": "Nobody helped with feeding at night",
        "consent": true, "ethnic_category": "N", "experiences": []
    });

    let (s, _, first) = send(&b, &entries, Some(&csrf), &entry).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(first["status"], "stored");
    let (s, _, again) = send(&b, &entries, Some(&csrf), &entry).await;
    assert_eq!(s, StatusCode::OK, "a resend is accepted");
    assert_eq!(again["status"], "already_stored");
    assert_eq!(again["id"], first["id"]);
    assert_eq!(app.store.session_feedback(id, 10, 0).await.unwrap().1, 1);

    // The same device id for another session: a conflict, as problem JSON.
    let (s, ct, p) = send(
        &b,
        &format!("/api/v1/field/walk-the-patch/{other}/entries"),
        Some(&csrf),
        &entry,
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(ct, "application/problem+json");
    assert_eq!(p["status"], 409);

    // Field problems name each field; nothing is stored.
    let (s, ct, p) = send(
        &b,
        &entries,
        Some(&csrf),
        &json!({ "client_id": "not-a-uuid", "rating": 9, "consent": false, "age_band": "20_24" }),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(ct, "application/problem+json");
    for field in ["client_id", "care_stage", "rating", "consent"] {
        assert!(p["errors"][field].is_string(), "{field} named in {p}");
    }
    assert_eq!(
        p["errors"]["care_stage"],
        "Select the stage of care they talked about"
    );

    // Not JSON at all.
    let res = b
        .client
        .post(format!("{}{entries}", b.base))
        .header("x-csrf-token", &csrf)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.headers()["content-type"], "application/problem+json");

    // No CSRF token: refused before anything is read.
    let fresh = json!({ "client_id": uuid::Uuid::new_v4().to_string(), "care_stage": "antenatal", "rating": 3 });
    let (s, ct, _) = send(&b, &entries, None, &fresh).await;
    assert_eq!(
        (s, ct.as_str()),
        (StatusCode::FORBIDDEN, "application/problem+json")
    );
    // Signed out (session expired while offline): 401, so the device keeps its queue.
    let (s, ct, p) = send(&app.browser(), &entries, Some(&csrf), &fresh).await;
    assert_eq!(
        (s, ct.as_str()),
        (StatusCode::UNAUTHORIZED, "application/problem+json")
    );
    assert_eq!(p["status"], 401);
    // Another MNVP's lead cannot send to (or learn of) this session.
    let outsider = app.signed_in(OTHER_LEAD).await;
    let their = me(&outsider).await["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    let (s, ct, _) = send(&outsider, &entries, Some(&their), &fresh).await;
    assert_eq!(
        (s, ct.as_str()),
        (StatusCode::NOT_FOUND, "application/problem+json")
    );
    assert_eq!(
        app.store.session_feedback(id, 10, 0).await.unwrap().1,
        1,
        "nothing refused was stored"
    );

    // Tallies: once per device id; taking back more than was counted is a field problem.
    let tallies = format!("/api/v1/field/walk-the-patch/{id}/tallies");
    let tap = json!({ "client_id": uuid::Uuid::new_v4().to_string(), "kind": "declined" });
    assert_eq!(
        send(&b, &tallies, Some(&csrf), &tap).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(&b, &tallies, Some(&csrf), &tap).await.0,
        StatusCode::OK
    );
    let (s, _, p) = send(
        &b,
        &tallies,
        Some(&csrf),
        &json!({ "client_id": uuid::Uuid::new_v4().to_string(), "kind": "not_now", "delta": -1 }),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p["errors"]["delta"]
        .as_str()
        .unwrap()
        .contains("no \"not a good time\" to take back"));
    let (s, _, p) = send(
        &b,
        &tallies,
        Some(&csrf),
        &json!({ "client_id": uuid::Uuid::new_v4().to_string(), "kind": "shrugged", "delta": 3 }),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p["errors"]["kind"].is_string() && p["errors"]["delta"].is_string());

    let session: Value = b
        .get(&format!("/api/v1/field/walk-the-patch/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        session["counts"],
        json!({ "conversations": 1, "declined": 1, "not_now": 0, "approached": 2 })
    );
    assert_eq!(
        session["entries"][0]["text"],
        "What could be better: Nobody helped with feeding at night"
    );
}

async fn sessions_are_scoped_to_their_mnvp_and_words_redacted_outside_the_lead_role(
    engine: Engine,
) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let id = start(&app, &lead).await;
    let (s, _, _) = post(
        &lead,
        &format!("/field/walk-the-patch/{id}/entries"),
        &[
            ("care_stage", "antenatal"),
            ("good", "Dr Patel phoned me back on 07700 900123"),
            ("form_key", &key()),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let summary = format!("/field/walk-the-patch/{id}/summary");
    let (_, as_lead) = lead.get_text(&summary).await;
    assert!(
        as_lead.contains("07700 900123"),
        "the lead sees the words as said"
    );
    let (s, as_volunteer) = app.signed_in(VOLUNTEER).await.get_text(&summary).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!as_volunteer.contains("07700") && as_volunteer.contains("[PHONE]"));

    let outsider = app.signed_in(OTHER_LEAD).await;
    for page in [
        format!("/field/walk-the-patch/{id}"),
        summary.clone(),
        format!("/api/v1/field/walk-the-patch/{id}"),
    ] {
        assert_eq!(
            outsider.get(&page).await.status(),
            StatusCode::NOT_FOUND,
            "{page}"
        );
    }
    let (_, theirs) = outsider.get_text("/field/walk-the-patch").await;
    assert!(!theirs.contains(&format!("/field/walk-the-patch/{id}\"")));
    for who in [STAFF, COMMISSIONER, ADMIN] {
        let b = app.signed_in(who).await;
        assert_eq!(
            b.get(&summary).await.status(),
            StatusCode::FORBIDDEN,
            "{who}"
        );
        let (_, home) = b.get_text("/").await;
        assert!(
            !home.contains(">Field work</a>"),
            "{who} is not offered field work"
        );
    }
    let (_, home) = lead.get_text("/").await;
    assert!(
        home.contains(">Field work</a>"),
        "the lead's menu has field work"
    );
}

async fn the_installable_page_files_are_served(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.browser();
    let res = b.get("/field/walk-the-patch/manifest.webmanifest").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/manifest+json");
    let manifest: Value = res.json().await.unwrap();
    let scope = manifest["scope"].as_str().unwrap();
    assert!(
        manifest["start_url"].as_str().unwrap().starts_with(scope),
        "the app starts inside its scope"
    );
    assert_eq!(manifest["display"], "standalone");
    assert!(manifest["icons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["sizes"] == "512x512"));

    let res = b.get("/field/walk-the-patch/sw.js").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["service-worker-allowed"],
        scope,
        "the worker may control the whole scope"
    );
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let sw = res.text().await.unwrap();
    assert!(!sw.contains("__VERSION__") && sw.contains("importScripts('/static/field-queue.js')"));
    for script in ["/static/field-queue.js", "/static/field-walk.js"] {
        let res = b.get(script).await;
        assert_eq!(res.status(), StatusCode::OK, "{script}");
        assert!(
            res.text().await.unwrap().contains("'use strict'"),
            "{script}"
        );
    }
}
