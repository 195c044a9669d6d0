//! Hearing all voices: reference data that places a postcode (lookups by 2021 area, falling
//! back to the 2011 area for the 2019 deprivation edition, and an empty place, not an error,
//! when nothing is known); imports of the published files; the feedback tally; the annual
//! report.

mod annual;
mod outreach;
mod reference;
mod tally;

use crate::{open, Raw};
use mnvp_store::voices::Place;
use mnvp_store::Engine;

crate::both_engines!(postcodes_are_placed_from_reference_data);

async fn postcodes_are_placed_from_reference_data(engine: Engine) {
    let (db, store) = open(engine).await;
    assert_eq!(
        store.place_postcode("NR13SR").await.unwrap(),
        Place::default()
    );
    let raw = Raw::connect(&db.url).await;
    raw.exec(
        "INSERT INTO postcode_areas (postcode, lsoa21, lsoa11) VALUES \
         ('NR13SR', 'E01999001', 'E01999001'), ('NR24AB', 'E01999102', 'E01999002'), ('NR99ZZ', 'E01999003', NULL)",
    )
    .await
    .unwrap();
    raw.exec(
        "INSERT INTO area_deprivation (lsoa, imd_decile, edition) VALUES \
         ('E01999001', 2, 'IoD2025'), ('E01999002', 7, 'IoD2019')",
    )
    .await
    .unwrap();
    let place = |lsoa: &str, decile: Option<i32>| Place {
        lsoa21: Some(lsoa.into()),
        imd_decile: decile,
    };
    assert_eq!(
        store.place_postcode("NR13SR").await.unwrap(),
        place("E01999001", Some(2))
    );
    // The 2021 area was split from a 2011 one that the 2019 edition scored.
    assert_eq!(
        store.place_postcode("NR24AB").await.unwrap(),
        place("E01999102", Some(7))
    );
    assert_eq!(
        store.place_postcode("NR99ZZ").await.unwrap(),
        place("E01999003", None)
    );
    assert_eq!(
        store.place_postcode("ZZ11ZZ").await.unwrap(),
        Place::default()
    );
}
