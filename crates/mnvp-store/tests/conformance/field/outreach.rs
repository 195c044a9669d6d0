//! Outreach sessions: place in plain columns, partners, aggregate tallies replaced whole on
//! correction, feedback linked to its session, and the coverage and reach reads that
//! representation analysis uses.

use super::{covered, day, said};
use crate::{actor, open};
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::outreach::{Place, SessionDetails, Tallies, VenueType};
use mnvp_store::field::outreach::{Coverage, NewOutreach, TallyRow};
use mnvp_store::{Engine, Store, StoreError};
use std::collections::HashMap;

crate::both_engines!(
    an_outreach_session_keeps_place_partners_and_tallies,
    coverage_and_reach_add_up_across_sessions_and_dates
);

fn tallies(pairs: &[(&str, &str)]) -> Tallies {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Tallies::parse(|f| map.get(f).cloned().unwrap_or_default()).unwrap()
}

fn details(
    on: &str,
    venue: VenueType,
    district: Option<&str>,
    counts: &[(&str, &str)],
) -> SessionDetails {
    SessionDetails {
        held_on: day(on),
        venue_type: venue,
        venue_name: Some("Oak Children's Centre".into()),
        place: Place {
            postcode_district: district.map(str::to_string),
            area_name: None,
        },
        partners: vec!["Sands".into(), "Bliss".into()],
        tallies: tallies(counts),
        notes: None,
    }
}

async fn create(store: &Store, mnvp: i64, d: SessionDetails, key: Option<&str>) -> i64 {
    store
        .create_outreach(
            &NewOutreach {
                mnvp_id: mnvp,
                details: d,
            },
            &actor(),
            key,
        )
        .await
        .unwrap()
}

async fn an_outreach_session_keeps_place_partners_and_tallies(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, unit, mnvp) = covered(&store).await;
    let a = actor();
    let key = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
    let d = details(
        "2026-04-02",
        VenueType::BabyGroup,
        Some("NR3"),
        &[
            ("reached", "12"),
            ("eth_black", "5"),
            ("lang_not_english", "4"),
        ],
    );
    let id = create(&store, mnvp, d.clone(), Some(key)).await;
    assert_eq!(
        create(&store, mnvp, d, Some(key)).await,
        id,
        "a double-submitted form makes one session"
    );

    let o = store.get_outreach(id).await.unwrap();
    assert_eq!(
        (
            o.venue_type.as_str(),
            o.postcode_district.as_deref(),
            o.people_reached
        ),
        ("baby_group", Some("NR3"), 12)
    );
    assert_eq!(
        store.outreach_partners(id).await.unwrap(),
        ["Bliss", "Sands"]
    );
    let t = store.outreach_tallies(id).await.unwrap();
    assert!(t.contains(&TallyRow {
        dimension: "ethnic_group".into(),
        group_code: "black".into(),
        people: 5
    }));
    assert!(t.contains(&TallyRow {
        dimension: "ethnic_group".into(),
        group_code: "white".into(),
        people: 0
    }));
    assert!(t.contains(&TallyRow {
        dimension: "language".into(),
        group_code: "not_english".into(),
        people: 4
    }));
    assert!(
        !t.iter().any(|r| r.dimension == "age_band"),
        "a dimension left blank is not stored"
    );

    // Feedback heard at the session, about a unit or about none.
    let heard = said(
        mnvp,
        None,
        Channel::Outreach,
        Some("7c6b5a49-3827-4161-a0f9-e8d7c6b5a493"),
    );
    store
        .insert_session_feedback(id, &heard, &a, None)
        .await
        .unwrap();
    store
        .insert_session_feedback(
            id,
            &said(mnvp, Some(unit), Channel::Outreach, None),
            &a,
            None,
        )
        .await
        .unwrap();
    assert_eq!(store.get_outreach(id).await.unwrap().feedback, 2);

    // A correction replaces the partners and tallies whole.
    let fixed = SessionDetails {
        partners: vec!["Home-Start".into()],
        ..details(
            "2026-04-03",
            VenueType::VcseSession,
            Some("NR4"),
            &[("reached", "15"), ("age_20_24", "6")],
        )
    };
    store.update_outreach(id, &fixed, &a).await.unwrap();
    let o = store.get_outreach(id).await.unwrap();
    assert_eq!(
        (o.held_on.as_str(), o.venue_type.as_str(), o.people_reached),
        ("2026-04-03", "vcse_session", 15)
    );
    assert_eq!(store.outreach_partners(id).await.unwrap(), ["Home-Start"]);
    let t = store.outreach_tallies(id).await.unwrap();
    assert!(
        t.iter().all(|r| r.dimension == "age_band"),
        "old tallies are gone: {t:?}"
    );
    assert!(matches!(
        store.update_outreach(id + 1000, &fixed, &a).await,
        Err(StoreError::NotFound)
    ));
    let (list, total) = store.list_outreach(mnvp, 10, 0).await.unwrap();
    assert_eq!((list.len(), total), (1, 1));
    assert_eq!(
        store.audit_for("capture_session", id).await.unwrap().len(),
        2
    );
}

async fn coverage_and_reach_add_up_across_sessions_and_dates(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, mnvp) = covered(&store).await;
    create(
        &store,
        mnvp,
        details(
            "2026-01-10",
            VenueType::BabyGroup,
            Some("NR3"),
            &[("reached", "10"), ("eth_asian", "6"), ("exp_neonatal", "1")],
        ),
        None,
    )
    .await;
    create(
        &store,
        mnvp,
        details(
            "2026-02-10",
            VenueType::BabyGroup,
            Some("NR3"),
            &[("reached", "8"), ("eth_asian", "2"), ("eth_white", "6")],
        ),
        None,
    )
    .await;
    create(
        &store,
        mnvp,
        details("2026-03-10", VenueType::Online, None, &[("reached", "20")]),
        None,
    )
    .await;
    create(
        &store,
        mnvp,
        details(
            "2025-12-01",
            VenueType::CommunityEvent,
            Some("NR5"),
            &[("reached", "40")],
        ),
        None,
    )
    .await;

    let cov = store
        .outreach_coverage(&[mnvp], "2026-01-01", "2026-12-31")
        .await
        .unwrap();
    assert_eq!(
        cov,
        vec![
            Coverage {
                postcode_district: None,
                venue_type: "online".into(),
                sessions: 1,
                people_reached: 20
            },
            Coverage {
                postcode_district: Some("NR3".into()),
                venue_type: "baby_group".into(),
                sessions: 2,
                people_reached: 18
            },
        ]
    );
    assert_eq!(
        store
            .outreach_coverage(&[mnvp], "", "")
            .await
            .unwrap()
            .len(),
        3,
        "open dates include every session"
    );
    assert!(store
        .outreach_coverage(&[mnvp + 1000], "", "")
        .await
        .unwrap()
        .is_empty());

    let reach = store
        .outreach_reach(&[mnvp], "2026-01-01", "")
        .await
        .unwrap();
    let get = |dim: &str, g: &str| {
        reach
            .iter()
            .find(|r| r.dimension == dim && r.group_code == g)
            .map(|r| (r.people, r.counted_of))
    };
    assert_eq!(
        get("ethnic_group", "asian"),
        Some((8, 18)),
        "8 of the 18 people at sessions that counted ethnicity"
    );
    assert_eq!(get("ethnic_group", "white"), Some((6, 18)));
    assert_eq!(
        get("experience", "neonatal"),
        Some((1, 10)),
        "only the session that asked counts"
    );
    assert_eq!(get("age_band", "under_20"), None);
}
