//! Hearing all voices over HTTP: the lead's one screen with the demo's real gaps, the same
//! figures suppressed for trust staff and commissioners, each scoped to their own footprint,
//! the CSV contract, reference uploads with every bad row reported, and the annual report.

use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    the_lead_sees_who_is_not_heard_where_and_what_next,
    others_see_their_footprint_suppressed,
    the_csv_follows_the_contract_for_each_audience,
    reference_uploads_report_bad_rows_and_import_nothing,
    the_annual_report_is_prefilled_saved_and_exported,
    outreach_counts_as_engagement_and_suggests_venues
);

async fn the_lead_sees_who_is_not_heard_where_and_what_next(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead.get_text("/voices").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Riverside MNVP"), "scoped to the lead's MNVP");
    assert!(!html.contains("Downs Valley MNVP"));
    // Who: Black and Asian women under-heard (demo), with the figures.
    let who = html.split("Where we are not hearing from").next().unwrap();
    assert!(
        who.contains("Black, Black British, Caribbean or African"),
        "{who}"
    );
    assert!(who.contains("Asian or Asian British"));
    assert!(
        who.contains("Neonatal care (against neonatal admissions)"),
        "neonatal voices under-heard"
    );
    // Where: RV6 has births and no feedback.
    assert!(
        html.contains("<strong>RV6</strong>"),
        "RV6 listed as not reached"
    );
    // What next: the planner, with a default target, and venue suggestions from the demo's
    // outreach tallies.
    assert!(html.contains("What to do next"));
    assert!(html.contains("60 conversations by area"));
    assert!(html.contains("reached an under-heard group before"));
    // Charts are accessible SVG with a title, a description and a table of the same data.
    assert!(
        html.contains("<svg")
            && html.contains("<title id=\"share-chart-title\">")
            && html.contains("<desc id=\"share-chart-desc\">")
    );
    assert!(html.contains("share of feedback against share of births</caption>"));
    // The lead sees exact small counts and who preferred not to say.
    assert!(html.contains("preferred not to say"));
    // A bigger target, another dimension and a breakdown by channel.
    let (status, html) = lead
        .get_text("/voices?target=120&dimension=imd_decile&by=channel")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("120 conversations by area"));
    assert!(
        html.contains("Online feedback form ("),
        "a channel slice: {html}"
    );
    // A date that is not a date: an error summary, and the page still answers.
    let (status, html) = lead
        .get_text("/voices?from=31%2F12%2F2026&target=lots")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("nhsuk-error-summary"));
    assert!(html.contains("href=\"#from\""));
    assert!(html.contains("href=\"#target\""));
    let from_field = &html[html.find("id=\"from\"").unwrap()..][..120];
    assert!(
        from_field.contains("31&#x2f;12&#x2f;2026"),
        "what was typed is kept: {from_field}"
    );
}

async fn others_see_their_footprint_suppressed(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let (status, html) = app.signed_in(COMMISSIONER).await.get_text("/voices").await;
    assert_eq!(status, StatusCode::OK);
    let lede = &html[html.find("nhsuk-lede-text").unwrap()..][..200];
    assert!(
        lede.contains("Downs Valley MNVP, Riverside MNVP"),
        "the ICB's MNVPs aggregated: {lede}"
    );
    assert!(html.contains(">suppressed<"), "small counts are hidden");
    assert!(html.contains("counts from 1 to 7 are shown as"));
    assert!(!html.contains("What to do next"), "planning is the lead's");
    assert!(
        !html.contains("preferred not to say"),
        "no unprotected counts"
    );
    let (status, html) = app.signed_in(STAFF).await.get_text("/voices").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(
        "Riverside University Hospitals NHS Foundation Trust (feedback about its units)"
    ));
    let (status, html) = app.signed_in(OTHER_LEAD).await.get_text("/voices").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Downs Valley MNVP") && !html.contains("Riverside MNVP"));
    for who in [VOLUNTEER, ADMIN] {
        let res = app.signed_in(who).await.get("/voices").await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who}");
    }
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

async fn the_csv_follows_the_contract_for_each_audience(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let header =
        "dimension,group,feedback_count,feedback_share,population_share,ratio,ci_low,ci_high,flag";
    let res = app
        .signed_in(COMMISSIONER)
        .await
        .get("/voices/representation.csv")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = res.text().await.unwrap();
    let rows = csv_rows(&text);
    assert_eq!(rows[0].join(","), header);
    for r in &rows[1..] {
        match r[2].as_str() {
            "suppressed" => {}
            n => {
                let n: i64 = n.parse().unwrap();
                assert!(n == 0 || (n >= 10 && n % 5 == 0), "{r:?}");
            }
        }
    }
    let lead = app.signed_in(LEAD).await;
    let text = lead
        .get("/voices/representation.csv?dimension=ethnic_group&from=2020-01-01")
        .await
        .text()
        .await
        .unwrap();
    let rows = csv_rows(&text);
    assert!(rows[1..]
        .iter()
        .all(|r| r[0] == "ethnic_group" && r[2].parse::<i64>().is_ok()));
    assert_eq!(rows.iter().find(|r| r[1] == "black").unwrap()[8], "under");
    let exports = app
        .store
        .audit_for(
            "representation",
            app.store.org_by_slug("demo").await.unwrap().id,
        )
        .await
        .unwrap();
    assert_eq!(exports.len(), 1, "the lead's export is audited");
    let res = lead
        .get("/voices/representation.csv?dimension=shoe_size")
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn upload(b: &Browser, kind: &str, name: &str, body: Vec<u8>) -> reqwest::Response {
    let csrf = b.csrf("/voices/reference").await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("kind", kind.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(body).file_name(name.to_string()),
        );
    b.client
        .post(format!("{}/voices/reference", b.base))
        .header("x-csrf-token", csrf)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn reference_uploads_report_bad_rows_and_import_nothing(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead.get_text("/voices/reference").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Births: Riverside MNVP"),
        "the lead sees their own births"
    );
    assert!(!html.contains("Births: Downs Valley MNVP"));
    let before = app.store.reference_summary(None).await.unwrap();

    let bad =
        b"pcds,lsoa21\nRV1 9ZZ,E01999101\nnot a postcode,E01999101\nRV1 9ZY,E01-99\n".to_vec();
    let res = upload(&lead, "postcodes", "ONSPD_BAD.csv", bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("nhsuk-error-summary"));
    assert!(
        html.contains("2 row(s) of the file have problems"),
        "{html}"
    );
    assert!(html.contains("is not a full UK postcode"));
    assert!(html.contains("lsoa21"));
    assert_eq!(
        app.store.reference_summary(None).await.unwrap().postcodes,
        before.postcodes,
        "nothing imported"
    );

    // No kind and no file: both reported, nothing kept.
    let res = upload(&lead, "", "", Vec::new()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Choose what kind of file this is")
            && html.contains("Choose a file to import")
    );

    // A good births file: only the lead's own footprint is imported.
    let births = "Period,Dimension,Org_Level,Org_Code,Org_Name,Measure,Count_Of,Value\n\
                  2026-27,TotalBabies,MNVP,demo,Riverside MNVP,Total,Babies,3100\n\
                  2026-27,TotalBabies,MNVP,downs-valley,Downs Valley MNVP,Total,Babies,999\n";
    let res = upload(&lead, "births", "births.csv", births.as_bytes().to_vec()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/voices/reference");
    let (_, html) = lead.get_text("/voices/reference").await;
    assert!(html.contains("Imported 1 rows from births.csv"), "{html}");
    let downs = app.store.org_by_slug("downs-valley").await.unwrap();
    let p = app.store.voices_population(&[downs.id]).await.unwrap();
    assert_eq!(
        p.rows[&(
            mnvp_domain::voices::reference::births::PopDimension::Babies,
            "all".to_string()
        )],
        1200,
        "another MNVP's births are not the lead's to change"
    );
    // Administrators may import for anyone.
    let admin = app.signed_in(ADMIN).await;
    let res = upload(&admin, "births", "births.csv", births.as_bytes().to_vec()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

async fn the_annual_report_is_prefilled_saved_and_exported(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead.get_text("/voices/annual-report").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Annual Report from the Addressing Inequalities sub-group of Riverside MNVP")
    );
    assert!(html.contains("Not saved yet"));
    assert!(
        html.contains("Groups under-heard against the local birthing population"),
        "pre-filled from the data"
    );
    assert!(html.contains("mnvp-print-only"), "a print layout");

    let csrf = lead.csrf("/voices/annual-report").await;
    let year = chrono::Utc::now().format("%Y").to_string();
    let form = |answer: &str| {
        vec![
            ("csrf".to_string(), csrf.clone()),
            ("year".to_string(), year.clone()),
            ("inequalities_group_answer".to_string(), answer.to_string()),
            (
                "inequalities_group_notes".to_string(),
                "Sub-group meets monthly".to_string(),
            ),
            ("community_links_answer".to_string(), "yes".to_string()),
            (
                "improved".to_string(),
                "More feedback from Asian women".to_string(),
            ),
        ]
    };
    let res = lead
        .client
        .post(format!("{}/voices/annual-report", lead.base))
        .form(&form("maybe"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#inequalities_group_answer\""));
    assert!(
        html.contains("Sub-group meets monthly"),
        "what was typed is kept"
    );

    let res = lead
        .client
        .post(format!("{}/voices/annual-report", lead.base))
        .form(&form("working_on_it"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = lead.get_text(&location(&res)).await;
    assert!(html.contains("Last saved"));
    assert!(html.contains("More feedback from Asian women"));
    let md = lead
        .get(&format!("/voices/annual-report.md?year={year}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        md.contains("| An Addressing Inequalities group |  |  | ✓ | Sub-group meets monthly |"),
        "{md}"
    );
    let csv = lead
        .get(&format!("/voices/annual-report.csv?year={year}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("year,we_have,answer,notes"));
    assert!(csv.contains("What has been improved?"));
    let res = lead.get("/voices/annual-report?year=soon").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// The coverage table's row for a district.
fn area_row<'a>(html: &'a str, district: &str) -> &'a str {
    let at = html
        .find(&format!("Area </span>{district}"))
        .unwrap_or_else(|| panic!("no coverage row for {district}"));
    let row = &html[at..];
    &row[..row.find("</tr>").unwrap()]
}

/// The planner's row for an ethnic group.
fn group_row<'a>(html: &'a str, label: &str) -> &'a str {
    let plan = &html[html.find("conversations by ethnic group").unwrap()..];
    let at = plan
        .find(&format!("<td class=\"nhsuk-table__cell\">{label}<br>"))
        .unwrap_or_else(|| panic!("no plan row for {label}"));
    let row = &plan[at..];
    &row[..row.find("</tr>").unwrap()]
}

/// The demo's Riverside outreach: a baby group in RV1 that reached 6 Black women, a VCSE
/// session in RV2 that reached 4 (one session each), none in RV6. A session recorded in RV6
/// makes it engaged, and its Asian tally becomes a suggestion for the Asian group.
async fn outreach_counts_as_engagement_and_suggests_venues(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let (_, html) = lead.get_text("/voices").await;
    assert!(html.contains("<strong>RV6</strong>"), "RV6 not reached yet");
    assert!(area_row(&html, "RV1").contains("Outreach sessions </span>1</td>"));
    assert!(area_row(&html, "RV6").contains("Outreach sessions </span>0</td>"));
    // Best first: 6 per session, then 4 per session.
    let black = group_row(&html, "Black, Black British, Caribbean or African");
    assert!(
        black.contains(
            "Reached before at: Community baby group (6.0 per session, 1 session); \
             Session with a voluntary or community partner (VCSE) (4.0 per session, 1 session)</span>"
        ),
        "{black}"
    );
    assert!(
        !group_row(&html, "Asian or Asian British").contains("Reached before at"),
        "no Riverside session tallied Asian women yet"
    );

    let k = crate::field::key();
    let (status, _, body) = crate::field::post(
        &lead,
        "/field/outreach/new",
        &[
            ("held_on_day", "20"),
            ("held_on_month", "4"),
            ("held_on_year", "2026"),
            ("venue_type", "antenatal_clinic"),
            ("postcode_district", "RV6 2AB"),
            ("reached", "5"),
            ("eth_asian", "3"),
            ("eth_white", "2"),
            ("form_key", k.as_str()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, html) = lead.get_text("/voices").await;
    assert!(
        !html.contains("<strong>RV6</strong>"),
        "an outreach session counts as engagement"
    );
    assert!(area_row(&html, "RV6").contains("Outreach sessions </span>1</td>"));
    assert!(area_row(&html, "RV6").contains("Feedback </span>0</td>"));
    assert!(group_row(&html, "Asian or Asian British")
        .contains("Reached before at: Antenatal clinic (3.0 per session, 1 session)</span>"));
    // A period before any session: no outreach, so areas are judged by feedback alone.
    let (_, html) = lead.get_text("/voices?from=2020-01-01&to=2020-12-31").await;
    assert!(html.contains("No outreach sessions were recorded in this period"));
}
