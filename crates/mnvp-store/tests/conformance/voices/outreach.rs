//! What outreach reached by venue type, for the planner: tallies summed per venue type and
//! group across sessions and MNVPs, inside the dates only.

use crate::field::{covered, day};
use crate::{actor, open};
use mnvp_domain::field::outreach::{Place, SessionDetails, Tallies, VenueType};
use mnvp_store::field::outreach::NewOutreach;
use mnvp_store::voices::outreach::VenueTally;
use mnvp_store::{Engine, Store};
use std::collections::HashMap;

crate::both_engines!(venue_tallies_add_up_per_venue_type_and_group);

async fn session(store: &Store, mnvp: i64, on: &str, venue: VenueType, counts: &[(&str, &str)]) {
    let map: HashMap<String, String> = counts
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let details = SessionDetails {
        held_on: day(on),
        venue_type: venue,
        venue_name: None,
        place: Place {
            postcode_district: Some("NR3".into()),
            area_name: None,
        },
        partners: match venue {
            VenueType::Online => vec!["Sands".into()],
            _ => vec!["Sands".into(), "Home-Start".into()],
        },
        tallies: Tallies::parse(|f| map.get(f).cloned().unwrap_or_default()).unwrap(),
        notes: None,
    };
    store
        .create_outreach(
            &NewOutreach {
                mnvp_id: mnvp,
                details,
            },
            &actor(),
            None,
        )
        .await
        .unwrap();
}

async fn venue_tallies_add_up_per_venue_type_and_group(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, mnvp) = covered(&store).await;
    let baby = VenueType::BabyGroup;
    session(
        &store,
        mnvp,
        "2026-01-10",
        baby,
        &[("reached", "10"), ("eth_black", "6"), ("exp_neonatal", "2")],
    )
    .await;
    session(
        &store,
        mnvp,
        "2026-02-10",
        baby,
        &[("reached", "8"), ("eth_black", "3")],
    )
    .await;
    session(
        &store,
        mnvp,
        "2026-02-11",
        VenueType::Online,
        &[("reached", "5"), ("exp_bereavement", "5")],
    )
    .await;
    // Outside the dates asked for.
    session(
        &store,
        mnvp,
        "2025-12-01",
        baby,
        &[("reached", "40"), ("eth_black", "40")],
    )
    .await;

    let got = store
        .outreach_venue_tallies(&[mnvp, mnvp + 1000], "2026-01-01", "2026-12-31")
        .await
        .unwrap();
    let of = |venue: &str, dim: &str, group: &str| {
        got.iter()
            .find(|t| t.venue_type == venue && t.dimension == dim && t.group_code == group)
            .map(|t| t.people)
    };
    // By hand: 6 + 3 Black at the two baby groups in 2026; white counted as 0 once any
    // ethnic group was; neonatal only at the first.
    assert_eq!(of("baby_group", "ethnic_group", "black"), Some(9));
    assert_eq!(of("baby_group", "ethnic_group", "white"), Some(0));
    assert_eq!(of("baby_group", "experience", "neonatal"), Some(2));
    assert_eq!(of("online", "experience", "bereavement"), Some(5));
    assert_eq!(
        of("online", "ethnic_group", "black"),
        None,
        "not counted online"
    );
    assert!(got.contains(&VenueTally {
        venue_type: "online".into(),
        dimension: "experience".into(),
        group_code: "bereavement".into(),
        people: 5
    }));
    let mut sorted = got.clone();
    sorted.sort_by(|a, b| {
        (&a.venue_type, &a.dimension, &a.group_code).cmp(&(
            &b.venue_type,
            &b.dimension,
            &b.group_code,
        ))
    });
    assert_eq!(got, sorted);
    let all = store.outreach_venue_tallies(&[mnvp], "", "").await.unwrap();
    assert_eq!(
        all.iter()
            .find(|t| t.venue_type == "baby_group" && t.group_code == "black")
            .map(|t| t.people),
        Some(49),
        "open dates include the December session"
    );
    let partners = |from: &'static str, to: &'static str| {
        let store = &store;
        async move {
            store
                .outreach_partner_names(&[mnvp], from, to)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        partners("2026-01-01", "2026-12-31").await,
        ["Home-Start", "Sands"]
    );
    assert_eq!(partners("2026-02-11", "2026-02-11").await, ["Sands"]);
    assert!(partners("2027-01-01", "").await.is_empty());
}
