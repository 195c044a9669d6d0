//! Walk the Patch sessions: who walked, when and on which unit, and the tallies of people
//! approached who did not give feedback. Conversations are feedback items of the session.

use super::{insert_session, session_mnvp, Stored};
use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::walk_the_patch::{Counts, SessionPlan, TallyKind};
use serde::Serialize;

/// A new session: the plan as parsed, on a unit of the MNVP.
#[derive(Debug, Clone)]
pub struct NewWalkSession {
    pub mnvp_id: i64,
    pub unit_id: i64,
    pub plan: SessionPlan,
}

/// A session with its counts so far.
#[derive(Debug, Clone, Serialize)]
pub struct WalkSession {
    pub id: i64,
    pub mnvp_id: i64,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub held_on: String,
    pub volunteers: String,
    pub created_at: String,
    pub counts: Counts,
    pub approached: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    mnvp_id: i64,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    held_on: String,
    volunteers: String,
    created_at: String,
    conversations: i64,
    declined: i64,
    not_now: i64,
}

impl From<Row> for WalkSession {
    fn from(r: Row) -> Self {
        // Take-backs can never exceed what was recorded (the store refuses them), but a
        // count is never shown below zero whatever the history.
        let counts = Counts {
            conversations: r.conversations,
            declined: r.declined.max(0),
            not_now: r.not_now.max(0),
        };
        WalkSession {
            id: r.id,
            mnvp_id: r.mnvp_id,
            unit_id: r.unit_id,
            unit_name: r.unit_name,
            held_on: r.held_on,
            volunteers: r.volunteers,
            created_at: r.created_at,
            approached: counts.approached(),
            counts,
        }
    }
}

const SELECT_SESSION: &str = "SELECT s.id, s.mnvp_id, s.unit_id, u.name AS unit_name, s.held_on, w.volunteers, s.created_at, \
     (SELECT COUNT(*) FROM feedback f WHERE f.capture_session_id = s.id AND f.withdrawn_at IS NULL) AS conversations, \
     COALESCE((SELECT SUM(t.delta) FROM walk_tallies t WHERE t.session_id = s.id AND t.kind = 'declined'), 0) AS declined, \
     COALESCE((SELECT SUM(t.delta) FROM walk_tallies t WHERE t.session_id = s.id AND t.kind = 'not_now'), 0) AS not_now \
     FROM capture_sessions s JOIN walk_sessions w ON w.session_id = s.id LEFT JOIN organisations u ON u.id = s.unit_id";

impl Store {
    /// Opens a session; a repeated form key returns the session already opened.
    pub async fn create_walk_session(
        &self,
        new: &NewWalkSession,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        let id = write_tx!(self, |tx| idempotent!(
            tx,
            idempotency_key,
            "capture_session",
            {
                let id = insert_session!(
                    tx,
                    new.mnvp_id,
                    Channel::WalkThePatch,
                    Some(new.unit_id),
                    new.plan.held_on.as_str(),
                    actor
                );
                sqlx::query("INSERT INTO walk_sessions (session_id, volunteers) VALUES ($1, $2)")
                    .bind(id)
                    .bind(&new.plan.volunteers)
                    .execute(&mut *tx)
                    .await?;
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "capture_session",
                    Some(id),
                    format!("Walk the Patch on {}", new.plan.held_on.as_str())
                );
                id
            }
        ));
        Ok(id)
    }

    pub async fn get_walk_session(&self, id: i64) -> Result<WalkSession, StoreError> {
        let sql = format!("{SELECT_SESSION} WHERE s.id = $1");
        let row: Option<Row> = read!(self, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        row.map(WalkSession::from).ok_or(StoreError::NotFound)
    }

    /// An MNVP's sessions, latest first, and how many there are.
    pub async fn list_walk_sessions(
        &self,
        mnvp_id: i64,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<WalkSession>, i64), StoreError> {
        let sql = format!(
            "{SELECT_SESSION} WHERE s.mnvp_id = $1 ORDER BY s.held_on DESC, s.id DESC LIMIT $2 OFFSET $3"
        );
        let (rows, total): (Vec<Row>, i64) = read!(self, |pool| {
            let rows = sqlx::query_as(&sql)
                .bind(mnvp_id)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let (total,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM capture_sessions WHERE mnvp_id = $1 AND kind = 'walk_the_patch'",
            )
            .bind(mnvp_id)
            .fetch_one(pool)
            .await?;
            (rows, total)
        });
        Ok((rows.into_iter().map(WalkSession::from).collect(), total))
    }

    /// Records one tap of a tally (+1) or takes one back (−1). A resend with the same
    /// `client_id` changes nothing; taking back more than was recorded is refused.
    pub async fn record_walk_tally(
        &self,
        session_id: i64,
        client_id: &str,
        kind: TallyKind,
        delta: i64,
        actor: &Actor,
    ) -> Result<Stored, StoreError> {
        let stored = write_tx!(self, |tx| {
            session_mnvp!(tx, session_id, Channel::WalkThePatch);
            let resent: Option<(i64,)> =
                sqlx::query_as("SELECT session_id FROM walk_tallies WHERE client_id = $1")
                    .bind(client_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            match resent {
                Some((s,)) if s == session_id => Stored {
                    id: session_id,
                    created: false,
                },
                Some(_) => {
                    return Err(StoreError::Conflict(
                        "This tally's id has already been used in a different session".into(),
                    ))
                }
                None => {
                    if delta < 0 {
                        let (n,): (i64,) = sqlx::query_as(
                            "SELECT COALESCE(SUM(delta), 0) FROM walk_tallies WHERE session_id = $1 AND kind = $2",
                        )
                        .bind(session_id)
                        .bind(kind.as_str())
                        .fetch_one(&mut *tx)
                        .await?;
                        if n + delta < 0 {
                            return Err(StoreError::Invalid(format!(
                                "There is no \"{}\" to take back",
                                kind.label().to_lowercase()
                            )));
                        }
                    }
                    let now = now_text();
                    sqlx::query(
                        "INSERT INTO walk_tallies (client_id, session_id, kind, delta, recorded_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(client_id)
                    .bind(session_id)
                    .bind(kind.as_str())
                    .bind(delta as i32)
                    .bind(&now)
                    .execute(&mut *tx)
                    .await?;
                    audit_append!(
                        tx,
                        actor,
                        "update",
                        "capture_session",
                        Some(session_id),
                        format!("{} {delta:+}", kind.as_str())
                    );
                    Stored {
                        id: session_id,
                        created: true,
                    }
                }
            }
        });
        Ok(stored)
    }
}
