//! The authorisation matrix: every route × every role, expected allow or deny. The expectations
//! are written here, independently of the route table; the test first checks that this table
//! names exactly the routes the application serves, so a new route cannot be forgotten.

use crate::support::*;
use mnvp_store::Engine;
use mnvp_web::routes::catalogue;
use reqwest::StatusCode;
use std::collections::BTreeSet;

/// The roles, as the matrix names them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum R {
    Admin,
    Lead,
    Volunteer,
    Staff,
    Commissioner,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Everyone,
    SignedIn,
    Only(&'static [R]),
}

use R::*;
const ADMIN_ONLY: Who = Who::Only(&[Admin]);
/// MNVP leads, volunteers and trust staff.
const FEEDBACK_READERS: Who = Who::Only(&[Lead, Volunteer, Staff]);
/// The MNVP lead alone.
const LEAD_ONLY: Who = Who::Only(&[Lead]);
/// Survey results: the MNVP team, trust staff and commissioners (each within their scope).
const SURVEY_READERS: Who = Who::Only(&[Lead, Volunteer, Staff, Commissioner]);

/// Each capability's rows, in route-table order; sign-out last (see `FOUNDATION_LAST`).
fn expected() -> Vec<(&'static str, &'static str, Who)> {
    [
        FOUNDATION,
        CAPTURE,
        CAPTURE_FORM,
        CAPTURE_IMPORTS,
        CAPTURE_SURVEYS,
        FIELD,
        SAFETY,
        VOICES,
        THEMES,
        FOUNDATION_LAST,
    ]
    .concat()
}

/// Triage and the governance report are the lead's; the procedure and the support directory
/// are the MNVP team's, kept by the lead (local entries) and administrators (national ones);
/// the suppressed summary is the commissioners'.
const SAFETY: &[(&str, &str, Who)] = &[
    ("GET", "/safety", Who::Only(&[Lead])),
    ("GET", "/safety/cases/{id}", Who::Only(&[Lead])),
    ("POST", "/safety/cases/{id}/review", Who::Only(&[Lead])),
    ("POST", "/safety/cases/{id}/decision", Who::Only(&[Lead])),
    ("POST", "/safety/cases/{id}/notify", Who::Only(&[Lead])),
    ("POST", "/safety/cases/{id}/outcome", Who::Only(&[Lead])),
    ("POST", "/safety/cases/{id}/close", Who::Only(&[Lead])),
    ("GET", "/safety/procedure", Who::Only(&[Lead, Volunteer])),
    ("GET", "/safety/procedure/edit", Who::Only(&[Lead])),
    ("POST", "/safety/procedure/edit", Who::Only(&[Lead])),
    ("GET", "/safety/report", Who::Only(&[Lead])),
    ("GET", "/safety/report.csv", Who::Only(&[Lead])),
    ("GET", "/safety/summary", Who::Only(&[Commissioner])),
    ("GET", "/safety/summary.csv", Who::Only(&[Commissioner])),
    ("GET", "/support", Who::Only(&[Lead, Volunteer])),
    ("GET", "/support/manage", Who::Only(&[Lead, Admin])),
    ("GET", "/support/manage/new", Who::Only(&[Lead, Admin])),
    ("POST", "/support/manage/new", Who::Only(&[Lead, Admin])),
    (
        "GET",
        "/support/manage/{id}/edit",
        Who::Only(&[Lead, Admin]),
    ),
    (
        "POST",
        "/support/manage/{id}/edit",
        Who::Only(&[Lead, Admin]),
    ),
];

/// The public feedback form (anyone, no account), the lead's sharing page and the XLSX export.
/// `{slug}` and `{step}` are filled with a real form and question, so the rows exercise the
/// handlers rather than a not-found page.
const CAPTURE_FORM: &[(&str, &str, Who)] = &[
    ("GET", "/inbox/export.xlsx", FEEDBACK_READERS),
    ("GET", "/feedback-form", Who::Only(&[Lead])),
    ("GET", "/feedback-form/poster", Who::Only(&[Lead])),
    ("GET", "/feedback-form/qr.svg", Who::Only(&[Lead])),
    ("GET", "/feedback-form/qr.png", Who::Only(&[Lead])),
    ("POST", "/feedback-form/open", Who::Only(&[Lead])),
    ("GET", "/static/feedback.css", Who::Everyone),
    ("GET", "/feedback", Who::Everyone),
    ("GET", "/feedback/{slug}", Who::Everyone),
    ("GET", "/feedback/{slug}/questions/{step}", Who::Everyone),
    ("POST", "/feedback/{slug}/questions/{step}", Who::Everyone),
    ("GET", "/feedback/{slug}/check", Who::Everyone),
    ("POST", "/feedback/{slug}/check", Who::Everyone),
    ("GET", "/feedback/{slug}/sent", Who::Everyone),
    ("GET", "/feedback/{slug}/support", Who::Everyone),
    ("GET", "/feedback/{slug}/stop", Who::Everyone),
    ("POST", "/feedback/{slug}/stop", Who::Everyone),
    ("GET", "/feedback/{slug}/stopped", Who::Everyone),
];

/// Representation figures: leads exactly, trust staff and commissioners suppressed.
const REPRESENTATION_READERS: Who = Who::Only(&[Lead, Staff, Commissioner]);
/// Reference data: leads (their own footprint's births) and administrators.
const REFERENCE_IMPORTERS: Who = Who::Only(&[Lead, Admin]);

const VOICES: &[(&str, &str, Who)] = &[
    ("GET", "/voices", REPRESENTATION_READERS),
    ("GET", "/voices/representation.csv", REPRESENTATION_READERS),
    ("GET", "/voices/reference", REFERENCE_IMPORTERS),
    ("POST", "/voices/reference", REFERENCE_IMPORTERS),
    ("GET", "/voices/annual-report", Who::Only(&[Lead])),
    ("POST", "/voices/annual-report", Who::Only(&[Lead])),
    ("GET", "/voices/annual-report.md", Who::Only(&[Lead])),
    ("GET", "/voices/annual-report.csv", Who::Only(&[Lead])),
];

/// Codebook editors: MNVP leads (their own) and the administrator (shared codebooks).
const CODEBOOK_EDITORS: Who = Who::Only(&[Lead, Admin]);
const CODEBOOK_READERS: Who = Who::Only(&[Lead, Volunteer, Admin]);
const FIGURE_READERS: Who = Who::Only(&[Lead, Volunteer, Staff, Commissioner]);

const THEMES: &[(&str, &str, Who)] = &[
    ("GET", "/static/themes.js", Who::Everyone),
    ("GET", "/themes", Who::SignedIn),
    ("GET", "/themes/codebooks/new", CODEBOOK_EDITORS),
    ("POST", "/themes/codebooks/new", CODEBOOK_EDITORS),
    ("GET", "/themes/codebooks/import", CODEBOOK_EDITORS),
    ("POST", "/themes/codebooks/import", CODEBOOK_EDITORS),
    ("GET", "/themes/codebooks/{id}", CODEBOOK_READERS),
    ("GET", "/themes/codebooks/{id}/edit", CODEBOOK_EDITORS),
    ("POST", "/themes/codebooks/{id}/edit", CODEBOOK_EDITORS),
    ("GET", "/themes/codebooks/{id}/delete", CODEBOOK_EDITORS),
    ("POST", "/themes/codebooks/{id}/delete", CODEBOOK_EDITORS),
    ("GET", "/themes/codebooks/{id}/export.csv", CODEBOOK_READERS),
    (
        "GET",
        "/themes/codebooks/{id}/export.json",
        CODEBOOK_READERS,
    ),
    ("POST", "/themes/codebooks/{id}/coders", LEAD_ONLY),
    ("GET", "/themes/codebooks/{id}/themes/new", CODEBOOK_EDITORS),
    (
        "POST",
        "/themes/codebooks/{id}/themes/new",
        CODEBOOK_EDITORS,
    ),
    ("GET", "/themes/theme/{id}/edit", CODEBOOK_EDITORS),
    ("POST", "/themes/theme/{id}/edit", CODEBOOK_EDITORS),
    ("GET", "/themes/theme/{id}/delete", CODEBOOK_EDITORS),
    ("POST", "/themes/theme/{id}/delete", CODEBOOK_EDITORS),
    ("GET", "/themes/codebooks/{id}/code", MNVP_TEAM),
    ("POST", "/themes/codebooks/{id}/code", MNVP_TEAM),
    ("GET", "/themes/codebooks/{id}/agreement", LEAD_ONLY),
    ("GET", "/themes/codebooks/{id}/resolve", LEAD_ONLY),
    ("POST", "/themes/codebooks/{id}/resolve", LEAD_ONLY),
    ("GET", "/themes/codebooks/{id}/model", LEAD_ONLY),
    ("POST", "/themes/codebooks/{id}/model", LEAD_ONLY),
    ("GET", "/themes/codebooks/{id}/trends", FIGURE_READERS),
    ("GET", "/themes/codebooks/{id}/trends.csv", FIGURE_READERS),
    ("GET", "/themes/codebooks/{id}/items", FEEDBACK_READERS),
];

const CAPTURE: &[(&str, &str, Who)] = &[
    ("GET", "/inbox", FEEDBACK_READERS),
    ("GET", "/inbox/export.csv", FEEDBACK_READERS),
    ("GET", "/inbox/{id}", FEEDBACK_READERS),
    ("POST", "/inbox/{id}/flag", FEEDBACK_READERS),
];

/// Imports: the lead's pages.
const CAPTURE_IMPORTS: &[(&str, &str, Who)] = &[
    ("GET", "/capture/imports", LEAD_ONLY),
    ("POST", "/capture/imports/upload", LEAD_ONLY),
    ("GET", "/capture/imports/{id}", LEAD_ONLY),
    ("GET", "/capture/imports/{id}/problems.csv", LEAD_ONLY),
    ("POST", "/capture/imports/{id}/commit", LEAD_ONLY),
    ("POST", "/capture/imports/{id}/discard", LEAD_ONLY),
    ("POST", "/capture/imports/{id}/encoding", LEAD_ONLY),
    ("GET", "/capture/imports/{id}/mapping", LEAD_ONLY),
    ("POST", "/capture/imports/{id}/mapping", LEAD_ONLY),
    ("POST", "/capture/imports/mappings/{id}/delete", LEAD_ONLY),
    ("GET", "/capture/cqc-results", LEAD_ONLY),
];

/// Surveys: the lead's builder, results for readers, and the public pages.
const CAPTURE_SURVEYS: &[(&str, &str, Who)] = &[
    ("GET", "/capture/surveys", SURVEY_READERS),
    ("GET", "/capture/surveys/new", LEAD_ONLY),
    ("POST", "/capture/surveys/new", LEAD_ONLY),
    ("GET", "/capture/surveys/import", LEAD_ONLY),
    ("POST", "/capture/surveys/import", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/edit", LEAD_ONLY),
    ("POST", "/capture/surveys/{id}/edit", LEAD_ONLY),
    ("POST", "/capture/surveys/{id}/status", LEAD_ONLY),
    ("POST", "/capture/surveys/{id}/duplicate", LEAD_ONLY),
    ("POST", "/capture/surveys/{id}/delete", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/preview", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/questions/new", LEAD_ONLY),
    ("POST", "/capture/surveys/{id}/questions/new", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/questions/{q}", LEAD_ONLY),
    ("POST", "/capture/surveys/{id}/questions/{q}", LEAD_ONLY),
    (
        "POST",
        "/capture/surveys/{id}/questions/{q}/order",
        LEAD_ONLY,
    ),
    ("GET", "/capture/surveys/{id}/results", SURVEY_READERS),
    ("GET", "/capture/surveys/{id}/results.csv", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/responses.json", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/questionnaire.json", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/qr.svg", LEAD_ONLY),
    ("GET", "/capture/surveys/{id}/qr.png", LEAD_ONLY),
    ("GET", "/surveys/{slug}", Who::Everyone),
    ("GET", "/surveys/{slug}/pages/{n}", Who::Everyone),
    ("POST", "/surveys/{slug}/pages/{n}", Who::Everyone),
    ("GET", "/surveys/{slug}/check", Who::Everyone),
    ("POST", "/surveys/{slug}/check", Who::Everyone),
    ("GET", "/surveys/{slug}/done", Who::Everyone),
];

/// MNVP leads and volunteers: the people who do the field work.
const MNVP_TEAM: Who = Who::Only(&[Lead, Volunteer]);

const FIELD: &[(&str, &str, Who)] = &[
    ("GET", "/field", MNVP_TEAM),
    ("GET", "/field/walk-the-patch", MNVP_TEAM),
    ("GET", "/field/walk-the-patch/new", MNVP_TEAM),
    ("POST", "/field/walk-the-patch/new", MNVP_TEAM),
    ("GET", "/field/walk-the-patch/{id}", MNVP_TEAM),
    ("POST", "/field/walk-the-patch/{id}/entries", MNVP_TEAM),
    ("POST", "/field/walk-the-patch/{id}/tallies", MNVP_TEAM),
    ("GET", "/field/walk-the-patch/{id}/summary", MNVP_TEAM),
    // The lead always, the volunteer who recorded it while the session is open (see
    // field::corrections for the per-conversation 403s).
    ("GET", "/field/conversations/{id}/change", MNVP_TEAM),
    ("POST", "/field/conversations/{id}/change", MNVP_TEAM),
    ("GET", "/field/conversations/{id}/remove", MNVP_TEAM),
    ("POST", "/field/conversations/{id}/remove", MNVP_TEAM),
    (
        "GET",
        "/field/walk-the-patch/manifest.webmanifest",
        Who::Everyone,
    ),
    ("GET", "/field/walk-the-patch/sw.js", Who::Everyone),
    ("GET", "/static/field-queue.js", Who::Everyone),
    ("GET", "/static/field-walk.js", Who::Everyone),
    ("GET", "/api/v1/field/walk-the-patch/{id}", MNVP_TEAM),
    (
        "POST",
        "/api/v1/field/walk-the-patch/{id}/entries",
        MNVP_TEAM,
    ),
    (
        "POST",
        "/api/v1/field/walk-the-patch/{id}/tallies",
        MNVP_TEAM,
    ),
    ("GET", "/field/fifteen-steps", FEEDBACK_READERS),
    ("GET", "/field/fifteen-steps/new", MNVP_TEAM),
    ("POST", "/field/fifteen-steps/new", MNVP_TEAM),
    ("GET", "/field/fifteen-steps/{id}", MNVP_TEAM),
    ("GET", "/field/fifteen-steps/{id}/observe", MNVP_TEAM),
    ("POST", "/field/fifteen-steps/{id}/observe", MNVP_TEAM),
    ("POST", "/field/fifteen-steps/{id}/summary", MNVP_TEAM),
    ("POST", "/field/fifteen-steps/{id}/actions", MNVP_TEAM),
    (
        "POST",
        "/field/fifteen-steps/{id}/shares",
        Who::Only(&[Lead]),
    ),
    (
        "POST",
        "/field/fifteen-steps/{id}/finalise",
        Who::Only(&[Lead]),
    ),
    ("GET", "/field/fifteen-steps/{id}/report", FEEDBACK_READERS),
    ("GET", "/field/outreach", MNVP_TEAM),
    ("GET", "/field/outreach/new", MNVP_TEAM),
    ("POST", "/field/outreach/new", MNVP_TEAM),
    ("GET", "/field/outreach/{id}", MNVP_TEAM),
    ("POST", "/field/outreach/{id}/feedback", MNVP_TEAM),
    ("GET", "/field/outreach/{id}/edit", Who::Only(&[Lead])),
    ("POST", "/field/outreach/{id}/edit", Who::Only(&[Lead])),
    ("GET", "/field/intelligence", MNVP_TEAM),
    ("GET", "/field/intelligence/new", MNVP_TEAM),
    ("POST", "/field/intelligence/new", MNVP_TEAM),
];

const FOUNDATION: &[(&str, &str, Who)] = &[
    ("GET", "/health", Who::Everyone),
    ("GET", "/ready", Who::Everyone),
    ("GET", "/static/app.css", Who::Everyone),
    ("GET", "/static/init.js", Who::Everyone),
    ("GET", "/static/js-enabled.js", Who::Everyone),
    ("GET", "/accessibility", Who::Everyone),
    ("GET", "/privacy", Who::Everyone),
    ("GET", "/login", Who::Everyone),
    ("POST", "/login", Who::Everyone),
    ("GET", "/login/two-factor", Who::Everyone),
    ("POST", "/login/two-factor", Who::Everyone),
    ("GET", "/", Who::SignedIn),
    ("GET", "/account", Who::SignedIn),
    ("GET", "/account/password", Who::SignedIn),
    ("POST", "/account/password", Who::SignedIn),
    ("GET", "/account/two-factor", Who::SignedIn),
    ("POST", "/account/two-factor", Who::SignedIn),
    ("POST", "/account/two-factor/disable", Who::SignedIn),
    ("GET", "/admin/organisations", ADMIN_ONLY),
    ("GET", "/admin/organisations/new", ADMIN_ONLY),
    ("POST", "/admin/organisations/new", ADMIN_ONLY),
    ("GET", "/admin/organisations/{id}", ADMIN_ONLY),
    ("GET", "/admin/organisations/{id}/edit", ADMIN_ONLY),
    ("POST", "/admin/organisations/{id}/edit", ADMIN_ONLY),
    ("POST", "/admin/organisations/{id}/units", ADMIN_ONLY),
    ("GET", "/admin/organisations/{id}/delete", ADMIN_ONLY),
    ("POST", "/admin/organisations/{id}/delete", ADMIN_ONLY),
    ("GET", "/admin/users", ADMIN_ONLY),
    ("GET", "/admin/users/new", ADMIN_ONLY),
    ("POST", "/admin/users/new", ADMIN_ONLY),
    ("GET", "/admin/users/{id}", ADMIN_ONLY),
    ("GET", "/admin/users/{id}/edit", ADMIN_ONLY),
    ("POST", "/admin/users/{id}/edit", ADMIN_ONLY),
    ("POST", "/admin/users/{id}/reset-password", ADMIN_ONLY),
    ("GET", "/admin/audit", ADMIN_ONLY),
    ("GET", "/api/v1/me", Who::SignedIn),
    ("GET", "/api/v1/organisations", ADMIN_ONLY),
    ("POST", "/api/v1/organisations", ADMIN_ONLY),
    ("GET", "/api/v1/organisations/{id}", ADMIN_ONLY),
];

/// Sign out last: it ends the session the rest of the rows use.
const FOUNDATION_LAST: &[(&str, &str, Who)] = &[("POST", "/logout", Who::SignedIn)];

#[test]
fn the_matrix_names_every_route_and_only_those() {
    let served: BTreeSet<(String, String)> = catalogue()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let rows = expected();
    let expected: BTreeSet<(String, String)> = rows
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<_> = served.difference(&expected).collect();
    let stale: Vec<_> = expected.difference(&served).collect();
    assert!(
        missing.is_empty(),
        "routes without an expectation in the matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix rows for routes that no longer exist: {stale:?}"
    );
    assert_eq!(expected.len(), rows.len(), "duplicate rows in the matrix");
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Allowed,
    SentToSignIn,
    Unauthorised,
    Forbidden,
}

crate::both_engines!(every_route_for_every_role);

async fn every_route_for_every_role(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let accounts: [(Option<&str>, Option<R>); 6] = [
        (None, None),
        (Some(ADMIN), Some(Admin)),
        (Some(LEAD), Some(Lead)),
        (Some(VOLUNTEER), Some(Volunteer)),
        (Some(STAFF), Some(Staff)),
        (Some(COMMISSIONER), Some(Commissioner)),
    ];
    let rows = expected();
    let mut failures = Vec::new();
    for (account, who_am_i) in accounts {
        let b = match account {
            Some(email) => app.signed_in(email).await,
            None => app.browser(),
        };
        // Every page with a form carries the session's token; anonymous visitors get one at sign-in.
        let csrf = b
            .csrf(if account.is_some() {
                "/account"
            } else {
                "/login"
            })
            .await;
        for (method, pattern, who) in &rows {
            let path = pattern
                .replace("{id}", "999999")
                .replace("{slug}", "demo")
                .replace("{step}", "rating");
            let url = format!("{}{path}", b.base);
            let res = if *method == "GET" {
                b.client.get(&url).send().await.unwrap()
            } else if path.starts_with("/api/") {
                b.client
                    .post(&url)
                    .header("x-csrf-token", &csrf)
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .unwrap()
            } else {
                b.client
                    .post(&url)
                    .form(&[("csrf", csrf.as_str())])
                    .send()
                    .await
                    .unwrap()
            };
            let outcome = match res.status() {
                StatusCode::UNAUTHORIZED => Outcome::Unauthorised,
                StatusCode::FORBIDDEN => Outcome::Forbidden,
                StatusCode::SEE_OTHER if location(&res).starts_with("/login?next=") => {
                    Outcome::SentToSignIn
                }
                s if s.is_server_error() => {
                    failures.push(format!("{method} {path} as {account:?}: server error {s}"));
                    continue;
                }
                _ => Outcome::Allowed,
            };
            let allowed = match who {
                Who::Everyone => true,
                Who::SignedIn => account.is_some(),
                Who::Only(roles) => who_am_i.is_some_and(|r| roles.contains(&r)),
            };
            let expected = match (allowed, account.is_some(), path.starts_with("/api/")) {
                (true, _, _) => Outcome::Allowed,
                (false, false, true) => Outcome::Unauthorised,
                (false, false, false) => Outcome::SentToSignIn,
                (false, true, _) => Outcome::Forbidden,
            };
            if outcome != expected {
                failures.push(format!(
                    "{method} {path} as {account:?}: expected {expected:?}, got {outcome:?} ({})",
                    res.status()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorisation matrix failures:\n{}",
        failures.join("\n")
    );
}
