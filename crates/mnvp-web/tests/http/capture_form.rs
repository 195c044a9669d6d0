//! The public feedback form over real HTTP on both engines: the whole journey with back links
//! and "check your answers", skipping everything, the bereaved route, and monitoring questions
//! with and without consent (robots, floods, bad input and languages: `capture_form_edges`).
//! The `Visitor` here drives the form like a browser for every capture test.

use crate::support::*;
use mnvp_store::feedback::FeedbackFilter;
use mnvp_store::Engine;
use reqwest::{Response, StatusCode};

crate::both_engines!(
    the_whole_journey_keeps_answers_going_back_and_stores_one_item,
    skipping_everything_sends_nothing_and_still_thanks,
    the_bereaved_route_is_gentler_and_shows_bereavement_support_first,
    monitoring_answers_are_kept_only_with_consent
);

/// Someone filling in an MNVP's form in one language, with their own cookie jar.
pub struct Visitor {
    pub b: Browser,
    pub slug: String,
    pub lang: String,
    pub csrf: String,
}

impl Visitor {
    pub async fn start(app: &TestApp, slug: &str, lang: &str) -> Visitor {
        let b = app.browser();
        let first = format!("/feedback/{slug}/questions/your-experience?lang={lang}");
        let (status, html) = b.get_text(&first).await;
        assert_eq!(status, StatusCode::OK, "{first}");
        let csrf = csrf_in(&html).expect("the question page has a form");
        Visitor {
            b,
            slug: slug.into(),
            lang: lang.into(),
            csrf,
        }
    }

    pub fn url(&self, tail: &str) -> String {
        format!("/feedback/{}{tail}?lang={}", self.slug, self.lang)
    }

    /// A page of the form, with HTML character references in addresses decoded.
    pub async fn page(&self, tail: &str) -> (StatusCode, String) {
        let (status, html) = self.b.get_text(&self.url(tail)).await;
        (status, decoded(&html))
    }

    /// Posts one page of answers (`step` is the page's address name).
    pub async fn answer(&self, step: &str, fields: &[(&str, &str)]) -> Response {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.b
            .post_form(&self.url(&format!("/questions/{step}")), &all)
            .await
    }

    /// Answers a page and expects to be sent on to `next` (an address tail).
    pub async fn answer_then(&self, step: &str, fields: &[(&str, &str)], next: &str) {
        let res = self.answer(step, fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "answering {step}");
        assert_eq!(location(&res), self.url(next), "after {step}");
    }

    pub async fn send(&self, extra: &[(&str, &str)]) -> Response {
        let (_, html) = self.page("/check").await;
        let key = value_of(&html, "form_key").unwrap_or_default();
        let mut all = vec![("csrf", self.csrf.as_str()), ("form_key", key.as_str())];
        all.extend_from_slice(extra);
        self.b.post_form(&self.url("/check"), &all).await
    }
}

/// The page as a browser reads its attributes: templates escape "/" and "&" in addresses.
pub fn decoded(html: &str) -> String {
    html.replace("&#x2f;", "/").replace("&amp;", "&")
}

/// The value of a hidden field on a page.
pub fn value_of(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

/// The newest item id before a test acts (the demo has online-form items of its own).
pub async fn last_id(app: &TestApp) -> i64 {
    let (items, _) = app
        .store
        .list_feedback(&FeedbackFilter::default(), 10_000, 0)
        .await
        .unwrap();
    items.iter().map(|i| i.id).max().unwrap_or(0)
}

/// What the public form stored after `since`, newest first.
pub async fn form_items(app: &TestApp, since: i64) -> Vec<mnvp_store::feedback::FeedbackItem> {
    let filter = FeedbackFilter {
        channel: "online_form".into(),
        ..Default::default()
    };
    let (items, _) = app.store.list_feedback(&filter, 10_000, 0).await.unwrap();
    items.into_iter().filter(|i| i.id > since).collect()
}

async fn the_whole_journey_keeps_answers_going_back_and_stores_one_item(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let since = last_id(&app).await;
    let mnvp = app.store.org_by_slug("demo").await.unwrap();
    let unit = app.store.mnvp_units(mnvp.id).await.unwrap()[1].clone();
    let unit_id = unit.id.to_string();

    let (status, start) = app.browser().get_text("/feedback/demo").await;
    let start = decoded(&start);
    assert_eq!(status, StatusCode::OK);
    assert!(start.contains("Tell us about your maternity or neonatal care"));
    assert!(start.contains("You can stop at any time"));
    assert!(
        start.contains("/feedback/demo/support?lang=en"),
        "Get support now"
    );

    let v = Visitor::start(&app, "demo", "en").await;
    let (_, first) = v.page("/questions/your-experience").await;
    assert!(first.contains("Question 1 of 9"));
    assert!(
        first.contains("Content note"),
        "a note before baby loss is mentioned"
    );
    v.answer_then(
        "your-experience",
        &[("journey", "standard")],
        "/questions/where",
    )
    .await;
    let (_, where_page) = v.page("/questions/where").await;
    assert!(
        where_page.contains(&unit.name),
        "the MNVP's own units are offered"
    );
    v.answer_then("where", &[("unit", &unit_id)], "/questions/care")
        .await;
    v.answer_then(
        "care",
        &[("stages", "postnatal_hospital"), ("stages", "labour_birth")],
        "/questions/when",
    )
    .await;
    v.answer_then(
        "when",
        &[("when-month", "3"), ("when-year", "2026")],
        "/questions/rating",
    )
    .await;
    v.answer_then("rating", &[("rating", "4")], "/questions/went-well")
        .await;

    // Back from "went well" is the rating page, and it still shows the rating chosen.
    let (_, went_well) = v.page("/questions/went-well").await;
    assert!(went_well.contains("Question 6 of 9"));
    let back = format!("href=\"{}\"", v.url("/questions/rating"));
    assert!(
        went_well.contains(&back),
        "the back link goes to the last page"
    );
    let (_, rating) = v.page("/questions/rating").await;
    assert!(rating.contains("value=\"4\" checked"), "the answer is kept");
    let (_, when) = v.page("/questions/when").await;
    assert!(when.contains("value=\"3\"") && when.contains("value=\"2026\""));

    v.answer_then(
        "went-well",
        &[(
            "answer",
            "The midwife on the labour ward stayed calm and kind",
        )],
        "/questions/could-be-better",
    )
    .await;
    v.answer_then(
        "could-be-better",
        &[("answer", "Nobody explained the induction delay")],
        "/questions/anything-else",
    )
    .await;
    // Skipping a question moves on and records nothing for it.
    v.answer_then(
        "anything-else",
        &[("answer", "typed then skipped"), ("skip", "yes")],
        "/questions/about-you",
    )
    .await;
    v.answer_then("about-you", &[("consent", "no")], "/check")
        .await;

    let (status, check) = v.page("/check").await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "Check your answers before sending",
        "Labour and birth",
        "Care after the birth, in hospital",
        "March 2026",
        "Good",
        "The midwife on the labour ward stayed calm and kind",
        "Nobody explained the induction delay",
        &unit.name,
    ] {
        assert!(check.contains(shown), "check page shows {shown:?}");
    }
    assert!(!check.contains("typed then skipped"));
    // A change link goes to the question and comes straight back to the check page.
    let change = format!("{}&return=check", v.url("/questions/when"));
    assert!(check.contains(&change), "change link for when");
    let res =
        v.b.post_form(
            &format!("{}&return=check", v.url("/questions/when")),
            &[
                ("csrf", &v.csrf),
                ("when-month", "4"),
                ("when-year", "2026"),
            ],
        )
        .await;
    assert_eq!(location(&res), v.url("/check"));
    let (_, check) = v.page("/check").await;
    assert!(check.contains("April 2026"));

    let res = v.send(&[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), v.url("/sent"));
    let (status, sent) = v.page("/sent").await;
    assert_eq!(status, StatusCode::OK);
    assert!(sent.contains("Thank you, your feedback has been sent"));
    assert!(
        sent.contains("Samaritans"),
        "signposting on the confirmation"
    );

    let items = form_items(&app, since).await;
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item.mnvp_id, mnvp.id);
    assert_eq!(item.unit_id, Some(unit.id));
    assert_eq!(item.rating, Some(4));
    assert_eq!(
        item.care_stage.as_deref(),
        Some("postnatal_hospital"),
        "filed under the latest stage"
    );
    assert_eq!(
        item.body.as_ref().map(|b| app.store.reveal(b).unwrap()).as_deref(),
        Some("What went well: The midwife on the labour ward stayed calm and kind\n\nWhat could have been better: Nobody explained the induction delay")
    );
    assert!(item.body_redacted.is_some(), "screened at the door");
    assert!(!item.has_demographics);
    let details = app.store.form_details(item.id).await.unwrap().unwrap();
    assert_eq!(details.care_month.as_deref(), Some("2026-04"));
    assert_eq!(details.care_stages, "labour_birth;postnatal_hospital");
    assert_eq!(
        (details.journey.as_str(), details.language.as_str()),
        ("standard", "en")
    );
    // The audit log records the arrival but not where it came from.
    let audit = app.store.audit_for("feedback", item.id).await.unwrap();
    assert_eq!(audit[0].actor, "public feedback form");
    assert_eq!(audit[0].ip, "");
    // The answers in progress are gone once sent.
    let (_, check) = v.page("/check").await;
    assert!(!check.contains("Nobody explained"));
}

async fn skipping_everything_sends_nothing_and_still_thanks(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let since = last_id(&app).await;
    let v = Visitor::start(&app, "demo", "en").await;
    let pages = [
        ("your-experience", "/questions/where"),
        ("where", "/questions/care"),
        ("care", "/questions/when"),
        ("when", "/questions/rating"),
        ("rating", "/questions/went-well"),
        ("went-well", "/questions/could-be-better"),
        ("could-be-better", "/questions/anything-else"),
        ("anything-else", "/questions/about-you"),
        ("about-you", "/check"),
    ];
    for (i, (step, next)) in pages.iter().enumerate() {
        // Half by the skip button, half by continuing with nothing chosen.
        let fields: &[(&str, &str)] = if i % 2 == 0 { &[("skip", "yes")] } else { &[] };
        v.answer_then(step, fields, next).await;
    }
    let (_, check) = v.page("/check").await;
    assert!(check.matches("Not answered").count() >= 9);
    assert!(check.contains("there is nothing to send"));
    let res = v.send(&[]).await;
    assert_eq!(location(&res), v.url("/sent"));
    let (status, sent) = v.page("/sent").await;
    assert_eq!(status, StatusCode::OK);
    assert!(sent.contains("nothing was sent"));
    assert!(
        form_items(&app, since).await.is_empty(),
        "an empty form stores nothing"
    );
}

async fn the_bereaved_route_is_gentler_and_shows_bereavement_support_first(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let since = last_id(&app).await;
    let v = Visitor::start(&app, "demo", "en").await;
    v.answer_then(
        "your-experience",
        &[("journey", "bereaved")],
        "/questions/where",
    )
    .await;
    let (_, page) = v.page("/questions/where").await;
    assert!(page.contains("Question 2 of 6"), "fewer questions");
    assert!(
        page.contains("If your baby died, Sands"),
        "support beside every page"
    );
    // The pages of the other route are not on this one.
    let res = v.b.get(&v.url("/questions/rating")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    v.answer_then("where", &[("unit", "elsewhere")], "/questions/when")
        .await;
    v.answer_then("when", &[], "/questions/your-care").await;
    v.answer_then(
        "your-care",
        &[(
            "answer",
            "The bereavement suite was quiet and the staff let us take our time",
        )],
        "/questions/what-would-have-helped",
    )
    .await;
    v.answer_then(
        "what-would-have-helped",
        &[("answer", "A follow-up call a few weeks later")],
        "/questions/about-you",
    )
    .await;
    v.answer_then("about-you", &[], "/check").await;
    let (_, support) = v.page("/support").await;
    let loss = support.find("After the loss of a baby").unwrap();
    let crisis = support.find("Urgent help if you are in crisis").unwrap();
    assert!(
        loss < crisis,
        "bereavement support first on the bereaved route"
    );

    v.send(&[]).await;
    let (_, sent) = v.page("/sent").await;
    let loss = sent.find("After the loss of a baby").unwrap();
    let crisis = sent.find("Urgent help if you are in crisis").unwrap();
    assert!(loss < crisis, "and on the confirmation");
    let items = form_items(&app, since).await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].care_stage.as_deref(), Some("bereavement"));
    assert_eq!(items[0].rating, None);
    assert_eq!(items[0].unit_id, None);
    let details = app.store.form_details(items[0].id).await.unwrap().unwrap();
    assert_eq!(details.journey, "bereaved");
    assert_eq!(details.care_stages, "bereavement");
}

async fn monitoring_answers_are_kept_only_with_consent(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let since = last_id(&app).await;
    let about_me = [
        ("ethnic_category", "K"),
        ("age_band", "30_34"),
        ("first_language", "bn"),
        ("interpreter_needed", "yes"),
    ];
    let more = [
        ("disability", "no"),
        ("religion", "muslim"),
        ("experiences", "maternity"),
        ("experiences", "neonatal"),
        ("postcode", "nr1 3sr"),
    ];

    // With consent: kept, postcode cut to its district at the door.
    let v = Visitor::start(&app, "demo", "en").await;
    v.answer_then("rating", &[("rating", "5")], "/questions/went-well")
        .await;
    let res = v.b.get(&v.url("/questions/about-you-1")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "not without consent");
    let (_, page) = v.page("/questions/about-you").await;
    assert!(page.contains("Why we ask") && page.contains("How we use your answers"));
    v.answer_then("about-you", &[("consent", "yes")], "/questions/about-you-1")
        .await;
    v.answer_then("about-you-1", &about_me, "/questions/about-you-2")
        .await;
    v.answer_then("about-you-2", &more, "/check").await;
    let (_, page) = v.page("/questions/about-you-2").await;
    assert!(
        page.contains("name=\"postcode\" type=\"text\" value=\"NR1\""),
        "only the district is kept, and shown back"
    );
    assert!(page.contains("We have kept: NR1"));
    let (_, check) = v.page("/check").await;
    assert!(check.contains("Bangladeshi") && check.contains("Area NR1"));
    assert!(
        !check.contains("3SR"),
        "the full postcode is never shown back"
    );
    v.send(&[]).await;
    let item = form_items(&app, since).await.remove(0);
    assert!(item.has_demographics);
    let d = app
        .store
        .feedback_demographics(item.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.ethnic_category.as_deref(), Some("K"));
    assert_eq!(d.first_language.as_deref(), Some("bn"));
    assert_eq!(d.experiences, "maternity;neonatal");
    assert_eq!(d.postcode_district.as_deref(), Some("NR1"));

    // Answered, then consent withdrawn: nothing about the person is kept.
    let v = Visitor::start(&app, "demo", "en").await;
    v.answer_then("rating", &[("rating", "2")], "/questions/went-well")
        .await;
    v.answer_then("about-you", &[("consent", "yes")], "/questions/about-you-1")
        .await;
    v.answer_then("about-you-1", &about_me, "/questions/about-you-2")
        .await;
    v.answer_then("about-you", &[("consent", "no")], "/check")
        .await;
    let (_, check) = v.page("/check").await;
    assert!(!check.contains("Bangladeshi"), "forgotten at once");
    v.send(&[]).await;
    let items = form_items(&app, since).await;
    assert_eq!(items.len(), 2);
    assert!(
        !items[0].has_demographics,
        "no consent, no monitoring answers"
    );
}
