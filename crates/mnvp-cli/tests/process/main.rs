//! The `mnvp` binary as an operator uses it: first start, the demo, accounts from the command
//! line, a backup while serving, a kill -9 that loses nothing, and the audit check.

use mnvp_store::test_support::TestDb;
use mnvp_store::Engine;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mnvp");

struct Server {
    child: Child,
    url: String,
    stdout: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary, given the test data key when it will open a PostgreSQL database (which keeps
/// its key outside the database; SQLite databases keep theirs in a file beside them).
fn bin(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    if args.iter().any(|a| a.starts_with("postgres")) {
        cmd.env("MNVP_DATA_KEY", mnvp_store::test_support::TEST_DATA_KEY);
    }
    cmd
}

/// Starts `mnvp serve` on a free port and reads its start-up lines up to "Press Ctrl+C".
fn serve(db: &str, extra: &[&str]) -> Server {
    let mut child = bin(&[db])
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", db])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start mnvp serve");
    let mut lines = Vec::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || Instant::now() > deadline {
            panic!("server did not start; printed: {lines:?}");
        }
        let done = line.starts_with("Press Ctrl+C");
        lines.push(line.trim_end().to_string());
        if done {
            break;
        }
    }
    let url = lines
        .iter()
        .find_map(|l| l.split_whitespace().find(|w| w.starts_with("http://")))
        .expect("URL printed")
        .to_string();
    Server {
        child,
        url,
        stdout: lines,
    }
}

pub(crate) fn mnvp(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = bin(args)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// `mnvp backup --output OUT --database-url URL`.
fn backup(url: &str, out: &std::path::Path) -> (i32, String, String) {
    mnvp(
        &[
            "backup",
            "--output",
            out.to_str().unwrap(),
            "--database-url",
            url,
        ],
        None,
    )
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn csrf(html: &str) -> String {
    let m = "name=\"csrf\" value=\"";
    let s = html.find(m).unwrap() + m.len();
    html[s..s + html[s..].find('"').unwrap()].to_string()
}

fn sign_in(
    c: &reqwest::blocking::Client,
    url: &str,
    email: &str,
    password: &str,
) -> reqwest::StatusCode {
    let page = c.get(format!("{url}login")).send().unwrap().text().unwrap();
    c.post(format!("{url}login"))
        .form(&[
            ("csrf", csrf(&page).as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .unwrap()
        .status()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap()
}

#[test]
fn first_start_prints_a_working_administrator_sqlite() {
    first_start_prints_a_working_administrator(Engine::Sqlite);
}

#[test]
fn first_start_prints_a_working_administrator_postgres() {
    first_start_prints_a_working_administrator(Engine::Postgres);
}

fn first_start_prints_a_working_administrator(engine: Engine) {
    let rt = runtime();
    let db = rt.block_on(TestDb::new(engine));
    let server = serve(&db.url, &[]);
    let line = server
        .stdout
        .iter()
        .find(|l| l.contains("password:"))
        .expect("admin printed");
    let password = line.rsplit(' ').next().unwrap();
    let c = client();
    assert_eq!(
        sign_in(&c, &server.url, "admin@localhost.example", password),
        reqwest::StatusCode::SEE_OTHER
    );
    assert_eq!(
        c.get(&server.url).send().unwrap().status(),
        reqwest::StatusCode::OK
    );
    drop(server);
    // A second start prints no new password.
    let again = serve(&db.url, &[]);
    assert!(
        !again.stdout.iter().any(|l| l.contains("password:")),
        "{:?}",
        again.stdout
    );
}

#[test]
fn demo_accounts_cli_accounts_and_audit_sqlite() {
    demo_accounts_cli_accounts_and_audit(Engine::Sqlite);
}

#[test]
fn demo_accounts_cli_accounts_and_audit_postgres() {
    demo_accounts_cli_accounts_and_audit(Engine::Postgres);
}

fn demo_accounts_cli_accounts_and_audit(engine: Engine) {
    let rt = runtime();
    let db = rt.block_on(TestDb::new(engine));
    let url = db.url.as_str();
    let (code, out, err) = mnvp(&["demo", "--database-url", url], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("lead@demo.mnvp.example"), "{out}");
    let (code, _, err) = mnvp(&["demo", "--database-url", url], None);
    assert_ne!(code, 0, "the demo is never loaded over existing data");
    assert!(err.contains("only loaded into an empty database"), "{err}");

    let (code, out, err) = mnvp(
        &[
            "user",
            "add",
            "--email",
            "new.lead@demo.example",
            "--name",
            "New Lead",
            "--role",
            "mnvp_lead",
            "--mnvp",
            "demo",
            "--database-url",
            url,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("Password: "))
        .expect("password printed")
        .to_string();
    let (code, _, err) = mnvp(
        &[
            "user",
            "add",
            "--email",
            "new.lead@demo.example",
            "--name",
            "Again",
            "--admin",
            "--database-url",
            url,
        ],
        None,
    );
    assert_ne!(code, 0);
    assert!(err.contains("already exists"), "{err}");
    let (code, _, err) = mnvp(
        &[
            "user",
            "add",
            "--email",
            "bad",
            "--name",
            "X",
            "--database-url",
            url,
        ],
        None,
    );
    assert_ne!(code, 0);
    assert!(err.contains("--email"), "{err}");
    let (code, _, err) = mnvp(
        &[
            "user",
            "reset-password",
            "--email",
            "new.lead@demo.example",
            "--password-stdin",
            "--database-url",
            url,
        ],
        Some("short\n"),
    );
    assert_ne!(code, 0);
    assert!(err.contains("12 characters"), "{err}");
    let (code, _, err) = mnvp(
        &[
            "user",
            "reset-password",
            "--email",
            "new.lead@demo.example",
            "--password-stdin",
            "--database-url",
            url,
        ],
        Some("a long enough new password\n"),
    );
    assert_eq!(code, 0, "{err}");

    let server = serve(url, &[]);
    let c = client();
    assert_eq!(
        sign_in(&c, &server.url, "new.lead@demo.example", &password),
        reqwest::StatusCode::UNPROCESSABLE_ENTITY,
        "old password no longer works"
    );
    assert_eq!(
        sign_in(
            &c,
            &server.url,
            "new.lead@demo.example",
            "a long enough new password"
        ),
        reqwest::StatusCode::SEE_OTHER
    );
    drop(server);

    let (code, out, _) = mnvp(&["audit", "verify", "--database-url", url], None);
    assert_eq!(code, 0);
    assert!(out.contains("intact"), "{out}");
    let (code, _, err) = mnvp(&["serve", "--database-url", "mysql://nope"], None);
    assert_ne!(code, 0);
    assert!(err.contains("unsupported database URL"), "{err}");
}

#[test]
fn kill_9_loses_nothing_and_backup_runs_while_serving() {
    let rt = runtime();
    let db = rt.block_on(TestDb::new(Engine::Sqlite));
    let server = serve(&db.url, &["--demo"]);
    let c = client();
    assert_eq!(
        sign_in(&c, &server.url, "admin@mnvp-hub.example", "MnvpDemo!2026"),
        reqwest::StatusCode::SEE_OTHER
    );
    let page = c
        .get(format!("{}admin/organisations/new?kind=icb", server.url))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let res = c
        .post(format!("{}admin/organisations/new", server.url))
        .form(&[
            ("csrf", csrf(&page).as_str()),
            ("kind", "icb"),
            ("name", "Committed Before The Crash ICB"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);

    // A consistent copy while the server runs.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    let (code, _, err) = backup(&db.url, &copy);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = backup(&db.url, &copy);
    assert_ne!(code, 0, "a backup never overwrites a file");
    assert!(err.contains("already exists"), "{err}");
    let copy_url = format!("sqlite://{}", copy.display());
    let copied = rt.block_on(async {
        let s = mnvp_store::Store::open(&copy_url).await.unwrap();
        s.list_orgs()
            .await
            .unwrap()
            .iter()
            .any(|o| o.name == "Committed Before The Crash ICB")
    });
    assert!(copied, "the backup holds the committed organisation");

    // kill -9, then start again on the same file with no repair step.
    let mut server = server;
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-9", &pid])
        .status()
        .unwrap()
        .success());
    let _ = server.child.wait();
    let again = serve(&db.url, &[]);
    let c = client();
    assert_eq!(
        sign_in(&c, &again.url, "admin@mnvp-hub.example", "MnvpDemo!2026"),
        reqwest::StatusCode::SEE_OTHER
    );
    let html = c
        .get(format!("{}admin/organisations", again.url))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(html.contains("Committed Before The Crash ICB"));
    let ready = c.get(format!("{}ready", again.url)).send().unwrap();
    assert_eq!(ready.status(), reqwest::StatusCode::OK);
    let (code, out, _) = mnvp(&["audit", "verify", "--database-url", &db.url], None);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn postgres_backup_uses_pg_dump() {
    let rt = runtime();
    let db = rt.block_on(TestDb::new(Engine::Postgres));
    let (code, _, err) = mnvp(&["demo", "--database-url", &db.url], None);
    assert_eq!(code, 0, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("backup.pgdump");
    let (code, _, err) = backup(&db.url, &out);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"PGDMP"),
        "a pg_dump custom-format archive"
    );
}

#[test]
fn settings_file_and_environment_are_layered() {
    let dir = tempfile::tempdir().unwrap();
    let from_file = dir.path().join("from-file.db");
    let config = dir.path().join("mnvp.toml");
    std::fs::write(
        &config,
        format!("database_url = \"sqlite://{}\"\n", from_file.display()),
    )
    .unwrap();
    let (code, out, err) = mnvp(&["--config", config.to_str().unwrap(), "migrate"], None);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("from-file.db") && from_file.exists(),
        "the file's database was used: {out}"
    );

    // A flag beats the file.
    let from_flag = dir.path().join("from-flag.db");
    let flag_url = format!("sqlite://{}", from_flag.display());
    let (code, out, _) = mnvp(
        &[
            "--config",
            config.to_str().unwrap(),
            "migrate",
            "--database-url",
            &flag_url,
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("from-flag.db") && from_flag.exists());

    // A misspelt key is reported, not ignored.
    std::fs::write(&config, "databse_url = \"sqlite://x.db\"\n").unwrap();
    let (code, _, err) = mnvp(&["--config", config.to_str().unwrap(), "migrate"], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("not valid") && err.contains("databse_url"),
        "{err}"
    );
}

mod capture;
mod files;
mod safety;
mod themes;
mod voices;
