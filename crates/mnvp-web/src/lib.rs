//! The MNVP Hub web application. `build` is the one way to start it, used alike by `mnvp serve`
//! and by the integration tests (on port 0 with their own database).

mod account;
mod admin;
pub mod api;
pub mod auth;
pub mod capture;
pub mod demo;
mod error;
mod field;
mod forms;
mod health;
mod home;
pub mod i18n;
mod login;
mod middleware;
mod pages;
pub mod routes;
pub mod safety;
pub mod settings;
mod templates;
pub mod themes;
pub mod voices;

pub use auth::password::hash as hash_password;
pub use auth::password::hash_blocking as hash_password_blocking;
pub use auth::totp::current as current_totp_code;
pub use error::WebError;
pub use settings::Settings;

use mnvp_store::Store;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    templates: Arc<minijinja::Environment<'static>>,
    asset_version: &'static str,
    /// Submissions per client on the public feedback form (flood protection).
    pub(crate) form_limiter: Arc<capture::public::RateLimiter>,
    /// Requests to the background theme-model worker.
    pub themes: Arc<themes::Jobs>,
}

impl AppState {
    pub fn new(store: Store, settings: Settings) -> AppState {
        AppState {
            store,
            form_limiter: Arc::new(capture::public::RateLimiter::per_hour(
                settings.form_submissions_per_hour,
            )),
            settings: Arc::new(settings),
            templates: Arc::new(templates::environment()),
            asset_version: env!("CARGO_PKG_VERSION"),
            themes: Arc::default(),
        }
    }
}

/// Builds the application on an already-bound listener and returns the server future, which
/// ends after `shutdown` resolves and in-flight requests finish.
pub fn serve(
    state: AppState,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> impl Future<Output = std::io::Result<()>> {
    let app = routes::app(state.clone());
    let sweeper = tokio::spawn(sweep_sessions(state.store.clone()));
    let alerts = tokio::spawn(safety::alerts::run(state.clone()));
    let themes_worker = tokio::spawn(themes::worker::run(state.clone()));
    async move {
        let result = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        sweeper.abort();
        alerts.abort();
        themes_worker.abort();
        state.store.close().await;
        result
    }
}

/// Removes expired sessions every ten minutes.
async fn sweep_sessions(store: Store) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        if let Err(e) = store.sweep_sessions().await {
            tracing::warn!(error = %e, "session sweep failed");
        }
    }
}
