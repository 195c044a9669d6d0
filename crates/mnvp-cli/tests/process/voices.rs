//! `mnvp report representation` (a contract other tools rely on) and `mnvp voices
//! import-reference`, run as an operator runs them, on both engines.

use crate::mnvp;
use mnvp_store::test_support::TestDb;
use mnvp_store::Engine;

const HEADER: &str =
    "dimension,group,feedback_count,feedback_share,population_share,ratio,ci_low,ci_high,flag";

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn representation_csv_contract_sqlite() {
    representation_csv_contract(Engine::Sqlite);
}

#[test]
fn representation_csv_contract_postgres() {
    representation_csv_contract(Engine::Postgres);
}

fn representation_csv_contract(engine: Engine) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(engine));
    let url = db.url.as_str();
    let (code, _, err) = mnvp(&["demo", "--database-url", url], None);
    assert_eq!(code, 0, "{err}");

    // As a commissioner would see it (the default).
    let (code, out, err) = mnvp(
        &[
            "report",
            "representation",
            "--mnvp",
            "demo",
            "--format",
            "csv",
            "--database-url",
            url,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().next(), Some(HEADER));
    let shown = rows(&out);
    let dims: std::collections::BTreeSet<&str> = shown.iter().map(|r| r[0].as_str()).collect();
    for d in [
        "ethnic_group",
        "age_band",
        "imd_decile",
        "area",
        "experience",
        "ethnicity_deprivation",
    ] {
        assert!(dims.contains(d), "{d} missing from {dims:?}");
    }
    for r in &shown {
        assert_eq!(r.len(), 9, "{r:?}");
        match r[2].as_str() {
            "suppressed" => assert!(
                r[3] == "suppressed" && r[5] == "suppressed" && r[6] == "suppressed",
                "{r:?}"
            ),
            n => {
                let n: i64 = n.parse().unwrap_or_else(|_| panic!("count {n:?} in {r:?}"));
                assert!(
                    n == 0 || (n >= 10 && n % 5 == 0),
                    "an unprotected count leaves the lead role: {r:?}"
                );
            }
        }
        assert!(["", "under", "over"].contains(&r[8].as_str()), "{r:?}");
    }
    assert!(
        shown.iter().any(|r| r[2] == "suppressed"),
        "the demo has small groups"
    );
    let black = shown
        .iter()
        .find(|r| r[0] == "ethnic_group" && r[1] == "black")
        .unwrap();
    // Small enough in the demo that secondary suppression may hide it; if shown, it is a gap.
    assert!(
        black[8] == "under" || black[2] == "suppressed",
        "Black women are under-heard in the demo: {black:?}"
    );
    let rv6 = shown
        .iter()
        .find(|r| r[0] == "area" && r[1] == "RV6")
        .unwrap();
    assert_eq!((rv6[2].as_str(), rv6[8].as_str()), ("0", "under"));

    // As the lead sees it: exact counts, shares that add up.
    let (code, out, err) = mnvp(
        &[
            "report",
            "representation",
            "--mnvp",
            "demo",
            "--dimension",
            "ethnic_group",
            "--format",
            "csv",
            "--as-lead",
            "--database-url",
            url,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let exact = rows(&out);
    assert!(exact.iter().all(|r| r[0] == "ethnic_group"));
    let total: f64 = exact.iter().map(|r| r[3].parse::<f64>().unwrap()).sum();
    assert!((total - 1.0).abs() < 0.001, "shares add up to 1: {total}");
    assert!(exact.iter().all(|r| r[2].parse::<i64>().is_ok()));
    let black = exact.iter().find(|r| r[1] == "black").unwrap();
    assert_eq!(
        black[8], "under",
        "the lead sees the gap exactly: {black:?}"
    );

    // A period, and the errors an operator can make.
    let (code, out, _) = mnvp(
        &[
            "report",
            "representation",
            "--mnvp",
            "demo",
            "--from",
            "2026-04-01",
            "--to",
            "2026-06-30",
            "--format",
            "csv",
            "--database-url",
            url,
        ],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out.lines().next(), Some(HEADER));
    for (args, says) in [
        (vec!["--mnvp", "nowhere"], "no MNVP with the slug 'nowhere'"),
        (
            vec!["--mnvp", "demo", "--from", "01/04/2026"],
            "Enter a real date",
        ),
        (
            vec!["--mnvp", "demo", "--dimension", "shoe_size"],
            "unknown dimension",
        ),
        (vec!["--mnvp", "demo", "--format", "xlsx"], "unknown format"),
    ] {
        let mut all = vec!["report", "representation", "--database-url", url];
        all.extend(args);
        let (code, out, err) = mnvp(&all, None);
        assert_ne!(code, 0, "{all:?}");
        assert!(out.is_empty(), "no partial CSV on failure: {out}");
        assert!(err.contains(says), "{all:?}: {err}");
    }
}

#[test]
fn import_reference_reports_bad_rows_and_imports_nothing() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(Engine::Sqlite));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("ONSPD_BAD.csv");
    std::fs::write(
        &bad,
        "pcd,pcds,lsoa21,lsoa11\nRV1 1AA,RV1 1AA,E01999101,\nx,NOT A POSTCODE,E01999101,\n",
    )
    .unwrap();
    let (code, out, err) = mnvp(
        &[
            "voices",
            "import-reference",
            "--kind",
            "postcodes",
            bad.to_str().unwrap(),
            "--database-url",
            &db.url,
        ],
        None,
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("Nothing was imported"), "{err}");
    assert!(
        err.contains("line 3, column \"pcds\": \"NOT A POSTCODE\" is not a full UK postcode"),
        "{err}"
    );

    let good = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/voices-reference/ONSPD_SAMPLE_UK.csv"
    );
    let (code, out, err) = mnvp(
        &[
            "voices",
            "import-reference",
            "--kind",
            "postcodes",
            good,
            "--database-url",
            &db.url,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Imported 29 row(s) from ONSPD_SAMPLE_UK.csv"),
        "{out}"
    );
    let (code, _, err) = mnvp(
        &[
            "voices",
            "import-reference",
            "--kind",
            "imd",
            good,
            "--database-url",
            &db.url,
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("LSOA code (2021)"), "{err}");
    let (code, _, err) = mnvp(
        &[
            "voices",
            "import-reference",
            "--kind",
            "shoes",
            good,
            "--database-url",
            &db.url,
        ],
        None,
    );
    assert_ne!(code, 0);
    assert!(err.contains("postcodes, imd or births"), "{err}");
}
