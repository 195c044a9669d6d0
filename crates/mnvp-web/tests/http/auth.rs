//! Signing in and out, wrong passwords, throttling, CSRF and the second factor.

use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    sign_in_and_out,
    wrong_password_keeps_email_and_says_what_to_do,
    throttling_stops_guessing,
    forms_without_the_csrf_token_are_refused,
    two_factor_sign_in,
    deactivated_accounts_cannot_sign_in,
);

async fn sign_in_and_out(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.browser();
    let res = b.get("/").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/login?next=%2F");

    let res = b.login(LEAD, PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let cookie = res
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let (status, html) = b.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hello, Priya Shah"));

    let csrf = csrf_in(&html).unwrap();
    let res = b.post_form("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        b.get("/").await.status(),
        StatusCode::SEE_OTHER,
        "signed out"
    );
}

async fn wrong_password_keeps_email_and_says_what_to_do(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.browser();
    let res = b.login(LEAD, "not the password").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("nhsuk-error-summary"));
    assert!(html.contains("Enter a correct email address and password"));
    assert!(
        html.contains(&format!("value=\"{LEAD}\"")),
        "typed email kept"
    );
    assert!(html.contains("<title>Error: Sign in"));

    let csrf = b.csrf("/login").await;
    let res = b
        .post_form(
            "/login",
            &[("csrf", &csrf), ("email", ""), ("password", "")],
        )
        .await;
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#email\">Enter your email address"));
    assert!(html.contains("href=\"#password\">Enter your password"));
}

async fn throttling_stops_guessing(engine: Engine) {
    // The test app allows 3 failures per account within the window.
    let app = TestApp::with_demo(engine).await;
    let b = app.browser();
    for _ in 0..3 {
        assert_eq!(
            b.login(VOLUNTEER, "guess").await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let res = b.login(VOLUNTEER, PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("too many failed attempts"));
    // Other accounts are unaffected.
    assert_eq!(
        app.browser().login(LEAD, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

async fn forms_without_the_csrf_token_are_refused(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let admin = app.signed_in(ADMIN).await;
    let before = app.store.list_orgs().await.unwrap().len();
    let fields = [("kind", "icb"), ("name", "Forged ICB")];
    let res = admin.post_form("/admin/organisations/new", &fields).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("Your form has expired"));
    let res = admin
        .post_form(
            "/admin/organisations/new",
            &[("csrf", "wrong"), ("kind", "icb"), ("name", "Forged ICB")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A token from someone else's session does not work either.
    let other = app.signed_in(ADMIN).await;
    let theirs = other.csrf("/admin/organisations/new?kind=icb").await;
    let res = admin
        .post_form(
            "/admin/organisations/new",
            &[("csrf", &theirs), ("kind", "icb"), ("name", "Forged ICB")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.store.list_orgs().await.unwrap().len(),
        before,
        "nothing was written"
    );
    // The JSON API wants the token in a header.
    let res = admin
        .client
        .post(format!("{}/api/v1/organisations", admin.base))
        .json(&serde_json::json!({"kind": "icb", "name": "Forged ICB"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}

async fn two_factor_sign_in(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.signed_in(STAFF).await;
    let (_, html) = b.get_text("/account/two-factor").await;
    let secret = html
        .split("name=\"secret\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let csrf = csrf_in(&html).unwrap();
    let res = b
        .post_form(
            "/account/two-factor",
            &[("csrf", &csrf), ("secret", &secret), ("code", "000000")],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a wrong code does not turn it on"
    );
    let code = mnvp_web::current_totp_code(&secret).unwrap();
    let res = b
        .post_form(
            "/account/two-factor",
            &[("csrf", &csrf), ("secret", &secret), ("code", &code)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(b
        .get_text("/account")
        .await
        .1
        .contains("Two-step verification is on"));

    let fresh = app.browser();
    let res = fresh.login(STAFF, PASSWORD).await;
    assert!(location(&res).starts_with("/login/two-factor"));
    assert_eq!(
        fresh.get("/").await.status(),
        StatusCode::SEE_OTHER,
        "not signed in until the code is given"
    );
    let csrf = fresh.csrf("/login/two-factor").await;
    let res = fresh
        .post_form("/login/two-factor", &[("csrf", &csrf), ("code", "123456")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let code = mnvp_web::current_totp_code(&secret).unwrap();
    let res = fresh
        .post_form("/login/two-factor", &[("csrf", &csrf), ("code", &code)])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(fresh.get("/").await.status(), StatusCode::OK);
}

async fn deactivated_accounts_cannot_sign_in(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let volunteer_session = app.signed_in(VOLUNTEER).await;
    let admin = app.signed_in(ADMIN).await;
    let user = app.store.user_by_email(VOLUNTEER).await.unwrap().unwrap();
    let path = format!("/admin/users/{}/edit", user.id);
    let csrf = admin.csrf(&path).await;
    let org = user.org_id.unwrap().to_string();
    let res = admin
        .post_form(
            &path,
            &[
                ("csrf", &csrf),
                ("name", "Grace Okoro"),
                ("role", "volunteer"),
                ("org_id", &org),
                ("active", "no"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        volunteer_session.get("/").await.status(),
        StatusCode::SEE_OTHER,
        "signed out at once"
    );
    assert_eq!(
        app.browser().login(VOLUNTEER, PASSWORD).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
