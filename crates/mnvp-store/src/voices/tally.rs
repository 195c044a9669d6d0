//! Who gave feedback, counted once per month, unit, channel, dimension and group.
//!
//! Why a tally: the representation report for an ICB reads ten million feedback items; joined
//! with their equality answers and grouped eight ways, that takes tens of seconds. So the counts
//! are kept in `voices_tally` per month: new items and answers add themselves through insert
//! triggers (migration 0050); a change or removal marks the month stale and it is recounted here,
//! in one pass over its items, before the next report. A report sums the tally for the whole
//! months in its period and counts the items only for a part-month at either end.

use super::{push_ids, Scope};
use crate::{Store, StoreError};
use chrono::{Datelike, NaiveDate};
use mnvp_domain::voices::dimensions::{
    RAW_AGE, RAW_ALL, RAW_BEREAVEMENT, RAW_DISTRICT, RAW_ETHNIC, RAW_ETHNIC_IMD, RAW_IMD,
    RAW_NEONATAL,
};
use mnvp_domain::voices::representation::{SliceKind, Slices, TallyRow};
use std::collections::HashMap;

/// One pass over the items of a period: what each contributes to every raw dimension. The
/// conditions are those of the insert triggers in migration 0050, which keep the tally up to
/// date between recounts.
const SCAN: &str = "SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, \
     d.ethnic_category, d.age_band, d.imd_decile, d.postcode_district, \
     CASE WHEN f.care_stage = 'neonatal' OR f.channel = 'pag' OR u.unit_type = 'neonatal_unit' \
     OR d.experiences LIKE '%neonatal%' THEN 1 ELSE 0 END, \
     CASE WHEN f.care_stage = 'bereavement' OR d.experiences LIKE '%bereavement%' THEN 1 ELSE 0 END \
     FROM feedback f LEFT JOIN feedback_demographics d ON d.feedback_id = f.id \
     LEFT JOIN organisations u ON u.id = f.unit_id \
     WHERE f.received_on >= $1 AND f.received_on < $2";

type ScanRow = (
    i64,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<i32>,
    Option<String>,
    i32,
    i32,
);

/// (MNVP, month, unit, channel, raw dimension, group) → count.
type Counted = HashMap<(i64, String, i64, String, &'static str, String), i64>;

/// Adds one item's contributions to the counts.
fn count_item(out: &mut Counted, row: ScanRow) {
    let (mnvp, month, unit, channel, ethnic, age, decile, district, neonatal, bereaved) = row;
    let mut add = |dim: &'static str, grp: String| {
        *out.entry((mnvp, month.clone(), unit, channel.clone(), dim, grp))
            .or_default() += 1;
    };
    add(RAW_ALL, "all".into());
    if neonatal == 1 {
        add(RAW_NEONATAL, "yes".into());
    }
    if bereaved == 1 {
        add(RAW_BEREAVEMENT, "yes".into());
    }
    if let (Some(e), Some(d)) = (&ethnic, decile) {
        add(RAW_ETHNIC_IMD, format!("{e}:{d}"));
    }
    if let Some(e) = ethnic {
        add(RAW_ETHNIC, e);
    }
    if let Some(a) = age {
        add(RAW_AGE, a);
    }
    if let Some(d) = decile {
        add(RAW_IMD, d.to_string());
    }
    if let Some(d) = district {
        add(RAW_DISTRICT, d);
    }
}

/// The scan query for a scope: the period's bounds are $1 and $2, then the MNVPs and units.
fn scan_sql(scope: &Scope) -> String {
    let mut sql = String::from(SCAN);
    let next = push_ids(&mut sql, 3, "f.mnvp_id", &scope.mnvp_ids);
    if let Some(units) = &scope.unit_ids {
        push_ids(&mut sql, next, "COALESCE(f.unit_id, 0)", units);
    }
    sql
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
                let rows: Vec<ScanRow> = sqlx::query_as(&scan_sql(&scope))
                    .bind(format!("{month}-01"))
                    .bind(next_month(month))
                    .bind(mnvp)
                    .fetch_all(&mut *tx)
                    .await?;
                let mut counted = Counted::new();
                rows.into_iter().for_each(|r| count_item(&mut counted, r));
                let cells: Vec<_> = counted.into_iter().collect();
                for chunk in cells.chunks(500) {
                    let marks: Vec<String> = (0..chunk.len())
                        .map(|r| {
                            let b = r * 7;
                            format!(
                                "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                                b + 1,
                                b + 2,
                                b + 3,
                                b + 4,
                                b + 5,
                                b + 6,
                                b + 7
                            )
                        })
                        .collect();
                    let sql = format!(
                        "INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n) VALUES {}",
                        marks.join(", ")
                    );
                    let mut q = sqlx::query(&sql);
                    for ((m, mo, unit, channel, dim, grp), n) in chunk {
                        q = q
                            .bind(m)
                            .bind(mo)
                            .bind(unit)
                            .bind(channel)
                            .bind(*dim)
                            .bind(grp)
                            .bind(n);
                    }
                    q.execute(&mut *tx).await?;
                }
            }
            months.len() as u64
        });
        Ok(done)
    }

    /// Feedback counts for a scope and an inclusive date range (`YYYY-MM-DD`; `None` for open
    /// ends), summed over the scope's MNVPs, in total and per channel, unit and quarter: the
    /// tally for whole months, raw counts for the part-months at either end.
    pub async fn voices_counts(
        &self,
        scope: &Scope,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Slices, StoreError> {
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
            return Ok(Slices::default());
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
        let mut out = Slices::default();
        if whole {
            let mut filter = String::from(" WHERE month >= $1 AND month <= $2");
            let next = push_ids(&mut filter, 3, "mnvp_id", &scope.mnvp_ids);
            if let Some(units) = &scope.unit_ids {
                push_ids(&mut filter, next, "unit_id", units);
            }
            // One margin per breakdown, summed here rather than in Rust: the same bound
            // parameters serve all three parts.
            let sql = [
                ("channel", "channel"),
                ("unit", "CAST(unit_id AS TEXT)"),
                ("month", "month"),
            ]
            .map(|(kind, key)| {
                format!(
                    "SELECT '{kind}', {key}, dimension, grp, CAST(SUM(n) AS BIGINT) FROM voices_tally{filter} \
                     GROUP BY {key}, dimension, grp"
                )
            })
            .join(" UNION ALL ");
            let rows: Vec<(String, String, String, String, i64)> = read!(self, |pool| {
                let mut q = sqlx::query_as(&sql).bind(&first_month).bind(&last_month);
                for id in &scope.mnvp_ids {
                    q = q.bind(id);
                }
                for id in scope.unit_ids.iter().flatten() {
                    q = q.bind(id);
                }
                q.fetch_all(pool).await?
            });
            for (kind, key, dimension, group, n) in rows {
                let kind = match kind.as_str() {
                    "channel" => SliceKind::Channel,
                    "unit" => SliceKind::Unit,
                    _ => SliceKind::Quarter,
                };
                out.add_margin(kind, &key, &dimension, &group, n);
            }
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
            self.raw_counts(scope, &start, &end, &mut out).await?;
        }
        Ok(out)
    }

    /// Adds counts straight from the items for `received_on` in [start, end).
    async fn raw_counts(
        &self,
        scope: &Scope,
        start: &str,
        end: &str,
        out: &mut Slices,
    ) -> Result<(), StoreError> {
        let sql = scan_sql(scope);
        let rows: Vec<ScanRow> = read!(self, |pool| {
            let mut q = sqlx::query_as(&sql).bind(start).bind(end);
            for id in &scope.mnvp_ids {
                q = q.bind(id);
            }
            for id in scope.unit_ids.iter().flatten() {
                q = q.bind(id);
            }
            q.fetch_all(pool).await?
        });
        let mut counted = Counted::new();
        rows.into_iter().for_each(|r| count_item(&mut counted, r));
        for ((_, month, unit_id, channel, dimension, group), n) in counted {
            out.add(&TallyRow {
                month,
                unit_id,
                channel,
                dimension: dimension.to_string(),
                group,
                n,
            });
        }
        Ok(())
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
