//! QDC CSV reading and streaming CSV classification, on small generated files.

use mnvp_text::themes::{
    classify_csv, read_qdc_csv, Codebook, CsvError, Params, ThemeModel, TrainingSet,
};

const HEADER: &str =
    "Comment ID,Trust,Respondent ID,FFT answer,Person identifiable info?,Comment sentiment,\
Staff manner,Safeguarding concerns?,Timeliness of care,Parking\n";

fn qdc_csv(rows: &[(&str, &str, &str, &str)]) -> String {
    // (id, answer, sentiment, one-hot "staff,safeguarding,timeliness,parking")
    let mut s = HEADER.to_owned();
    for (i, (id, text, sentiment, onehot)) in rows.iter().enumerate() {
        s.push_str(&format!(
            "{id},T,R{},\"{}\",,{sentiment},{onehot}\n",
            i / 2,
            text.replace('"', "\"\"")
        ));
    }
    s
}

#[test]
fn reads_themes_sentiment_ids_and_skips_blank_or_uncoded_rows() {
    let csv = qdc_csv(&[
        ("c1", "The midwife was kind", "1", "1,,,"),
        ("c2", "Waited four hours", "5", ",,1,1"),
        ("c3", "", "", "1,,,"),
        ("c4", "N/A", "", "1,,,"),
        ("c5", "... 123", "3", "1,,,"),
        ("c6", "Not coded yet", "", ",,,"),
        (
            "c7",
            "Line one\nline two, with \"quotes\"",
            "not a number",
            ",1,1,",
        ),
    ]);
    let set = read_qdc_csv(csv.as_bytes()).expect("reads");
    let names: Vec<&str> = set.codebook.names().collect();
    assert_eq!(
        names,
        ["Staff manner", "Timeliness of care", "Parking"],
        "safeguarding is not a theme"
    );
    let ids: Vec<&str> = set.items.iter().filter_map(|i| i.id.as_deref()).collect();
    assert_eq!(ids, ["c1", "c2", "c7"]);
    assert_eq!(set.items[0].themes, [0]);
    assert_eq!(set.items[0].sentiment, Some(1));
    assert_eq!(set.items[1].themes, [1, 2]);
    assert_eq!(set.items[1].group.as_deref(), Some("R0"));
    assert_eq!(set.items[2].text, "Line one\nline two, with \"quotes\"");
    assert_eq!(set.items[2].sentiment, None);
}

#[test]
fn non_utf8_text_is_reported_with_its_line_number() {
    let mut bytes = qdc_csv(&[
        ("c1", "fine", "1", "1,,,"),
        ("c2", "multi\nline", "2", "1,,,"),
    ])
    .into_bytes();
    // Line 5: the header is line 1, c1 line 2, c2 lines 3–4.
    bytes.extend_from_slice(b"c3,T,R9,\"caf\xe9 was cold\",,4,1,,,\n");
    let err = read_qdc_csv(&bytes[..]).expect_err("not UTF-8");
    assert_eq!(
        err,
        CsvError::NotUtf8 {
            line: 5,
            column: "FFT answer".into()
        }
    );
    assert!(err.to_string().contains("line 5"), "{err}");
}

#[test]
fn missing_columns_are_named() {
    let err = read_qdc_csv("Comment ID,answer\n1,hi\n".as_bytes()).expect_err("no text column");
    assert_eq!(err, CsvError::MissingColumn("FFT answer".into()));
    let err = read_qdc_csv("FFT answer,Other\nhi,1\n".as_bytes()).expect_err("no themes");
    assert_eq!(err, CsvError::NoThemeColumns);
}

fn small_model() -> ThemeModel {
    let mut set = TrainingSet::new(Codebook::new(["Staff", "Waiting"]));
    for i in 0..40 {
        let (text, theme, s) = match i % 4 {
            0 => ("the midwife was lovely and kind", "Staff", 1),
            1 => ("waited hours in the queue, awful", "Waiting", 5),
            2 => ("staff were rude and dismissive", "Staff", 5),
            _ => ("long delay and wait for a bed", "Waiting", 4),
        };
        set.push(&format!("{text} {i}"), &[theme], Some(s))
            .expect("push");
    }
    let params = Params {
        features: mnvp_text::themes::FeatureConfig {
            min_df: 1,
            ..Default::default()
        },
        ..Params::default()
    };
    ThemeModel::train(&set, &params).expect("trains")
}

#[test]
fn classify_csv_writes_ids_themes_sentiment_and_confidences_in_order() {
    let model = small_model();
    let mut input = String::from("Comment ID,FFT answer\n");
    for i in 0..1500 {
        let text = match i % 3 {
            0 => "the midwife was kind",
            1 => "we waited hours",
            _ => "",
        };
        input.push_str(&format!("id{i},{text}\n"));
    }
    let mut single = Vec::new();
    let summary = classify_csv(&model, input.as_bytes(), &mut single, 1).expect("classifies");
    assert_eq!((summary.rows, summary.blank), (1500, 500));
    let mut multi = Vec::new();
    classify_csv(&model, input.as_bytes(), &mut multi, 3).expect("classifies");
    assert_eq!(
        single, multi,
        "threads do not change the output or its order"
    );

    let mut rdr = csv::Reader::from_reader(&single[..]);
    let header: Vec<String> = rdr
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        ["Comment ID", "themes", "sentiment", "Staff", "Waiting"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1500);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(&r[0], format!("id{i}"));
        let conf: Vec<f32> = (3..5).map(|c| r[c].parse().expect("confidence")).collect();
        assert!(conf.iter().all(|c| (0.0..=1.0).contains(c)));
        match i % 3 {
            0 => assert_eq!(&r[1], "Staff"),
            1 => assert_eq!(&r[1], "Waiting"),
            _ => assert_eq!((&r[1], &r[2]), ("", "")),
        }
        if i % 3 != 2 {
            let s: u8 = r[2].parse().expect("sentiment");
            assert!((1..=5).contains(&s));
        }
    }
}

#[test]
fn classify_csv_numbers_rows_without_ids_and_reports_bad_bytes() {
    let model = small_model();
    let mut out = Vec::new();
    classify_csv(
        &model,
        "text\nkind midwife\nlong wait\n".as_bytes(),
        &mut out,
        2,
    )
    .expect("classifies");
    let text = String::from_utf8(out).expect("utf8");
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["1", "2"]);

    let mut bad = b"Comment ID,FFT answer\n".to_vec();
    for i in 0..700 {
        bad.extend_from_slice(format!("{i},fine\n").as_bytes());
    }
    bad.extend_from_slice(b"x,\xff\xfe\n");
    for threads in [1, 4] {
        let err = classify_csv(&model, &bad[..], Vec::new(), threads).expect_err("bad bytes");
        assert_eq!(
            err,
            CsvError::NotUtf8 {
                line: 702,
                column: "FFT answer".into()
            }
        );
    }
    let err =
        classify_csv(&model, "id,other\n1,x\n".as_bytes(), Vec::new(), 1).expect_err("no text");
    assert!(matches!(err, CsvError::MissingColumn(_)));
}
