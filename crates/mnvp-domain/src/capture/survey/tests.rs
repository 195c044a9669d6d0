use super::*;
use proptest::prelude::*;

pub(crate) fn sample() -> SurveyDefinition {
    let choice = |code: &str, label: &str| Choice {
        code: code.into(),
        label: label.into(),
    };
    SurveyDefinition {
        description: "About your care after the birth".into(),
        one_per_page: true,
        questions: vec![
            Question {
                id: "stayed".into(),
                text: "Did you stay on the postnatal ward?".into(),
                hint: String::new(),
                kind: QuestionKind::YesNo,
                options: vec![],
                scale: None,
                required: true,
                show_if: None,
            },
            Question {
                id: "ward".into(),
                text: "How was the ward?".into(),
                hint: "Think about noise, food and help with feeding".into(),
                kind: QuestionKind::Rating,
                options: vec![],
                scale: Some(Scale::default()),
                required: false,
                show_if: Some(Condition {
                    question: "stayed".into(),
                    answer: "yes".into(),
                }),
            },
            Question {
                id: "help".into(),
                text: "Who helped you?".into(),
                hint: String::new(),
                kind: QuestionKind::MultipleChoice,
                options: vec![
                    choice("midwife", "A midwife"),
                    choice("partner", "My partner"),
                ],
                scale: None,
                required: false,
                show_if: Some(Condition {
                    question: "ward".into(),
                    answer: "1".into(),
                }),
            },
            Question {
                id: "more".into(),
                text: "Anything else?".into(),
                hint: String::new(),
                kind: QuestionKind::FreeText,
                options: vec![],
                scale: None,
                required: false,
                show_if: None,
            },
        ],
    }
}

fn answers(pairs: &[(&str, &[&str])]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
        .collect()
}

#[test]
fn the_sample_is_valid_and_round_trips_through_json() {
    let s = sample();
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<SurveyDefinition>(&json).unwrap(), s);
}

#[test]
fn conditions_follow_chains() {
    let s = sample();
    let none = Answers::new();
    assert!(s.shown(0, &none) && !s.shown(1, &none) && !s.shown(2, &none) && s.shown(3, &none));
    let a = answers(&[("stayed", &["yes"]), ("ward", &["1"])]);
    assert!(s.shown(1, &a) && s.shown(2, &a));
    // "ward" = 1 no longer counts once "stayed" is no: the chain is broken.
    let b = answers(&[
        ("stayed", &["no"]),
        ("ward", &["1"]),
        ("help", &["midwife"]),
    ]);
    assert!(!s.shown(1, &b) && !s.shown(2, &b));
    assert_eq!(s.prune(&b), answers(&[("stayed", &["no"])]));
}

#[test]
fn pages_break_before_a_question_that_depends_on_the_same_page() {
    let mut s = sample();
    assert_eq!(s.pages(), vec![vec![0], vec![1], vec![2], vec![3]]);
    s.one_per_page = false;
    assert_eq!(s.pages(), vec![vec![0], vec![1], vec![2, 3]]);
    let none = Answers::new();
    assert_eq!(s.next_page(None, &none), Some((0, vec![0])));
    // After page 0 with "no", pages 1 (ward) is skipped and page 2 holds only "more".
    let no = answers(&[("stayed", &["no"])]);
    assert_eq!(s.next_page(Some(0), &no), Some((2, vec![3])));
    assert_eq!(s.previous_page(2, &no), Some(0));
    assert_eq!(s.next_page(Some(2), &no), None);
}

#[test]
fn answers_are_parsed_by_kind() {
    let s = sample();
    let q = |id: &str| s.question(id).unwrap().clone();
    let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        q("stayed").parse_answer(&[]).unwrap_err().0,
        "Select yes or no"
    );
    assert_eq!(q("stayed").parse_answer(&v(&["yes"])).unwrap(), v(&["yes"]));
    assert!(q("stayed").parse_answer(&v(&["maybe"])).is_err());
    assert_eq!(q("ward").parse_answer(&[]).unwrap(), Vec::<String>::new());
    assert!(q("ward").parse_answer(&v(&["6"])).is_err());
    assert_eq!(
        q("help")
            .parse_answer(&v(&["partner", "midwife", "partner"]))
            .unwrap(),
        v(&["midwife", "partner"]),
        "deduplicated and in the question's order"
    );
    assert!(q("help").parse_answer(&v(&["forged"])).is_err());
    assert_eq!(
        q("more").parse_answer(&v(&["  kind staff "])).unwrap(),
        v(&["kind staff"])
    );
    let long = "x".repeat(FREE_TEXT_MAX + 1);
    assert_eq!(
        q("more").parse_answer(&[long]).unwrap_err().0,
        "Your answer must be 2,000 characters or fewer"
    );
    assert_eq!(q("ward").label_of("5"), "5 (Very good)");
    assert_eq!(q("ward").label_of("3"), "3");
}

#[test]
fn problems_name_the_question() {
    let mut s = sample();
    s.questions[2].show_if = Some(Condition {
        question: "more".into(),
        answer: "x".into(),
    });
    s.questions[3].options = vec![];
    s.questions[1].id = "stayed".into();
    let p = s.problems().join("\n");
    assert!(p.contains("Question 2 has the same identifier"), "{p}");
    assert!(
        p.contains("Question 3 can only depend on a question that comes before it"),
        "{p}"
    );
    s.questions[0].kind = QuestionKind::SingleChoice;
    assert!(s
        .problems()
        .join("\n")
        .contains("Question 1 needs at least 2 options"));
    assert_eq!(
        SurveyDefinition::default().problems(),
        vec!["Add at least one question"]
    );
}

#[test]
fn dates_from_three_boxes() {
    assert_eq!(date_from_parts("", " ", "").unwrap(), None);
    assert_eq!(
        date_from_parts("9", "3", "2026").unwrap().unwrap(),
        "2026-03-09"
    );
    assert_eq!(
        date_from_parts("29", "2", "2024").unwrap().unwrap(),
        "2024-02-29"
    );
    assert_eq!(
        date_from_parts("29", "2", "2025").unwrap_err().0,
        "Date must be a real date"
    );
    assert_eq!(
        date_from_parts("1", "", "2025").unwrap_err().0,
        "Date must include a month"
    );
    assert_eq!(
        date_from_parts("1", "2", "25").unwrap_err().0,
        "Year must include 4 numbers"
    );
    assert_eq!(long_date("2026-03-09").unwrap(), "9 March 2026");
    assert!(!valid_iso_date("2026-13-01"));
}

#[test]
fn option_codes_come_from_labels() {
    assert_eq!(code_for("Very good!", &[]), "very-good");
    assert_eq!(code_for("Very good", &["very-good".into()]), "very-good-2");
    assert_eq!(code_for("???", &[]), "option");
}

proptest! {
    #[test]
    fn parsing_never_panics_and_pruning_is_idempotent(
        picks in proptest::collection::vec(("[a-z]{1,8}", proptest::collection::vec(".{0,12}", 0..3)), 0..6)
    ) {
        let s = sample();
        for q in &s.questions {
            for (_, vals) in &picks {
                let _ = q.parse_answer(vals);
            }
        }
        let a: Answers = picks.into_iter().collect();
        let once = s.prune(&a);
        prop_assert_eq!(s.prune(&once), once.clone());
        for id in once.keys() {
            prop_assert!(s.question(id).is_some());
        }
    }
}
