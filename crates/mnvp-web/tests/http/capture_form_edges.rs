//! The public form at its edges, over real HTTP on both engines: robots, floods and double
//! submission, bad input (kept and explained), forms that do not exist or are closed, and every
//! language with its `lang` and direction.

use crate::capture_form::{decoded, form_items, last_id, value_of, Visitor};
use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    robots_floods_and_double_submissions_store_nothing_extra,
    bad_input_is_explained_and_what_was_typed_is_kept,
    unknown_closed_and_forged_forms_are_a_clear_not_found,
    every_language_renders_with_its_lang_and_direction
);

async fn robots_floods_and_double_submissions_store_nothing_extra(engine: Engine) {
    let app = TestApp::with_demo_and(engine, |s| s.form_submissions_per_hour = 2).await;
    let since = last_id(&app).await;

    // The honeypot: a robot sees a thank-you, nothing is stored.
    let robot = Visitor::start(&app, "demo", "en").await;
    robot
        .answer_then("rating", &[("rating", "3")], "/questions/went-well")
        .await;
    let res = robot.send(&[("website", "http://spam.example")]).await;
    assert_eq!(location(&res), robot.url("/sent"));
    assert!(form_items(&app, since).await.is_empty());

    // A double press of Send stores one item.
    let v = Visitor::start(&app, "demo", "en").await;
    v.answer_then("rating", &[("rating", "3")], "/questions/went-well")
        .await;
    let (_, check) = v.page("/check").await;
    let key = value_of(&check, "form_key").unwrap();
    let post = |key: String| {
        let v = &v;
        async move {
            v.b.post_form(
                &v.url("/check"),
                &[("csrf", v.csrf.as_str()), ("form_key", &key)],
            )
            .await
        }
    };
    let first = post(key.clone()).await;
    let second = post(key).await;
    assert_eq!(location(&first), v.url("/sent"));
    assert_eq!(
        location(&second),
        v.url("/sent"),
        "the second press lands on the same thanks"
    );
    assert_eq!(form_items(&app, since).await.len(), 1);

    // The limit (2 an hour here, counting the robot): a kind message, answers kept.
    let third = Visitor::start(&app, "demo", "en").await;
    third
        .answer_then(
            "went-well",
            &[("answer", "Please keep this answer")],
            "/questions/could-be-better",
        )
        .await;
    let res = third.send(&[]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let html = res.text().await.unwrap();
    assert!(html.contains("Your answers are saved"), "{html}");
    assert!(html.contains("Please keep this answer"));
    let (_, check) = third.page("/check").await;
    assert!(check.contains("Please keep this answer"), "nothing lost");
    assert_eq!(form_items(&app, since).await.len(), 1);
}

async fn bad_input_is_explained_and_what_was_typed_is_kept(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let v = Visitor::start(&app, "demo", "en").await;
    let long = format!("{} end of my story", "We waited. ".repeat(460));
    let res = v.answer("went-well", &[("answer", &long)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("There is a problem"));
    assert!(html.contains("Your answer must be 5000 characters or fewer. You have written 5076."));
    assert!(
        html.contains("href=\"#answer\""),
        "the summary links to the box"
    );
    assert!(
        html.contains("end of my story</textarea>"),
        "what was typed is kept"
    );
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<title>Error: "));

    let res = v
        .answer("when", &[("when-month", "14"), ("when-year", "2026")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter the month as a number from 1 to 12"));
    assert!(html.contains("value=\"14\"") && html.contains("value=\"2026\""));
    let res = v.answer("when", &[("when-month", "3")]).await;
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Enter the year, as well as the month")
            && html.contains("href=\"#when-year\"")
    );
    let res = v
        .answer("when", &[("when-month", "1"), ("when-year", "2999")])
        .await;
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("this month or in the past"));

    // A unit of another MNVP, or a made-up choice, is refused rather than stored.
    let other = app.store.org_by_slug("downs-valley").await.unwrap();
    let foreign = app.store.mnvp_units(other.id).await.unwrap()[0]
        .id
        .to_string();
    let res = v.answer("where", &[("unit", &foreign)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = v.answer("rating", &[("rating", "11")]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Nothing bad was saved.
    let (_, check) = v.page("/check").await;
    assert!(!check.contains("We waited"));

    // A body far beyond any answer is refused with a message, not a crash.
    let huge = "x".repeat(200_000);
    let res = v.answer("went-well", &[("answer", &huge)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("too long to receive"));
}

async fn unknown_closed_and_forged_forms_are_a_clear_not_found(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.browser();
    for path in [
        "/feedback/no-such-mnvp",
        "/feedback/no-such-mnvp/questions/rating",
        "/feedback/demo/questions/not-a-question",
        "/feedback/%3Cscript%3E/check",
    ] {
        let (status, html) = b.get_text(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("We cannot find this feedback form"), "{path}");
        assert!(!html.contains("<script>"));
    }
    let mnvp = app.store.org_by_slug("downs-valley").await.unwrap();
    app.store
        .set_form_open(mnvp.id, false, &mnvp_store::Actor::system())
        .await
        .unwrap();
    let (status, html) = b.get_text("/feedback/downs-valley?lang=pl").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("lang=\"pl\""), "in the visitor's language");
    let list = decoded(&b.get_text("/feedback").await.1);
    assert!(list.contains("/feedback/demo?lang=en") && !list.contains("downs-valley"));
    // A trust or unit is not an MNVP and has no form.
    let (status, _) = b.get_text("/feedback/riverside-university-hospitals").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn every_language_renders_with_its_lang_and_direction(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let since = last_id(&app).await;
    for lang in mnvp_web::i18n::LANGUAGES {
        let v = Visitor::start(&app, "demo", lang.code).await;
        for tail in [
            "",
            "/questions/your-experience",
            "/questions/about-you",
            "/check",
            "/support",
        ] {
            let (status, html) = v.page(tail).await;
            assert_eq!(status, StatusCode::OK, "{} {tail}", lang.code);
            let root = format!("<html lang=\"{}\" dir=\"{}\"", lang.tag, lang.dir);
            assert!(html.contains(&root), "{} {tail}: {root}", lang.code);
            // Every link within the form keeps the language.
            assert!(
                html.contains(&format!("/feedback/demo/support?lang={}", lang.code)),
                "{} {tail}",
                lang.code
            );
        }
        v.answer_then(
            "went-well",
            &[("answer", "Dobra opieka / ভাল যত্ন / اچھی دیکھ بھال")],
            "/questions/could-be-better",
        )
        .await;
        v.send(&[]).await;
    }
    let items = form_items(&app, since).await;
    assert_eq!(items.len(), mnvp_web::i18n::LANGUAGES.len());
    let mut languages = Vec::new();
    for item in &items {
        languages.push(
            app.store
                .form_details(item.id)
                .await
                .unwrap()
                .unwrap()
                .language,
        );
        assert!(item
            .body
            .as_ref()
            .map(|b| app.store.reveal(b).unwrap())
            .as_deref()
            .unwrap()
            .contains("اچھی دیکھ بھال"));
    }
    languages.sort();
    assert_eq!(languages, ["bn", "easy", "en", "pl", "ro", "ur"]);
    // Without a choice, the browser's preference decides.
    let res = app
        .browser()
        .client
        .get(format!("{}/feedback/demo", app.base))
        .header("accept-language", "ur-PK,ur;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("<html lang=\"ur\" dir=\"rtl\""));
}
