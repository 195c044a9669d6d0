//! The Addressing Inequalities report as saved by the lead: per year, every line, audited.

use crate::{actor, hierarchy, open};
use mnvp_domain::voices::annual_report::{Answer, Entry, Line, Report, Year};
use mnvp_store::Engine;

crate::both_engines!(annual_reports_are_saved_per_year);

async fn annual_reports_are_saved_per_year(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, _, mnvp) = hierarchy(&store).await;
    assert!(store
        .annual_report(mnvp, Year(2026))
        .await
        .unwrap()
        .is_none());
    let mut report = Report {
        year: Year(2026),
        entries: Line::ALL
            .iter()
            .map(|l| Entry {
                line: *l,
                answer: None,
                notes: String::new(),
            })
            .collect(),
        improved: "More feedback from Black women (3% to 7%)".into(),
    };
    report.entries[0].answer = Some(Answer::WorkingOnIt);
    report.entries[1].notes = "Baby group at the Riverside family hub".into();
    store
        .save_annual_report(mnvp, &report, &actor())
        .await
        .unwrap();
    let (saved, at) = store
        .annual_report(mnvp, Year(2026))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(saved, report);
    assert!(!at.is_empty());
    // Saving again replaces; other years are untouched.
    report.entries[0].answer = Some(Answer::Yes);
    store
        .save_annual_report(mnvp, &report, &actor())
        .await
        .unwrap();
    assert_eq!(
        store
            .annual_report(mnvp, Year(2026))
            .await
            .unwrap()
            .unwrap()
            .0
            .entries[0]
            .answer,
        Some(Answer::Yes)
    );
    assert!(store
        .annual_report(mnvp, Year(2025))
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        store.audit_for("annual_report", mnvp).await.unwrap().len(),
        2
    );
}
