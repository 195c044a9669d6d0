//! The CSV scanner behind `mnvp safety scan`: output shape, typed errors, streaming.

use mnvp_text::safety::{scan_csv, Category, ScanError};
use proptest::prelude::*;

fn scan(input: &[u8], column: &str) -> (Result<mnvp_text::safety::ScanSummary, ScanError>, String) {
    let mut out = Vec::new();
    let result = scan_csv(input, &mut out, column);
    (result, String::from_utf8_lossy(&out).into_owned())
}

#[test]
fn writes_id_flags_categories_and_redacted_text() {
    let input = "id,unit,comment\n\
                 r1,Labour,Midwife Sarah was lovely\n\
                 r2,Postnatal,\"He checks my phone, and I was given the wrong dose. Call 07700 900123\"\n";
    let (result, out) = scan(input.as_bytes(), "comment");
    let summary = result.expect("scan succeeds");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "id,flagged,categories,redacted");
    assert_eq!(lines[1], "r1,false,,Midwife [NAME] was lovely");
    assert_eq!(
        lines[2],
        "r2,true,domestic_abuse;patient_safety,\"He checks my phone, and I was given the wrong dose. Call [PHONE]\""
    );
    assert_eq!(summary.rows, 2);
    assert_eq!(summary.flagged, 1);
    assert_eq!(summary.entities_redacted, 2);
    assert!(summary.per_category.contains(&(Category::DomesticAbuse, 1)));
    assert!(summary.per_category.contains(&(Category::SelfHarm, 0)));
}

#[test]
fn missing_column_lists_the_headers() {
    let (result, _) = scan(b"id,text\n1,hello\n", "comment");
    match result {
        Err(ScanError::MissingColumn { column, available }) => {
            assert_eq!(column, "comment");
            assert_eq!(available, ["id", "text"]);
        }
        other => panic!("unexpected {other:?}"),
    }
    let message = scan(b"id,text\n", "comment")
        .0
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(message.contains("id, text"), "{message}");
}

#[test]
fn non_utf8_reports_the_line() {
    let mut input = b"id,text\n1,fine\n2,caf".to_vec();
    input.push(0xe9);
    input.extend_from_slice(b" latte\n");
    match scan(&input, "text").0 {
        Err(ScanError::NotUtf8 { line }) => assert_eq!(line, 3),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn malformed_rows_report_the_line() {
    match scan(b"id,text\n1,fine\n2,too,many\n", "text").0 {
        Err(ScanError::Malformed { line, message }) => {
            assert_eq!(line, 3);
            assert!(message.contains("expected 2 fields"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn empty_input_is_an_error() {
    assert!(matches!(scan(b"", "text").0, Err(ScanError::NoHeader)));
}

#[test]
fn text_as_first_column_is_never_written_unredacted() {
    let (result, out) = scan("comment,id\nDr Okafor was kind,7\n".as_bytes(), "comment");
    assert!(result.is_ok());
    assert!(!out.contains("Okafor"), "{out}");
    assert!(out
        .lines()
        .nth(1)
        .is_some_and(|l| l.starts_with("Dr [NAME] was kind,false,,")));
}

#[test]
fn byte_order_mark_and_header_case_are_tolerated() {
    let (result, out) = scan("\u{feff}ID,Comment\n1,ok\n".as_bytes(), "comment");
    assert!(result.is_ok(), "{result:?}");
    assert!(out.starts_with("ID,flagged,categories,redacted"), "{out}");
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut input = b"id,text\n".to_vec();
        input.extend(bytes);
        let mut out = Vec::new();
        let _ = scan_csv(input.as_slice(), &mut out, "text");
    }
}
