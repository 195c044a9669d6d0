//! Encryption at rest as an operator meets it: the key file is created beside a new SQLite
//! database (owner-only), the database holds no names in the clear, a backup carries a copy
//! of the key and opens with it, and a missing or wrong key stops the server with a clear
//! message instead of writing with a new key.

use crate::{client, mnvp, serve, sign_in};
use std::process::Command;

fn contains(path: &std::path::Path, needle: &str) -> bool {
    let mut bytes = std::fs::read(path).unwrap_or_default();
    bytes.extend(std::fs::read(format!("{}-wal", path.display())).unwrap_or_default());
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn feedback_text_is_encrypted_and_the_key_travels_with_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mnvp.db");
    let url = format!("sqlite://{}", db.display());
    let (code, _, err) = mnvp(&["demo", "--database-url", &url], None);
    assert_eq!(code, 0, "{err}");
    let key = dir.path().join("mnvp.db.key");
    assert!(key.exists(), "a key file is created beside the database");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // A demo comment names "Midwife Sarah"; its redaction is stored in the clear, the name is not.
    assert!(contains(&db, "on the labour ward was calm"));
    assert!(!contains(&db, "Sarah"), "no name in the database file");

    let copy = dir.path().join("copy.db");
    let (code, out, err) = mnvp(
        &[
            "backup",
            "--output",
            copy.to_str().unwrap(),
            "--database-url",
            &url,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("copy.db.key"), "{out}");
    assert_eq!(
        std::fs::read(&key).unwrap(),
        std::fs::read(dir.path().join("copy.db.key")).unwrap()
    );
    // The backup, served with its key, shows the lead the original words.
    let copy_url = format!("sqlite://{}", copy.display());
    let server = serve(&copy_url, &[]);
    let c = client();
    assert_eq!(
        sign_in(&c, &server.url, "lead@demo.mnvp.example", "MnvpDemo!2026"),
        reqwest::StatusCode::SEE_OTHER
    );
    let html = c
        .get(format!("{}inbox?q=sarah", server.url))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(html.contains("Midwife Sarah on the labour ward"), "{html}");
    drop(server);

    // Without its key, or with another, the database is not opened.
    std::fs::remove_file(dir.path().join("copy.db.key")).unwrap();
    let (code, _, err) = mnvp(&["migrate", "--database-url", &copy_url], None);
    assert_ne!(code, 0);
    assert!(err.contains("copy.db.key is missing"), "{err}");
    assert!(
        !dir.path().join("copy.db.key").exists(),
        "no new key was made"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_mnvp"))
        .args(["migrate", "--database-url", &url])
        .env("MNVP_DATA_KEY", "00".repeat(32))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not the key this database"));
}

#[test]
fn postgres_needs_its_key_from_outside_and_a_settings_file_can_name_one() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let pg = rt.block_on(mnvp_store::test_support::TestDb::new(
        mnvp_store::Engine::Postgres,
    ));
    let out = Command::new(env!("CARGO_BIN_EXE_mnvp"))
        .args(["migrate", "--database-url", &pg.url])
        .env_remove("MNVP_DATA_KEY")
        .env_remove("MNVP_DATA_KEY_FILE")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs its data key from outside the database"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("kept-elsewhere.key");
    let config = dir.path().join("mnvp.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"{}\"\ndata_key_file = \"{}\"\n",
            pg.url,
            key.display()
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mnvp"))
        .args(["--config", config.to_str().unwrap(), "demo"])
        .env_remove("MNVP_DATA_KEY")
        .env_remove("MNVP_DATA_KEY_FILE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        key.exists(),
        "the key file named in the settings was created"
    );
}
