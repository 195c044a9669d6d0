//! Outreach sessions: place cut to the district, tallies checked against the number reached,
//! feedback linked to its session, counts by group suppressed outside the lead role.

use super::{id_in, key, post, units};
use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    a_session_keeps_what_was_typed_and_is_recorded_once,
    feedback_is_linked_and_counts_by_group_are_suppressed_outside_the_lead_role
);

async fn record(b: &Browser, extra: &[(&str, &str)]) -> (StatusCode, String, String) {
    let k = key();
    let mut fields = vec![
        ("held_on_day", "20"),
        ("held_on_month", "4"),
        ("held_on_year", "2026"),
        ("venue_type", "baby_group"),
        ("venue_name", "Oak Children's Centre stay and play"),
        ("postcode_district", "nr3 1ab"),
        ("partners", "Sands\nHome-Start Riverside"),
        ("reached", "12"),
        ("form_key", k.as_str()),
    ];
    fields.extend_from_slice(extra);
    post(b, "/field/outreach/new", &fields).await
}

async fn a_session_keeps_what_was_typed_and_is_recorded_once(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(VOLUNTEER).await;
    let (status, _, html) = post(
        &b,
        "/field/outreach/new",
        &[
            ("held_on_day", "20"),
            ("held_on_month", "4"),
            ("held_on_year", "2026"),
            ("postcode_district", "not a place"),
            ("reached", "12"),
            ("eth_black", "9"),
            ("eth_asian", "5"),
            ("age_25_29", "two"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Select the type of venue",
        "Enter a postcode district, like NR3, or leave it blank",
        "The ethnic groups add up to more than the 12 people reached",
        "must be a whole number",
    ] {
        assert!(html.contains(message), "missing {message:?}");
    }
    assert!(
        html.contains(
            r#"id="eth_black" name="eth_black" type="text" inputmode="numeric" value="9""#
        ),
        "counts typed are kept"
    );
    assert!(html.contains(r#"value="not a place""#));

    let k = key();
    let fields = [
        ("held_on_day", "20"),
        ("held_on_month", "4"),
        ("held_on_year", "2026"),
        ("venue_type", "vcse_session"),
        ("postcode_district", "NR3 1AB"),
        ("reached", "6"),
        ("exp_bereavement", "6"),
        ("form_key", k.as_str()),
    ];
    let (s1, first, _) = post(&b, "/field/outreach/new", &fields).await;
    let (s2, second, _) = post(&b, "/field/outreach/new", &fields).await;
    assert_eq!((s1, s2), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert_eq!(first, second, "a double-submitted session is recorded once");
    let o = app.store.get_outreach(id_in(&first)).await.unwrap();
    assert_eq!(
        o.postcode_district.as_deref(),
        Some("NR3"),
        "only the district is kept"
    );
    assert_eq!(o.venue_type, "vcse_session");
    let (listed, _) = app.store.list_outreach(o.mnvp_id, 100, 0).await.unwrap();
    assert_eq!(
        listed.iter().filter(|s| s.held_on == "2026-04-20").count(),
        1,
        "listed once"
    );
}

async fn feedback_is_linked_and_counts_by_group_are_suppressed_outside_the_lead_role(
    engine: Engine,
) {
    let app = TestApp::with_demo(engine).await;
    let volunteer = app.signed_in(VOLUNTEER).await;
    let (s, loc, _) = record(&volunteer, &[("eth_black", "9"), ("eth_asian", "3")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let id = id_in(&loc);

    let (_, as_volunteer) = volunteer.get_text(&loc).await;
    assert!(as_volunteer.contains("Black, Black British, Caribbean or African"));
    assert!(
        as_volunteer.contains(">suppressed<") && as_volunteer.contains(">10<"),
        "3 hidden, 9 rounded"
    );
    assert!(!as_volunteer.contains(">9<"));
    assert!(
        !as_volunteer.contains("/edit"),
        "corrections are the lead's"
    );
    let lead = app.signed_in(LEAD).await;
    let (_, as_lead) = lead.get_text(&loc).await;
    assert!(
        as_lead.contains(">9<") && as_lead.contains(">3<"),
        "the lead sees exact counts"
    );
    assert!(as_lead.contains("Home-Start Riverside"));

    // Feedback heard there: another MNVP's unit is refused; the words typed are kept.
    let feedback = format!("/field/outreach/{id}/feedback");
    let foreign = units(&app, "downs-valley").await[0].to_string();
    let (s, _, html) = post(
        &volunteer,
        &feedback,
        &[
            ("unit", &foreign),
            ("care_stage", "antenatal"),
            ("better", "More classes in Polish"),
            ("form_key", &key()),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Select one of your MNVP&#x27;s units, or none")
            || html.contains("Select one of your MNVP's units, or none")
    );
    assert!(html.contains(">More classes in Polish</textarea>"));
    let unit = units(&app, "demo").await[1].to_string();
    let k = key();
    let fields = [
        ("unit", unit.as_str()),
        ("care_stage", "antenatal"),
        ("better", "More classes in Polish"),
        ("form_key", k.as_str()),
    ];
    for _ in 0..2 {
        assert_eq!(
            post(&volunteer, &feedback, &fields).await.0,
            StatusCode::SEE_OTHER
        );
    }
    let (items, total) = app.store.session_feedback(id, 10, 0).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(items[0].channel, "outreach");
    assert_eq!(items[0].unit_id.map(|u| u.to_string()), Some(unit.clone()));
    assert_eq!(items[0].received_on, "2026-04-20", "dated by the session");

    // The lead corrects the counts; a volunteer may not.
    let edit = format!("/field/outreach/{id}/edit");
    assert_eq!(volunteer.get(&edit).await.status(), StatusCode::FORBIDDEN);
    let (s, form) = lead.get_text(&edit).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        form.contains(">Home-Start Riverside\nSands</textarea>"),
        "the partners are filled in"
    );
    let (s, _, _) = post(
        &lead,
        &edit,
        &[
            ("held_on_day", "21"),
            ("held_on_month", "4"),
            ("held_on_year", "2026"),
            ("venue_type", "baby_group"),
            ("area_name", "Millfield estate"),
            ("reached", "14"),
            ("eth_black", "9"),
            ("eth_asian", "5"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let o = app.store.get_outreach(id).await.unwrap();
    assert_eq!(
        (o.people_reached, o.held_on.as_str(), o.area_name.as_deref()),
        (14, "2026-04-21", Some("Millfield estate"))
    );

    let outsider = app.signed_in(OTHER_LEAD).await;
    assert_eq!(outsider.get(&loc).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        post(&outsider, &feedback, &fields).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.signed_in(STAFF).await.get(&loc).await.status(),
        StatusCode::FORBIDDEN
    );
}
