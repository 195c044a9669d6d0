//! Organisation CRUD through the admin pages and the JSON API, with the errors people meet.

use crate::support::*;
use mnvp_store::Engine;
use reqwest::StatusCode;

crate::both_engines!(
    create_edit_and_remove_organisations,
    bad_input_is_explained_and_nothing_is_lost,
    api_returns_problem_json,
    database_unavailable_is_a_clear_503
);

async fn create_edit_and_remove_organisations(engine: Engine) {
    let app = TestApp::empty(engine).await;
    seed_admin(&app).await;
    let admin = app.signed_in("root@test.example").await;

    let page = admin.get_text("/admin/organisations/new?kind=icb").await.1;
    let csrf = csrf_in(&page).unwrap();
    let key = page
        .split("name=\"form_key\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let fields = [
        ("csrf", csrf.as_str()),
        ("kind", "icb"),
        ("name", "  West   ICB "),
        ("form_key", key.as_str()),
    ];
    let res = admin.post_form("/admin/organisations/new", &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let icb_path = location(&res);
    // The same form sent twice (a double click) stores one organisation.
    let again = admin.post_form("/admin/organisations/new", &fields).await;
    assert_eq!(location(&again), icb_path);
    assert_eq!(app.store.list_orgs().await.unwrap().len(), 1);

    let (status, html) = admin.get_text(&icb_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("West ICB has been added"), "flash shown once");
    assert!(
        !admin.get_text(&icb_path).await.1.contains("has been added"),
        "and only once"
    );
    let icb_id = icb_path.rsplit('/').next().unwrap().to_string();

    let csrf = admin.csrf("/admin/organisations/new?kind=lmns").await;
    let res = admin
        .post_form(
            "/admin/organisations/new",
            &[
                ("csrf", &csrf),
                ("kind", "lmns"),
                ("name", "West LMNS"),
                ("parent_id", &icb_id),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let lmns_path = location(&res);

    let edit = format!("{icb_path}/edit");
    let csrf = admin.csrf(&edit).await;
    let res = admin
        .post_form(
            &edit,
            &[
                ("csrf", &csrf),
                ("kind", "icb"),
                ("name", "West and Coast ICB"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(admin
        .get_text(&icb_path)
        .await
        .1
        .contains("West and Coast ICB"));

    // The ICB still has an LMNS: removal is refused with the reason.
    let delete = format!("{icb_path}/delete");
    let csrf = admin.csrf(&delete).await;
    let res = admin.post_form(&delete, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("1 organisation(s) belong to it"));

    let csrf = admin.csrf(&format!("{lmns_path}/delete")).await;
    assert_eq!(
        admin
            .post_form(&format!("{lmns_path}/delete"), &[("csrf", &csrf)])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        admin.post_form(&delete, &[("csrf", &csrf)]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(app.store.list_orgs().await.unwrap().is_empty());
    assert_eq!(admin.get(&icb_path).await.status(), StatusCode::NOT_FOUND);

    let actions: Vec<String> = app
        .store
        .audit_for("organisation", icb_id.parse().unwrap())
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{} by {}", e.action, e.actor))
        .collect();
    assert_eq!(
        actions,
        [
            "create by root@test.example",
            "update by root@test.example",
            "delete by root@test.example"
        ]
    );
}

async fn bad_input_is_explained_and_nothing_is_lost(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let admin = app.signed_in(ADMIN).await;
    let before = app.store.list_orgs().await.unwrap().len();
    let csrf = admin.csrf("/admin/organisations/new?kind=unit").await;
    let long = "x".repeat(121);
    let res = admin
        .post_form(
            "/admin/organisations/new",
            &[
                ("csrf", &csrf),
                ("kind", "unit"),
                ("name", &long),
                ("parent_id", ""),
                ("unit_type", "spaceship"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("There is a problem"));
    assert!(
        html.contains(
            "href=\"#name\">The organisation&#x27;s name must be 120 characters or fewer"
        ),
        "{}",
        &html[..0]
    );
    assert!(html.contains("href=\"#parent_id\">"));
    assert!(html.contains("href=\"#unit_type\">Select the type of unit"));
    assert!(html.contains(&long), "what was typed is kept");

    // Duplicate name of the same kind.
    let trusts = app
        .store
        .list_orgs_of_kind(mnvp_domain::organisation::OrgKind::Trust)
        .await
        .unwrap();
    let lmns = trusts[0].parent_id.unwrap().to_string();
    let res = admin
        .post_form(
            "/admin/organisations/new",
            &[
                ("csrf", &csrf),
                ("kind", "trust"),
                ("name", &trusts[0].name),
                ("parent_id", &lmns),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("already exists"));

    // A forged parent id of the wrong kind.
    let res = admin
        .post_form(
            "/admin/organisations/new",
            &[
                ("csrf", &csrf),
                ("kind", "trust"),
                ("name", "Sneaky Trust"),
                ("parent_id", &trusts[0].id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("A trust must belong to a LMNS"));
    assert_eq!(
        admin.get("/admin/organisations/999999").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin
            .get("/admin/organisations/not-a-number")
            .await
            .status()
            .as_u16()
            / 100,
        4
    );
    assert_eq!(
        app.store.list_orgs().await.unwrap().len(),
        before,
        "no partial writes"
    );

    // Malformed email and duplicate account.
    let csrf = admin.csrf("/admin/users/new").await;
    let res = admin
        .post_form(
            "/admin/users/new",
            &[
                ("csrf", &csrf),
                ("name", "A"),
                ("email", "not-an-email"),
                ("role", "volunteer"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter an email address in the correct format"));
    assert!(html.contains("value=\"not-an-email\""));
    let res = admin
        .post_form(
            "/admin/users/new",
            &[
                ("csrf", &csrf),
                ("name", "A"),
                ("email", LEAD),
                ("role", "administrator"),
            ],
        )
        .await;
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("An account with this email address already exists"));
}

async fn api_returns_problem_json(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let anon = app.browser();
    let res = anon.get("/api/v1/organisations").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], 401);

    let admin = app.signed_in(ADMIN).await;
    let me: serde_json::Value = admin.get("/api/v1/me").await.json().await.unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_string();
    let post = |json: serde_json::Value| {
        admin
            .client
            .post(format!("{}/api/v1/organisations", admin.base))
            .header("x-csrf-token", &csrf)
            .json(&json)
            .send()
    };
    let res = post(serde_json::json!({"kind": "icb", "name": "API ICB"}))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: serde_json::Value = res.json().await.unwrap();
    assert_eq!(created["name"], "API ICB");
    let res = post(serde_json::json!({"kind": "icb", "name": "API ICB"}))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("already exists"));
    let res = post(serde_json::json!({"kind": "castle"})).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = admin
        .client
        .post(format!("{}/api/v1/organisations", admin.base))
        .header("x-csrf-token", &csrf)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = admin.get("/api/v1/organisations/999999").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}

async fn database_unavailable_is_a_clear_503(engine: Engine) {
    let app = TestApp::with_demo(engine).await;
    let b = app.browser();
    assert_eq!(b.get("/ready").await.status(), StatusCode::OK);
    app.store.close().await;
    let res = b.get("/ready").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let (status, html) = b.get_text("/login").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("The service is temporarily unavailable"));
    assert!(!html.contains("pool"), "internal details are not shown");
    assert_eq!(
        b.get("/health").await.status(),
        StatusCode::OK,
        "the process itself is alive"
    );
}

/// An empty database with one administrator.
pub async fn seed_admin(app: &TestApp) {
    let hash = mnvp_web::hash_password(PASSWORD.into()).await.unwrap();
    let new = mnvp_store::users::NewUser {
        email: mnvp_domain::parse::Email::parse("root@test.example").unwrap(),
        name: mnvp_domain::parse::Name::parse("n", "Root").unwrap(),
        role: mnvp_domain::role::Role::Administrator,
        org_id: None,
        password_hash: hash,
    };
    app.store
        .create_user(&new, None, &mnvp_store::Actor::system())
        .await
        .unwrap();
}
