use super::*;

fn pairs(items: &[(&str, &str)]) -> Pairs {
    Pairs(
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

const TODAY: (i32, u32) = (2026, 11);

#[test]
fn every_page_reads_back_what_it_shows() {
    let mut a = Answers::default();
    let pages: &[(Step, &[(&str, &str)])] = &[
        (Step::Journey, &[("journey", "standard")]),
        (Step::Unit, &[("unit", "7")]),
        (
            Step::Stages,
            &[("stages", "neonatal"), ("stages", "antenatal")],
        ),
        (Step::When, &[("when-month", "3"), ("when-year", "2026")]),
        (Step::Rating, &[("rating", "4")]),
        (Step::WentWell, &[("answer", "Kind staff")]),
        (Step::AboutYou, &[("consent", "yes")]),
        (
            Step::YouFirst,
            &[
                ("ethnic_category", "N"),
                ("age_band", "25_29"),
                ("first_language", "so"),
                ("interpreter_needed", "yes"),
            ],
        ),
        (
            Step::YouSecond,
            &[
                ("disability", "no"),
                ("sexual_orientation", "prefer_not"),
                ("gender_same_as_birth", "yes"),
                ("religion", "muslim"),
                ("experiences", "neonatal"),
                ("postcode", "NR1"),
            ],
        ),
    ];
    for (step, fields) in pages {
        apply(*step, &mut a, &pairs(fields), &[7], TODAY).unwrap();
    }
    for (step, _) in pages {
        let mut again = a.clone();
        apply(*step, &mut again, &pairs_from(*step, &a), &[7], TODAY).unwrap();
        assert_eq!(again, a, "{step:?} round-trips");
    }
    assert_eq!(a.stages, ["antenatal", "neonatal"], "journey order");
    assert_eq!(a.about_you.postcode_district.as_deref(), Some("NR1"));
    let d = a.demographics().unwrap();
    assert_eq!(d.first_language.unwrap().as_str(), "so");
}

#[test]
fn a_bad_page_changes_nothing_and_reports_every_problem() {
    let mut a = Answers {
        rating: Some(3),
        ..Default::default()
    };
    let before = a.clone();
    let errors = apply(
        Step::YouSecond,
        &mut a,
        &pairs(&[
            ("disability", "perhaps"),
            ("religion", "jedi"),
            ("postcode", "nowhere"),
        ]),
        &[],
        TODAY,
    )
    .unwrap_err();
    let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, ["disability", "religion", "postcode"]);
    assert_eq!(a, before);
    assert!(apply(Step::Unit, &mut a, &pairs(&[("unit", "99")]), &[7], TODAY).is_err());
    let long = "x".repeat(inputs::MAX_TEXT + 1);
    let errors = apply(
        Step::Better,
        &mut a,
        &pairs(&[("answer", &long)]),
        &[],
        TODAY,
    )
    .unwrap_err();
    assert!(matches!(errors[0].1, InputError::TooLong { .. }));
    assert_eq!(a, before);
}

#[test]
fn a_full_postcode_is_cut_at_once_and_placed_later() {
    let mut a = Answers::default();
    a.set_consent(Some(true));
    let applied = apply(
        Step::YouSecond,
        &mut a,
        &pairs(&[("postcode", "nr1 3sr")]),
        &[],
        TODAY,
    )
    .unwrap();
    assert_eq!(applied.locate.as_deref(), Some("NR13SR"));
    assert_eq!(a.about_you.postcode_district.as_deref(), Some("NR1"));
    assert!(!serde_json::to_string(&a).unwrap().contains("3SR"));
    a.about_you.lsoa21 = Some("E01000001".into());
    // Sending the page back unchanged (district shown) keeps the area already found.
    let applied = apply(
        Step::YouSecond,
        &mut a,
        &pairs(&[("postcode", "NR1")]),
        &[],
        TODAY,
    )
    .unwrap();
    assert_eq!(applied.locate, None);
    assert_eq!(a.about_you.lsoa21.as_deref(), Some("E01000001"));
    skip(Step::YouSecond, &mut a);
    assert_eq!(a.about_you.postcode_district, None);
    assert_eq!(a.about_you.lsoa21, None);
}
