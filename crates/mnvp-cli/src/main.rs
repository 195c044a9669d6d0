//! The `mnvp` command: one binary that runs the server and every administrative task.
//! Each subcommand lives in its own file under `commands/`.

mod commands;
mod config;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "mnvp",
    version,
    about = "MNVP Hub: listen to every voice in maternity and neonatal care"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: config::GlobalOpts,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (applies pending migrations first).
    Serve(commands::serve::Opts),
    /// Apply pending database migrations and exit.
    Migrate(commands::migrate::Opts),
    /// Load the fictional demo organisations, accounts and feedback into an empty database.
    Demo(commands::demo::Opts),
    /// Manage accounts.
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// Write a consistent copy of the database while the server keeps running.
    Backup(commands::backup::Opts),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(commands::audit::AuditCommand),
    /// Safeguarding: flag disclosures and redact personal details in files.
    #[command(subcommand)]
    Safety(commands::safety::SafetyCommand),
    /// Themes and sentiment: train, evaluate and apply text models on CSV files.
    #[command(subcommand)]
    Text(commands::text::TextCommand),
    /// Feedback channels: import FFT, CQC Maternity Survey and mapped spreadsheet files.
    #[command(subcommand)]
    Capture(commands::capture::CaptureCommand),
    /// Hearing all voices: import reference data (postcodes, deprivation, births).
    #[command(subcommand)]
    Voices(commands::voices::VoicesCommand),
    /// Reports: representation against the local birthing population.
    #[command(subcommand)]
    Report(commands::report::ReportCommand),
    /// Codebooks and theme models in the database: list, import, export, train.
    #[command(subcommand)]
    Themes(commands::themes::ThemesCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match config::Resolved::load(&cli.global) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    config::init_logging(&settings);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(dispatch(cli.command, &settings));
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(command: Command, settings: &config::Resolved) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve(o) => commands::serve::run(o, settings).await,
        Command::Migrate(o) => commands::migrate::run(o, settings).await,
        Command::Demo(o) => commands::demo::run(o, settings).await,
        Command::User(c) => commands::user::run(c, settings).await,
        Command::Backup(o) => commands::backup::run(o, settings).await,
        Command::Audit(c) => commands::audit::run(c, settings).await,
        Command::Safety(c) => commands::safety::run(c),
        Command::Text(c) => commands::text::run(c),
        Command::Capture(c) => commands::capture::run(c, settings).await,
        Command::Voices(c) => commands::voices::run(c, settings).await,
        Command::Report(c) => commands::report::run(c, settings).await,
        Command::Themes(c) => commands::themes::run(c, settings).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn contract_flags_parse() {
        let cli = Cli::try_parse_from([
            "mnvp",
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            "sqlite://x.db",
            "--demo",
        ])
        .unwrap();
        assert_eq!(cli.global.database_url.as_deref(), Some("sqlite://x.db"));
        match cli.command {
            Command::Serve(o) => {
                assert!(o.demo);
                assert_eq!(o.bind.as_deref(), Some("127.0.0.1:0"));
            }
            other => panic!("parsed as {other:?}"),
        }
        for args in [
            vec!["mnvp", "migrate", "--database-url", "sqlite://x.db"],
            vec!["mnvp", "demo", "--database-url", "sqlite://x.db"],
            vec![
                "mnvp",
                "user",
                "add",
                "--admin",
                "--email",
                "a@b.example",
                "--name",
                "A",
                "--database-url",
                "sqlite://x.db",
            ],
            vec![
                "mnvp",
                "user",
                "reset-password",
                "--email",
                "a@b.example",
                "--database-url",
                "sqlite://x.db",
            ],
            vec![
                "mnvp",
                "backup",
                "--output",
                "copy.db",
                "--database-url",
                "sqlite://x.db",
            ],
            vec!["mnvp", "audit", "verify", "--database-url", "sqlite://x.db"],
            vec![
                "mnvp",
                "capture",
                "import",
                "--mnvp",
                "demo",
                "--kind",
                "mapped",
                "--mapping",
                "Facebook",
                "--file",
                "f.csv",
                "--dry-run",
            ],
            vec![
                "mnvp",
                "voices",
                "import-reference",
                "--kind",
                "postcodes",
                "ONSPD.csv",
                "--database-url",
                "sqlite://x.db",
            ],
            vec![
                "mnvp",
                "report",
                "representation",
                "--mnvp",
                "demo",
                "--from",
                "2026-04-01",
                "--to",
                "2027-03-31",
                "--dimension",
                "ethnic_group",
                "--format",
                "csv",
                "--as-lead",
                "--database-url",
                "sqlite://x.db",
            ],
            vec![
                "mnvp",
                "safety",
                "scan",
                "--input",
                "in.csv",
                "--text-column",
                "text",
                "--output",
                "out.csv",
            ],
        ] {
            assert!(Cli::try_parse_from(&args).is_ok(), "{args:?}");
        }
        assert!(Cli::try_parse_from(["mnvp", "serve", "--no-such-flag"]).is_err());
        // A mapped import needs the mapping's name.
        assert!(Cli::try_parse_from([
            "mnvp", "capture", "import", "--mnvp", "demo", "--kind", "mapped", "--file", "f.csv"
        ])
        .is_err());
    }
}
