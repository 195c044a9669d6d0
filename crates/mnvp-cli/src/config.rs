//! Configuration layering: built-in defaults, then a TOML file (`--config` or `MNVP_CONFIG`),
//! then environment variables (`DATABASE_URL`, `MNVP_*`), then command-line flags.

use anyhow::{bail, Context};
use clap::Args;
use serde::Deserialize;
use std::path::PathBuf;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://mnvp.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Args, Debug, Clone)]
pub struct GlobalOpts {
    /// Database to use: sqlite://PATH (created if missing) or postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, global = true, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// A TOML settings file (keys: database_url, bind, assets_dir, secure_cookies, session_minutes, log_format, public_url, form_submissions_per_hour).
    #[arg(long, global = true, env = "MNVP_CONFIG")]
    pub config: Option<PathBuf>,
    /// Log format on standard error: "pretty" or "json".
    #[arg(long, global = true, env = "MNVP_LOG_FORMAT")]
    pub log_format: Option<String>,
}

/// Keys accepted in the settings file.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub database_url: Option<String>,
    pub bind: Option<String>,
    pub assets_dir: Option<PathBuf>,
    pub secure_cookies: Option<bool>,
    pub session_minutes: Option<i64>,
    pub log_format: Option<String>,
    /// The address the public reaches the server at, for form links and QR codes on posters.
    pub public_url: Option<String>,
    /// Public feedback form submissions accepted per client address per hour.
    pub form_submissions_per_hour: Option<u32>,
}

/// Settings after layering, shared by every subcommand.
pub struct Resolved {
    pub database_url: String,
    pub file: FileSettings,
    pub log_json: bool,
}

impl Resolved {
    pub fn load(global: &GlobalOpts) -> anyhow::Result<Resolved> {
        let file = match &global.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| {
                    format!("could not read the settings file {}", path.display())
                })?;
                toml::from_str::<FileSettings>(&text)
                    .with_context(|| format!("the settings file {} is not valid", path.display()))?
            }
            None => FileSettings::default(),
        };
        let database_url = global
            .database_url
            .clone()
            .or_else(|| std::env::var("MNVP_DATABASE_URL").ok())
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        let format = global
            .log_format
            .clone()
            .or_else(|| file.log_format.clone())
            .unwrap_or_else(|| "pretty".into());
        let log_json = match format.as_str() {
            "json" => true,
            "pretty" => false,
            other => bail!("unknown log format '{other}': use pretty or json"),
        };
        Ok(Resolved {
            database_url,
            file,
            log_json,
        })
    }
}

/// Logs go to standard error so that standard output stays for what a command prints.
/// `MNVP_LOG` (or `RUST_LOG`) sets the level, e.g. `MNVP_LOG=debug`.
pub fn init_logging(settings: &Resolved) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("MNVP_LOG")
        .or_else(|_| EnvFilter::try_from_default_env())
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if settings.log_json {
        builder.json().init();
    } else {
        builder.init();
    }
}
