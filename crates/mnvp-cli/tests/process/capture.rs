//! `mnvp capture import` as an operator runs it: a dry run that names every bad row, an import
//! that stores nothing while rows are bad, then the good rows once asked, and no duplicates
//! when the file comes again — on both engines.

use crate::{mnvp, runtime};
use mnvp_store::feedback::FeedbackFilter;
use mnvp_store::test_support::TestDb;
use mnvp_store::Engine;

const CSV: &str = "Comment ID,Date,FFT categorical answer,FFT answer,Ward\n\
    A1,31/01/2026,1,Lovely midwives,Riverside Maternity Unit\n\
    A2,30/02/2026,8,Fine,Nowhere\n\
    A3,01/02/2026,Poor,Long wait in triage,\n";

/// FFT items received before March 2026 (the months the test file covers).
fn fft_count(db: &TestDb) -> i64 {
    runtime().block_on(async {
        let store = db.open().await.unwrap();
        let filter = FeedbackFilter {
            channel: "fft".into(),
            to: "2026-03-01".into(),
            ..Default::default()
        };
        let n = store.list_feedback(&filter, 1, 0).await.unwrap().1;
        store.close().await;
        n
    })
}

#[test]
fn capture_import_sqlite() {
    capture_import(Engine::Sqlite);
}

#[test]
fn capture_import_postgres() {
    capture_import(Engine::Postgres);
}

fn capture_import(engine: Engine) {
    let db = runtime().block_on(TestDb::new(engine));
    let url = db.url.as_str();
    assert_eq!(mnvp(&["demo", "--database-url", url], None).0, 0);
    // The demo's own FFT comments from those months; the import adds to them.
    let before = fft_count(&db);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("january.csv");
    std::fs::write(&file, CSV).unwrap();
    let f = file.to_str().unwrap();
    let import = |extra: &[&str]| {
        let mut args = vec![
            "capture",
            "import",
            "--mnvp",
            "demo",
            "--kind",
            "fft",
            "--file",
            f,
            "--database-url",
            url,
        ];
        args.extend_from_slice(extra);
        mnvp(&args, None)
    };

    let (code, out, err) = import(&["--dry-run"]);
    assert_eq!(code, 1, "a dry run with bad rows exits 1: {out}{err}");
    assert!(out.contains("would be imported:                2"), "{out}");
    for line in [
        "line 3, \"Date\": \"30/02/2026\" is not a date we can read",
        "line 3, \"FFT categorical answer\": \"8\" is not an FFT answer",
        "line 3, \"Ward\": \"Nowhere\" is not one of Riverside MNVP's units",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    assert!(out.contains("Dry run: nothing was imported."));
    assert_eq!(fft_count(&db) - before, 0);

    let (code, _, err) = import(&[]);
    assert_eq!(code, 1);
    assert!(err.contains("Nothing was imported: line 3"), "{err}");
    assert_eq!(fft_count(&db) - before, 0, "all or nothing");

    let (code, out, err) = import(&["--leave-out-bad-rows"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Imported 2 new items into Riverside MNVP"),
        "{out}"
    );
    assert!(out.contains("left out: line 3, \"Date\""), "{out}");
    let (code, out, _) = import(&["--leave-out-bad-rows"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Imported 0 new items") && out.contains("already imported before: 2"),
        "{out}"
    );
    assert_eq!(fft_count(&db) - before, 2);

    // Excel's plain CSV: told what to do, and readable once the encoding is given.
    std::fs::write(&file, b"Date,FFT answer\n31/01/2026,Caf\xe9 was shut\n").unwrap();
    let (code, out, _) = import(&["--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("not saved as UTF-8 text, and looks like Windows-1252"),
        "{out}"
    );
    let (code, out, err) = import(&["--encoding", "windows-1252"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(fft_count(&db) - before, 3);

    // 100,000 rows with one bad row near the end: named by line, and nothing is stored.
    let mut big = String::from("Date,FFT categorical answer,FFT answer\n");
    for i in 0..100_000 {
        if i == 99_990 {
            big.push_str("31/02/2026,1,Lovely\n");
        } else {
            big.push_str(&format!(
                "{:02}/01/2026,{},Comment {i}\n",
                i % 28 + 1,
                i % 5 + 1
            ));
        }
    }
    std::fs::write(&file, big).unwrap();
    let (code, out, _) = import(&["--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("Rows read:                    100,000"),
        "{out}"
    );
    assert!(
        out.contains("line 99992, \"Date\": \"31/02/2026\" is not a date"),
        "{out}"
    );
    let (code, _, err) = import(&[]);
    assert_eq!(code, 1);
    assert!(err.contains("Nothing was imported: line 99992"), "{err}");
    assert_eq!(fft_count(&db) - before, 3, "nothing half-written");

    // A mapped import names the mapping it cannot find.
    let (code, _, err) = mnvp(
        &[
            "capture",
            "import",
            "--mnvp",
            "demo",
            "--kind",
            "mapped",
            "--mapping",
            "Nope",
            "--file",
            f,
            "--database-url",
            url,
        ],
        None,
    );
    assert_ne!(code, 0);
    assert!(err.contains("no saved mapping called 'Nope'"), "{err}");
    let (code, _, err) = mnvp(
        &[
            "capture",
            "import",
            "--mnvp",
            "nowhere",
            "--kind",
            "fft",
            "--file",
            f,
            "--database-url",
            url,
        ],
        None,
    );
    assert_ne!(code, 0);
    assert!(err.contains("no MNVP has the slug 'nowhere'"), "{err}");
}
