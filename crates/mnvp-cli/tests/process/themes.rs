//! `mnvp themes` as an operator uses it: list the demo's codebooks and models, export a
//! codebook and import it back unchanged (CSV and JSON), refuse a file that is not UTF-8 with
//! its line and column, take the QDC framework from a QDC data file's header, and train.

use crate::mnvp;
use mnvp_store::test_support::TestDb;
use mnvp_store::Engine;

const CODEBOOK: &str = "Maternity and neonatal experience";

fn themes(url: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["themes"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--database-url", url]);
    mnvp(&all, None)
}

#[test]
fn codebooks_round_trip_and_models_train_sqlite() {
    codebooks_round_trip_and_models_train(Engine::Sqlite);
}

#[test]
fn codebooks_round_trip_and_models_train_postgres() {
    codebooks_round_trip_and_models_train(Engine::Postgres);
}

fn codebooks_round_trip_and_models_train(engine: Engine) {
    let rt = crate::runtime();
    let db = rt.block_on(TestDb::new(engine));
    let url = db.url.as_str();
    let (code, _, err) = mnvp(&["demo", "--database-url", url], None);
    assert_eq!(code, 0, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();

    let (code, out, err) = themes(url, &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines().any(
            |l| l.starts_with("Riverside MNVP\tMaternity and neonatal experience")
                && l.contains("(trained,")
        ),
        "{out}"
    );

    for ext in ["csv", "json"] {
        let first = path(&format!("first.{ext}"));
        let (code, _, err) = themes(
            url,
            &[
                "export",
                "--mnvp",
                "demo",
                "--codebook",
                CODEBOOK,
                "--output",
                &first,
            ],
        );
        assert_eq!(code, 0, "{err}");
        let copy = format!("Copy from {ext}");
        let (code, out, err) = themes(
            url,
            &[
                "import", "--mnvp", "demo", "--file", &first, "--name", &copy,
            ],
        );
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(&format!("Imported \"{copy}\"")), "{out}");
        let again = path(&format!("again.{ext}"));
        let (code, _, err) = themes(
            url,
            &[
                "export",
                "--mnvp",
                "demo",
                "--codebook",
                &copy,
                "--output",
                &again,
            ],
        );
        assert_eq!(code, 0, "{err}");
        let (a, b) = (
            std::fs::read_to_string(&first).unwrap(),
            std::fs::read_to_string(&again).unwrap(),
        );
        if ext == "csv" {
            assert_eq!(a, b, "the CSV comes back byte for byte");
        } else {
            assert_eq!(
                a.replace(CODEBOOK, &copy),
                b,
                "the JSON comes back with its new name"
            );
        }
    }

    // A file saved in a legacy encoding is refused with the line and column, and nothing is imported.
    let latin1 = path("latin1.csv");
    std::fs::write(&latin1, b"theme,description\nCaf\xe9 food,\n").unwrap();
    let (code, _, err) = themes(url, &["import", "--mnvp", "demo", "--file", &latin1]);
    assert_ne!(code, 0);
    assert!(
        err.contains("line 2, column theme: this is not UTF-8 text"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let (_, out, _) = themes(url, &["list", "--mnvp", "demo"]);
    assert_eq!(
        out.lines().count(),
        3,
        "the demo codebook and the two copies: {out}"
    );

    // A data file in the QDC layout: its header is the framework (as a shared codebook).
    let qdc = path("fft.csv");
    std::fs::write(
        &qdc,
        "Comment ID,FFT answer,Comment sentiment,Parking,Staff continuity\nA,Hi,1,0,1\n",
    )
    .unwrap();
    let (code, out, err) = themes(url, &["import", "--shared", "--file", &qdc]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("NHS England FFT QDC framework (version 6)")
            && out.contains("4 themes and sub-themes"),
        "{out}"
    );

    // Training now: the demo codebook gets a second, trained version; an uncoded copy starts
    // from its indicative phrases and says how many coded items a trained model needs.
    let (code, out, err) = themes(url, &["train", "--mnvp", "demo", "--codebook", CODEBOOK]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Model version 2 (trained,") && out.contains("cross-validated macro F1"),
        "{out}"
    );
    let (code, out, err) = themes(
        url,
        &["train", "--mnvp", "demo", "--codebook", "Copy from csv"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("(phrases, 0 coded items)") && out.contains("until 30 items are coded"),
        "{out}"
    );
    let (code, _, err) = themes(
        url,
        &["train", "--mnvp", "demo", "--codebook", "No such codebook"],
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("there is no codebook called \"No such codebook\""),
        "{err}"
    );
}
