use super::*;
use mnvp_domain::themes::labels::LabelSource;

fn theme(id: i64, name: &str, phrase: &str) -> Theme {
    Theme {
        id,
        codebook_id: 1,
        parent_id: None,
        name: name.into(),
        description: String::new(),
        phrases: phrase.into(),
        position: id,
        uses: 0,
    }
}

/// `n` generated comments: parking ones (theme 10, negative), kindness ones (theme 20,
/// positive) and some with both, with filler words so no two are alike.
fn coded(n: usize) -> Vec<(i64, String, HumanLabels)> {
    let filler = [
        "really",
        "honestly",
        "today",
        "again",
        "on the day",
        "as usual",
        "sadly",
        "truly",
    ];
    let park = [
        "the car park was full",
        "no parking spaces anywhere",
        "parking cost a fortune",
    ];
    let kind = [
        "the midwives were so kind",
        "staff were gentle and caring",
        "everyone was lovely to us",
    ];
    (0..n)
        .map(|i| {
            let f = filler[i % filler.len()];
            let g = filler[(i / filler.len()) % filler.len()];
            let (text, themes, sentiment) = match i % 3 {
                0 => (format!("{f} {} {g}", park[i % 3]), vec![10], 4),
                1 => (format!("{g} {} {f}", kind[i % 3]), vec![20], 1),
                _ => (
                    format!("{} but {} {f} {g}", kind[(i / 3) % 3], park[(i / 3) % 3]),
                    vec![10, 20],
                    3,
                ),
            };
            let labels = HumanLabels {
                themes,
                sentiment: Some(sentiment),
                source: LabelSource::SingleCoder,
            };
            (i as i64 + 1, format!("{text} {i}"), labels)
        })
        .collect()
}

fn input(themes: Vec<Theme>, items: Vec<(i64, String, HumanLabels)>) -> BuildInput {
    BuildInput {
        codebook_id: 1,
        codebook_version: 3,
        themes,
        items,
        now: "2026-01-01T00:00:00Z".into(),
    }
}

#[test]
fn learns_from_enough_coded_items_and_says_how_well() {
    let themes = vec![
        theme(10, "Parking", "car park"),
        theme(20, "Kindness", "kind"),
    ];
    let built = input(themes.clone(), coded(90));
    let v = build(&built);
    assert_eq!(
        (v.status, v.kind, v.trained_on),
        ("ready", "trained", 90),
        "{}",
        v.message
    );
    // The version comes without figures: they are measured after it is in use.
    let pending: Figures = serde_json::from_str(&v.metrics).unwrap();
    assert!(
        pending.measuring && pending.themes.is_empty(),
        "{pending:?}"
    );
    let f = measure(&built).unwrap();
    assert!(!f.measuring && f.method.contains("cross-validation"));
    assert!(f.macro_f1.unwrap() > 0.8, "it learns: {:?}", f.macro_f1);
    assert!(
        f.themes[&10].recall > 0.8 && f.themes[&20].precision > 0.8,
        "{f:?}"
    );
    let snapshot: Snapshot = serde_json::from_str(&v.snapshot).unwrap();
    assert_eq!((snapshot.codebook_version, snapshot.items.len()), (3, 90));
    // The stored bytes are the model; scoring applies a theme only at or above the
    // codebook's threshold, and keeps lower confidences as suggestions.
    let mut version = ModelVersion {
        id: 1,
        codebook_id: 1,
        version: 1,
        status: v.status.into(),
        kind: v.kind.into(),
        codebook_version: 3,
        coded_items: 90,
        trained_on: 90,
        theme_ids: v.theme_ids.clone(),
        metrics: v.metrics.clone(),
        message: String::new(),
        created_at: String::new(),
    };
    // Until measured, nothing is applied on its own; the snapshot gives back what it
    // learnt from, so measuring later gives the same figures.
    assert_eq!(auto_threshold(&version, 0.6), f64::INFINITY);
    let texts = built
        .items
        .iter()
        .map(|(id, t, _)| (*id, t.clone()))
        .collect();
    let again = measure_input(&version, &v.snapshot, &themes, &texts).unwrap();
    assert_eq!(measure(&again).unwrap(), f);
    version.metrics = serde_json::to_string(&f).unwrap();
    assert_eq!(auto_threshold(&version, 0.6), 0.6);
    let model = load(&version, v.model.as_deref()).unwrap();
    let items = vec![(
        1,
        "There was nowhere to park, the car park was full".to_string(),
    )];
    let s = score(&model, &[10, 20], 0.6, &items);
    assert!(
        s[0].themes
            .iter()
            .any(|&(t, c, a)| t == 10 && a && c >= 0.6),
        "{:?}",
        s[0].themes
    );
    let strict = score(&model, &[10, 20], 1.0, &items);
    assert!(
        strict[0].themes.iter().all(|&(_, _, a)| !a),
        "nothing reaches 100%"
    );
    assert!(!strict[0].themes.is_empty(), "but it is still suggested");
    assert!(load(&version, Some(b"not a model"))
        .unwrap_err()
        .contains("model version 1"));
}

#[test]
fn trains_from_the_minimum_number_of_coded_items() {
    // Cross-validation trains each fold on fewer than the minimum; that must not stop it.
    let themes = vec![
        theme(10, "Parking", "car park"),
        theme(20, "Kindness", "kind"),
    ];
    for n in [MIN_TRAINING_ITEMS, MIN_TRAINING_ITEMS + 5] {
        let built = input(themes.clone(), coded(n));
        let v = build(&built);
        assert_eq!(
            (v.status, v.kind, v.trained_on),
            ("ready", "trained", n as i64),
            "{}",
            v.message
        );
        let f = measure(&built).unwrap();
        assert_eq!(f.themes.len(), 2, "{f:?}");
    }
}

#[test]
fn starts_from_phrases_and_refuses_an_empty_codebook() {
    let themes = vec![theme(10, "Parking", "car park"), theme(20, "Kindness", "")];
    let v = build(&input(themes, coded(12)));
    assert_eq!((v.status, v.kind), ("ready", "phrases"));
    assert!(
        v.message
            .contains("(1 of 2 themes have some) until 30 items are coded; 12 so far"),
        "{}",
        v.message
    );
    let f: Figures = serde_json::from_str(&v.metrics).unwrap();
    assert!(
        f.themes[&10].precision > 0.9,
        "the phrase finds parking comments: {f:?}"
    );
    let v = build(&input(Vec::new(), coded(40)));
    assert_eq!(v.status, "failed");
    assert!(v.message.contains("no themes"));
    assert!(v.model.is_none());
}
