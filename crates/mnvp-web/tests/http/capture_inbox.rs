//! The inbox's additions for the public form: filtering by equality-monitoring answers and by
//! MNVP, the lead's view of those answers in words, and the XLSX export (read back with
//! calamine) with the same redaction and audit as the CSV.

use crate::capture_form::{form_items, last_id, Visitor};
use crate::support::*;
use calamine::{Data, Reader, Xlsx};
use mnvp_domain::organisation::OrgKind;
use mnvp_domain::parse::{Name, Slug};
use mnvp_store::organisations::NewOrg;
use mnvp_store::{Actor, Engine};
use reqwest::StatusCode;

crate::both_engines!(
    leads_read_monitoring_answers_in_words_and_filter_by_them,
    staff_covering_several_mnvps_can_filter_by_mnvp,
    exports_in_csv_and_xlsx_carry_the_screens_redaction_and_are_audited
);

/// "12 items." → 12.
fn shown_count(html: &str) -> i64 {
    let end = html.find(" item").expect("a count of items");
    let start = html[..end]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    html[start..end].parse().expect("a number of items")
}

const PERSONAL: &str = "Midwife Sarah Jones was wonderful. Call me on 07700 900123.";

/// Sends one item through the public form (with monitoring answers when `about` is given).
async fn send(app: &TestApp, words: &str, about: Option<&[(&str, &str)]>) {
    let v = Visitor::start(app, "demo", "en").await;
    v.answer_then(
        "went-well",
        &[("answer", words)],
        "/questions/could-be-better",
    )
    .await;
    if let Some(fields) = about {
        v.answer_then("about-you", &[("consent", "yes")], "/questions/about-you-1")
            .await;
        v.answer_then("about-you-1", fields, "/questions/about-you-2")
            .await;
    }
    let res = v.send(&[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

async fn leads_read_monitoring_answers_in_words_and_filter_by_them(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let volunteer = app.signed_in(VOLUNTEER).await;
    let filtered = "/inbox?channel=online_form&demographics=yes";
    let before = shown_count(&lead.get_text(filtered).await.1);
    let since = last_id(&app).await;
    send(
        &app,
        "The interpreter was booked in advance",
        Some(&[("ethnic_category", "J"), ("first_language", "ur")]),
    )
    .await;
    send(&app, "Quiet ward at night", None).await;

    let (_, html) = lead.get_text(filtered).await;
    assert_eq!(shown_count(&html), before + 1, "only the item with answers");
    assert_eq!(
        shown_count(&volunteer.get_text(filtered).await.1),
        before + 1,
        "volunteers can filter too: the filter itself reveals no answers"
    );
    let items = form_items(&app, since).await;
    assert_eq!(items.len(), 2);
    let with = items
        .iter()
        .find(|i| i.has_demographics)
        .expect("one with answers");
    let id = with.id;
    let (_, item) = lead.get_text(&format!("/inbox/{id}")).await;
    for words in [
        "About the person (equality monitoring)",
        "Pakistani (Asian or Asian British)",
        "Urdu",
        "From the online feedback form",
        "Language of the form",
        "The standard questions",
    ] {
        assert!(item.contains(words), "the lead sees {words:?}");
    }
    let audit = app.store.audit_for("feedback", id).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "view"
                && e.detail == "original text and equality monitoring answers")
    );

    // Volunteers see the form's details but not the person's answers.
    let (_, item) = volunteer.get_text(&format!("/inbox/{id}")).await;
    assert!(item.contains("From the online feedback form"));
    assert!(!item.contains("Pakistani") && !item.contains("equality monitoring)"));
}

async fn staff_covering_several_mnvps_can_filter_by_mnvp(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let staff = app.signed_in(STAFF).await;
    let (_, html) = staff.get_text("/inbox").await;
    assert!(
        !html.contains("id=\"mnvp\""),
        "one MNVP in scope: no MNVP filter"
    );

    // A second MNVP starts covering one of the trust's units.
    let lmns = app.store.list_orgs_of_kind(OrgKind::Lmns).await.unwrap()[0].id;
    let second = app
        .store
        .create_org(
            &NewOrg {
                kind: OrgKind::Mnvp,
                name: Name::parse("a name", "Willow Families MNVP").unwrap(),
                parent_id: Some(lmns),
                unit_type: None,
                slug: Some(Slug::parse("willow").unwrap()),
                ods_code: None,
            },
            None,
            &Actor::system(),
        )
        .await
        .unwrap();
    let riverside = app.store.org_by_slug("demo").await.unwrap();
    let unit = app.store.mnvp_units(riverside.id).await.unwrap()[0].clone();
    app.store
        .set_mnvp_units(second.id, &[unit.id], &Actor::system())
        .await
        .unwrap();
    let v = Visitor::start(&app, "willow", "en").await;
    v.answer_then(
        "where",
        &[("unit", &unit.id.to_string())],
        "/questions/care",
    )
    .await;
    v.answer_then(
        "went-well",
        &[("answer", "Willow comment")],
        "/questions/could-be-better",
    )
    .await;
    v.send(&[]).await;

    let (_, html) = staff.get_text("/inbox?channel=online_form").await;
    assert!(html.contains("id=\"mnvp\"") && html.contains("Willow Families MNVP"));
    assert!(html.contains("Willow comment"));
    let (_, html) = staff
        .get_text(&format!("/inbox?channel=online_form&mnvp={}", riverside.id))
        .await;
    assert!(!html.contains("Willow comment"));
    let (_, html) = staff
        .get_text(&format!("/inbox?channel=online_form&mnvp={}", second.id))
        .await;
    assert!(html.contains("1 item.") && html.contains("Willow comment"));
    // A lead naming another MNVP sees nothing of it.
    let (_, html) = app
        .signed_in(LEAD)
        .await
        .get_text(&format!("/inbox?mnvp={}", second.id))
        .await;
    assert!(html.contains("0 items."));
}

fn sheet(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let range = book
        .worksheet_range("Feedback")
        .expect("the Feedback sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

async fn exports_in_csv_and_xlsx_carry_the_screens_redaction_and_are_audited(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    // The demo has online-form items too: the rows checked are the two sent here.
    let since = last_id(&app).await;
    send(&app, PERSONAL, None).await;
    send(
        &app,
        "=HYPERLINK(\"http://evil.example\") looks like a formula",
        None,
    )
    .await;
    let ours = |rows: &[Vec<Data>]| -> Vec<Vec<Data>> {
        rows[1..]
            .iter()
            .filter(|r| r[0].to_string().parse::<i64>().unwrap_or(0) > since)
            .cloned()
            .collect()
    };
    let query = "channel=online_form";

    let lead = app.signed_in(LEAD).await;
    let res = lead.get(&format!("/inbox/export.xlsx?{query}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res
        .headers()
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("feedback.xlsx"));
    let all = sheet(res.bytes().await.unwrap().to_vec());
    let header: Vec<String> = all[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "id",
            "received_on",
            "mnvp",
            "unit",
            "channel",
            "care_stage",
            "rating",
            "text"
        ]
    );
    let total = all.len() - 1;
    let rows = ours(&all);
    assert_eq!(rows.len(), 2);
    let texts: Vec<String> = rows.iter().map(|r| r[7].to_string()).collect();
    assert!(texts
        .iter()
        .any(|t| t.contains("Sarah Jones") && t.contains("07700 900123")));
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("What went well: =HYPERLINK")),
        "text stays text"
    );
    assert!(
        matches!(rows[0][0], Data::Float(_) | Data::Int(_)),
        "ids are numbers"
    );
    assert_eq!(rows[0][2].to_string(), "Riverside MNVP");
    assert_eq!(rows[0][4].to_string(), "online_form");

    let volunteer = app.signed_in(VOLUNTEER).await;
    let rows = ours(&sheet(
        volunteer
            .get(&format!("/inbox/export.xlsx?{query}"))
            .await
            .bytes()
            .await
            .unwrap()
            .to_vec(),
    ));
    let texts: Vec<String> = rows.iter().map(|r| r[7].to_string()).collect();
    assert!(texts
        .iter()
        .all(|t| !t.contains("Sarah") && !t.contains("07700")));
    assert!(texts
        .iter()
        .any(|t| t.contains("[NAME]") && t.contains("[PHONE]")));

    let csv = volunteer
        .get(&format!("/inbox/export.csv?{query}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!csv.contains("Sarah") && csv.contains("[NAME]"));

    let filter = mnvp_store::audit::AuditFilter {
        action: "export".into(),
        ..Default::default()
    };
    let exports: Vec<String> = app
        .store
        .audit_page(&filter, 200, 0)
        .await
        .unwrap()
        .0
        .into_iter()
        .map(|e| format!("{} {}", e.actor, e.detail))
        .collect();
    for expected in [
        format!("{LEAD} {total} items as xlsx, original text"),
        format!("{VOLUNTEER} {total} items as xlsx, redacted"),
        format!("{VOLUNTEER} {total} items as csv, redacted"),
    ] {
        assert!(exports.contains(&expected), "{expected} in {exports:?}");
    }
    assert_eq!(
        app.signed_in(COMMISSIONER)
            .await
            .get("/inbox/export.xlsx")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
