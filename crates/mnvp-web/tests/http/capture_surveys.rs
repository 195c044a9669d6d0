//! Surveys over HTTP: the lead builds one (conditions, required questions), the public answers
//! it page by page without JavaScript, a closed survey says so, and results respect roles. The
//! FHIR round trip and exports: `capture_surveys_fhir.rs`.

use crate::support::*;
use mnvp_store::feedback::FeedbackFilter;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    a_survey_is_built_answered_and_counted,
    closed_and_draft_surveys_take_no_answers,
    the_builder_refuses_what_would_not_work
);

/// Page HTML with the template engine's escaped slashes put back, to compare addresses.
fn unslashed(html: String) -> String {
    html.replace("&#x2f;", "/")
}

/// Posts a form from `page` (taking its token) to `action`.
pub(crate) async fn submit(
    b: &Browser,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = b.csrf(page).await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    b.post_form(action, &all).await
}

/// Creates the sample survey as the lead and returns its id: a required yes/no, a rating
/// asked only after "yes", a multiple choice, a date and a free-text question.
pub(crate) async fn build(lead: &Browser, slug: &str) -> i64 {
    let res = submit(
        lead,
        "/capture/surveys/new",
        "/capture/surveys/new",
        &[
            ("title", "Your care after the birth"),
            ("slug", slug),
            ("description", "Tell us about the postnatal ward."),
            ("pages", "one"),
        ],
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let id: i64 = location(&res).rsplit('/').next().unwrap().parse().unwrap();
    let new_q = format!("/capture/surveys/{id}/questions/new");
    for fields in [
        vec![
            ("text", "Did you stay on the postnatal ward?"),
            ("kind", "yes_no"),
            ("required", "yes"),
        ],
        vec![
            ("text", "How was the ward?"),
            ("kind", "rating"),
            ("scale_min", "1"),
            ("scale_max", "5"),
            ("min_label", "Very poor"),
            ("max_label", "Very good"),
            ("show_if", "q1=yes"),
        ],
        vec![
            ("text", "Who helped you?"),
            ("kind", "multiple_choice"),
            ("options", "A midwife\nMy partner\nNobody"),
        ],
        vec![("text", "When did your baby arrive?"), ("kind", "date")],
        vec![
            ("text", "Anything else?"),
            ("kind", "free_text"),
            ("hint", "Please do not include names"),
        ],
    ] {
        let res = submit(lead, &new_q, &new_q, &fields).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "{fields:?}: {}",
            res.text().await.unwrap()
        );
    }
    id
}

pub(crate) async fn publish(lead: &Browser, id: i64) {
    let page = format!("/capture/surveys/{id}");
    let res = submit(
        lead,
        &page,
        &format!("{page}/status"),
        &[("status", "live")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

async fn a_survey_is_built_answered_and_counted(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let id = build(&lead, "postnatal-2026").await;
    let (_, preview) = lead
        .get_text(&format!("/capture/surveys/{id}/preview"))
        .await;
    assert!(
        preview.contains("Asked only if “Did you stay on the postnatal ward?” is answered “Yes”"),
        "{preview}"
    );
    publish(&lead, id).await;

    let person = app.browser();
    let (status, start) = person.get_text("/surveys/postnatal-2026").await;
    assert_eq!(status, StatusCode::OK);
    assert!(start.contains("Tell us about the postnatal ward.") && start.contains("Start now"));
    let p1 = "/surveys/postnatal-2026/pages/1";
    let (_, page) = person.get_text(p1).await;
    assert!(
        page.contains(
            "<h1 class=\"nhsuk-fieldset__heading\">Did you stay on the postnatal ward?</h1>"
        ),
        "one question per page, as the heading"
    );
    // Required: skipping it is refused with an error summary.
    let res = submit(&person, p1, p1, &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("There is a problem") && html.contains("href=\"#q1\">Select yes or no"));
    // "No": the rating question is not asked.
    let res = submit(&person, p1, p1, &[("q1", "no")]).await;
    assert_eq!(location(&res), "/surveys/postnatal-2026/pages/3");
    let p3 = "/surveys/postnatal-2026/pages/3";
    let page = unslashed(person.get_text(p3).await.1);
    assert!(
        page.contains("href=\"/surveys/postnatal-2026/pages/1\""),
        "back skips the hidden question"
    );
    let res = submit(
        &person,
        p3,
        p3,
        &[("q3", "my-partner"), ("q3", "a-midwife")],
    )
    .await;
    assert_eq!(location(&res), "/surveys/postnatal-2026/pages/4");
    // A date that is not a date keeps what was typed.
    let p4 = "/surveys/postnatal-2026/pages/4";
    let res = submit(
        &person,
        p4,
        p4,
        &[("q4-day", "31"), ("q4-month", "2"), ("q4-year", "2026")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Date must be a real date") && html.contains("value=\"31\""),
        "{html}"
    );
    let res = submit(
        &person,
        p4,
        p4,
        &[("q4-day", "9"), ("q4-month", "3"), ("q4-year", "2026")],
    )
    .await;
    assert_eq!(location(&res), "/surveys/postnatal-2026/pages/5");
    let p5 = "/surveys/postnatal-2026/pages/5";
    let long = "x".repeat(2001);
    let res = submit(&person, p5, p5, &[("q5", &long)]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Your answer must be 2,000 characters or fewer"));
    let words = "Midwife Jo was lovely. Call me on 07700 900123";
    let res = submit(&person, p5, p5, &[("q5", words)]).await;
    assert_eq!(location(&res), "/surveys/postnatal-2026/check");
    let (_, check) = person.get_text("/surveys/postnatal-2026/check").await;
    assert!(
        check.contains("A midwife<br>My partner")
            && check.contains("9 March 2026")
            && !check.contains("How was the ward?")
    );
    // Change the first answer: the newly relevant question is asked before checking again.
    let res = submit(
        &person,
        "/surveys/postnatal-2026/pages/1?return=check",
        p1,
        &[("q1", "yes"), ("return", "check")],
    )
    .await;
    assert_eq!(
        location(&res),
        "/surveys/postnatal-2026/pages/2?return=check"
    );
    let p2 = "/surveys/postnatal-2026/pages/2";
    let res = submit(&person, p2, p2, &[("q2", "2"), ("return", "check")]).await;
    assert_eq!(
        location(&res),
        "/surveys/postnatal-2026/check",
        "answers after it were kept"
    );
    let (_, check) = person.get_text("/surveys/postnatal-2026/check").await;
    assert!(
        check.contains("How was the ward?") && check.contains("2</dd>"),
        "{check}"
    );
    let csrf = person.csrf("/surveys/postnatal-2026/check").await;
    for _ in 0..2 {
        let res = person
            .post_form("/surveys/postnatal-2026/check", &[("csrf", &csrf)])
            .await;
        assert_eq!(location(&res), "/surveys/postnatal-2026/done");
    }
    let (_, done) = person.get_text("/surveys/postnatal-2026/done").await;
    assert!(done.contains("Your answers have been sent to Riverside MNVP"));

    let survey = app.store.get_survey(id).await.unwrap();
    assert_eq!(survey.responses, 1, "sent twice, stored once");
    // The free-text answer is feedback, screened like any other.
    let items = app
        .store
        .list_feedback(
            &FeedbackFilter {
                channel: "survey".into(),
                text: "07700".into(),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap()
        .0;
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]
            .body
            .as_ref()
            .map(|b| app.store.reveal(b).unwrap())
            .as_deref(),
        Some(words)
    );
    assert_eq!(
        items[0].rating,
        Some(2),
        "the survey's 1–5 rating travels with the words"
    );
    assert!(items[0]
        .body_redacted
        .as_deref()
        .unwrap()
        .contains("[PHONE]"));

    // Results: the lead sees exact counts and the words; a volunteer sees suppressed counts and
    // redacted words; a commissioner sees no words.
    let (_, results) = lead
        .get_text(&format!("/capture/surveys/{id}/results"))
        .await;
    assert!(results.contains("Responses: <strong>1</strong>") && results.contains(words));
    let (_, results) = app
        .signed_in(VOLUNTEER)
        .await
        .get_text(&format!("/capture/surveys/{id}/results"))
        .await;
    assert!(
        results.contains("Responses: <strong>suppressed</strong>")
            && results.contains("[PHONE]")
            && !results.contains("07700"),
        "{results}"
    );
    let (status, results) = app
        .signed_in(COMMISSIONER)
        .await
        .get_text(&format!("/capture/surveys/{id}/results"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !results.contains("[PHONE]")
            && results.contains("Written answers are not shown at this level")
    );
    let other = app.signed_in(OTHER_LEAD).await;
    assert_eq!(
        other
            .get(&format!("/capture/surveys/{id}/results"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Once answered, the questions are fixed; a duplicate is a fresh draft with the same questions.
    let res = submit(
        &lead,
        &format!("/capture/surveys/{id}"),
        &format!("/capture/surveys/{id}/questions/q5/order"),
        &[("direction", "remove")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = submit(
        &lead,
        &format!("/capture/surveys/{id}"),
        &format!("/capture/surveys/{id}/duplicate"),
        &[],
    )
    .await;
    let copy: i64 = location(&res).rsplit('/').next().unwrap().parse().unwrap();
    let copy = app.store.get_survey(copy).await.unwrap();
    assert_eq!(
        (copy.slug.as_str(), copy.responses),
        ("postnatal-2026-2", 0)
    );
    assert_eq!(copy.definition, survey.definition);
}

async fn closed_and_draft_surveys_take_no_answers(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let id = build(&lead, "feeding").await;
    let person = app.browser();
    assert_eq!(
        person.get("/surveys/feeding").await.status(),
        StatusCode::NOT_FOUND,
        "a draft is not public"
    );
    assert_eq!(
        person.get("/surveys/no-such-survey").await.status(),
        StatusCode::NOT_FOUND
    );
    publish(&lead, id).await;
    let p1 = "/surveys/feeding/pages/1";
    let csrf = person.csrf(p1).await;
    let page = format!("/capture/surveys/{id}");
    let res = submit(
        &lead,
        &page,
        &format!("{page}/status"),
        &[("status", "closed")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    for path in ["/surveys/feeding", p1, "/surveys/feeding/check"] {
        let (status, html) = person.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            html.contains("This survey has closed")
                && html.contains("nothing you may have started has been sent"),
            "{path}"
        );
    }
    let res = person
        .post_form(p1, &[("csrf", &csrf), ("q1", "yes")])
        .await;
    assert!(res.text().await.unwrap().contains("This survey has closed"));
    // Dates decide too: a survey that opens next year is not open yet.
    let edit = format!("/capture/surveys/{id}/edit");
    let res = submit(
        &lead,
        &edit,
        &edit,
        &[
            ("title", "Feeding"),
            ("slug", "feeding"),
            ("opens_on", "2999-01-01"),
            ("pages", "grouped"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = submit(
        &lead,
        &page,
        &format!("{page}/status"),
        &[("status", "live")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = person.get_text("/surveys/feeding").await;
    assert!(html.contains("This survey is not open yet") && html.contains("1 January 2999"));
    assert_eq!(app.store.get_survey(id).await.unwrap().responses, 0);
}

async fn the_builder_refuses_what_would_not_work(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let res = submit(
        &lead,
        "/capture/surveys/new",
        "/capture/surveys/new",
        &[
            ("title", ""),
            ("slug", "Not A Slug"),
            ("opens_on", "2026-02-30"),
            ("pages", "one"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Enter a title")
            && html.contains("Slug must only include")
            && html.contains("Enter a real date")
    );
    assert!(
        html.contains("value=\"Not A Slug\""),
        "what was typed is kept"
    );
    let id = build(&lead, "taken").await;
    let res = submit(
        &lead,
        "/capture/surveys/new",
        "/capture/surveys/new",
        &[("title", "Another"), ("slug", "taken"), ("pages", "one")],
    )
    .await;
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Another survey already uses this web address"));
    let new_q = format!("/capture/surveys/{id}/questions/new");
    let res = submit(
        &lead,
        &new_q,
        &new_q,
        &[
            ("text", "Pick"),
            ("kind", "single_choice"),
            ("options", "Only one"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Enter at least 2 options"));
    // A question that others depend on cannot be removed while they do.
    let page = format!("/capture/surveys/{id}");
    let res = submit(
        &lead,
        &page,
        &format!("{page}/questions/q1/order"),
        &[("direction", "remove")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let res = submit(
        &lead,
        &page,
        &format!("{page}/questions/q5/order"),
        &[("direction", "up")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let s = app.store.get_survey(id).await.unwrap();
    assert_eq!(s.definition.questions[3].id, "q5");
    // Editing keeps option codes whose labels stay.
    let edit = format!("{page}/questions/q3");
    let res = submit(
        &lead,
        &edit,
        &edit,
        &[
            ("text", "Who helped you?"),
            ("kind", "multiple_choice"),
            ("options", "My partner\nA midwife\nA friend"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let s = app.store.get_survey(id).await.unwrap();
    let codes: Vec<&str> = s.definition.questions[2]
        .options
        .iter()
        .map(|o| o.code.as_str())
        .collect();
    assert_eq!(codes, ["my-partner", "a-midwife", "a-friend"]);
    // Another lead's survey does not exist for them.
    assert_eq!(
        app.signed_in(OTHER_LEAD).await.get(&page).await.status(),
        StatusCode::NOT_FOUND
    );
}
