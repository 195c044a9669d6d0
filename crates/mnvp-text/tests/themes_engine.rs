//! Theme engine: learning, thresholds, persistence, errors and cross-validation, on synthetic
//! comments where certain words signal certain themes and sentiments, with noise.

use mnvp_text::themes::{
    cross_validate, eval_report_text, Codebook, ModelError, Params, ThemeModel, TrainError,
    TrainingItem, TrainingSet,
};

const THEMES: [&str; 5] = [
    "Staff attitude",
    "Waiting times",
    "Food",
    "Parking",
    "Information",
];

/// Words that signal each theme.
const CUES: [&[&str]; 5] = [
    &["midwife", "staff", "nurse", "attitude", "manner"],
    &["waited", "wait", "hours", "delay", "queue"],
    &["food", "meal", "sandwich", "tea", "breakfast"],
    &["parking", "car", "park", "ticket", "spaces"],
    &["explained", "information", "leaflet", "told", "updates"],
];
const FILLER: [&&str; 12] = [
    &"the", &"was", &"on", &"ward", &"and", &"my", &"baby", &"we", &"it", &"really", &"at",
    &"night",
];
const GOOD: [&str; 4] = ["lovely", "great", "kind", "brilliant"];
const BAD: [&str; 4] = ["awful", "rude", "terrible", "poor"];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A synthetic coded comment: 1–2 themes, each shown by one or two cue words; sentiment 1 or 2
/// for praise, 4 or 5 for complaints; 10% of comments carry a wrong extra label (noise).
fn comment(rng: &mut Lcg) -> TrainingItem {
    let mut themes = vec![rng.below(5)];
    if rng.below(3) == 0 {
        let t = rng.below(5);
        if !themes.contains(&t) {
            themes.push(t);
        }
    }
    let positive = rng.below(2) == 0;
    let mut words: Vec<&str> = Vec::new();
    for &t in &themes {
        for _ in 0..1 + rng.below(2) {
            words.push(CUES[t][rng.below(CUES[t].len())]);
        }
    }
    for _ in 0..2 + rng.below(5) {
        words.push(FILLER[rng.below(FILLER.len())]);
    }
    words.push(if positive {
        GOOD[rng.below(4)]
    } else {
        BAD[rng.below(4)]
    });
    // Shuffle.
    for i in (1..words.len()).rev() {
        words.swap(i, rng.below(i + 1));
    }
    let mut labels = themes.clone();
    if rng.below(10) == 0 {
        let t = rng.below(5);
        if !labels.contains(&t) {
            labels.push(t);
        }
    }
    let sentiment = if positive {
        1 + rng.below(2)
    } else {
        4 + rng.below(2)
    } as u8;
    TrainingItem {
        text: words.join(" "),
        themes: labels,
        sentiment: Some(sentiment),
        ..TrainingItem::default()
    }
}

fn synthetic(n: usize, seed: u64) -> TrainingSet {
    let mut rng = Lcg(seed);
    TrainingSet {
        codebook: Codebook::new(THEMES),
        items: (0..n).map(|_| comment(&mut rng)).collect(),
    }
}

fn quick_params() -> Params {
    Params {
        features: mnvp_text::themes::FeatureConfig {
            min_df: 1,
            ..Default::default()
        },
        ..Params::default()
    }
}

#[test]
fn learns_planted_themes_and_sentiment() {
    let train = synthetic(400, 1);
    let test = synthetic(200, 2);
    let model = ThemeModel::train(&train, &quick_params()).expect("trains");
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut polarity_right = 0;
    for item in &test.items {
        let s = model.scores(&item.text);
        for (j, &a) in s.assigned.iter().enumerate() {
            match (a, item.themes.contains(&j)) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
        }
        let truth_positive = item.sentiment.is_some_and(|v| v <= 2);
        if (s.sentiment <= 2) == truth_positive && s.sentiment != 3 {
            polarity_right += 1;
        }
    }
    let micro_f1 = 2.0 * f64::from(tp) / f64::from(2 * tp + fp + fn_);
    // Chance (applying a theme at random at its base rate) is about 0.3 here.
    assert!(micro_f1 > 0.8, "micro F1 {micro_f1}");
    assert!(
        polarity_right > 180,
        "sentiment polarity right for {polarity_right} of 200"
    );
}

#[test]
fn decisions_follow_thresholds_and_confidences_are_exposed() {
    let model = ThemeModel::train(&synthetic(300, 3), &quick_params()).expect("trains");
    let thresholds = model.thresholds();
    assert_eq!(thresholds.len(), THEMES.len());
    for text in [
        "the midwife was rude",
        "waited hours for a meal",
        "nothing to say",
        "",
    ] {
        let p = model.predict(text);
        assert_eq!(p.scores.len(), THEMES.len());
        for (s, t) in p.scores.iter().zip(&thresholds) {
            assert!((0.0..=1.0).contains(&s.confidence));
            assert_eq!(s.threshold, *t);
            assert_eq!(s.assigned, s.confidence >= s.threshold, "{text}: {s:?}");
        }
        let applied: Vec<&str> = p
            .scores
            .iter()
            .filter(|s| s.assigned)
            .map(|s| s.label.as_str())
            .collect();
        let mut listed: Vec<&str> = p.themes.iter().map(|(l, _)| l.as_str()).collect();
        listed.sort();
        let mut applied_sorted = applied.clone();
        applied_sorted.sort();
        assert_eq!(listed, applied_sorted);
        assert!((1..=5).contains(&p.sentiment));
    }
    let p = model.predict("we waited hours in the queue");
    assert_eq!(
        p.themes.first().map(|t| t.0.as_str()),
        Some("Waiting times"),
        "{p:?}"
    );
}

#[test]
fn save_and_load_give_identical_predictions() {
    let model = ThemeModel::train(&synthetic(200, 4), &quick_params()).expect("trains");
    let dir = tempfile::tempdir().expect("tempdir");
    model.save(dir.path()).expect("saves");
    let loaded = ThemeModel::load(dir.path()).expect("loads");
    for item in synthetic(50, 5).items {
        assert_eq!(model.predict(&item.text), loaded.predict(&item.text));
    }
    assert_eq!(loaded.codebook(), model.codebook());
    assert_eq!(loaded.params(), model.params());
    // The same layout in memory (how the product keeps model versions in its database).
    let bytes = model.to_bytes().expect("serialises");
    assert_eq!(
        bytes,
        std::fs::read(dir.path().join("theme-model.bin")).unwrap()
    );
    let from_bytes = ThemeModel::from_bytes(&bytes, "model version 1").expect("reads");
    let text = &synthetic(1, 8).items[0].text;
    assert_eq!(from_bytes.predict(text), model.predict(text));
    let mut damaged = bytes.clone();
    damaged[bytes.len() / 2] ^= 1;
    let err = ThemeModel::from_bytes(&damaged, "model version 1").expect_err("damaged");
    assert!(
        err.to_string()
            .starts_with("model version 1: the model file is damaged"),
        "{err}"
    );
}

#[test]
fn damaged_model_files_give_clear_errors() {
    let model = ThemeModel::train(&synthetic(200, 6), &quick_params()).expect("trains");
    let dir = tempfile::tempdir().expect("tempdir");
    model.save(dir.path()).expect("saves");
    let file = dir.path().join("theme-model.bin");
    let good = std::fs::read(&file).expect("read");

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    std::fs::write(&file, &flipped).expect("write");
    let err = ThemeModel::load(dir.path()).expect_err("corrupt");
    assert!(matches!(err, ModelError::Corrupt(_)), "{err:?}");
    assert!(err.to_string().contains("damaged"), "{err}");

    std::fs::write(&file, &good[..good.len() / 3]).expect("write");
    assert!(matches!(
        ThemeModel::load(dir.path()),
        Err(ModelError::Corrupt(_))
    ));

    std::fs::write(&file, b"hello, world").expect("write");
    assert!(matches!(
        ThemeModel::load(dir.path()),
        Err(ModelError::NotAModel(_))
    ));

    let missing = dir.path().join("nowhere");
    assert!(matches!(
        ThemeModel::load(&missing),
        Err(ModelError::Io { .. })
    ));
}

#[test]
fn training_refuses_bad_input_with_clear_errors() {
    let p = Params::default();
    let small = synthetic(5, 7);
    let err = ThemeModel::train(&small, &p).expect_err("too few");
    assert!(
        matches!(err, TrainError::TooFewItems { found: 5, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("too few"));

    let mut unlabelled = synthetic(50, 8);
    for it in &mut unlabelled.items {
        it.themes.clear();
    }
    assert_eq!(
        ThemeModel::train(&unlabelled, &p).expect_err("no labels"),
        TrainError::NoLabels
    );

    let mut empty_codebook = synthetic(50, 9);
    empty_codebook.codebook = Codebook::default();
    assert_eq!(
        ThemeModel::train(&empty_codebook, &p).expect_err("empty"),
        TrainError::EmptyCodebook
    );

    let mut out_of_range = synthetic(50, 10);
    out_of_range.items[3].themes.push(9);
    assert!(matches!(
        ThemeModel::train(&out_of_range, &p),
        Err(TrainError::ThemeOutOfRange {
            item: 3,
            theme: 9,
            ..
        })
    ));

    let mut bad_sentiment = synthetic(50, 11);
    bad_sentiment.items[0].sentiment = Some(7);
    assert!(matches!(
        ThemeModel::train(&bad_sentiment, &p),
        Err(TrainError::BadSentiment { .. })
    ));

    let mut set = TrainingSet::new(Codebook::new(["A"]));
    assert!(matches!(
        set.push("x", &["B"], None),
        Err(TrainError::UnknownTheme(_))
    ));
}

#[test]
fn trains_without_sentiment() {
    let mut set = synthetic(200, 12);
    for it in &mut set.items {
        it.sentiment = None;
    }
    let model = ThemeModel::train(&set, &quick_params()).expect("trains");
    assert!(!model.has_sentiment());
    let p = model.predict("the food was great");
    assert_eq!((p.sentiment, p.sentiment_confidence), (3, 0.0));
}

#[test]
fn cross_validation_reports_per_theme_and_overall_f1() {
    let mut set = synthetic(300, 13);
    // Group comments in pairs, as one respondent answering two questions.
    for (i, it) in set.items.iter_mut().enumerate() {
        it.group = Some(format!("r{}", i / 2));
    }
    let report = cross_validate(&set, 3, 1).expect("cross-validates");
    assert_eq!(report.n_items, 300);
    assert_eq!(report.themes.len(), THEMES.len());
    assert!(report.macro_f1 > 0.7, "macro F1 {}", report.macro_f1);
    assert!(report.micro_f1 > 0.7, "micro F1 {}", report.micro_f1);
    let sentiment = report.sentiment.as_ref().expect("sentiment metrics");
    assert_eq!(sentiment.n, 300);
    assert!(sentiment.macro_f1 > 0.2);
    let text = eval_report_text(&report);
    for t in THEMES {
        assert!(text.contains(t), "{text}");
    }
    assert!(text.contains("macro F1") && text.contains("micro F1") && text.contains("sentiment"));
    assert!(matches!(
        cross_validate(&set, 1, 1),
        Err(TrainError::BadFolds(1))
    ));
}

#[test]
fn training_is_deterministic_and_threads_do_not_change_it() {
    let set = synthetic(150, 14);
    let a = ThemeModel::train(&set, &quick_params()).expect("trains");
    let b = ThemeModel::train(
        &set,
        &Params {
            threads: 3,
            ..quick_params()
        },
    )
    .expect("trains");
    for item in synthetic(30, 15).items {
        assert_eq!(a.predict(&item.text), b.predict(&item.text));
    }
}

#[test]
fn indicative_phrases_give_suggestions_before_any_coding() {
    let codebook = Codebook::with_phrases([
        ("Waiting times", vec!["waiting", "long wait", "delay*"]),
        ("Parking", vec!["car park", "parking"]),
        ("Food", vec![]),
    ]);
    let model = ThemeModel::from_indicative_phrases(&codebook).expect("builds");
    let p = model.predict("We waited ages; the delays were awful and the CAR PARK was full");
    let applied: Vec<&str> = p.themes.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(applied, ["Waiting times", "Parking"]);
    assert!(
        p.themes[0].1 > 0.5,
        "two phrases give more confidence than one: {p:?}"
    );
    assert!(model.predict("lovely midwives").themes.is_empty());
    assert_eq!(model.predict("x").sentiment_confidence, 0.0);
    let dir = tempfile::tempdir().expect("tempdir");
    model.save(dir.path()).expect("saves");
    let loaded = ThemeModel::load(dir.path()).expect("loads");
    assert_eq!(
        loaded.predict("long wait at the parking"),
        model.predict("long wait at the parking")
    );
    assert_eq!(
        ThemeModel::from_indicative_phrases(&Codebook::default()).expect_err("empty"),
        TrainError::EmptyCodebook
    );
}
