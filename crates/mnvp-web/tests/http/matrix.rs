//! The authorisation matrix: every route × every role, expected allow or deny. The expectations
//! are written here, independently of the route table; the test first checks that this table
//! names exactly the routes the application serves, so a new route cannot be forgotten.

use crate::support::*;
use mnvp_store::Engine;
use mnvp_web::routes::catalogue;
use reqwest::StatusCode;
use std::collections::BTreeSet;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Everyone,
    SignedIn,
    AdminOnly,
    /// MNVP leads, volunteers and trust staff.
    FeedbackReaders,
}

const EXPECTED: &[(&str, &str, Who)] = &[
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
    ("GET", "/inbox", Who::FeedbackReaders),
    ("GET", "/inbox/export.csv", Who::FeedbackReaders),
    ("GET", "/inbox/{id}", Who::FeedbackReaders),
    ("POST", "/inbox/{id}/flag", Who::FeedbackReaders),
    ("GET", "/account", Who::SignedIn),
    ("GET", "/account/password", Who::SignedIn),
    ("POST", "/account/password", Who::SignedIn),
    ("GET", "/account/two-factor", Who::SignedIn),
    ("POST", "/account/two-factor", Who::SignedIn),
    ("POST", "/account/two-factor/disable", Who::SignedIn),
    ("GET", "/admin/organisations", Who::AdminOnly),
    ("GET", "/admin/organisations/new", Who::AdminOnly),
    ("POST", "/admin/organisations/new", Who::AdminOnly),
    ("GET", "/admin/organisations/{id}", Who::AdminOnly),
    ("GET", "/admin/organisations/{id}/edit", Who::AdminOnly),
    ("POST", "/admin/organisations/{id}/edit", Who::AdminOnly),
    ("POST", "/admin/organisations/{id}/units", Who::AdminOnly),
    ("GET", "/admin/organisations/{id}/delete", Who::AdminOnly),
    ("POST", "/admin/organisations/{id}/delete", Who::AdminOnly),
    ("GET", "/admin/users", Who::AdminOnly),
    ("GET", "/admin/users/new", Who::AdminOnly),
    ("POST", "/admin/users/new", Who::AdminOnly),
    ("GET", "/admin/users/{id}", Who::AdminOnly),
    ("GET", "/admin/users/{id}/edit", Who::AdminOnly),
    ("POST", "/admin/users/{id}/edit", Who::AdminOnly),
    ("POST", "/admin/users/{id}/reset-password", Who::AdminOnly),
    ("GET", "/admin/audit", Who::AdminOnly),
    ("GET", "/api/v1/me", Who::SignedIn),
    ("GET", "/api/v1/organisations", Who::AdminOnly),
    ("POST", "/api/v1/organisations", Who::AdminOnly),
    ("GET", "/api/v1/organisations/{id}", Who::AdminOnly),
    // Sign out last: it ends the session the rest of the rows use.
    ("POST", "/logout", Who::SignedIn),
];

#[test]
fn the_matrix_names_every_route_and_only_those() {
    let served: BTreeSet<(String, String)> = catalogue()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let expected: BTreeSet<(String, String)> = EXPECTED
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
    assert_eq!(
        expected.len(),
        EXPECTED.len(),
        "duplicate rows in the matrix"
    );
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
    let accounts: [(Option<&str>, bool); 6] = [
        (None, false),
        (Some(ADMIN), true),
        (Some(LEAD), false),
        (Some(VOLUNTEER), false),
        (Some(STAFF), false),
        (Some(COMMISSIONER), false),
    ];
    let reads_feedback = |account: Option<&str>| matches!(account, Some(LEAD | VOLUNTEER | STAFF));
    let mut failures = Vec::new();
    for (account, is_admin) in accounts {
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
        for (method, pattern, who) in EXPECTED {
            let path = pattern.replace("{id}", "999999");
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
                Who::AdminOnly => is_admin,
                Who::FeedbackReaders => reads_feedback(account),
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
