//! Safeguarding escalation over HTTP: the lead works a case through the procedure (and cannot
//! close it early), overdue steps raise alerts on the dashboard and by email to a real SMTP
//! sink, the procedure is the team's to read and the lead's to change, and the governance
//! report and its suppressed summary.

use crate::inbox::add;
use crate::smtp_sink::SmtpSink;
use crate::support::*;
use mnvp_domain::feedback::CareStage;
use mnvp_domain::uk_time::to_uk;
use mnvp_store::Engine;
use mnvp_web::settings::{MailSettings, MailTls};
use reqwest::StatusCode;

crate::both_engines!(
    the_lead_works_a_case_through_the_procedure,
    overdue_alert_mail_arrives_once_and_says_nothing_personal,
    without_a_mail_server_overdue_steps_are_on_the_dashboard_only,
    the_procedure_is_the_teams_to_read_and_the_leads_to_change,
    the_report_counts_cases_and_the_summary_suppresses_them,
);

const DISCLOSURE: &str =
    "After the birth midwife Ottoline ignored me and I didn't want to be here anymore.";

/// A flagged item for Riverside MNVP and the case it opened.
async fn flagged_case(app: &TestApp) -> i64 {
    let fid = add(
        app,
        "demo",
        DISCLOSURE,
        CareStage::PostnatalHome,
        "2099-05-01",
    )
    .await;
    app.store
        .case_for_feedback(fid)
        .await
        .unwrap()
        .expect("a flagged item opens a case")
}

async fn post(b: &Browser, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let csrf = b.csrf("/account").await;
    let mut all = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    let res = b.post_form(path, &all).await;
    let status = res.status();
    (status, res.text().await.unwrap())
}

async fn the_lead_works_a_case_through_the_procedure(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let id = flagged_case(&app).await;
    let lead = app.signed_in(LEAD).await;
    let case = format!("/safety/cases/{id}");

    let (status, queue) = lead.get_text("/safety").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        queue.contains(&format!("Case {id}: Self-harm or suicidal thoughts")),
        "{queue}"
    );
    assert!(
        queue.contains("<mark>"),
        "the words that raised it are shown"
    );

    let (status, page) = lead.get_text(&case).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("midwife Ottoline ignored me"),
        "the lead reads the original"
    );
    assert!(page.contains("<mark>") && page.contains("words pointing to: self-harm"));
    let views = app.store.audit_for("safety_case", id).await.unwrap();
    assert!(views.iter().any(|e| e.action == "view" && e.actor == LEAD));

    // Closing before any step names every missing step.
    let (status, html) = post(&lead, &format!("{case}/close"), &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("There is a problem"));
    assert!(html.contains(
        "This case cannot be closed until these steps are recorded: the review and the decision"
    ));

    let (status, _) = post(&lead, &format!("{case}/review"), &[("note", "Urgent")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, html) = post(
        &lead,
        &format!("{case}/decision"),
        &[("decision", "no_action")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Enter the reason for taking no further action"));
    assert!(
        html.contains("value=\"no_action\" checked"),
        "the choice is kept"
    );
    let (status, _) = post(
        &lead,
        &format!("{case}/decision"),
        &[("decision", "escalate")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, html) = post(&lead, &format!("{case}/close"), &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("telling the trust safeguarding team and the outcome"),
        "{html}"
    );

    // Who, how and when are all needed; what was typed comes back.
    let (status, html) = post(
        &lead,
        &format!("{case}/notify"),
        &[("told", "Duty officer Jo"), ("date", "yesterday")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Select who was told",
        "Select how they were told",
        "Enter the date they were told",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("value=\"Duty officer Jo\""));
    let now = to_uk(chrono::Utc::now());
    let (date, time) = (
        now.format("%Y-%m-%d").to_string(),
        now.format("%H:%M").to_string(),
    );
    let (status, _) = post(
        &lead,
        &format!("{case}/notify"),
        &[
            ("contact", "safeguarding_team"),
            ("told", "Duty officer Jo"),
            ("method", "phone"),
            ("date", &date),
            ("time", &time),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = post(
        &lead,
        &format!("{case}/outcome"),
        &[("outcome", "Referral made")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = post(&lead, &format!("{case}/close"), &[("note", "All done")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (_, page) = lead.get_text(&case).await;
    assert!(
        page.contains("Closed")
            && page.contains("Duty officer Jo")
            && page.contains("Referral made")
    );
    let (_, closed) = lead.get_text("/safety?show=closed").await;
    assert!(closed.contains(&format!("Case {id}")));
    let actions: Vec<String> = app
        .store
        .audit_for("safety_case", id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a != "view")
        .collect();
    assert_eq!(
        actions,
        ["open", "review", "decide", "notify", "outcome", "close"]
    );

    // Another MNVP's lead cannot see or touch it.
    let other = app.signed_in(OTHER_LEAD).await;
    assert_eq!(other.get(&case).await.status(), StatusCode::NOT_FOUND);
    let (status, _) = post(&other, &format!("{case}/review"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn overdue_alert_mail_arrives_once_and_says_nothing_personal(engine: Engine) {
    let sink = SmtpSink::start().await;
    let port = sink.addr.port();
    let app = TestApp::with_demo_and(engine, |s| {
        s.mail = Some(MailSettings {
            host: "127.0.0.1".into(),
            port,
            from: "alerts@mnvp-hub.example".into(),
            username: None,
            password: None,
            tls: MailTls::None,
        });
        s.alert_interval_secs = 1;
        s.public_url = Some("https://hub.example/".into());
    })
    .await;
    let id = flagged_case(&app).await;
    app.store.backdate_case(id, 3).await.unwrap();
    let subject = format!("Safeguarding case {id} is overdue: review and decision");
    let about = |mails: &[crate::smtp_sink::Mail]| {
        mails
            .iter()
            .filter(|m| m.header("Subject").as_deref() == Some(subject.as_str()))
            .cloned()
            .collect::<Vec<_>>()
    };
    sink.wait_until(60, |m| !about(m).is_empty()).await;
    // Several more sweeps pass; the alert is not sent again.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let mails = about(&sink.mails());
    assert_eq!(mails.len(), 1, "sent once");
    let mail = &mails[0];
    assert_eq!(mail.to, [LEAD], "to the MNVP's lead only");
    assert_eq!(mail.from, "alerts@mnvp-hub.example");
    let body = mail.body();
    assert!(
        body.contains(&format!("https://hub.example/safety/cases/{id}")),
        "{body}"
    );
    assert!(body.contains(&format!("Case: {id}")));
    for personal in [
        "Ottoline",
        "want to be here",
        "ignored",
        "Priya",
        "Shah",
        "07700",
    ] {
        assert!(
            !mail.data.contains(personal),
            "{personal} in the mail: {}",
            mail.data
        );
    }
    // The demo's overdue case was alerted too, and the lead's case page says the email went.
    assert!(sink.mails().len() >= 2);
    let (_, page) = app
        .signed_in(LEAD)
        .await
        .get_text(&format!("/safety/cases/{id}"))
        .await;
    assert!(page.contains("Email: sent"), "{page}");
}

async fn without_a_mail_server_overdue_steps_are_on_the_dashboard_only(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let id = flagged_case(&app).await;
    app.store.backdate_case(id, 3).await.unwrap();
    let (_, home) = app.signed_in(LEAD).await.get_text("/").await;
    assert!(home.contains("Overdue safeguarding steps"));
    assert!(home.contains(&format!("Case {id}</a>: review and decision was due")));
    assert!(home.contains("Email alerts are off because no mail server is set up"));
    // Recorded as raised but not emailed.
    app.store
        .raise_overdue_alerts(chrono::Utc::now(), false)
        .await
        .unwrap();
    let alerts = app.store.case_alerts(id).await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].email_status, "off");
    // Other roles see no cases on their dashboard.
    let (_, home) = app.signed_in(VOLUNTEER).await.get_text("/").await;
    assert!(!home.contains("Overdue safeguarding") && home.contains("escalation procedure"));
}

async fn the_procedure_is_the_teams_to_read_and_the_leads_to_change(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let (status, html) = app
        .signed_in(VOLUNTEER)
        .await
        .get_text("/safety/procedure")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("If someone is in immediate danger"));
    assert!(html.contains("Riverside safeguarding hub"));
    assert!(!html.contains("Change the procedure"));

    let lead = app.signed_in(LEAD).await;
    let mnvp = app.store.org_by_slug("demo").await.unwrap().id;
    let before = app.store.current_procedure(mnvp).await.unwrap().version;
    let (status, html) = post(
        &lead,
        "/safety/procedure/edit",
        &[
            ("review_days", "soon"),
            ("notify_days", "0"),
            ("outcome_days", "10"),
            ("close_days", "20"),
            ("text", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("There is a problem"));
    assert!(html
        .contains("Enter the working days for review and decision as a whole number from 0 to 60"));
    assert!(html.contains("Enter the written procedure"));
    assert!(html.contains("value=\"soon\""), "what was typed is kept");
    assert_eq!(
        app.store.current_procedure(mnvp).await.unwrap().version,
        before
    );

    let (status, _) = post(
        &lead,
        "/safety/procedure/edit",
        &[
            ("review_days", "2"),
            ("notify_days", "0"),
            ("outcome_days", "10"),
            ("close_days", "20"),
            ("contact_safeguarding_team", "Hub on 01632 960999"),
            ("required", "self_harm:safeguarding_team"),
            ("required", "self_harm:safety_champion"),
            ("text", "Call 999 first.\r\n\r\nThen review."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let now = app.store.current_procedure(mnvp).await.unwrap();
    assert_eq!(now.version, before + 1);
    assert_eq!(now.procedure.review_days, 2);
    assert_eq!(now.procedure.required.len(), 2);
    let (_, html) = lead.get_text("/safety/procedure").await;
    assert!(
        html.contains("Hub on 01632 960999") && html.contains(&format!("Version {}", before + 1))
    );
    // A new case follows the new version and needs the safety champion told as well.
    let id = flagged_case(&app).await;
    let case = app.store.get_case(id).await.unwrap();
    assert_eq!(case.procedure.version, before + 1);
}

async fn the_report_counts_cases_and_the_summary_suppresses_them(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead.get_text("/safety/report").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Safeguarding governance report") && html.contains("Whole period"));
    let res = lead.get("/safety/report.csv").await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = res.text().await.unwrap();
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("Month,Concern,Cases,Escalated"));
    let whole = lines.next().unwrap();
    assert!(whole.starts_with("Whole period,All concerns,"), "{whole}");
    let cases: i64 = whole.split(',').nth(2).unwrap().parse().unwrap();
    assert!(cases >= 5, "the demo's cases are counted: {whole}");
    let (_, html) = lead.get_text("/safety/report?from=2026-13").await;
    assert!(html.contains("Enter months like 2026-04"));

    let commissioner = app.signed_in(COMMISSIONER).await;
    let (status, html) = commissioner.get_text("/safety/summary").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Riverside MNVP") && html.contains("Downs Valley MNVP"));
    assert!(html.contains("suppressed"));
    let csv = commissioner
        .get("/safety/summary.csv")
        .await
        .text()
        .await
        .unwrap();
    let whole = csv.lines().nth(1).unwrap();
    let shown = whole.split(',').nth(2).unwrap();
    assert!(
        shown == "suppressed" || shown.parse::<i64>().unwrap() % 5 == 0,
        "{whole}"
    );
    assert!(!csv.contains("Ottoline"));
}
