//! Starting the app the way `mnvp serve` does, and a small HTTP client that behaves like a
//! browser (cookies kept, redirects not followed so tests can see them).

use mnvp_store::test_support::TestDb;
use mnvp_store::{Engine, Store};
use mnvp_web::{demo, AppState, Settings};
use reqwest::{redirect, Client, Response, StatusCode};

pub const PASSWORD: &str = demo::DEMO_PASSWORD;
pub const ADMIN: &str = "admin@mnvp-hub.example";
pub const LEAD: &str = "lead@demo.mnvp.example";
pub const VOLUNTEER: &str = "volunteer@demo.mnvp.example";
pub const STAFF: &str = "staff@riverside.nhs.example";
pub const COMMISSIONER: &str = "commissioner@riverside-icb.example";
pub const OTHER_LEAD: &str = "lead@downs-valley.mnvp.example";

/// Runs a scenario once per engine as two separate tests.
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(mnvp_store::Engine::Sqlite).await })+ }
        mod postgres { $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(mnvp_store::Engine::Postgres).await })+ }
    };
}

pub struct TestApp {
    pub base: String,
    pub store: Store,
    _db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl TestApp {
    /// A server with the demo loaded.
    pub async fn with_demo(engine: Engine) -> TestApp {
        let app = Self::empty(engine).await;
        demo::load(&app.store).await.expect("demo loads");
        app
    }

    pub async fn empty(engine: Engine) -> TestApp {
        Self::empty_with(engine, |_| {}).await
    }

    /// A server with the demo loaded and settings changed by `configure` (mail, intervals).
    pub async fn with_demo_and(engine: Engine, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let app = Self::empty_with(engine, configure).await;
        demo::load(&app.store).await.expect("demo loads");
        app
    }

    pub async fn empty_with(engine: Engine, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let db = TestDb::new(engine).await;
        let store = db.open().await.expect("open database");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut settings = Settings::new(addr, db.url.clone());
        settings.max_failed_logins = 3;
        configure(&mut settings);
        let state = AppState::new(store.clone(), settings);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(mnvp_web::serve(state, listener, async move {
            let _ = rx.await;
        }));
        TestApp {
            base: format!("http://{addr}"),
            store,
            _db: db,
            shutdown: Some(tx),
        }
    }

    /// Runs SQL on the app's database directly, as someone with database access would (for a
    /// record that must look older than the test that made it).
    pub async fn exec(&self, sql: &str) {
        use sqlx::Connection;
        if self._db.url.starts_with("sqlite") {
            let mut c = sqlx::SqliteConnection::connect(&self._db.url)
                .await
                .unwrap();
            sqlx::query(sql).execute(&mut c).await.unwrap();
        } else {
            let mut c = sqlx::PgConnection::connect(&self._db.url).await.unwrap();
            sqlx::query(sql).execute(&mut c).await.unwrap();
        }
    }

    pub fn browser(&self) -> Browser {
        Browser {
            base: self.base.clone(),
            client: Client::builder()
                .cookie_store(true)
                .redirect(redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    /// A browser already signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> Browser {
        let b = self.browser();
        let res = b.login(email, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "sign in as {email}");
        b
    }
}

pub struct Browser {
    pub base: String,
    pub client: Client,
}

impl Browser {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let res = self.get(path).await;
        let status = res.status();
        (status, res.text().await.unwrap())
    }

    /// The CSRF token from a page's forms (every page with a form carries it).
    pub async fn csrf(&self, path: &str) -> String {
        let (_, html) = self.get_text(path).await;
        csrf_in(&html).unwrap_or_else(|| panic!("no csrf field on {path}"))
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        let csrf = self.csrf("/login").await;
        self.post_form(
            "/login",
            &[("csrf", &csrf), ("email", email), ("password", password)],
        )
        .await
    }
}

pub fn csrf_in(html: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

pub fn location(res: &Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}
