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
    /// in emails and QR codes on posters; without it, pages use the address they were
    /// requested at and emails `http://{bind}`.
    pub public_url: Option<String>,
    /// The mail server for overdue safeguarding alerts; None = alerts on the dashboard only.
    pub mail: Option<MailSettings>,
    /// How often the server looks for overdue safeguarding steps.
    pub alert_interval_secs: u64,
    /// New coded items that make the theme worker train a new model version.
    pub theme_retrain_after: usize,
    /// How often the theme worker looks for new feedback to score, in seconds.
    pub theme_sweep_secs: u64,
}

/// How to reach the mail server (SMTP) that sends alert emails.
#[derive(Clone)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub from: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls: MailTls,
}

/// How the connection to the mail server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailTls {
    /// Plain SMTP: only for a relay on the same machine or a test sink.
    None,
    /// Upgrade with STARTTLS (port 587, the usual choice).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl MailTls {
    pub fn parse(raw: &str) -> Result<MailTls, String> {
        match raw.trim() {
            "none" => Ok(MailTls::None),
            "starttls" | "" => Ok(MailTls::StartTls),
            "tls" => Ok(MailTls::Tls),
            other => Err(format!(
                "unknown smtp_tls '{other}': use starttls, tls or none"
            )),
        }
    }
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("from", &self.from)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("tls", &self.tls)
            .finish()
    }
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
            .field("public_url", &self.public_url)
            .field("mail", &self.mail)
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
            mail: None,
            alert_interval_secs: 300,
            theme_retrain_after: 10,
            theme_sweep_secs: 60,
        }
    }

    /// The base of links sent outside the browser (emails), without a trailing slash.
    pub fn link_base(&self) -> String {
        match &self.public_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.bind),
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
