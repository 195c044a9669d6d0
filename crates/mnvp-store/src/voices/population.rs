//! Reading the reference data back: the birthing population of a footprint, how LSOAs roll up
//! to districts, how deprived each district is, and what has been loaded.

use super::push_ids;
use crate::{Store, StoreError};
use mnvp_domain::voices::coverage::AreaDeprivation;
use mnvp_domain::voices::dimensions::Population;
use mnvp_domain::voices::reference::births::{latest_year, OrgRef, PopDimension};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One organisation's loaded population, for the reference data page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LoadedPopulation {
    pub org_id: i64,
    pub org_name: String,
    pub first_day: String,
    pub last_day: String,
    pub dimensions: i64,
    pub rows: i64,
}

/// One past import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ImportLogEntry {
    pub kind: String,
    pub file_name: String,
    pub detail: String,
    pub rows_imported: i64,
    pub rows_skipped: i64,
    pub imported_at: String,
    pub imported_by: String,
}

/// What reference data is loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReferenceSummary {
    pub postcodes: i64,
    pub areas_2025: i64,
    pub areas_2019: i64,
    pub population: Vec<LoadedPopulation>,
    pub imports: Vec<ImportLogEntry>,
}

type PopulationRow = (i64, String, String, String, String, i64);

impl Store {
    /// Trusts by ODS code and MNVPs by slug, as births files name them.
    pub(crate) async fn org_refs(&self) -> Result<HashMap<OrgRef, i64>, StoreError> {
        let rows: Vec<(i64, String, Option<String>, Option<String>)> = read!(self, |pool| {
            sqlx::query_as(
                "SELECT id, kind, ods_code, slug FROM organisations WHERE kind IN ('trust', 'mnvp')",
            )
            .fetch_all(pool)
            .await?
        });
        let mut map = HashMap::new();
        for (id, kind, ods, slug) in rows {
            match (kind.as_str(), ods, slug) {
                ("trust", Some(code), _) if !code.trim().is_empty() => {
                    map.insert(OrgRef::Provider(code.trim().to_ascii_uppercase()), id);
                }
                ("mnvp", _, Some(slug)) => {
                    map.insert(OrgRef::Mnvp(slug.to_ascii_lowercase()), id);
                }
                _ => {}
            }
        }
        Ok(map)
    }

    /// The population of these organisations' footprints: for each organisation and dimension,
    /// the latest year loaded, summed across organisations. LSOAs are mapped to districts.
    pub async fn voices_population(&self, org_ids: &[i64]) -> Result<Population, StoreError> {
        let mut sql = String::from(
            "SELECT org_id, period_start, period_end, dimension, grp, value FROM voices_population WHERE 1 = 1",
        );
        push_ids(&mut sql, 1, "org_id", org_ids);
        let rows: Vec<PopulationRow> = read!(self, |pool| {
            let mut q = sqlx::query_as(&sql);
            for id in org_ids {
                q = q.bind(id);
            }
            q.fetch_all(pool).await?
        });
        let mut periods: BTreeMap<(i64, String), Vec<(String, String)>> = BTreeMap::new();
        for (org, start, end, dim, _, _) in &rows {
            periods
                .entry((*org, dim.clone()))
                .or_default()
                .push((start.clone(), end.clone()));
        }
        let chosen: BTreeMap<(i64, String), Vec<(String, String)>> = periods
            .into_iter()
            .map(|(k, p)| (k, latest_year(&p)))
            .collect();
        let mut population = Population::default();
        let mut lsoas = Vec::new();
        for (org, start, end, dim, grp, value) in rows {
            let used = chosen
                .get(&(org, dim.clone()))
                .is_some_and(|p| p.contains(&(start.clone(), end.clone())));
            let Some(d) = PopDimension::parse(&dim) else {
                continue;
            };
            if used {
                if d == PopDimension::Lsoa {
                    lsoas.push(grp.clone());
                }
                *population.rows.entry((d, grp)).or_default() += value;
            }
        }
        population.lsoa_districts = self.lsoa_districts(&lsoas).await?;
        Ok(population)
    }

    /// The district most of each LSOA's postcodes are in.
    pub async fn lsoa_districts(
        &self,
        lsoas: &[String],
    ) -> Result<BTreeMap<String, String>, StoreError> {
        let mut out: BTreeMap<String, (String, i64)> = BTreeMap::new();
        for chunk in lsoas.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT lsoa21, district, COUNT(*) FROM postcode_areas WHERE lsoa21 IN ({}) \
                 GROUP BY lsoa21, district",
                marks.join(", ")
            );
            let rows: Vec<(String, Option<String>, i64)> = read!(self, |pool| {
                let mut q = sqlx::query_as(&sql);
                for l in chunk {
                    q = q.bind(l);
                }
                q.fetch_all(pool).await?
            });
            for (lsoa, district, n) in rows {
                let Some(district) = district else { continue };
                let best = out.entry(lsoa).or_insert((district.clone(), 0));
                if n > best.1 || (n == best.1 && district < best.0) {
                    *best = (district, n);
                }
            }
        }
        Ok(out.into_iter().map(|(l, (d, _))| (l, d)).collect())
    }

    /// How deprived each district is, from its postcodes' areas (each postcode counted once).
    pub async fn district_deprivation(
        &self,
        districts: &[String],
    ) -> Result<BTreeMap<String, AreaDeprivation>, StoreError> {
        let mut out = BTreeMap::new();
        for chunk in districts.chunks(500) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT p.district, AVG(CAST(COALESCE(d21.imd_decile, d11.imd_decile) AS DOUBLE PRECISION)), \
                 SUM(CASE WHEN COALESCE(d21.imd_decile, d11.imd_decile) <= 2 THEN 1 ELSE 0 END), \
                 COUNT(COALESCE(d21.imd_decile, d11.imd_decile)) \
                 FROM postcode_areas p \
                 LEFT JOIN area_deprivation d21 ON d21.lsoa = p.lsoa21 \
                 LEFT JOIN area_deprivation d11 ON d11.lsoa = p.lsoa11 \
                 WHERE p.district IN ({}) GROUP BY p.district",
                marks.join(", ")
            );
            let rows: Vec<(String, Option<f64>, Option<i64>, i64)> = read!(self, |pool| {
                let mut q = sqlx::query_as(&sql);
                for d in chunk {
                    q = q.bind(d);
                }
                q.fetch_all(pool).await?
            });
            for (district, mean, deprived, n) in rows {
                if let (Some(mean), true) = (mean, n > 0) {
                    out.insert(
                        district,
                        AreaDeprivation {
                            mean_decile: mean,
                            most_deprived_share: deprived.unwrap_or(0) as f64 / n as f64,
                        },
                    );
                }
            }
        }
        Ok(out)
    }

    /// What is loaded, for the reference data page; population only for `org_ids` (None: all).
    pub async fn reference_summary(
        &self,
        org_ids: Option<&[i64]>,
    ) -> Result<ReferenceSummary, StoreError> {
        let (postcodes, areas_2025, areas_2019): (i64, i64, i64) = read!(self, |pool| {
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM postcode_areas), \
                 (SELECT COUNT(*) FROM area_deprivation WHERE edition = 'IoD2025'), \
                 (SELECT COUNT(*) FROM area_deprivation WHERE edition = 'IoD2019')",
            )
            .fetch_one(pool)
            .await?
        });
        let mut sql = String::from(
            "SELECT p.org_id, o.name AS org_name, MIN(p.period_start) AS first_day, MAX(p.period_end) AS last_day, \
             COUNT(DISTINCT p.dimension) AS dimensions, COUNT(*) AS \"rows\" \
             FROM voices_population p JOIN organisations o ON o.id = p.org_id WHERE 1 = 1",
        );
        let ids = org_ids.unwrap_or(&[]);
        if org_ids.is_some() {
            push_ids(&mut sql, 1, "p.org_id", ids);
        }
        sql.push_str(" GROUP BY p.org_id, o.name ORDER BY o.name");
        let population: Vec<LoadedPopulation> = read!(self, |pool| {
            let mut q = sqlx::query_as::<_, LoadedPopulation>(&sql);
            for id in ids {
                q = q.bind(id);
            }
            q.fetch_all(pool).await?
        });
        let imports: Vec<ImportLogEntry> = read!(self, |pool| {
            sqlx::query_as::<_, ImportLogEntry>(
                "SELECT kind, file_name, detail, rows_imported, rows_skipped, imported_at, imported_by \
                 FROM voices_reference_imports ORDER BY id DESC LIMIT 10",
            )
            .fetch_all(pool)
            .await?
        });
        Ok(ReferenceSummary {
            postcodes,
            areas_2025,
            areas_2019,
            population,
            imports,
        })
    }
}
