//! Commands that work on files rather than a database: `safety scan` and `text`.

use crate::mnvp;
use std::path::Path;

#[test]
fn safety_scan_flags_and_redacts_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    let output = dir.path().join("out.csv");
    std::fs::write(
        &input,
        "id,comment\nA1,\"Midwife Sarah was lovely, call me on 07700 900123\"\nA2,\"I didn't want to be here anymore after the birth\"\nA3,The food was cold\n",
    )
    .unwrap();
    let (code, _, err) = mnvp(
        &[
            "safety",
            "scan",
            "--input",
            input.to_str().unwrap(),
            "--text-column",
            "comment",
            "--output",
            output.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let mut rows = csv_rows(&output);
    assert_eq!(rows.remove(0), ["id", "flagged", "categories", "redacted"]);
    assert_eq!(rows[0][0], "A1");
    assert_eq!(rows[0][1], "false");
    assert!(
        rows[0][3].contains("[NAME]") && rows[0][3].contains("[PHONE]"),
        "{:?}",
        rows[0]
    );
    assert!(!rows[0][3].contains("07700"));
    assert_eq!(
        (rows[1][1].as_str(), rows[1][2].as_str()),
        ("true", "self_harm")
    );
    assert_eq!(rows[2][1], "false");

    let (code, _, err) = mnvp(
        &[
            "safety",
            "scan",
            "--input",
            input.to_str().unwrap(),
            "--text-column",
            "nope",
            "--output",
            dir.path().join("x.csv").to_str().unwrap(),
        ],
        None,
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("nope") && err.contains("comment"),
        "names the missing column and the ones there are: {err}"
    );
}

fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    csv_reader(&text).collect()
}

/// A minimal CSV reader for the test (quoted fields, doubled quotes), so the test does not
/// share the implementation it checks.
fn csv_reader(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        chars.peek()?;
        let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut field)),
                ('\n', false) => break,
                ('\r', false) => {}
                (c, _) => field.push(c),
            }
        }
        row.push(field);
        Some(row)
    })
}

/// `mnvp text classify --model M --input I --output O`.
fn classify(model: &Path, input: &Path, output: &Path) -> (i32, String, String) {
    let arg = |p: &Path| p.to_str().unwrap().to_string();
    let args = [
        "text",
        "classify",
        "--model",
        &arg(model),
        "--input",
        &arg(input),
        "--output",
        &arg(output),
    ]
    .map(String::from);
    mnvp(&args.iter().map(String::as_str).collect::<Vec<_>>(), None)
}

/// A small QDC-layout CSV written by the test: parking comments are about parking, kindness
/// comments about staff manner, with sentiment to match.
fn qdc_csv(rows: usize) -> String {
    let mut out = String::from("Comment ID,Respondent ID,FFT answer,Comment sentiment,Staff manner & personal attributes,Parking\n");
    let kind = [
        "The midwives were kind and caring",
        "Lovely friendly staff who listened",
        "Staff were kind, gentle and caring",
    ];
    let park = [
        "Parking was impossible and expensive",
        "Could not find a parking space anywhere",
        "The car park was full and costly",
    ];
    for i in 0..rows {
        let (text, sentiment, manner, parking) = if i % 2 == 0 {
            (kind[i % 3], 1, 1, 0)
        } else {
            (park[i % 3], 4, 0, 1)
        };
        out.push_str(&format!(
            "C{i},R{i},\"{text} (visit {i})\",{sentiment},{manner},{parking}\n"
        ));
    }
    out
}

#[test]
fn text_train_eval_and_classify_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("train.csv");
    std::fs::write(&data, qdc_csv(60)).unwrap();
    let model = dir.path().join("model");
    let (code, out, err) = mnvp(
        &[
            "text",
            "train",
            "--framework",
            "qdc",
            "--data",
            data.to_str().unwrap(),
            "--model-out",
            model.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Trained on 60 comments"), "{out}");

    let (code, out, err) = mnvp(
        &[
            "text",
            "eval",
            "--framework",
            "qdc",
            "--data",
            data.to_str().unwrap(),
            "--folds",
            "3",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Parking") && out.to_lowercase().contains("macro"),
        "{out}"
    );

    let input = dir.path().join("new.csv");
    std::fs::write(
        &input,
        "Comment ID,FFT answer\nN1,There was no parking space and the car park was expensive\nN2,The staff were so kind and caring to me\n",
    )
    .unwrap();
    let output = dir.path().join("out.csv");
    let (code, _, err) = classify(&model, &input, &output);
    assert_eq!(code, 0, "{err}");
    let rows = csv_rows(&output);
    assert_eq!(&rows[0][..3], ["Comment ID", "themes", "sentiment"]);
    assert_eq!(
        rows[0].len(),
        5,
        "one confidence column per theme: {:?}",
        rows[0]
    );
    assert_eq!(rows[1][0], "N1");
    assert!(
        rows[1][1].contains("Parking") && !rows[1][1].contains("Staff manner"),
        "{:?}",
        rows[1]
    );
    assert!(rows[2][1].contains("Staff manner"), "{:?}", rows[2]);

    // A corrupt model is a clear error, not a crash.
    for entry in std::fs::read_dir(&model).unwrap() {
        std::fs::write(entry.unwrap().path(), b"garbage").unwrap();
    }
    let (code, _, err) = classify(&model, &input, &output);
    assert_ne!(code, 0);
    assert!(err.contains("could not load the model"), "{err}");
}
