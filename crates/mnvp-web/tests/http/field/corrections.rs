//! Changing and removing field conversations over HTTP: the recording form reused (error
//! summary, answers kept), removal confirmed with a reason on its own page, who may (the lead
//! always, the volunteer who recorded it while the session is open, nobody else), and what a
//! removal kept for a safeguarding case looks like to the lead and to everyone else.

use super::walk::start;
use super::{key, post};
use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;
use serde_json::{json, Value};

crate::both_engines!(
    a_volunteer_changes_their_conversation_with_the_recording_form,
    removing_asks_why_on_its_own_page_and_updates_the_session,
    only_the_lead_and_the_recorder_while_the_session_is_open_may_correct,
    a_conversation_kept_for_a_safeguarding_case_is_the_leads_alone
);

const SAID: &str = "Midwife Ottoline stayed with me all night";
const DISCLOSURE: &str = "Since the birth I have thought about ending my life";

/// Records one conversation through the plain form and returns its feedback id; the form's
/// key is the entry's device id (`client` says which).
async fn record_as(
    app: &TestApp,
    b: &Browser,
    session: i64,
    client: &str,
    fields: &[(&str, &str)],
) -> i64 {
    let mut all = vec![("form_key", client)];
    all.extend_from_slice(fields);
    let (status, _, body) =
        post(b, &format!("/field/walk-the-patch/{session}/entries"), &all).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    app.store.session_feedback(session, 1, 0).await.unwrap().0[0].id
}

async fn record(app: &TestApp, b: &Browser, session: i64, fields: &[(&str, &str)]) -> i64 {
    record_as(app, b, session, &key(), fields).await
}

/// The tablet's offline queue sends an entry again: the answer's status and `status` member.
async fn resend(b: &Browser, session: i64, client: &str) -> (StatusCode, Value) {
    let me: Value = b.get("/api/v1/me").await.json().await.unwrap();
    let res = b
        .client
        .post(format!(
            "{}/api/v1/field/walk-the-patch/{session}/entries",
            b.base
        ))
        .header("x-csrf-token", me["csrf_token"].as_str().unwrap())
        .json(&json!({ "client_id": client, "care_stage": "antenatal", "good": "Kind staff" }))
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap())
}

/// A new session with one antenatal conversation (`SAID`, age band 30–34 with agreement, and
/// `more` answers): (session, conversation).
async fn recorded_with_answers(app: &TestApp, b: &Browser, more: &[(&str, &str)]) -> (i64, i64) {
    let session = start(app, b).await;
    let mut fields = vec![
        ("care_stage", "antenatal"),
        ("good", SAID),
        ("consent", "yes"),
        ("age_band", "30_34"),
    ];
    fields.extend_from_slice(more);
    (session, record(app, b, session, &fields).await)
}

async fn words(app: &TestApp, id: i64) -> String {
    let item = app.store.get_feedback(id).await.unwrap();
    app.store.reveal(item.body.as_ref().unwrap()).unwrap()
}

/// A second volunteer of the demo MNVP, signed in.
async fn other_volunteer(app: &TestApp) -> Browser {
    let mnvp = app.store.org_by_slug("demo").await.unwrap();
    let new = mnvp_store::users::NewUser {
        email: mnvp_domain::parse::Email::parse("ana@demo.mnvp.example").unwrap(),
        name: mnvp_domain::parse::Name::parse("n", "Ana").unwrap(),
        role: mnvp_domain::role::Role::Volunteer,
        org_id: Some(mnvp.id),
        password_hash: mnvp_web::hash_password(PASSWORD.into()).await.unwrap(),
    };
    app.store
        .create_user(&new, None, &mnvp_store::Actor::system())
        .await
        .unwrap();
    app.signed_in("ana@demo.mnvp.example").await
}

async fn a_volunteer_changes_their_conversation_with_the_recording_form(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let (session, id) = recorded_with_answers(&app, &b, &[("rating", "5")]).await;
    let change = format!("/field/conversations/{id}/change");

    let (_, page) = b
        .get_text(&format!("/field/walk-the-patch/{session}"))
        .await;
    assert!(page.contains("Conversations recorded"));
    assert!(
        page.contains(&format!(r#"href="{change}""#)),
        "a Change link"
    );
    assert!(page.contains(&format!(r#"href="/field/conversations/{id}/remove""#)));

    let (status, form) = b.get_text(&change).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Change a conversation"));
    assert!(
        form.contains(">Midwife [NAME] stayed with me all night</textarea>"),
        "the volunteer sees the redacted words"
    );
    assert!(!form.contains("Ottoline"));
    assert!(
        form.contains(r#"value="antenatal" checked"#) && form.contains(r#"value="5" checked"#),
        "the answers are filled in"
    );
    assert!(
        !form.contains(r#"name="age_band""#),
        "equality answers are the lead's alone"
    );

    // Bad input: every problem in the error summary, what was typed kept, nothing changed.
    let long = "x".repeat(2001);
    let (status, _, html) = post(
        &b,
        &change,
        &[
            ("care_stage", ""),
            ("rating", "9"),
            ("good", "Typed again"),
            ("better", &long),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("There is a problem"));
    for message in [
        "Select the stage of care they talked about",
        "Select how their care was overall",
        "2000 characters or fewer",
    ] {
        assert!(html.contains(message), "missing {message:?}");
    }
    assert!(
        html.contains(">Typed again</textarea>"),
        "what was typed is kept"
    );
    assert!(
        html.contains(r##"href="#care_stage""##),
        "the summary links to the question"
    );
    let item = app.store.get_feedback(id).await.unwrap();
    assert_eq!(item.care_stage.as_deref(), Some("antenatal"));

    // The stage corrected, the words left as shown: the original words are kept, not their
    // redaction, and so are the answers about them.
    let (status, loc, _) = post(
        &b,
        &change,
        &[
            ("care_stage", "labour_birth"),
            ("rating", "4"),
            ("good", "Midwife [NAME] stayed with me all night"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(loc, format!("/field/walk-the-patch/{session}"));
    let (_, page) = b.get_text(&loc).await;
    assert!(page.contains("Conversation changed."));
    let item = app.store.get_feedback(id).await.unwrap();
    assert_eq!(item.care_stage.as_deref(), Some("labour_birth"));
    assert_eq!(item.rating, Some(4));
    assert_eq!(words(&app, id).await, format!("What was good: {SAID}"));
    let about = app.store.feedback_demographics(id).await.unwrap().unwrap();
    assert_eq!(about.age_band.as_deref(), Some("30_34"));

    // New words replace the old ones and are screened again.
    post(
        &b,
        &change,
        &[
            ("care_stage", "labour_birth"),
            ("good", "Midwife [NAME] stayed"),
            ("better", "Call Philippa on 07700 900123 about the parking"),
        ],
    )
    .await;
    let item = app.store.get_feedback(id).await.unwrap();
    assert_eq!(
        words(&app, id).await,
        "What was good: Midwife [NAME] stayed\n\nWhat could be better: Call Philippa on 07700 900123 about the parking"
    );
    assert!(item.body_redacted.as_deref().unwrap().contains("[PHONE]"));
    assert!(!item.body_redacted.as_deref().unwrap().contains("900123"));
    assert_eq!(
        app.store.session_feedback(session, 10, 0).await.unwrap().1,
        1,
        "changed, not added"
    );
}

async fn removing_asks_why_on_its_own_page_and_updates_the_session(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let session = start(&app, &b).await;
    let kept = record(
        &app,
        &b,
        session,
        &[("care_stage", "antenatal"), ("good", "Kind staff")],
    )
    .await;
    let device = key();
    let twice = record_as(
        &app,
        &b,
        session,
        &device,
        &[("care_stage", "antenatal"), ("good", "Kind staff")],
    )
    .await;
    let remove = format!("/field/conversations/{twice}/remove");

    let (status, page) = b.get_text(&remove).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Remove this conversation?"));
    assert!(page.contains("Why are you removing it?"));
    for reason in ["mistake", "withdrew", "duplicate"] {
        assert!(
            page.contains(&format!(r#"value="{reason}""#)),
            "{reason} offered"
        );
    }
    assert!(
        page.contains("Kind staff"),
        "what is being removed is shown"
    );
    let form_key = page
        .split(r#"name="form_key" value=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();

    // No reason: asked again, on the same page, with the same form.
    let (status, _, html) = post(&b, &remove, &[("form_key", &form_key)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("There is a problem"));
    assert!(html.contains("Select why you are removing this conversation"));
    assert!(html.contains(&format!(r#"value="{form_key}""#)));
    assert_eq!(
        app.store.session_feedback(session, 10, 0).await.unwrap().1,
        2
    );

    let fields = [("form_key", form_key.as_str()), ("reason", "duplicate")];
    let (status, loc, _) = post(&b, &remove, &fields).await;
    assert_eq!(
        (status, loc.as_str()),
        (
            StatusCode::SEE_OTHER,
            format!("/field/walk-the-patch/{session}").as_str()
        )
    );
    let (_, page) = b.get_text(&loc).await;
    assert!(page.contains("Conversation removed."));
    assert!(!page.contains(&remove), "no longer listed");
    let s = app.store.get_walk_session(session).await.unwrap();
    assert_eq!((s.counts.conversations, s.approached), (1, 1));
    // The same form sent again (a double click): nothing more happens, and it says so.
    let (status, loc, _) = post(&b, &remove, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = b.get_text(&loc).await;
    assert!(page.contains("That conversation was already removed."));
    // The tablet resends the removed entry (its queue never heard the answer): nothing returns.
    let (status, answer) = resend(&b, session, &device).await;
    assert_eq!(
        (status, answer["status"].as_str()),
        (StatusCode::OK, Some("already_stored"))
    );
    assert_eq!(
        app.store
            .get_walk_session(session)
            .await
            .unwrap()
            .counts
            .conversations,
        1
    );

    // The person withdrew: gone, but still counted as approached (as declined).
    let (_, page) = b
        .get_text(&format!("/field/conversations/{kept}/remove"))
        .await;
    let form_key = page
        .split(r#"name="form_key" value=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    post(
        &b,
        &format!("/field/conversations/{kept}/remove"),
        &[("form_key", &form_key), ("reason", "withdrew")],
    )
    .await;
    let s = app.store.get_walk_session(session).await.unwrap();
    assert_eq!(
        (s.counts.conversations, s.counts.declined, s.approached),
        (0, 1, 1)
    );
    let (_, summary) = b
        .get_text(&format!("/field/walk-the-patch/{session}/summary"))
        .await;
    assert!(summary.contains("No conversations have been recorded yet."));
    // A removed conversation's pages are gone.
    assert_eq!(
        b.get(&format!("/field/conversations/{kept}/change"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get(&format!("/inbox/{kept}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn only_the_lead_and_the_recorder_while_the_session_is_open_may_correct(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let grace = app.signed_in(VOLUNTEER).await;
    let (session, id) = recorded_with_answers(&app, &grace, &[]).await;
    let change = format!("/field/conversations/{id}/change");
    let remove = format!("/field/conversations/{id}/remove");
    let valid = [
        ("care_stage", "neonatal"),
        ("good", "Changed by someone else"),
    ];

    // Another volunteer of the same MNVP: no links, and 403 with the reason.
    let ana = other_volunteer(&app).await;
    let (_, page) = ana
        .get_text(&format!("/field/walk-the-patch/{session}"))
        .await;
    assert!(
        !page.contains(&change),
        "no Change link for a conversation they did not record"
    );
    let (status, html) = ana.get_text(&change).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Only the volunteer who recorded a conversation, or your MNVP lead"));
    assert_eq!(ana.get(&remove).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(post(&ana, &change, &valid).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        post(
            &ana,
            &remove,
            &[("reason", "mistake"), ("form_key", &key())]
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    // Another MNVP's lead cannot learn it exists; roles outside the MNVP team are refused.
    let outsider = app.signed_in(OTHER_LEAD).await;
    assert_eq!(outsider.get(&change).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        post(&outsider, &remove, &[("reason", "mistake")]).await.0,
        StatusCode::NOT_FOUND
    );
    for who in [STAFF, COMMISSIONER, ADMIN] {
        let b = app.signed_in(who).await;
        assert_eq!(
            b.get(&change).await.status(),
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    assert_eq!(
        words(&app, id).await,
        format!("What was good: {SAID}"),
        "nothing changed"
    );

    // The lead sees the original words and the answers about them, and may change them.
    let lead = app.signed_in(LEAD).await;
    let (status, form) = lead.get_text(&change).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains(&format!(">{SAID}</textarea>")));
    assert!(
        form.contains(r#"value="30_34" selected"#),
        "the answers are filled in"
    );
    let (status, _, _) = post(
        &lead,
        &change,
        &[
            ("care_stage", "postnatal_hospital"),
            ("good", SAID),
            ("consent", "yes"),
            ("age_band", "35_39"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let about = app.store.feedback_demographics(id).await.unwrap().unwrap();
    assert_eq!(about.age_band.as_deref(), Some("35_39"));
    let audit = app.store.audit_for("feedback", id).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "view" && e.actor.contains("lead@")),
        "the lead's view of the words is audited"
    );

    // The session closes for its volunteers the day after: then only the lead may.
    app.exec(&format!(
        "UPDATE capture_sessions SET held_on = '2026-01-01', created_at = '2026-01-01T09:00:00Z' WHERE id = {session}"
    ))
    .await;
    let (status, html) = grace.get_text(&change).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        html.contains("until the end of 2 January 2026"),
        "says until when"
    );
    assert!(html.contains("Ask your MNVP lead"));
    assert_eq!(post(&grace, &change, &valid).await.0, StatusCode::FORBIDDEN);
    let (_, page) = grace
        .get_text(&format!("/field/walk-the-patch/{session}"))
        .await;
    assert!(
        !page.contains(&change),
        "no Change link once the session is closed"
    );
    assert_eq!(lead.get(&change).await.status(), StatusCode::OK);

    // The demo has a session under way today, recorded by the demo volunteer.
    let (_, list) = grace.get_text("/field/walk-the-patch").await;
    let today = app
        .store
        .list_walk_sessions(app.store.org_by_slug("demo").await.unwrap().id, 50, 0)
        .await
        .unwrap()
        .0
        .into_iter()
        .find(|s| s.volunteers == "Grace Okoro (volunteer)")
        .expect("the demo's session today");
    assert!(list.contains(&format!("/field/walk-the-patch/{}", today.id)));
    let (_, page) = grace
        .get_text(&format!("/field/walk-the-patch/{}", today.id))
        .await;
    assert_eq!(
        page.matches("/field/conversations/").count(),
        4,
        "Change and Remove on both of hers"
    );
    assert_eq!(today.counts.conversations, 2, "the duplicate was removed");
}

async fn a_conversation_kept_for_a_safeguarding_case_is_the_leads_alone(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let grace = app.signed_in(VOLUNTEER).await;
    let lead = app.signed_in(LEAD).await;
    let session = start(&app, &grace).await;
    let device = key();
    let calm = record_as(
        &app,
        &grace,
        session,
        &device,
        &[("care_stage", "antenatal"), ("good", "Kind staff")],
    )
    .await;

    // The volunteer's change brings a disclosure: the lead is told, the volunteer is not.
    let (_, loc, _) = post(
        &grace,
        &format!("/field/conversations/{calm}/change"),
        &[("care_stage", "postnatal_home"), ("better", DISCLOSURE)],
    )
    .await;
    let (_, page) = grace.get_text(&loc).await;
    assert!(page.contains("Conversation changed.") && !page.contains("afeguarding case"));
    let case = app
        .store
        .case_for_feedback(calm)
        .await
        .unwrap()
        .expect("a case opened");

    // The lead removes it (the person withdrew): kept for the case, counted nowhere.
    let (_, page) = lead
        .get_text(&format!("/field/conversations/{calm}/remove"))
        .await;
    assert!(page.contains("If what was said raised a safeguarding concern"));
    let (status, loc, _) = post(
        &lead,
        &format!("/field/conversations/{calm}/remove"),
        &[("reason", "withdrew"), ("form_key", &key())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = lead.get_text(&loc).await;
    assert!(page.contains(&format!("Safeguarding case {case} refers to it")));
    assert_eq!(
        app.store
            .get_walk_session(session)
            .await
            .unwrap()
            .counts
            .conversations,
        0
    );

    let (status, html) = lead.get_text(&format!("/inbox/{calm}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Removed from its session") && html.contains("ending my life"));
    let (_, case_page) = lead.get_text(&format!("/safety/cases/{case}")).await;
    assert!(case_page.contains("It is kept for this case only"));
    assert!(
        case_page.contains("ending my life"),
        "the lead can still act on what was said"
    );
    assert_eq!(
        grace.get(&format!("/inbox/{calm}")).await.status(),
        StatusCode::NOT_FOUND
    );
    let (_, inbox) = lead.get_text("/inbox?q=ending").await;
    assert!(
        !inbox.contains(&format!("/inbox/{calm}\"")),
        "not in the inbox"
    );

    // The tablet resends the entry it recorded: already stored, nothing comes back.
    let (status, answer) = resend(&grace, session, &device).await;
    assert_eq!(
        (status, answer["status"].as_str()),
        (StatusCode::OK, Some("already_stored"))
    );
    let (status, _) = resend(&grace, session, &key()).await;
    assert_eq!(status, StatusCode::CREATED, "new entries still arrive");
    assert_eq!(
        app.store
            .get_walk_session(session)
            .await
            .unwrap()
            .counts
            .conversations,
        1
    );
}
