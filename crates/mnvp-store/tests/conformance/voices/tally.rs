//! The feedback tally behind the representation report: whole months from the pre-aggregated
//! counts, part-months from the items, kept up to date by triggers when items or their answers
//! change — and always equal to counting the items directly.

use crate::{actor, hierarchy, open, org, Raw};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::organisation::{OrgKind, UnitType};
use mnvp_domain::voices::demographics::{
    Demographics, EthnicCategory, Experience, CONSENT_VERSION,
};
use mnvp_domain::voices::representation::{SliceKind, Slices};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::voices::Scope;
use mnvp_store::{Engine, Store};
use std::collections::BTreeMap;

crate::both_engines!(
    counts_match_the_items_for_any_period,
    changes_mark_months_for_recounting,
    neonatal_and_bereaved_voices_are_recognised
);

fn item(mnvp: i64, unit: Option<i64>, date: &str, ethnic: Option<EthnicCategory>) -> NewFeedback {
    NewFeedback {
        mnvp_id: mnvp,
        unit_id: unit,
        channel: if date.ends_with('5') {
            Channel::WalkThePatch
        } else {
            Channel::OnlineForm
        },
        care_stage: Some(CareStage::Antenatal),
        received_on: date.into(),
        rating: None,
        body: None,
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: ethnic.map(|e| Demographics {
            ethnic_category: Some(e),
            postcode_district: Some("RV1".into()),
            imd_decile: Some(2),
            consented: true,
            consent_version: CONSENT_VERSION.into(),
            ..Default::default()
        }),
    }
}

/// (dimension, group) → count, summed over months, units and channels; checked first against
/// each breakdown, which must add up to the same totals (the store sums them separately).
fn totals(slices: &Slices) -> BTreeMap<(String, String), i64> {
    for kind in [SliceKind::Channel, SliceKind::Unit, SliceKind::Quarter] {
        let mut summed: BTreeMap<(String, String), i64> = BTreeMap::new();
        for ((k, _), counts) in &slices.by {
            if *k == kind {
                for (cell, n) in counts {
                    *summed.entry(cell.clone()).or_default() += n;
                }
            }
        }
        assert_eq!(
            summed, slices.all,
            "the {kind:?} breakdown adds up to the totals"
        );
    }
    slices.all.clone()
}

fn get(t: &BTreeMap<(String, String), i64>, d: &str, g: &str) -> i64 {
    t.get(&(d.to_string(), g.to_string())).copied().unwrap_or(0)
}

async fn seed(store: &Store) -> (i64, i64, Vec<(String, Option<EthnicCategory>)>) {
    let (_, _, _, unit, mnvp) = hierarchy(store).await;
    let dates = [
        "2025-12-31",
        "2026-01-01",
        "2026-01-15",
        "2026-01-31",
        "2026-02-01",
        "2026-02-14",
        "2026-02-28",
        "2026-03-01",
        "2026-03-10",
        "2026-03-31",
        "2026-04-01",
    ];
    let cats = [
        Some(EthnicCategory::African),
        Some(EthnicCategory::WhiteBritish),
        None,
        Some(EthnicCategory::Indian),
    ];
    let mut items = Vec::new();
    let mut truth = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        for k in 0..(i % 3 + 1) {
            let e = cats[(i + k) % cats.len()];
            items.push(item(mnvp, Some(unit), d, e));
            truth.push((d.to_string(), e));
        }
    }
    store
        .insert_feedback_batch(&items, &actor(), "test")
        .await
        .unwrap();
    (mnvp, unit, truth)
}

async fn counts_match_the_items_for_any_period(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (mnvp, _, truth) = seed(&store).await;
    let scope = Scope {
        mnvp_ids: vec![mnvp],
        ..Default::default()
    };
    let ranges = [
        (None, None),
        (Some("2026-01-01"), Some("2026-03-31")),
        (Some("2026-01-15"), Some("2026-02-28")),
        (Some("2026-01-16"), Some("2026-01-30")),
        (Some("2026-02-01"), Some("2026-02-01")),
        (Some("2025-12-31"), Some("2026-04-01")),
        (Some("2026-03-02"), None),
        (None, Some("2026-01-31")),
    ];
    for (from, to) in ranges {
        let rows = store.voices_counts(&scope, from, to).await.unwrap();
        let t = totals(&rows);
        let within: Vec<&(String, Option<EthnicCategory>)> = truth
            .iter()
            .filter(|(d, _)| {
                from.is_none_or(|f| d.as_str() >= f) && to.is_none_or(|t| d.as_str() <= t)
            })
            .collect();
        assert_eq!(
            get(&t, "all", "all"),
            within.len() as i64,
            "{from:?}..{to:?}"
        );
        let black = within
            .iter()
            .filter(|(_, e)| *e == Some(EthnicCategory::African))
            .count();
        assert_eq!(
            get(&t, "ethnic_category", "N"),
            black as i64,
            "{from:?}..{to:?}"
        );
        let answered = within.iter().filter(|(_, e)| e.is_some()).count();
        assert_eq!(get(&t, "district", "RV1"), answered as i64);
        assert_eq!(get(&t, "ethnic_imd", "N:2"), black as i64);
    }
    // The counts the insert triggers kept are exactly what a recount from the items gives.
    let kept = totals(&store.voices_counts(&scope, None, None).await.unwrap());
    Raw::connect(&_db.url)
        .await
        .exec("INSERT INTO voices_tally_stale (mnvp_id, month) SELECT DISTINCT mnvp_id, SUBSTR(received_on, 1, 7) FROM feedback")
        .await
        .unwrap();
    assert_eq!(store.refresh_voices_tally(None).await.unwrap(), 5);
    assert_eq!(
        totals(&store.voices_counts(&scope, None, None).await.unwrap()),
        kept
    );
    // Months fall in their quarter, whatever mix of tally and items produced them.
    let slices = store
        .voices_counts(&scope, Some("2026-01-15"), Some("2026-02-28"))
        .await
        .unwrap();
    let quarters: Vec<&str> = slices
        .by
        .keys()
        .filter(|(k, _)| *k == SliceKind::Quarter)
        .map(|(_, q)| q.as_str())
        .collect();
    assert_eq!(quarters, ["2025/26 Q4"]);
    assert!(store
        .voices_counts(&scope, Some("2026-02-01"), Some("2026-01-01"))
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .voices_counts(&scope, Some("01/02/2026"), None)
        .await
        .is_err());
}

async fn changes_mark_months_for_recounting(engine: Engine) {
    let (db, store) = open(engine).await;
    let (mnvp, unit, truth) = seed(&store).await;
    let scope = Scope {
        mnvp_ids: vec![mnvp],
        ..Default::default()
    };
    let all = |slices: &Slices| get(&totals(slices), "all", "all");
    let before = store.voices_counts(&scope, None, None).await.unwrap();
    assert_eq!(all(&before), truth.len() as i64);
    assert_eq!(
        store.refresh_voices_tally(None).await.unwrap(),
        0,
        "nothing left stale"
    );
    // A new item in February: the insert triggers count it in, nothing is left to recount.
    store
        .insert_feedback(
            &item(
                mnvp,
                Some(unit),
                "2026-02-20",
                Some(EthnicCategory::African),
            ),
            &actor(),
            None,
        )
        .await
        .unwrap();
    assert_eq!(store.refresh_voices_tally(None).await.unwrap(), 0);
    let after = store
        .voices_counts(&scope, Some("2026-02-01"), Some("2026-02-28"))
        .await
        .unwrap();
    let feb = truth
        .iter()
        .filter(|(d, _)| d.starts_with("2026-02"))
        .count() as i64;
    assert_eq!(all(&after), feb + 1);
    // Answers withdrawn (erased at the person's request): their month is recounted.
    Raw::connect(&db.url)
        .await
        .exec("DELETE FROM feedback_demographics")
        .await
        .unwrap();
    let t = totals(&store.voices_counts(&scope, None, None).await.unwrap());
    assert_eq!(get(&t, "ethnic_category", "N"), 0);
    assert_eq!(get(&t, "all", "all"), truth.len() as i64 + 1);
    // An item moved to another month: both months are recounted.
    Raw::connect(&db.url)
        .await
        .exec("UPDATE feedback SET received_on = '2026-05-05' WHERE received_on = '2026-02-20'")
        .await
        .unwrap();
    let t = totals(
        &store
            .voices_counts(&scope, Some("2026-05-01"), Some("2026-05-31"))
            .await
            .unwrap(),
    );
    assert_eq!(get(&t, "all", "all"), 1);
    // A unit scope sees only that unit's items.
    let other = Scope {
        mnvp_ids: vec![mnvp],
        unit_ids: Some(vec![unit + 1000]),
        ..Default::default()
    };
    assert!(store
        .voices_counts(&other, None, None)
        .await
        .unwrap()
        .is_empty());
}

async fn neonatal_and_bereaved_voices_are_recognised(engine: Engine) {
    let (db, store) = open(engine).await;
    let (_, _, trust, unit, mnvp) = hierarchy(&store).await;
    let neonatal = store
        .create_org(
            &mnvp_store::organisations::NewOrg {
                unit_type: Some(UnitType::NeonatalUnit),
                ..org(OrgKind::Unit, "North Neonatal Unit", Some(trust))
            },
            None,
            &actor(),
        )
        .await
        .unwrap();
    let base = |unit, stage, channel| NewFeedback {
        care_stage: stage,
        channel,
        ..item(mnvp, Some(unit), "2026-06-10", None)
    };
    let with_experience = |experiences: Vec<Experience>| NewFeedback {
        demographics: Some(Demographics {
            experiences,
            consented: true,
            consent_version: CONSENT_VERSION.into(),
            ..Default::default()
        }),
        ..item(mnvp, Some(unit), "2026-06-11", None)
    };
    let items = vec![
        base(
            neonatal.id,
            Some(CareStage::PostnatalHospital),
            Channel::OnlineForm,
        ),
        base(unit, Some(CareStage::NeonatalUnit), Channel::OnlineForm),
        base(unit, None, Channel::ParentAdvisoryGroup),
        with_experience(vec![Experience::Neonatal, Experience::Bereavement]),
        base(unit, Some(CareStage::Bereavement), Channel::OnlineForm),
        base(unit, Some(CareStage::Antenatal), Channel::OnlineForm),
    ];
    store
        .insert_feedback_batch(&items, &actor(), "test")
        .await
        .unwrap();
    let scope = Scope {
        mnvp_ids: vec![mnvp],
        ..Default::default()
    };
    let t = totals(&store.voices_counts(&scope, None, None).await.unwrap());
    assert_eq!(
        (
            get(&t, "all", "all"),
            get(&t, "neonatal", "yes"),
            get(&t, "bereavement", "yes")
        ),
        (6, 4, 2)
    );
    // The counts the insert triggers kept are exactly what a recount from the items gives.
    let kept = totals(&store.voices_counts(&scope, None, None).await.unwrap());
    Raw::connect(&db.url)
        .await
        .exec("INSERT INTO voices_tally_stale (mnvp_id, month) SELECT DISTINCT mnvp_id, SUBSTR(received_on, 1, 7) FROM feedback")
        .await
        .unwrap();
    assert_eq!(store.refresh_voices_tally(None).await.unwrap(), 1);
    assert_eq!(
        totals(&store.voices_counts(&scope, None, None).await.unwrap()),
        kept
    );
    // The neonatal unit turned into a maternity unit: its items are no longer neonatal voices.
    Raw::connect(&db.url)
        .await
        .exec(&format!(
            "UPDATE organisations SET unit_type = 'maternity_unit' WHERE id = {}",
            neonatal.id
        ))
        .await
        .unwrap();
    let t = totals(&store.voices_counts(&scope, None, None).await.unwrap());
    assert_eq!(get(&t, "neonatal", "yes"), 3);
}
