//! Who gave feedback, counted once per month, unit, channel, dimension and group.
//!
//! Why a tally: the representation report for an ICB reads ten million feedback items; joined
//! with their equality answers and grouped eight ways, that takes tens of seconds. Whole months
//! are therefore counted once into `voices_tally` and re-counted only when triggers mark them
//! stale (an item or its answers added, changed or removed). A report sums the tally for the
//! whole months in its period and counts the raw items only for a part-month at either end.

use super::{push_ids, Scope};
use crate::{Store, StoreError};
use chrono::{Datelike, NaiveDate};
use mnvp_domain::voices::dimensions::{
    RAW_AGE, RAW_ALL, RAW_BEREAVEMENT, RAW_DISTRICT, RAW_ETHNIC, RAW_ETHNIC_IMD, RAW_IMD,
    RAW_NEONATAL,
};
use mnvp_domain::voices::representation::TallyRow;

/// Each raw dimension: its name, the group expression, extra joins and the condition an item
/// must meet to be counted in it.
const DIMENSIONS: [(&str, &str, &str, &str); 8] = [
    (RAW_ALL, "'all'", "", ""),
    (
        RAW_NEONATAL,
        "'yes'",
        " LEFT JOIN feedback_demographics d ON d.feedback_id = f.id LEFT JOIN organisations u ON u.id = f.unit_id",
        " AND (f.care_stage = 'neonatal' OR f.channel = 'pag' OR u.unit_type = 'neonatal_unit' OR d.experiences LIKE '%neonatal%')",
    ),
    (
        RAW_BEREAVEMENT,
        "'yes'",
        " LEFT JOIN feedback_demographics d ON d.feedback_id = f.id",
        " AND (f.care_stage = 'bereavement' OR d.experiences LIKE '%bereavement%')",
    ),
    (
        RAW_ETHNIC,
        "d.ethnic_category",
        " JOIN feedback_demographics d ON d.feedback_id = f.id",
        " AND d.ethnic_category IS NOT NULL",
    ),
    (
        RAW_AGE,
        "d.age_band",
        " JOIN feedback_demographics d ON d.feedback_id = f.id",
        " AND d.age_band IS NOT NULL",
    ),
    (
        RAW_IMD,
        "CAST(d.imd_decile AS TEXT)",
        " JOIN feedback_demographics d ON d.feedback_id = f.id",
        " AND d.imd_decile IS NOT NULL",
    ),
    (
        RAW_DISTRICT,
        "d.postcode_district",
        " JOIN feedback_demographics d ON d.feedback_id = f.id",
        " AND d.postcode_district IS NOT NULL",
    ),
    (
        RAW_ETHNIC_IMD,
        "d.ethnic_category || ':' || CAST(d.imd_decile AS TEXT)",
        " JOIN feedback_demographics d ON d.feedback_id = f.id",
        " AND d.ethnic_category IS NOT NULL AND d.imd_decile IS NOT NULL",
    ),
];

/// The counting query of one raw dimension over `f.received_on` in [$1, $2), then the MNVP
/// and unit filters (placeholders from $3).
fn count_sql(dim: usize, scope: &Scope) -> (String, usize) {
    let (name, grp, joins, cond) = DIMENSIONS[dim];
    let mut sql = format!(
        "SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7) AS month, COALESCE(f.unit_id, 0) AS unit_id, f.channel, \
         '{name}' AS dimension, {grp} AS grp, COUNT(*) AS n FROM feedback f{joins} \
         WHERE f.received_on >= $1 AND f.received_on < $2{cond}"
    );
    let next = push_ids(&mut sql, 3, "f.mnvp_id", &scope.mnvp_ids);
    let next = match &scope.unit_ids {
        Some(units) => push_ids(&mut sql, next, "COALESCE(f.unit_id, 0)", units),
        None => next,
    };
    sql.push_str(" GROUP BY 1, 2, 3, 4, 6");
    (sql, next)
}

/// `YYYY-MM` → the first day of the following month.
fn next_month(month: &str) -> String {
    let y: i32 = month.get(0..4).and_then(|s| s.parse().ok()).unwrap_or(0);
    let m: i32 = month.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    if m == 12 {
        format!("{:04}-01-01", y + 1)
    } else {
        format!("{y:04}-{:02}-01", m + 1)
    }
}

fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

type RawRow = (i64, String, i64, String, String, String, i64);

impl Store {
    /// Re-counts the months marked stale (for these MNVPs, or for every MNVP when `None`).
    /// Returns how many months were re-counted.
    pub async fn refresh_voices_tally(&self, mnvp_ids: Option<&[i64]>) -> Result<u64, StoreError> {
        let mut probe = String::from("SELECT COUNT(*) FROM voices_tally_stale WHERE 1 = 1");
        if let Some(ids) = mnvp_ids {
            push_ids(&mut probe, 1, "mnvp_id", ids);
        }
        let ids = mnvp_ids.unwrap_or(&[]);
        let (stale,): (i64,) = read!(self, |pool| {
            let mut q = sqlx::query_as(&probe);
            for id in ids {
                q = q.bind(id);
            }
            q.fetch_one(pool).await?
        });
        if stale == 0 {
            return Ok(0);
        }
        let mut take = String::from("DELETE FROM voices_tally_stale WHERE 1 = 1");
        if mnvp_ids.is_some() {
            push_ids(&mut take, 1, "mnvp_id", ids);
        }
        take.push_str(" RETURNING mnvp_id, month");
        let done = write_tx!(self, |tx| {
            let months: Vec<(i64, String)> = {
                let mut q = sqlx::query_as(&take);
                for id in ids {
                    q = q.bind(id);
                }
                q.fetch_all(&mut *tx).await?
            };
            for (mnvp, month) in &months {
                sqlx::query("DELETE FROM voices_tally WHERE mnvp_id = $1 AND month = $2")
                    .bind(mnvp)
                    .bind(month)
                    .execute(&mut *tx)
                    .await?;
                let scope = Scope {
                    mnvp_ids: vec![*mnvp],
                    ..Default::default()
                };
                for dim in 0..DIMENSIONS.len() {
                    let (select, _) = count_sql(dim, &scope);
                    let sql = format!(
                        "INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n) {select}"
                    );
                    sqlx::query(&sql)
                        .bind(format!("{month}-01"))
                        .bind(next_month(month))
                        .bind(mnvp)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            months.len() as u64
        });
        Ok(done)
    }

    /// Feedback counts for a scope and an inclusive date range (`YYYY-MM-DD`; `None` for open
    /// ends), summed over the scope's MNVPs: the tally for whole months, raw counts for the
    /// part-months at either end.
    pub async fn voices_counts(
        &self,
        scope: &Scope,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<TallyRow>, StoreError> {
        self.refresh_voices_tally(match scope.unit_ids {
            Some(_) => None,
            None => Some(&scope.mnvp_ids),
        })
        .await?;
        let day = |raw: Option<&str>, default: NaiveDate| -> Result<NaiveDate, StoreError> {
            match raw {
                None => Ok(default),
                Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                    StoreError::Invalid(format!("\"{d}\" is not a date like 2026-04-01"))
                }),
            }
        };
        let from = day(
            from,
            NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default(),
        )?;
        let to = day(
            to,
            NaiveDate::from_ymd_opt(2999, 12, 31).unwrap_or_default(),
        )?;
        if to < from {
            return Ok(Vec::new());
        }
        let after_to = to.succ_opt().unwrap_or(to);
        // Whole months: from the first 1st on or after `from` to the last month-end on or
        // before `to`.
        let whole_from = if from.day() == 1 {
            from
        } else {
            first_of_next_month(from)
        };
        let whole_to = if after_to.day() == 1 {
            to
        } else {
            after_to
                .with_day(1)
                .and_then(|d| d.pred_opt())
                .unwrap_or(to)
        };
        let text = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let first_month = whole_from.format("%Y-%m").to_string();
        let last_month = whole_to.format("%Y-%m").to_string();
        let whole = whole_from <= whole_to;
        let mut out = Vec::new();
        if whole {
            let mut sql = String::from(
                "SELECT month, unit_id, channel, dimension, grp, CAST(SUM(n) AS BIGINT) FROM voices_tally \
                 WHERE month >= $1 AND month <= $2",
            );
            let next = push_ids(&mut sql, 3, "mnvp_id", &scope.mnvp_ids);
            if let Some(units) = &scope.unit_ids {
                push_ids(&mut sql, next, "unit_id", units);
            }
            sql.push_str(" GROUP BY month, unit_id, channel, dimension, grp");
            let rows: Vec<(String, i64, String, String, String, i64)> = read!(self, |pool| {
                let mut q = sqlx::query_as(&sql).bind(&first_month).bind(&last_month);
                for id in &scope.mnvp_ids {
                    q = q.bind(id);
                }
                for id in scope.unit_ids.iter().flatten() {
                    q = q.bind(id);
                }
                q.fetch_all(pool).await?
            });
            out.extend(
                rows.into_iter()
                    .map(|(month, unit_id, channel, dimension, group, n)| TallyRow {
                        month,
                        unit_id,
                        channel,
                        dimension,
                        group,
                        n,
                    }),
            );
        }
        // Part-months: raw counts.
        let mut edges = Vec::new();
        if !whole {
            edges.push((text(from), text(after_to)));
        } else {
            if from < whole_from {
                edges.push((text(from), text(whole_from)));
            }
            if to > whole_to {
                let next = whole_to.succ_opt().unwrap_or(whole_to);
                edges.push((text(next), text(after_to)));
            }
        }
        for (start, end) in edges {
            out.extend(self.raw_counts(scope, &start, &end).await?);
        }
        Ok(out)
    }

    /// Counts straight from the feedback for `received_on` in [start, end).
    async fn raw_counts(
        &self,
        scope: &Scope,
        start: &str,
        end: &str,
    ) -> Result<Vec<TallyRow>, StoreError> {
        let mut out = Vec::new();
        for dim in 0..DIMENSIONS.len() {
            let (sql, _) = count_sql(dim, scope);
            let rows: Vec<RawRow> = read!(self, |pool| {
                let mut q = sqlx::query_as(&sql).bind(start).bind(end);
                for id in &scope.mnvp_ids {
                    q = q.bind(id);
                }
                for id in scope.unit_ids.iter().flatten() {
                    q = q.bind(id);
                }
                q.fetch_all(pool).await?
            });
            out.extend(rows.into_iter().map(
                |(_, month, unit_id, channel, dimension, group, n)| TallyRow {
                    month,
                    unit_id,
                    channel,
                    dimension,
                    group,
                    n,
                },
            ));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_step_across_years() {
        assert_eq!(next_month("2026-12"), "2027-01-01");
        assert_eq!(next_month("2026-03"), "2026-04-01");
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(first_of_next_month(d("2026-12-15")), d("2027-01-01"));
    }
}
