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
    /// A TOML settings file (keys: database_url, data_key_file, bind, public_url, assets_dir, secure_cookies,
    /// session_minutes, log_format, form_submissions_per_hour, smtp_host, smtp_port, smtp_from, smtp_username,
    /// smtp_password, smtp_tls, alert_interval_secs).
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
    /// Where the key that encrypts feedback text is kept (created on first start).
    pub data_key_file: Option<PathBuf>,
    /// The address people reach the server at: links in emails, form links and QR codes on posters.
    pub public_url: Option<String>,
    /// Public feedback form submissions accepted per client address per hour.
    pub form_submissions_per_hour: Option<u32>,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub smtp_from: Option<String>,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    pub smtp_tls: Option<String>,
    pub alert_interval_secs: Option<u64>,
}

/// Settings after layering, shared by every subcommand.
pub struct Resolved {
    pub database_url: String,
    pub file: FileSettings,
    pub log_json: bool,
    /// Where the data key comes from: `MNVP_DATA_KEY`, else `MNVP_DATA_KEY_FILE`, else the
    /// file's `data_key_file`, else (SQLite) a key file beside the database.
    pub data_key: mnvp_store::KeyConfig,
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
        let mut data_key = mnvp_store::KeyConfig::from_env();
        if data_key.file.is_none() {
            data_key.file = file.data_key_file.clone();
        }
        Ok(Resolved {
            database_url,
            file,
            log_json,
            data_key,
        })
    }
}

/// An environment variable, or the settings file's value.
fn env_or<T: std::str::FromStr + Clone>(name: &str, file: &Option<T>) -> anyhow::Result<Option<T>> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<T>()
            .map(Some)
            .map_err(|_| anyhow::anyhow!("{name} is not valid: '{v}'")),
        _ => Ok(file.clone()),
    }
}

impl Resolved {
    /// The mail server for overdue alerts, if `smtp_host` (or `MNVP_SMTP_HOST`) is set.
    pub fn mail(&self) -> anyhow::Result<Option<mnvp_web::settings::MailSettings>> {
        let f = &self.file;
        let Some(host) = env_or("MNVP_SMTP_HOST", &f.smtp_host)? else {
            return Ok(None);
        };
        let tls = mnvp_web::settings::MailTls::parse(
            &env_or("MNVP_SMTP_TLS", &f.smtp_tls)?.unwrap_or_default(),
        )
        .map_err(|e| anyhow::anyhow!(e))?;
        let default_port = match tls {
            mnvp_web::settings::MailTls::None => 25,
            mnvp_web::settings::MailTls::StartTls => 587,
            mnvp_web::settings::MailTls::Tls => 465,
        };
        let from = env_or("MNVP_SMTP_FROM", &f.smtp_from)?.ok_or_else(|| {
            anyhow::anyhow!("smtp_host is set, so smtp_from (MNVP_SMTP_FROM) must name the address alerts come from")
        })?;
        Ok(Some(mnvp_web::settings::MailSettings {
            host,
            port: env_or("MNVP_SMTP_PORT", &f.smtp_port)?.unwrap_or(default_port),
            from,
            username: env_or("MNVP_SMTP_USERNAME", &f.smtp_username)?,
            password: env_or("MNVP_SMTP_PASSWORD", &f.smtp_password)?,
            tls,
        }))
    }

    pub fn public_url(&self) -> anyhow::Result<Option<String>> {
        env_or("MNVP_PUBLIC_URL", &self.file.public_url)
    }

    pub fn alert_interval_secs(&self) -> anyhow::Result<Option<u64>> {
        env_or("MNVP_ALERT_INTERVAL_SECS", &self.file.alert_interval_secs)
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
