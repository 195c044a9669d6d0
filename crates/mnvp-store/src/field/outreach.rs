//! Outreach sessions: where they were, with whom, how many people were reached and in which
//! groups (aggregate tallies only). Feedback heard at a session is a feedback item of it.
//! [`Store::outreach_coverage`] and [`Store::outreach_reach`] are the reads representation
//! analysis uses: sessions and people per district, and people per group.

use super::insert_session;
use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::outreach::SessionDetails;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct NewOutreach {
    pub mnvp_id: i64,
    pub details: SessionDetails,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Outreach {
    pub id: i64,
    pub mnvp_id: i64,
    pub held_on: String,
    pub venue_type: String,
    pub venue_name: Option<String>,
    pub postcode_district: Option<String>,
    pub area_name: Option<String>,
    pub people_reached: i64,
    pub notes: Option<String>,
    pub feedback: i64,
    pub created_at: String,
}

/// One stored tally: (dimension, group code, people).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct TallyRow {
    pub dimension: String,
    pub group_code: String,
    pub people: i64,
}

/// Outreach in one postcode district (None: sessions placed by area name only, or online).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Coverage {
    pub postcode_district: Option<String>,
    pub venue_type: String,
    pub sessions: i64,
    pub people_reached: i64,
}

const SELECT_OUTREACH: &str = "SELECT s.id, s.mnvp_id, s.held_on, o.venue_type, o.venue_name, o.postcode_district, o.area_name, \
     CAST(o.people_reached AS BIGINT) AS people_reached, o.notes, s.created_at, \
     (SELECT COUNT(*) FROM feedback f WHERE f.capture_session_id = s.id AND f.withdrawn_at IS NULL) AS feedback \
     FROM capture_sessions s JOIN outreach_sessions o ON o.session_id = s.id";

/// Writes a session's details, partners and tallies inside `$tx` (after clearing old ones).
macro_rules! write_details {
    ($tx:ident, $id:expr, $d:expr) => {{
        let id: i64 = $id;
        let d: &SessionDetails = $d;
        sqlx::query("DELETE FROM outreach_partners WHERE session_id = $1")
            .bind(id)
            .execute(&mut *$tx)
            .await?;
        sqlx::query("DELETE FROM outreach_tallies WHERE session_id = $1")
            .bind(id)
            .execute(&mut *$tx)
            .await?;
        for name in &d.partners {
            sqlx::query("INSERT INTO outreach_partners (session_id, name) VALUES ($1, $2)")
                .bind(id)
                .bind(name)
                .execute(&mut *$tx)
                .await?;
        }
        for (dimension, group, people) in d.tallies.rows() {
            sqlx::query(
                "INSERT INTO outreach_tallies (session_id, dimension, group_code, people) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(dimension)
            .bind(group)
            .bind(people as i32)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

impl Store {
    pub async fn create_outreach(
        &self,
        new: &NewOutreach,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        let d = &new.details;
        let id = write_tx!(self, |tx| idempotent!(
            tx,
            idempotency_key,
            "capture_session",
            {
                let id = insert_session!(
                    tx,
                    new.mnvp_id,
                    Channel::Outreach,
                    None,
                    d.held_on.as_str(),
                    actor
                );
                sqlx::query(
                "INSERT INTO outreach_sessions (session_id, venue_type, venue_name, postcode_district, area_name, people_reached, notes) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(d.venue_type.as_str())
            .bind(d.venue_name.as_deref())
            .bind(d.place.postcode_district.as_deref())
            .bind(d.place.area_name.as_deref())
            .bind(d.tallies.reached as i32)
            .bind(d.notes.as_deref())
            .execute(&mut *tx)
            .await?;
                write_details!(tx, id, d);
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "capture_session",
                    Some(id),
                    format!(
                        "outreach on {}, {} people reached",
                        d.held_on.as_str(),
                        d.tallies.reached
                    )
                );
                id
            }
        ));
        Ok(id)
    }

    /// Replaces a session's details, partners and tallies (the lead correcting a record).
    pub async fn update_outreach(
        &self,
        id: i64,
        d: &SessionDetails,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let n = sqlx::query(
                "UPDATE outreach_sessions SET venue_type = $1, venue_name = $2, postcode_district = $3, area_name = $4, \
                 people_reached = $5, notes = $6 WHERE session_id = $7",
            )
            .bind(d.venue_type.as_str())
            .bind(d.venue_name.as_deref())
            .bind(d.place.postcode_district.as_deref())
            .bind(d.place.area_name.as_deref())
            .bind(d.tallies.reached as i32)
            .bind(d.notes.as_deref())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("UPDATE capture_sessions SET held_on = $1, updated_at = $2 WHERE id = $3")
                .bind(d.held_on.as_str())
                .bind(now_text())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            write_details!(tx, id, d);
            audit_append!(
                tx,
                actor,
                "update",
                "capture_session",
                Some(id),
                format!("outreach details, {} people reached", d.tallies.reached)
            );
        });
        Ok(())
    }

    pub async fn get_outreach(&self, id: i64) -> Result<Outreach, StoreError> {
        let sql = format!("{SELECT_OUTREACH} WHERE s.id = $1");
        read!(self, |pool| sqlx::query_as::<_, Outreach>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    /// An MNVP's sessions, latest first, and how many there are.
    pub async fn list_outreach(
        &self,
        mnvp_id: i64,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Outreach>, i64), StoreError> {
        let sql = format!(
            "{SELECT_OUTREACH} WHERE s.mnvp_id = $1 ORDER BY s.held_on DESC, s.id DESC LIMIT $2 OFFSET $3"
        );
        Ok(read!(self, |pool| {
            let rows = sqlx::query_as::<_, Outreach>(&sql)
                .bind(mnvp_id)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let (total,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM capture_sessions WHERE mnvp_id = $1 AND kind = 'outreach'",
            )
            .bind(mnvp_id)
            .fetch_one(pool)
            .await?;
            (rows, total)
        }))
    }

    pub async fn outreach_partners(&self, id: i64) -> Result<Vec<String>, StoreError> {
        let rows: Vec<(String,)> = read!(self, |pool| {
            sqlx::query_as("SELECT name FROM outreach_partners WHERE session_id = $1 ORDER BY name")
                .bind(id)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(|(n,)| n).collect())
    }

    pub async fn outreach_tallies(&self, id: i64) -> Result<Vec<TallyRow>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as(
                "SELECT dimension, group_code, CAST(people AS BIGINT) AS people FROM outreach_tallies \
                 WHERE session_id = $1 ORDER BY dimension, group_code",
            )
            .bind(id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Sessions and people reached per postcode district and venue type, for the given MNVPs
    /// between two dates (inclusive, `YYYY-MM-DD`; empty = open): geographic coverage.
    pub async fn outreach_coverage(
        &self,
        mnvp_ids: &[i64],
        from: &str,
        to: &str,
    ) -> Result<Vec<Coverage>, StoreError> {
        let mut all: Vec<Coverage> = Vec::new();
        for id in mnvp_ids {
            let rows: Vec<Coverage> = read!(self, |pool| {
                sqlx::query_as(
                    "SELECT o.postcode_district, o.venue_type, COUNT(*) AS sessions, \
                     CAST(COALESCE(SUM(o.people_reached), 0) AS BIGINT) AS people_reached \
                     FROM capture_sessions s JOIN outreach_sessions o ON o.session_id = s.id \
                     WHERE s.mnvp_id = $1 AND ($2 = '' OR s.held_on >= $2) AND ($3 = '' OR s.held_on <= $3) \
                     GROUP BY o.postcode_district, o.venue_type",
                )
                .bind(id)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?
            });
            for r in rows {
                match all.iter_mut().find(|c| {
                    c.postcode_district == r.postcode_district && c.venue_type == r.venue_type
                }) {
                    Some(c) => {
                        c.sessions += r.sessions;
                        c.people_reached += r.people_reached;
                    }
                    None => all.push(r),
                }
            }
        }
        all.sort_by(|a, b| {
            (&a.postcode_district, &a.venue_type).cmp(&(&b.postcode_district, &b.venue_type))
        });
        Ok(all)
    }

    /// People reached per tallied group (summed over sessions), for the given MNVPs between
    /// two dates, with the total reached at sessions that counted each dimension — so a share
    /// is taken of the people who were counted, not of everyone.
    pub async fn outreach_reach(
        &self,
        mnvp_ids: &[i64],
        from: &str,
        to: &str,
    ) -> Result<Vec<Reach>, StoreError> {
        let mut all: Vec<Reach> = Vec::new();
        for id in mnvp_ids {
            let rows: Vec<Reach> = read!(self, |pool| {
                sqlx::query_as(
                    "SELECT t.dimension, t.group_code, CAST(SUM(t.people) AS BIGINT) AS people, \
                     CAST(SUM(o.people_reached) AS BIGINT) AS counted_of \
                     FROM outreach_tallies t JOIN capture_sessions s ON s.id = t.session_id \
                     JOIN outreach_sessions o ON o.session_id = s.id \
                     WHERE s.mnvp_id = $1 AND ($2 = '' OR s.held_on >= $2) AND ($3 = '' OR s.held_on <= $3) \
                     GROUP BY t.dimension, t.group_code",
                )
                .bind(id)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?
            });
            for r in rows {
                match all
                    .iter_mut()
                    .find(|c| c.dimension == r.dimension && c.group_code == r.group_code)
                {
                    Some(c) => {
                        c.people += r.people;
                        c.counted_of += r.counted_of;
                    }
                    None => all.push(r),
                }
            }
        }
        all.sort_by(|a, b| (&a.dimension, &a.group_code).cmp(&(&b.dimension, &b.group_code)));
        Ok(all)
    }
}

/// People reached in one group, and how many people were reached at the sessions that
/// counted that group.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Reach {
    pub dimension: String,
    pub group_code: String,
    pub people: i64,
    pub counted_of: i64,
}
