//! Fifteen Steps: planning a visit, recording first impressions area by area (each a feedback
//! item), the outcome report and its sign-off, and who may read it.

use super::{id_in, key, post, units};
use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    a_visit_is_planned_once_and_its_observations_reach_the_feedback_store,
    the_outcome_report_reaches_trust_staff_only_when_final_and_redacted
);

/// Plans a visit to the first unit of `slug` as the signed-in lead; returns its id.
async fn plan(app: &TestApp, b: &Browser, slug: &str) -> i64 {
    let unit = units(app, slug).await[0].to_string();
    let (status, loc, html) = post(
        b,
        "/field/fifteen-steps/new",
        &[
            ("unit", &unit),
            ("held_on_day", "9"),
            ("held_on_month", "6"),
            ("held_on_year", "2026"),
            ("areas", "labour_ward"),
            ("areas", "postnatal_ward"),
            ("team", "Two parents, a midwife and the MNVP lead"),
            ("form_key", &key()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    id_in(&loc)
}

async fn a_visit_is_planned_once_and_its_observations_reach_the_feedback_store(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let unit = units(&app, "demo").await[0].to_string();

    let (status, _, html) = post(
        &b,
        "/field/fifteen-steps/new",
        &[
            ("unit", &unit),
            ("held_on_day", "9"),
            ("held_on_month", "13"),
            ("held_on_year", "2026"),
            ("areas", "other"),
            ("team", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "The date of the visit must be a real date",
        "Enter the other area the team will visit",
        "Enter who is on the team",
    ] {
        assert!(html.contains(message), "missing {message:?}");
    }
    assert!(
        html.contains(r#"value="other" checked"#),
        "the ticked area is kept"
    );
    assert!(html.contains(r#"value="13""#), "the typed month is kept");

    let k = key();
    let fields = [
        ("unit", unit.as_str()),
        ("held_on_day", "9"),
        ("held_on_month", "6"),
        ("held_on_year", "2026"),
        ("areas", "labour_ward"),
        ("areas", "neonatal_unit"),
        ("team", "Two parents and a midwife"),
        ("form_key", k.as_str()),
    ];
    let (_, first, _) = post(&b, "/field/fifteen-steps/new", &fields).await;
    let (_, second, _) = post(&b, "/field/fifteen-steps/new", &fields).await;
    assert_eq!(first, second, "a double-submitted plan makes one visit");
    let id = id_in(&first);

    // An area the visit does not include is not found.
    assert_eq!(
        b.get(&format!(
            "/field/fifteen-steps/{id}/observe?area=birth_centre"
        ))
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    let (status, page) = b
        .get_text(&format!(
            "/field/fifteen-steps/{id}/observe?area=neonatal_unit"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Caring and involving") && page.contains("Well organised and calm"));

    let observe = format!("/field/fifteen-steps/{id}/observe");
    let (status, _, html) = post(
        &b,
        &observe,
        &[("area", "neonatal_unit"), ("form_key", &key())],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Enter at least one observation under any heading"));
    let long = "x".repeat(2001);
    let (status, _, html) = post(
        &b,
        &observe,
        &[
            ("area", "neonatal_unit"),
            ("safe__works_well", &long),
            ("welcoming__works_well", "Greeted at the door"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("must be 2000 characters or fewer (it is 2001)"));
    assert!(
        html.contains(">Greeted at the door</textarea>"),
        "the other box is kept"
    );

    let ok = key();
    let fields = [
        ("area", "neonatal_unit"),
        ("welcoming__works_well", "Greeted at the door by name"),
        (
            "safe__could_improve",
            "Hand gel dispenser by the cots was empty",
        ),
        ("form_key", ok.as_str()),
    ];
    for expected in [
        "2 observations saved",
        "Those observations were already saved",
    ] {
        let (s, loc, _) = post(&b, &observe, &fields).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        assert_eq!(loc, format!("/field/fifteen-steps/{id}"));
        let (_, workspace) = b.get_text(&loc).await;
        assert!(workspace.contains(expected), "{expected}");
    }
    let (items, total) = app.store.session_feedback(id, 10, 0).await.unwrap();
    assert_eq!(
        total, 2,
        "a double-submitted area stores its observations once"
    );
    assert!(items
        .iter()
        .all(|i| i.channel == "fifteen_steps" && i.care_stage.as_deref() == Some("neonatal")));
    let (_, workspace) = b.get_text(&format!("/field/fifteen-steps/{id}")).await;
    assert!(workspace.contains("Hand gel dispenser by the cots was empty"));
}

async fn the_outcome_report_reaches_trust_staff_only_when_final_and_redacted(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let id = plan(&app, &lead, "demo").await;
    let base = format!("/field/fifteen-steps/{id}");
    post(
        &lead,
        &format!("{base}/observe"),
        &[
            ("area", "labour_ward"),
            (
                "caring_involving__works_well",
                "Midwife Jane Doe explained everything",
            ),
            ("form_key", &key()),
        ],
    )
    .await;
    let (s, _, _) = post(
        &lead,
        &format!("{base}/summary"),
        &[(
            "summary",
            "Kind staff. Call Jane Doe on 07700 900123 about signage.",
        )],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);

    // An action for an area the team did not visit is refused, and what was typed is kept.
    let (s, _, html) = post(
        &lead,
        &format!("{base}/actions"),
        &[
            ("action", "Fix the cot lights"),
            ("area", "neonatal_unit"),
            ("action_key", &key()),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Select one of the areas the team visited"));
    assert!(html.contains(">Fix the cot lights</textarea>"));
    let (s, _, _) = post(
        &lead,
        &format!("{base}/actions"),
        &[
            ("action", "Signs from the lifts to the labour ward"),
            ("area", "labour_ward"),
            ("owner", "Estates lead"),
            ("action_key", &key()),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);

    // Volunteers draft; the lead alone records sharing and signs off.
    let volunteer = app.signed_in(VOLUNTEER).await;
    assert_eq!(
        post(&volunteer, &format!("{base}/finalise"), &[]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(
            &volunteer,
            &format!("{base}/shares"),
            &[("audience", "lmns_board")]
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    let (s, _, html) = post(
        &lead,
        &format!("{base}/shares"),
        &[
            ("shared_on_day", "2"),
            ("shared_on_month", "7"),
            ("shared_on_year", "2026"),
            ("note", "July board"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Select who the report was shared with"));
    assert!(html.contains(r#"value="July board""#));
    for audience in ["trust_governance", "safety_champions"] {
        let (s, _, _) = post(
            &lead,
            &format!("{base}/shares"),
            &[
                ("audience", audience),
                ("shared_on_day", "2"),
                ("shared_on_month", "7"),
                ("shared_on_year", "2026"),
                ("share_key", &key()),
            ],
        )
        .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
    }
    let (_, report) = lead.get_text(&format!("{base}/report")).await;
    assert!(
        report.contains("Not yet recorded: LMNS board"),
        "the report says who still needs it"
    );
    assert!(
        report.contains("Signs from the lifts to the labour ward")
            && report.contains("Estates lead")
    );
    assert!(
        report.contains("07700 900123"),
        "the lead reads the words as written"
    );

    // Trust staff: nothing until final; then the report, redacted.
    let staff = app.signed_in(STAFF).await;
    assert_eq!(
        staff.get(&format!("{base}/report")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(!staff
        .get_text("/field/fifteen-steps")
        .await
        .1
        .contains(&format!("{base}/report")));
    assert_eq!(
        staff.get(&base).await.status(),
        StatusCode::FORBIDDEN,
        "the workspace is the MNVP team's"
    );
    let (s, loc, _) = post(&lead, &format!("{base}/finalise"), &[]).await;
    assert_eq!((s, loc.as_str()), (StatusCode::SEE_OTHER, base.as_str()));
    let (s, as_staff) = staff.get_text(&format!("{base}/report")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(as_staff.contains("Signs from the lifts to the labour ward"));
    assert!(
        as_staff.contains("[PHONE]") && !as_staff.contains("07700"),
        "redacted outside the lead role"
    );
    assert!(!as_staff.contains("Jane Doe"), "names are replaced");
    assert!(
        as_staff.contains("mnvp-report") && as_staff.contains("mnvp-no-print"),
        "printable"
    );
    assert!(staff
        .get_text("/field/fifteen-steps")
        .await
        .1
        .contains(&format!("{base}/report")));

    // Another trust's report stays out of reach, final or not.
    let other_lead = app.signed_in(OTHER_LEAD).await;
    let theirs = plan(&app, &other_lead, "downs-valley").await;
    post(
        &other_lead,
        &format!("/field/fifteen-steps/{theirs}/finalise"),
        &[],
    )
    .await;
    assert_eq!(
        staff
            .get(&format!("/field/fifteen-steps/{theirs}/report"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other_lead.get(&format!("{base}/report")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.signed_in(COMMISSIONER)
            .await
            .get(&format!("{base}/report"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
