//! `mnvp serve`: run the web server until interrupted, then finish in-flight requests.

use super::open_store;
use crate::config::{Resolved, DEFAULT_BIND};
use anyhow::Context;
use clap::Args;
use mnvp_store::{Actor, Store};
use mnvp_web::{demo, AppState, Settings};
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Opts {
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "MNVP_BIND")]
    pub bind: Option<String>,
    /// Load the fictional demo when the database is empty, and print its sign-in details.
    #[arg(long)]
    pub demo: bool,
    /// Mark the session cookie Secure (use when served over HTTPS).
    #[arg(long, env = "MNVP_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The address the public reaches this server at (e.g. https://mnvp.example.org), used in
    /// feedback form links and QR codes; defaults to the address a page was requested at.
    #[arg(long, env = "MNVP_PUBLIC_URL")]
    pub public_url: Option<String>,
}

pub async fn run(opts: Opts, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    let bind = opts
        .bind
        .clone()
        .or_else(|| cfg.file.bind.clone())
        .unwrap_or_else(|| DEFAULT_BIND.to_string());
    let addr: SocketAddr = bind.parse().with_context(|| {
        format!("--bind '{bind}' is not an address and port like 127.0.0.1:8080")
    })?;
    let store = open_store(cfg).await?;
    let mut settings = Settings::new(addr, cfg.database_url.clone());
    if let Some(dir) = &cfg.file.assets_dir {
        settings.assets_dir = Some(dir.clone());
    }
    settings.secure_cookies = opts.secure_cookies || cfg.file.secure_cookies.unwrap_or(false);
    if let Some(m) = cfg.file.session_minutes {
        settings.session_minutes = m;
    }
    settings.public_url = match opts.public_url.clone() {
        Some(u) => Some(u),
        None => cfg.public_url()?,
    };
    settings.mail = cfg.mail()?;
    if let Some(secs) = cfg.alert_interval_secs()? {
        settings.alert_interval_secs = secs.max(1);
    }
    if let Some(n) = cfg.file.form_submissions_per_hour {
        settings.form_submissions_per_hour = n;
    }
    if settings.assets_dir.is_none() {
        tracing::warn!("the NHS.UK design system files were not found; run `npm ci` in the repository so pages are styled");
    }

    let intro = first_start(&store, opts.demo).await?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("could not listen on {addr} (is another server using it?)"))?;
    let local = listener.local_addr()?;
    let host = if local.ip().is_unspecified() {
        "localhost".to_string()
    } else {
        local.ip().to_string()
    };
    println!(
        "MNVP Hub is running. Open http://{host}:{}/ in your browser.",
        local.port()
    );
    println!(
        "Database: {}",
        mnvp_store::connect_redacted(&cfg.database_url)
    );
    for line in intro {
        println!("{line}");
    }
    match &settings.mail {
        Some(m) => println!(
            "Overdue safeguarding alerts are emailed through {}:{}.",
            m.host, m.port
        ),
        None => println!(
            "No mail server is set up (smtp_host), so overdue safeguarding alerts are shown on the dashboard only."
        ),
    }
    println!("Press Ctrl+C to stop.");

    let state = AppState::new(store, settings);
    mnvp_web::serve(state, listener, shutdown_signal()).await?;
    eprintln!("MNVP Hub stopped.");
    Ok(ExitCode::SUCCESS)
}

/// On an empty database: load the demo (with --demo) or create the first administrator and
/// print a one-time password. Returns lines to print after the URL.
async fn first_start(store: &Store, demo: bool) -> anyhow::Result<Vec<String>> {
    let empty = store.count_users().await? == 0;
    let mut lines = Vec::new();
    if demo {
        if empty {
            let summary = demo::load(store).await?;
            lines.push(format!(
                "Demo loaded: {} fictional feedback records.",
                summary.feedback
            ));
        }
        if store
            .user_by_email(&demo::demo_logins()[0].email)
            .await?
            .is_some()
        {
            lines.push(format!(
                "Demo sign-in details (every password is {}):",
                demo::DEMO_PASSWORD
            ));
            for l in demo::demo_logins() {
                lines.push(format!(
                    "  {:<26} {:<36} {}",
                    l.role.label(),
                    l.email,
                    demo::DEMO_PASSWORD
                ));
            }
        }
    } else if empty {
        let password = super::user::generated_password();
        let hash = mnvp_web::hash_password(password.clone())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let new = mnvp_store::users::NewUser {
            email: mnvp_domain::parse::Email::parse("admin@localhost.example")
                .map_err(|e| anyhow::anyhow!(e.0))?,
            name: mnvp_domain::parse::Name::parse("a name", "Administrator")
                .map_err(|e| anyhow::anyhow!(e.0))?,
            role: mnvp_domain::role::Role::Administrator,
            org_id: None,
            password_hash: hash,
        };
        store.create_user(&new, None, &Actor::system()).await?;
        lines.push("This is a new database, so a first administrator was created:".into());
        lines.push(format!(
            "  email: admin@localhost.example   password: {password}"
        ));
        lines.push("Sign in and change this password now; it is not shown again.".into());
    }
    Ok(lines)
}

/// Resolves on Ctrl+C or SIGTERM, so service managers can stop the server cleanly.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in progress");
}
