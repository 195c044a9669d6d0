//! Hearing all voices: the reference data that places a postcode in an area and a deprivation
//! decile and says who the local birthing population is (imported by [`import`]), the
//! pre-aggregated count of who gave feedback ([`tally`]), and the Addressing Inequalities
//! report ([`annual`]). The door (every channel that asks for a postcode) reads the reference
//! data through [`Store::place_postcode`].

pub mod annual;
pub mod import;
pub mod outreach;
pub mod population;
pub mod tally;

use crate::{Store, StoreError};
use serde::Serialize;

/// Where a postcode lies, as far as the loaded reference data can tell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    pub lsoa21: Option<String>,
    /// Index of Multiple Deprivation decile (1 = most deprived 10% of areas in England).
    pub imd_decile: Option<i32>,
}

/// Whose feedback a report counts: the MNVPs, optionally only at some units (trust staff see
/// their trust's units), and whose births it is set against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub mnvp_ids: Vec<i64>,
    pub unit_ids: Option<Vec<i64>>,
    /// Organisations (MNVPs or trusts) whose imported population is summed.
    pub population_org_ids: Vec<i64>,
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

/// Appends ` AND column IN ($n, …)` for an id list (an empty list matches nothing) and returns
/// the placeholders' next number.
pub(crate) fn push_ids(sql: &mut String, next: usize, column: &str, ids: &[i64]) -> usize {
    if ids.is_empty() {
        sql.push_str(" AND 1 = 0");
        return next;
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", next + i)).collect();
    sql.push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
    next + ids.len()
}
