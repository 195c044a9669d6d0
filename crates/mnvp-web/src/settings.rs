//! Server settings. Layering (defaults → file → `MNVP_` environment → flags) happens in the
//! CLI; this is the resolved result the server runs with.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub database_url: String,
    /// Where the `nhsuk-frontend` package's `dist/nhsuk` folder is (installed by npm).
    pub assets_dir: Option<PathBuf>,
    /// Mark cookies `Secure`; on by default whenever the public URL is https.
    pub secure_cookies: bool,
    pub session_minutes: i64,
    /// Sign-in attempts allowed per account within `throttle_window_secs` before a pause.
    pub max_failed_logins: i64,
    pub throttle_window_secs: i64,
    pub request_timeout_secs: u64,
    /// Public feedback form submissions accepted from one client address in an hour. Generous,
    /// because a hospital's guest Wi-Fi puts many people behind one address.
    pub form_submissions_per_hour: u32,
    /// The address the public reaches this server at (`https://mnvp.example.org`), for links
    /// and QR codes on posters; without it, the address a page was requested at is used.
    pub public_url: Option<String>,
    /// New coded items that make the theme worker train a new model version.
    pub theme_retrain_after: usize,
    /// How often the theme worker looks for new feedback to score, in seconds.
    pub theme_sweep_secs: u64,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .field(
                "database_url",
                &mnvp_store::connect_redacted(&self.database_url),
            )
            .field("assets_dir", &self.assets_dir)
            .field("secure_cookies", &self.secure_cookies)
            .field("session_minutes", &self.session_minutes)
            .finish_non_exhaustive()
    }
}

impl Settings {
    pub fn new(bind: SocketAddr, database_url: impl Into<String>) -> Settings {
        Settings {
            bind,
            database_url: database_url.into(),
            assets_dir: find_assets_dir(),
            secure_cookies: false,
            session_minutes: 8 * 60,
            max_failed_logins: 5,
            throttle_window_secs: 15 * 60,
            request_timeout_secs: 30,
            form_submissions_per_hour: 30,
            public_url: None,
            theme_retrain_after: 10,
            theme_sweep_secs: 60,
        }
    }
}

/// Looks for the npm-installed design system next to the working directory, then beside the
/// executable's ancestors (so `target/debug/mnvp` finds the repository's `node_modules`), then
/// where this crate was built.
pub fn find_assets_dir() -> Option<PathBuf> {
    let tail = PathBuf::from("node_modules/nhsuk-frontend/dist/nhsuk");
    let mut candidates = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd.join(&tail));
    }
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).map(|a| a.join(&tail)));
    }
    candidates.push(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(&tail),
    );
    candidates
        .into_iter()
        .find(|c| c.join("nhsuk-frontend.min.css").is_file())
}
