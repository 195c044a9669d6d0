//! Hearing all voices: the reference data that places a postcode in an area and a deprivation
//! decile. Importers fill these tables; the door (every channel that asks for a postcode) reads
//! them through [`Store::place_postcode`].

use crate::{Store, StoreError};
use serde::Serialize;

/// Where a postcode lies, as far as the loaded reference data can tell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    pub lsoa21: Option<String>,
    /// Index of Multiple Deprivation decile (1 = most deprived 10% of areas in England).
    pub imd_decile: Option<i32>,
}

impl Store {
    /// The area and deprivation decile of a full postcode (upper case, no spaces). Unknown
    /// postcodes, or no reference data loaded, give an empty place: never an error, because
    /// a person's feedback must not fail for want of reference data.
    pub async fn place_postcode(&self, postcode: &str) -> Result<Place, StoreError> {
        let row: Option<(Option<String>, Option<i32>)> = read!(self, |pool| {
            sqlx::query_as(
                "SELECT p.lsoa21, COALESCE(d21.imd_decile, d11.imd_decile) FROM postcode_areas p \
                 LEFT JOIN area_deprivation d21 ON d21.lsoa = p.lsoa21 \
                 LEFT JOIN area_deprivation d11 ON d11.lsoa = p.lsoa11 WHERE p.postcode = $1",
            )
            .bind(postcode)
            .fetch_optional(pool)
            .await?
        });
        Ok(row
            .map(|(lsoa21, imd_decile)| Place { lsoa21, imd_decile })
            .unwrap_or_default())
    }
}
