//! Imports through the lead's pages: upload (multipart, token in the first field), dry run with
//! every bad row by line, column and reason, nothing stored until the lead chooses, all or
//! nothing, no duplicates on re-import, wrong encodings, missing columns, XLSX with formulas,
//! saved mappings, CQC results.

use crate::support::*;
use mnvp_store::feedback::FeedbackFilter;
use mnvp_store::Engine;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

crate::both_engines!(
    a_csv_is_checked_then_imported_once,
    bad_files_get_clear_messages_and_store_nothing,
    an_xlsx_is_read_through_a_saved_mapping,
    cqc_comments_and_results,
    an_upload_needs_its_token_first
);

/// Posts a file the way the upload form does: the token first, then the choices, then the file.
async fn upload(b: &Browser, kind: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let csrf = b.csrf("/capture/imports").await;
    let form = Form::new()
        .text("csrf", csrf)
        .text("kind", kind.to_string())
        .text("encoding", "utf-8")
        .part("file", Part::bytes(bytes).file_name(name.to_string()));
    b.client
        .post(format!("{}/capture/imports/upload", b.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Uploads and follows the redirect to the dry-run report; returns its path and HTML.
async fn checked(b: &Browser, kind: &str, name: &str, bytes: Vec<u8>) -> (String, String) {
    let res = upload(b, kind, name, bytes).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}",
        res.text().await.unwrap()
    );
    let path = location(&res);
    let (status, html) = b.get_text(&path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    (path, html)
}

async fn commit(b: &Browser, path: &str, leave_out: bool) -> reqwest::Response {
    // The session's token (any page of it will do; the report page re-reads the file).
    let csrf = b.csrf("/capture/imports").await;
    let mut fields = vec![("csrf", csrf.as_str())];
    if leave_out {
        fields.push(("leave_out", "yes"));
    }
    b.post_form(&format!("{path}/commit"), &fields).await
}

async fn fft_items(app: &TestApp) -> Vec<mnvp_store::feedback::FeedbackItem> {
    // This test's rows are dated January and February 2026 (the demo's FFT month is October).
    let filter = FeedbackFilter {
        channel: "fft".into(),
        to: "2026-03-01".into(),
        ..Default::default()
    };
    app.store.list_feedback(&filter, 1000, 0).await.unwrap().0
}

/// The value in the summary row labelled `key` of a report page.
fn figure(html: &str, key: &str) -> String {
    let k = html
        .find(&format!(">{key}</dt>"))
        .unwrap_or_else(|| panic!("no {key} in {html}"));
    let v = &html[k..];
    let start = v.find("nhsuk-summary-list__value\">").unwrap() + 27;
    v[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect()
}

const FFT: &str = "Comment ID,Date,FFT categorical answer,FFT answer,Ward\r\n\
C1,31/01/2026,1,Midwife Sarah was kind. Call me on 07700 900123,Riverside Maternity Unit\r\n\
C2,32/01/2026,9,=HYPERLINK(\"http://x\"),Nowhere Ward\r\n\
C3,01/02/2026,Good,The birth centre was calm,Willow Birth Centre\r\n\
C4,02/02/2026,6,,\r\n\
C5,03/02/2026,Poor,- parking was hard,\r\n";

async fn a_csv_is_checked_then_imported_once(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let before = app.store.count_feedback().await.unwrap();
    let fft_before = fft_items(&app).await.len();
    let (path, html) = checked(&lead, "fft", "january.csv", FFT.as_bytes().to_vec()).await;
    assert_eq!(figure(&html, "Rows in the file"), "5");
    assert_eq!(figure(&html, "Would be imported"), "3");
    assert_eq!(figure(&html, "With nothing to import"), "1");
    assert_eq!(figure(&html, "With problems"), "1");
    // Every problem in the bad row, each with its line and column.
    for (column, reason) in [
        ("&quot;Date&quot;", "is not a date we can read"),
        ("&quot;FFT categorical answer&quot;", "is not an FFT answer"),
        ("&quot;FFT answer&quot;", "looks like a spreadsheet formula"),
        (
            "&quot;Ward&quot;",
            "is not one of Riverside MNVP&#x27;s units",
        ),
    ] {
        let at = html
            .find(reason)
            .unwrap_or_else(|| panic!("{reason} missing"));
        let row = &html[html[..at].rfind("<tr").unwrap()..at];
        assert!(
            row.contains(">3</td>") && row.contains(column),
            "{reason}: {row}"
        );
    }
    assert_eq!(
        app.store.count_feedback().await.unwrap(),
        before,
        "a dry run stores nothing"
    );

    // Problems but no choice to leave them out: nothing is stored.
    let res = commit(&lead, &path, false).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Nothing was imported because some rows have problems"));
    assert_eq!(app.store.count_feedback().await.unwrap(), before);

    let res = commit(&lead, &path, true).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, page) = lead.get_text("/capture/imports").await;
    assert!(
        page.contains("Imported 3 new items from january.csv. 1 rows with problems were left out."),
        "{page}"
    );
    let items = fft_items(&app).await;
    assert_eq!(items.len(), fft_before + 3);
    let sarah = items
        .iter()
        .find(|i| {
            i.body
                .as_ref()
                .map(|b| app.store.reveal(b).unwrap())
                .as_deref()
                == Some("Midwife Sarah was kind. Call me on 07700 900123")
        })
        .unwrap();
    assert_eq!(sarah.unit_name.as_deref(), Some("Riverside Maternity Unit"));
    assert_eq!(sarah.rating, Some(5), "FFT code 1 is very good");
    assert_eq!(sarah.received_on, "2026-01-31");
    assert!(
        sarah
            .body_redacted
            .as_deref()
            .is_some_and(|r| r.contains("[NAME]") && r.contains("[PHONE]")),
        "screened at the door"
    );
    assert_eq!(
        lead.get(&path).await.status(),
        StatusCode::NOT_FOUND,
        "the upload is gone once imported"
    );

    // The same file again: everything is already held.
    let (path2, html) = checked(&lead, "fft", "january.csv", FFT.as_bytes().to_vec()).await;
    assert_eq!(figure(&html, "Would be imported"), "0");
    assert_eq!(figure(&html, "Already imported before"), "3");
    assert!(html.contains("There is nothing new to import"));
    let res = lead
        .post_form(
            &format!("{path2}/discard"),
            &[("csrf", &lead.csrf(&path2).await)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // An overlapping export: one old row, one new one.
    let overlap = "Comment ID,Date,FFT categorical answer,FFT answer\nC3,01/02/2026,Good,The birth centre was calm\nC9,04/02/2026,1,Brilliant support with feeding\n";
    let (path3, html) = checked(&lead, "fft", "february.csv", overlap.as_bytes().to_vec()).await;
    assert_eq!(
        (
            figure(&html, "Would be imported"),
            figure(&html, "Already imported before")
        ),
        ("1".into(), "1".into())
    );
    assert_eq!(
        commit(&lead, &path3, false).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(fft_items(&app).await.len(), fft_before + 4);
    let (_, page) = lead.get_text("/capture/imports").await;
    assert!(
        page.contains("february.csv") && page.contains("january.csv"),
        "recent imports listed"
    );
}

async fn bad_files_get_clear_messages_and_store_nothing(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let before = app.store.count_feedback().await.unwrap();

    // Excel's plain "CSV": Windows-1252, not UTF-8.
    let cp1252 = b"Date,FFT answer\n31/01/2026,Caf\xe9 closed \x96 a shame\n".to_vec();
    let (path, html) = checked(&lead, "fft", "ansi.csv", cp1252).await;
    assert!(html.contains("This file cannot be imported"), "{html}");
    assert!(html.contains("Line 2, column &quot;FFT answer&quot;: the file is not saved as UTF-8 text, and looks like Windows-1252"), "{html}");
    assert!(html.contains("CSV UTF-8 (Comma delimited)"));
    let res = lead
        .post_form(
            &format!("{path}/encoding"),
            &[
                ("csrf", &lead.csrf(&path).await),
                ("encoding", "windows-1252"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = lead.get_text(&path).await;
    assert!(
        html.contains("Café closed – a shame"),
        "read as Windows-1252: {html}"
    );

    // A UTF-8 byte-order mark is fine.
    let bom = [
        b"\xEF\xBB\xBF".to_vec(),
        b"Date,FFT answer\n31/01/2026,Fine\n".to_vec(),
    ]
    .concat();
    let (_, html) = checked(&lead, "fft", "bom.csv", bom).await;
    assert_eq!(figure(&html, "Would be imported"), "1");

    // UTF-16 ("Unicode text").
    let (_, html) = checked(&lead, "fft", "u16.csv", vec![0xFF, 0xFE, b'D', 0, b'a', 0]).await;
    assert!(html.contains("saved as UTF-16"), "{html}");

    // Missing columns are named, with the columns there are.
    let (_, html) = checked(
        &lead,
        "fft",
        "cols.csv",
        b"When,Stars\n1/1/2026,5\n".to_vec(),
    )
    .await;
    assert!(
        html.contains("The file has no column for the date"),
        "{html}"
    );
    assert!(
        html.contains("&quot;When&quot;, &quot;Stars&quot;"),
        "{html}"
    );

    // A header and nothing else; an empty file; no file at all.
    let (_, html) = checked(&lead, "fft", "head.csv", b"Date,FFT answer\n".to_vec()).await;
    assert!(html.contains("The file has a header row but no rows of data."));
    let res = upload(&lead, "fft", "empty.csv", Vec::new()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("The selected file is empty"));
    let res = upload(&lead, "", "x.csv", b"Date\n".to_vec()).await;
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Select what kind of file this is"));

    // 20,000 rows with one bad row near the end: the dry run finds it by line, and the import
    // stores nothing. (100,000 rows go through the command line in the process tests.)
    let mut big = String::from("Date,FFT categorical answer,FFT answer\n");
    for i in 0..20_000 {
        if i == 19_990 {
            big.push_str("not a date,1,Lovely\n");
        } else {
            big.push_str(&format!(
                "{:02}/01/2026,{},Comment {i}\n",
                i % 28 + 1,
                i % 5 + 1
            ));
        }
    }
    let (path, html) = checked(&lead, "fft", "big.csv", big.into_bytes()).await;
    assert_eq!(figure(&html, "Rows in the file"), "20000");
    assert_eq!(figure(&html, "With problems"), "1");
    assert!(html.contains(">19992</td>"), "the bad row's line");
    let res = commit(&lead, &path, false).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.store.count_feedback().await.unwrap(),
        before,
        "nothing half-written"
    );
}

async fn an_xlsx_is_read_through_a_saved_mapping(engine: Engine) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["Posted", "Message", "Stars", "Where", "Platform"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .write_datetime_with_format(1, 0, ExcelDateTime::from_ymd(2026, 3, 9).unwrap(), &date)
        .unwrap();
    sheet
        .write_string(1, 1, "Lovely birth centre, thank you")
        .unwrap();
    sheet.write_number(1, 2, 5).unwrap();
    sheet.write_string(1, 3, "Willow Birth Centre").unwrap();
    sheet
        .write_string(1, 4, "Neonatal Parent Advisory Group")
        .unwrap();
    sheet.write_string(2, 0, "10/03/2026").unwrap();
    sheet
        .write_formula(2, 1, Formula::new("=CONCAT(\"a\",\"b\")").set_result("ab"))
        .unwrap();
    sheet.write_number(2, 2, 2).unwrap();
    sheet.write_string(3, 0, "11/03/2026").unwrap();
    sheet.write_string(3, 1, "Hard to park").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let res = upload(&lead, "new_mapping", "insights.xlsx", bytes.clone()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mapping_path = location(&res);
    assert!(mapping_path.ends_with("/mapping"));
    let (_, html) = lead.get_text(&mapping_path).await;
    assert!(
        html.contains("Message (for example: Lovely birth centre"),
        "columns offered with examples"
    );
    // A mapping with no date and a column used twice is refused, keeping what was chosen.
    let csrf = lead.csrf(&mapping_path).await;
    let res = lead
        .post_form(
            &mapping_path,
            &[
                ("csrf", &csrf),
                ("name", "Insights"),
                ("text", "Message"),
                ("rating", "Message"),
                ("channel", "social_media"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Select the column with the date of each row")
            && html.contains("Each column can be used for one thing only")
    );
    assert!(html.contains("value=\"Insights\""));
    let res = lead
        .post_form(
            &mapping_path,
            &[
                ("csrf", &csrf),
                ("name", "Insights"),
                ("text", "Message"),
                ("date", "Posted"),
                ("rating", "Stars"),
                ("unit", "Where"),
                ("channel", "social_media"),
                ("channel_column", "Platform"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let report = location(&res);
    let (_, html) = lead.get_text(&report).await;
    assert!(html.contains("Sheet1"), "{html}");
    assert_eq!(figure(&html, "Would be imported"), "2");
    assert!(
        html.contains("&quot;Message&quot; (B)") && html.contains("is a spreadsheet formula"),
        "{html}"
    );
    assert!(html.contains("2026-03-09"), "a date cell is read as a date");
    assert_eq!(
        commit(&lead, &report, true).await.status(),
        StatusCode::SEE_OTHER
    );
    let all = app
        .store
        .list_feedback(&FeedbackFilter::default(), 1000, 0)
        .await
        .unwrap()
        .0;
    let pag = all
        .iter()
        .find(|i| {
            i.body
                .as_ref()
                .map(|b| app.store.reveal(b).unwrap())
                .as_deref()
                == Some("Lovely birth centre, thank you")
        })
        .unwrap();
    assert_eq!(
        (pag.channel.as_str(), pag.rating, pag.unit_name.as_deref()),
        ("pag", Some(5), Some("Willow Birth Centre"))
    );
    let park = all
        .iter()
        .find(|i| {
            i.body
                .as_ref()
                .map(|b| app.store.reveal(b).unwrap())
                .as_deref()
                == Some("Hard to park")
        })
        .unwrap();
    assert_eq!(
        park.channel, "social_media",
        "the mapping's channel when the row names none"
    );

    // Next time the saved mapping is one choice, and the same file adds nothing.
    let mnvp = app.store.org_by_slug("demo").await.unwrap();
    let saved = app
        .store
        .mapping_by_name(mnvp.id, "Insights")
        .await
        .unwrap();
    let (_, html) = checked(
        &lead,
        &format!("mapping:{}", saved.id),
        "insights.xlsx",
        bytes,
    )
    .await;
    assert_eq!(figure(&html, "Already imported before"), "2");
    // Another MNVP's lead cannot use it or see the upload.
    let other = app.signed_in(OTHER_LEAD).await;
    assert_eq!(
        other.get(&report.replace("/mapping", "")).await.status(),
        StatusCode::NOT_FOUND
    );
    let res = upload(
        &other,
        &format!("mapping:{}", saved.id),
        "x.xlsx",
        b"x".to_vec(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn cqc_comments_and_results(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let comments = "Record number,Survey year,Section,Question,Comment\n\
        101,2024,Care at home after the birth,Q59,The health visitor was brilliant\n\
        101,2024,Staff caring for you,Q60,Staff were rushed at night\n\
        102,2031,Labour and birth,Q59,Good\n";
    let (path, html) = checked(&lead, "cqc", "cqc.csv", comments.as_bytes().to_vec()).await;
    assert_eq!(figure(&html, "Would be imported"), "2");
    assert!(html.contains("is not a survey year from 2000 to"), "{html}");
    assert_eq!(
        commit(&lead, &path, true).await.status(),
        StatusCode::SEE_OTHER
    );
    let filter = FeedbackFilter {
        channel: "cqc_survey".into(),
        ..Default::default()
    };
    let items = app.store.list_feedback(&filter, 10, 0).await.unwrap().0;
    assert_eq!(items.len(), 2);
    let hv = items
        .iter()
        .find(|i| {
            i.body
                .as_ref()
                .map(|b| app.store.reveal(b).unwrap())
                .as_deref()
                == Some("The health visitor was brilliant")
        })
        .unwrap();
    assert_eq!(
        (hv.care_stage.as_deref(), hv.received_on.as_str()),
        (Some("postnatal_home"), "2024-01-01")
    );
    let staff = items
        .iter()
        .find(|i| {
            i.body
                .as_ref()
                .map(|b| app.store.reveal(b).unwrap())
                .as_deref()
                == Some("Staff were rushed at night")
        })
        .unwrap();
    assert_eq!(
        staff.care_stage, None,
        "a CQC section that is not a stage of care is no stage, not a problem"
    );

    let results = "Survey year,Question,Question text,Section,Trust score,Number of respondents,Compared with other trusts\n\
        2024,Q12,Were you offered a choice?,Antenatal care,7.9,301,About the same\n\
        2024,Q13,Were you listened to?,Antenatal care,eleven,301,Worse\n";
    let (path, html) = checked(
        &lead,
        "cqc_results",
        "results.csv",
        results.as_bytes().to_vec(),
    )
    .await;
    assert!(
        html.contains("&quot;eleven&quot; is not a score from 0 to 10"),
        "{html}"
    );
    assert_eq!(
        commit(&lead, &path, true).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = lead.get_text("/capture/cqc-results").await;
    assert!(
        page.contains("Were you offered a choice?")
            && page.contains("7.9")
            && !page.contains("Were you listened to?")
    );
}

async fn an_upload_needs_its_token_first(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let csrf = lead.csrf("/capture/imports").await;
    let post = |form: Form| {
        lead.client
            .post(format!("{}/capture/imports/upload", lead.base))
            .multipart(form)
            .send()
    };
    let file = || Part::bytes(b"Date\n1/1/2026\n".to_vec()).file_name("a.csv");
    let none = Form::new().text("kind", "fft").part("file", file());
    assert_eq!(post(none).await.unwrap().status(), StatusCode::FORBIDDEN);
    let wrong = Form::new()
        .text("csrf", "forged")
        .text("kind", "fft")
        .part("file", file());
    assert_eq!(post(wrong).await.unwrap().status(), StatusCode::FORBIDDEN);
    let late = Form::new()
        .text("kind", "fft")
        .text("csrf", csrf.clone())
        .part("file", file());
    assert_eq!(
        post(late).await.unwrap().status(),
        StatusCode::FORBIDDEN,
        "the token must come first"
    );
    let good = Form::new()
        .text("csrf", csrf)
        .text("kind", "fft")
        .part("file", file());
    assert_eq!(post(good).await.unwrap().status(), StatusCode::SEE_OTHER);
    // Other roles cannot import.
    let staff = app.signed_in(STAFF).await;
    assert_eq!(
        staff.get("/capture/imports").await.status(),
        StatusCode::FORBIDDEN
    );
}
