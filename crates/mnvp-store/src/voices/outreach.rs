//! What outreach sessions reached, by venue type: the history the planner draws on to suggest
//! where an under-heard group was found before. Sessions per district for geographic coverage
//! come from [`Store::outreach_coverage`]; this adds the tallies per venue type.

use crate::{Store, StoreError};
use serde::Serialize;

/// People of one tallied group reached at sessions of one venue type.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct VenueTally {
    pub venue_type: String,
    pub dimension: String,
    pub group_code: String,
    pub people: i64,
}

impl Store {
    /// People reached per venue type and tallied group (summed over sessions), for the given
    /// MNVPs between two dates (inclusive, `YYYY-MM-DD`; empty = open), sorted.
    pub async fn outreach_venue_tallies(
        &self,
        mnvp_ids: &[i64],
        from: &str,
        to: &str,
    ) -> Result<Vec<VenueTally>, StoreError> {
        let mut all: Vec<VenueTally> = Vec::new();
        for id in mnvp_ids {
            let rows: Vec<VenueTally> = read!(self, |pool| {
                sqlx::query_as(
                    "SELECT o.venue_type, t.dimension, t.group_code, CAST(SUM(t.people) AS BIGINT) AS people \
                     FROM outreach_tallies t JOIN capture_sessions s ON s.id = t.session_id \
                     JOIN outreach_sessions o ON o.session_id = s.id \
                     WHERE s.mnvp_id = $1 AND ($2 = '' OR s.held_on >= $2) AND ($3 = '' OR s.held_on <= $3) \
                     GROUP BY o.venue_type, t.dimension, t.group_code",
                )
                .bind(id)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?
            });
            for r in rows {
                match all.iter_mut().find(|c| {
                    c.venue_type == r.venue_type
                        && c.dimension == r.dimension
                        && c.group_code == r.group_code
                }) {
                    Some(c) => c.people += r.people,
                    None => all.push(r),
                }
            }
        }
        all.sort_by(|a, b| {
            (&a.venue_type, &a.dimension, &a.group_code).cmp(&(
                &b.venue_type,
                &b.dimension,
                &b.group_code,
            ))
        });
        Ok(all)
    }

    /// The partner organisations named on outreach sessions of the given MNVPs between two
    /// dates, each once, in order: the annual report's "links with community organisations".
    pub async fn outreach_partner_names(
        &self,
        mnvp_ids: &[i64],
        from: &str,
        to: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut all: Vec<String> = Vec::new();
        for id in mnvp_ids {
            let rows: Vec<(String,)> = read!(self, |pool| {
                sqlx::query_as(
                    "SELECT DISTINCT p.name FROM outreach_partners p JOIN capture_sessions s ON s.id = p.session_id \
                     WHERE s.mnvp_id = $1 AND ($2 = '' OR s.held_on >= $2) AND ($3 = '' OR s.held_on <= $3)",
                )
                .bind(id)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?
            });
            all.extend(rows.into_iter().map(|(n,)| n));
        }
        all.sort();
        all.dedup();
        Ok(all)
    }
}
