//! Who can see what people wrote: only the MNVP lead reads the original words (each view
//! audited); volunteers and trust staff see the redacted text on every page and in every
//! export; commissioners and administrators see no feedback text at all.

use crate::inbox::add;
use crate::support::*;
use mnvp_domain::feedback::CareStage;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(who_sees_original_words_on_every_page_and_export);

const SECRET: &str = "Midwife Ottoline Quist told me off. I don't want to be here anymore. Ring 07700 900123 or NHS number 943 476 5919.";
const PERSONAL: [&str; 4] = ["Ottoline", "Quist", "07700", "943 476 5919"];

fn assert_redacted(who: &str, what: &str, text: &str) {
    for p in PERSONAL {
        assert!(!text.contains(p), "{who} sees {p} in {what}");
    }
}

async fn who_sees_original_words_on_every_page_and_export(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let fid = add(&app, "demo", SECRET, CareStage::PostnatalHome, "2099-06-01").await;
    let case = app
        .store
        .case_for_feedback(fid)
        .await
        .unwrap()
        .expect("flagged");
    let item = format!("/inbox/{fid}");
    let export = "/inbox/export.csv?from=2099-06-01";
    let case_page = format!("/safety/cases/{case}");
    let original_views = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            let mut n = 0;
            for (entity, id) in [("feedback", fid), ("safety_case", case)] {
                n += store
                    .audit_for(entity, id)
                    .await
                    .unwrap()
                    .iter()
                    .filter(|e| e.action == "view")
                    .count();
            }
            n
        }
    };

    // The lead: original words on the item, the case and the export; every view audited.
    let lead = app.signed_in(LEAD).await;
    for path in [item.as_str(), export, case_page.as_str()] {
        let (status, text) = lead.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            text.contains("Ottoline Quist"),
            "the lead reads the original on {path}"
        );
    }
    assert_eq!(original_views(&app).await, 2, "the item and the case views");
    let exports = app
        .store
        .audit_page(
            &mnvp_store::audit::AuditFilter {
                action: "export".into(),
                ..Default::default()
            },
            5,
            0,
        )
        .await
        .unwrap()
        .0;
    assert!(exports[0].detail.ends_with("original text"));

    // Volunteers and trust staff: placeholders everywhere; the lead's pages are closed to them.
    for who in [VOLUNTEER, STAFF] {
        let b = app.signed_in(who).await;
        for path in [item.as_str(), "/inbox?from=2099-06-01", export] {
            let (status, text) = b.get_text(path).await;
            assert_eq!(status, StatusCode::OK, "{who} {path}");
            assert_redacted(who, path, &text);
            assert!(
                text.contains("[NAME]")
                    && text.contains("[PHONE]")
                    && text.contains("[NHS NUMBER]"),
                "{who} {path}"
            );
        }
        for path in [case_page.as_str(), "/safety", "/safety/report.csv"] {
            assert_eq!(
                b.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{who} {path}"
            );
        }
        // Searching for a redacted name reveals nothing (the search is the lead's; the word
        // typed is only echoed back in the page's own links).
        let (_, html) = b.get_text("/inbox?q=Ottoline&from=2099-06-01").await;
        for p in ["Midwife Ottoline", "Quist", "07700", "943 476 5919"] {
            assert!(!html.contains(p), "{who} sees {p} after searching");
        }
        assert!(html.contains("[NAME]"));
    }
    let (_, csv) = app.signed_in(STAFF).await.get_text(export).await;
    assert!(csv.contains("[NAME]"));
    assert_eq!(
        original_views(&app).await,
        2,
        "redacted views are not original-text views"
    );

    // Commissioners and administrators read no feedback text at all.
    for who in [COMMISSIONER, ADMIN] {
        let b = app.signed_in(who).await;
        for path in [item.as_str(), export, case_page.as_str()] {
            assert_eq!(
                b.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{who} {path}"
            );
        }
    }
    let (_, summary) = app
        .signed_in(COMMISSIONER)
        .await
        .get_text("/safety/summary.csv")
        .await;
    assert_redacted(COMMISSIONER, "the summary", &summary);

    // Another MNVP's lead: not even told the item exists.
    let other = app.signed_in(OTHER_LEAD).await;
    for path in [item.as_str(), case_page.as_str()] {
        assert_eq!(
            other.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (_, csv) = other.get_text(export).await;
    assert_redacted(OTHER_LEAD, "their export", &csv);
}
