use super::*;
use crate::voices::dimensions::{RAW_ALL, RAW_ETHNIC, RAW_NEONATAL};
use crate::voices::reference::births::PopDimension;

fn tally(month: &str, unit: i64, channel: &str, dim: &str, group: &str, n: i64) -> TallyRow {
    TallyRow {
        month: month.into(),
        unit_id: unit,
        channel: channel.into(),
        dimension: dim.into(),
        group: group.into(),
        n,
    }
}

/// Tally cells summed as the store's part-month counts are.
fn aggregate(rows: &[TallyRow]) -> Slices {
    let mut s = Slices::default();
    rows.iter().for_each(|r| s.add(r));
    s
}

fn labels(kind: SliceKind, key: &str) -> String {
    format!("{}:{key}", kind.as_str())
}

/// 400 answers: 12 Black (N), 60 Asian (H), 320 White (A), 8 Mixed (D); 9 % of births Black.
fn example() -> (Vec<TallyRow>, Population) {
    let rows = vec![
        tally("2026-04", 1, "online_form", RAW_ETHNIC, "N", 7),
        tally("2026-08", 2, "walk_the_patch", RAW_ETHNIC, "N", 5),
        tally("2026-04", 1, "online_form", RAW_ETHNIC, "H", 40),
        tally("2026-08", 2, "walk_the_patch", RAW_ETHNIC, "H", 20),
        tally("2026-04", 1, "online_form", RAW_ETHNIC, "A", 200),
        tally("2026-08", 2, "walk_the_patch", RAW_ETHNIC, "A", 120),
        tally("2026-05", 1, "online_form", RAW_ETHNIC, "D", 8),
        tally("2026-05", 1, "online_form", RAW_ETHNIC, "Z", 30),
        tally("2026-05", 1, "online_form", RAW_ALL, "all", 500),
        tally("2026-05", 1, "online_form", RAW_NEONATAL, "yes", 6),
    ];
    let mut p = Population::default();
    for (code, n) in [("N", 270), ("H", 450), ("A", 2100), ("D", 120), ("S", 60)] {
        p.rows
            .insert((PopDimension::EthnicCategory, code.into()), n);
    }
    p.rows.insert((PopDimension::Babies, "all".into()), 3000);
    p.rows
        .insert((PopDimension::NeonatalAdmissions, "all".into()), 300);
    (rows, p)
}

fn row<'a>(t: &'a Table, group: &str) -> &'a Row {
    t.rows.iter().find(|r| r.group == group).unwrap()
}

#[test]
fn the_lead_sees_exact_figures_computed_by_hand() {
    let (rows, p) = example();
    let r = dimension_report(
        Dimension::EthnicGroup,
        &aggregate(&rows),
        &p,
        Audience::Lead,
        &labels,
    );
    let t = &r.table;
    assert_eq!(
        (t.base, t.not_stated, t.population_base),
        (Shown::Count(400), Some(30), Some(3000))
    );
    let black = row(t, "black");
    assert_eq!(black.feedback, Shown::Count(12));
    assert!((black.feedback_share.unwrap() - 0.03).abs() < 1e-12);
    assert!((black.population_share.unwrap() - 0.09).abs() < 1e-12);
    assert!((black.ratio.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(black.flag, Flag::Under);
    let white = row(t, "white");
    assert_eq!(
        white.flag,
        Flag::Over,
        "80 % of feedback against 70 % of births"
    );
    // No births are recorded in "Other"'s feedback; a group with births and no feedback is under.
    assert_eq!(row(t, "other").feedback, Shown::Count(0));
    assert_eq!(row(t, "other").flag, Flag::Under);
    // Breakdowns: two channels, two units, two quarters, each adding up to the main table.
    for b in &r.breakdowns {
        let sum: i64 = b
            .slices
            .iter()
            .map(|s| match s.base {
                Shown::Count(n) => n,
                Shown::Suppressed => panic!("lead sees every count"),
            })
            .sum();
        assert_eq!(sum, 400, "{:?}", b.kind);
    }
    let q = &r.breakdowns[2];
    assert_eq!(
        q.slices.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
        ["quarter:2026/27 Q1", "quarter:2026/27 Q2"]
    );
}

#[test]
fn others_see_rounded_suppressed_figures_from_the_rounded_counts() {
    let (rows, p) = example();
    let rule = SuppressionRule::default();
    let r = dimension_report(
        Dimension::EthnicGroup,
        &aggregate(&rows),
        &p,
        Audience::Protected(rule),
        &labels,
    );
    let t = &r.table;
    assert_eq!(
        t.not_stated, None,
        "'prefer not to say' counts stay with the lead"
    );
    assert_eq!(t.base, Shown::Count(400));
    let asian = row(t, "asian");
    assert_eq!(asian.feedback, Shown::Count(60));
    assert!((asian.feedback_share.unwrap() - 60.0 / 400.0).abs() < 1e-12);
    // Black (12) is shown rounded to 10; Mixed (8) rounded to 10 too.
    assert_eq!(row(t, "black").feedback, Shown::Count(10));
    assert!((row(t, "black").feedback_share.unwrap() - 0.025).abs() < 1e-12);
    // Per unit, Black is 7 and 5: both hidden, and nothing shown reveals them.
    let units = &r.breakdowns[1];
    for s in &units.slices {
        assert_eq!(
            s.rows.iter().find(|r| r.group == "black").unwrap().feedback,
            Shown::Suppressed
        );
    }
    // A hidden small group can still be flagged under-heard when even the largest count it
    // could have would be: unit 1 has 255 answers; 7 of 253 is at most 5.6 %, against 9 %.
    let black1 = units.slices[0]
        .rows
        .iter()
        .find(|r| r.group == "black")
        .unwrap();
    assert_eq!((black1.feedback_share, black1.ci), (None, None));
    assert_eq!(black1.flag, Flag::Under);
    // Unit 2 has 145: 7 of 143 could be up to 9.8 %, so no flag can be drawn, though the
    // exact count (5) would be under-heard.
    let black2 = units.slices[1]
        .rows
        .iter()
        .find(|r| r.group == "black")
        .unwrap();
    assert_eq!(black2.flag, Flag::None);
}

#[test]
fn neonatal_voices_are_measured_against_admissions() {
    let (rows, p) = example();
    let r = dimension_report(
        Dimension::Experience,
        &aggregate(&rows),
        &p,
        Audience::Lead,
        &labels,
    );
    let neo = row(&r.table, "neonatal");
    assert_eq!(
        (neo.feedback, r.table.base),
        (Shown::Count(6), Shown::Count(500))
    );
    assert!((neo.population_share.unwrap() - 0.1).abs() < 1e-12);
    assert_eq!(
        neo.flag,
        Flag::Under,
        "1.2 % of feedback against 10 % of babies admitted"
    );
    assert_eq!(
        row(&r.table, "bereavement").population_share,
        None,
        "no losses loaded"
    );
    let hidden = dimension_report(
        Dimension::Experience,
        &aggregate(&rows),
        &p,
        Audience::Protected(SuppressionRule::default()),
        &labels,
    );
    let neo = row(&hidden.table, "neonatal");
    assert_eq!((neo.feedback, neo.flag), (Shown::Suppressed, Flag::Under));
    assert_eq!(hidden.table.base, Shown::Count(500));
}

#[test]
fn financial_quarters() {
    assert_eq!(quarter_of("2026-04"), "2026/27 Q1");
    assert_eq!(quarter_of("2026-12"), "2026/27 Q3");
    assert_eq!(quarter_of("2027-01"), "2026/27 Q4");
    assert_eq!(quarter_of("2027-03"), "2026/27 Q4");
    assert_eq!(quarter_of("1999-12"), "1999/00 Q3");
}

#[test]
fn margins_summed_apart_give_the_same_slices_as_the_cells() {
    let (rows, _) = example();
    let from_cells = aggregate(&rows);
    // What the store's SQL returns: each breakdown summed over the other two.
    let mut margins: BTreeMap<(SliceKind, String, String, String), i64> = BTreeMap::new();
    for r in &rows {
        for (kind, key) in [
            (SliceKind::Channel, r.channel.clone()),
            (SliceKind::Unit, r.unit_id.to_string()),
            (SliceKind::Quarter, r.month.clone()),
        ] {
            *margins
                .entry((kind, key, r.dimension.clone(), r.group.clone()))
                .or_default() += r.n;
        }
    }
    let mut from_margins = Slices::default();
    for ((kind, key, dimension, group), n) in margins {
        from_margins.add_margin(kind, &key, &dimension, &group, n);
    }
    assert_eq!(from_margins.all, from_cells.all);
    assert_eq!(from_margins.by, from_cells.by);
    assert_eq!(
        from_margins.by[&(SliceKind::Quarter, "2026/27 Q2".to_string())]
            [&(RAW_ETHNIC.to_string(), "N".to_string())],
        5
    );
    assert!(!from_margins.is_empty() && Slices::default().is_empty());
}
