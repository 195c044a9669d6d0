//! Field work sessions (Walk the Patch, Fifteen Steps, outreach) and the feedback they gather.
//! A session's header lives in `capture_sessions`; what was said lives in the one feedback
//! store, each item pointing at its session through `feedback.capture_session_id`. An item
//! withdrawn but kept for a safeguarding case (`corrections`) no longer counts in its session.

pub mod corrections;
pub mod fifteen_steps;
pub mod intelligence;
pub mod outreach;
pub mod walk_the_patch;

use crate::feedback::{FeedbackItem, NewFeedback, SELECT_ITEM};
use crate::{now_text, Actor, Store, StoreError};
use serde::Serialize;

/// The result of storing something sent with the device's own id: its id, and whether this
/// call stored it (`false` when it was a resend of something already stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stored {
    pub id: i64,
    pub created: bool,
}

/// Opens a session of `$kind` inside the write transaction `$tx` and yields its id. The unit,
/// when given, must be one the MNVP covers: checked here so no form or API can attach a
/// session to someone else's unit.
macro_rules! insert_session {
    ($tx:ident, $mnvp:expr, $kind:expr, $unit:expr, $held_on:expr, $actor:expr) => {{
        let mnvp: i64 = $mnvp;
        let unit: Option<i64> = $unit;
        if let Some(u) = unit {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM mnvp_units WHERE mnvp_id = $1 AND unit_id = $2",
            )
            .bind(mnvp)
            .bind(u)
            .fetch_one(&mut *$tx)
            .await?;
            if n == 0 {
                return Err(StoreError::Invalid(
                    "Select a unit your MNVP covers".into(),
                ));
            }
        }
        let now = now_text();
        let actor: &Actor = $actor;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO capture_sessions (mnvp_id, kind, unit_id, held_on, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(mnvp)
        .bind($kind.as_str())
        .bind(unit)
        .bind($held_on)
        .bind(actor.user_id)
        .bind(&now)
        .fetch_one(&mut *$tx)
        .await?;
        id
    }};
}
pub(crate) use insert_session;

/// Checks inside `$tx` that session `$id` exists and is of `$kind`; yields its MNVP's id.
macro_rules! session_mnvp {
    ($tx:ident, $id:expr, $kind:expr) => {{
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT mnvp_id, kind FROM capture_sessions WHERE id = $1")
                .bind($id)
                .fetch_optional(&mut *$tx)
                .await?;
        match row {
            Some((mnvp, kind)) if kind == $kind.as_str() => mnvp,
            _ => return Err(StoreError::NotFound),
        }
    }};
}
pub(crate) use session_mnvp;

/// Marks session `$id` as changed now, inside `$tx`.
macro_rules! touch_session {
    ($tx:ident, $id:expr) => {{
        sqlx::query("UPDATE capture_sessions SET updated_at = $1 WHERE id = $2")
            .bind(now_text())
            .bind($id)
            .execute(&mut *$tx)
            .await?;
    }};
}
pub(crate) use touch_session;

/// How many items of a session fall in each care stage (`None` = not given).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct StageCount {
    pub care_stage: Option<String>,
    pub n: i64,
}

impl Store {
    /// Stores one item gathered in a session, linked to it. The item must belong to the
    /// session's MNVP and channel. A resend with the same `client_id` (offline queue) or form
    /// key stores nothing new; a `client_id` already used elsewhere is a conflict, never a
    /// silent merge into someone else's record.
    pub async fn insert_session_feedback(
        &self,
        session_id: i64,
        item: &NewFeedback,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<Stored, StoreError> {
        let stored = write_tx!(self, |tx| {
            let mnvp = session_mnvp!(tx, session_id, item.channel);
            if mnvp != item.mnvp_id {
                return Err(StoreError::Invalid(
                    "The feedback belongs to a different MNVP from the session".into(),
                ));
            }
            // A resend of something stored, or of an entry removed since (its queue never
            // heard the answer): either way there is nothing new to store.
            let resent: Option<(i64, Option<i64>)> = match item.client_id.as_deref() {
                Some(c) => {
                    sqlx::query_as(
                        "SELECT id, capture_session_id FROM feedback WHERE client_id = $1 \
                         UNION ALL SELECT feedback_id, session_id FROM field_removals WHERE client_id = $1",
                    )
                    .bind(c)
                    .fetch_optional(&mut *tx)
                    .await?
                }
                None => None,
            };
            match resent {
                Some((id, Some(s))) if s == session_id => Stored { id, created: false },
                Some(_) => {
                    return Err(StoreError::Conflict(
                        "This entry's id has already been used for a different record".into(),
                    ))
                }
                None => {
                    let mut created = false;
                    let id = idempotent!(tx, idempotency_key, "feedback", {
                        created = true;
                        let now = now_text();
                        let id = insert_one!(tx, item, &now, self.sealer()?, actor);
                        sqlx::query(
                            "UPDATE feedback SET capture_session_id = $1, recorded_by = $2 WHERE id = $3",
                        )
                        .bind(session_id)
                        .bind(actor.user_id)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        touch_session!(tx, session_id);
                        audit_append!(
                            tx,
                            actor,
                            "create",
                            "feedback",
                            Some(id),
                            format!("{} item in session {session_id}", item.channel.as_str())
                        );
                        id
                    });
                    Stored { id, created }
                }
            }
        });
        Ok(stored)
    }

    /// A page of the feedback gathered in a session, newest first, and how many there are.
    pub async fn session_feedback(
        &self,
        session_id: i64,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<FeedbackItem>, i64), StoreError> {
        let sql = format!(
            "{SELECT_ITEM} WHERE f.capture_session_id = $1 AND f.withdrawn_at IS NULL ORDER BY f.id DESC LIMIT $2 OFFSET $3"
        );
        Ok(read!(self, |pool| {
            let rows = sqlx::query_as::<_, FeedbackItem>(&sql)
                .bind(session_id)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let (total,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM feedback WHERE capture_session_id = $1 AND withdrawn_at IS NULL")
                    .bind(session_id)
                    .fetch_one(pool)
                    .await?;
            (rows, total)
        }))
    }

    /// The session's items by care stage, in the vocabulary's order (not given last).
    pub async fn session_stage_counts(
        &self,
        session_id: i64,
    ) -> Result<Vec<StageCount>, StoreError> {
        let mut rows: Vec<StageCount> = read!(self, |pool| {
            sqlx::query_as(
                "SELECT care_stage, COUNT(*) AS n FROM feedback WHERE capture_session_id = $1 AND withdrawn_at IS NULL GROUP BY care_stage",
            )
            .bind(session_id)
            .fetch_all(pool)
            .await?
        });
        let order = |s: &Option<String>| {
            s.as_deref()
                .and_then(|c| mnvp_domain::feedback::CareStage::parse(c).ok())
                .and_then(|c| {
                    mnvp_domain::feedback::CareStage::ALL
                        .iter()
                        .position(|x| *x == c)
                })
                .unwrap_or(usize::MAX)
        };
        rows.sort_by_key(|r| order(&r.care_stage));
        Ok(rows)
    }
}
