//! Fifteen Steps visits: the plan, the observations (feedback items placed in the toolkit),
//! and the outcome report's summary, recommended actions and sharing record. Free text is
//! stored as written; callers show it redacted outside the MNVP lead role.

use super::{insert_session, session_mnvp, touch_session, Stored};
use crate::feedback::NewFeedback;
use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::fifteen_steps::{Action, Area, Finding, Heading, Share, VisitPlan};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct NewVisit {
    pub mnvp_id: i64,
    pub unit_id: i64,
    pub plan: VisitPlan,
}

/// A visit with how far its report has come.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Visit {
    pub id: i64,
    pub mnvp_id: i64,
    pub mnvp_name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub held_on: String,
    /// Area codes joined by `;`.
    pub areas: String,
    pub other_area: Option<String>,
    pub team: String,
    pub summary: Option<String>,
    /// `draft` while the team works on it; `final` once the lead signs it off, when trust
    /// staff of the unit's trust may read it.
    pub status: String,
    pub finalised_at: Option<String>,
    pub observations: i64,
    pub actions: i64,
    pub shares: i64,
    pub created_at: String,
}

impl Visit {
    pub fn is_final(&self) -> bool {
        self.status == "final"
    }
}

const SELECT_VISIT: &str = "SELECT s.id, s.mnvp_id, m.name AS mnvp_name, s.unit_id, u.name AS unit_name, s.held_on, v.areas, \
     v.other_area, v.team, v.summary, v.status, v.finalised_at, s.created_at, \
     (SELECT COUNT(*) FROM fifteen_steps_observations o WHERE o.session_id = s.id) AS observations, \
     (SELECT COUNT(*) FROM fifteen_steps_actions a WHERE a.session_id = s.id) AS actions, \
     (SELECT COUNT(*) FROM fifteen_steps_shares h WHERE h.session_id = s.id) AS shares \
     FROM capture_sessions s JOIN fifteen_steps_visits v ON v.session_id = s.id \
     JOIN organisations m ON m.id = s.mnvp_id LEFT JOIN organisations u ON u.id = s.unit_id";

/// Which visits a caller may list: an MNVP's own (leads, volunteers), or the final reports
/// about some units (trust staff).
#[derive(Debug, Clone)]
pub enum VisitScope {
    Mnvp(i64),
    FinalForUnits(Vec<i64>),
}

/// One observation as recorded, with its text as written (and as redacted at the door).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ObservationRow {
    pub feedback_id: i64,
    pub area: String,
    pub heading: String,
    pub finding: String,
    /// The original text, sealed; only the lead's views open it.
    #[serde(skip)]
    pub body: Option<crate::SealedText>,
    pub body_redacted: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ActionRow {
    pub id: i64,
    pub area: Option<String>,
    pub action: String,
    pub owner: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ShareRow {
    pub id: i64,
    pub audience: String,
    pub shared_on: String,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: String,
}

/// Checks inside `$tx` that the visit exists; yields (mnvp id, status).
macro_rules! visit_state {
    ($tx:ident, $id:expr) => {{
        session_mnvp!($tx, $id, Channel::FifteenSteps);
        let (status,): (String,) =
            sqlx::query_as("SELECT status FROM fifteen_steps_visits WHERE session_id = $1")
                .bind($id)
                .fetch_one(&mut *$tx)
                .await?;
        status
    }};
}

impl Store {
    pub async fn create_visit(
        &self,
        new: &NewVisit,
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
                    Channel::FifteenSteps,
                    Some(new.unit_id),
                    new.plan.held_on.as_str(),
                    actor
                );
                sqlx::query(
                "INSERT INTO fifteen_steps_visits (session_id, areas, other_area, team) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(new.plan.areas_code())
            .bind(new.plan.other_area.as_deref())
            .bind(&new.plan.team)
            .execute(&mut *tx)
            .await?;
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "capture_session",
                    Some(id),
                    format!("15 Steps visit on {}", new.plan.held_on.as_str())
                );
                id
            }
        ));
        Ok(id)
    }

    pub async fn get_visit(&self, id: i64) -> Result<Visit, StoreError> {
        let sql = format!("{SELECT_VISIT} WHERE s.id = $1");
        read!(self, |pool| sqlx::query_as::<_, Visit>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    /// Visits in scope, latest first, and how many there are.
    pub async fn list_visits(
        &self,
        scope: &VisitScope,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Visit>, i64), StoreError> {
        let (clause, ids): (String, Vec<i64>) = match scope {
            VisitScope::Mnvp(m) => ("s.mnvp_id = $1".into(), vec![*m]),
            VisitScope::FinalForUnits(units) if units.is_empty() => ("1 = 0".into(), vec![]),
            VisitScope::FinalForUnits(units) => {
                let marks: Vec<String> = (1..=units.len()).map(|i| format!("${i}")).collect();
                (
                    format!("v.status = 'final' AND s.unit_id IN ({})", marks.join(", ")),
                    units.clone(),
                )
            }
        };
        let n = ids.len();
        let rows_sql = format!(
            "{SELECT_VISIT} WHERE {clause} ORDER BY s.held_on DESC, s.id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let count_sql = format!(
            "SELECT COUNT(*) FROM capture_sessions s JOIN fifteen_steps_visits v ON v.session_id = s.id WHERE {clause}"
        );
        Ok(read!(self, |pool| {
            let mut q = sqlx::query_as::<_, Visit>(&rows_sql);
            let mut c = sqlx::query_as::<_, (i64,)>(&count_sql);
            for id in &ids {
                q = q.bind(id);
                c = c.bind(id);
            }
            let rows = q.bind(limit).bind(offset).fetch_all(pool).await?;
            let (total,) = c.fetch_one(pool).await?;
            (rows, total)
        }))
    }

    /// Records one area's observations (already screened) as feedback items of the visit.
    /// A double-submitted form (same key) stores them once.
    pub async fn add_observations(
        &self,
        visit_id: i64,
        area: Area,
        items: &[(NewFeedback, Heading, Finding)],
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<Stored, StoreError> {
        let stored = write_tx!(self, |tx| {
            let mnvp = session_mnvp!(tx, visit_id, Channel::FifteenSteps);
            let mut created = false;
            let first = idempotent!(tx, idempotency_key, "fifteen_steps_observation", {
                created = true;
                let now = now_text();
                let mut first = 0;
                for (item, heading, finding) in items {
                    if item.mnvp_id != mnvp || item.channel != Channel::FifteenSteps {
                        return Err(StoreError::Invalid(
                            "An observation must belong to the visit's MNVP".into(),
                        ));
                    }
                    let id = insert_one!(tx, item, &now, self.sealer()?, actor);
                    sqlx::query("UPDATE feedback SET capture_session_id = $1 WHERE id = $2")
                        .bind(visit_id)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "INSERT INTO fifteen_steps_observations (feedback_id, session_id, area, heading, finding) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(visit_id)
                    .bind(area.as_str())
                    .bind(heading.as_str())
                    .bind(finding.as_str())
                    .execute(&mut *tx)
                    .await?;
                    if first == 0 {
                        first = id;
                    }
                }
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "capture_session",
                    Some(visit_id),
                    format!("{} observations in {}", items.len(), area.as_str())
                );
                first
            });
            Stored { id: first, created }
        });
        Ok(stored)
    }

    /// A visit's observations in toolkit order: area, heading, works well before could improve.
    pub async fn visit_observations(
        &self,
        visit_id: i64,
    ) -> Result<Vec<ObservationRow>, StoreError> {
        let mut rows: Vec<ObservationRow> = read!(self, |pool| {
            sqlx::query_as(
                "SELECT o.feedback_id, o.area, o.heading, o.finding, f.body_sealed AS body, f.body_redacted \
                 FROM fifteen_steps_observations o JOIN feedback f ON f.id = o.feedback_id \
                 WHERE o.session_id = $1 ORDER BY o.feedback_id",
            )
            .bind(visit_id)
            .fetch_all(pool)
            .await?
        });
        let pos = |r: &ObservationRow| {
            (
                Area::parse(&r.area)
                    .ok()
                    .and_then(|a| Area::ALL.iter().position(|x| *x == a)),
                Heading::parse(&r.heading)
                    .ok()
                    .and_then(|h| Heading::ALL.iter().position(|x| *x == h)),
                r.finding != Finding::WorksWell.as_str(),
            )
        };
        rows.sort_by_key(|r| (pos(r), r.feedback_id));
        Ok(rows)
    }

    /// Sets (or clears) the report's summary.
    pub async fn set_visit_summary(
        &self,
        visit_id: i64,
        summary: Option<&str>,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            visit_state!(tx, visit_id);
            sqlx::query("UPDATE fifteen_steps_visits SET summary = $1 WHERE session_id = $2")
                .bind(summary)
                .bind(visit_id)
                .execute(&mut *tx)
                .await?;
            touch_session!(tx, visit_id);
            audit_append!(
                tx,
                actor,
                "update",
                "capture_session",
                Some(visit_id),
                "15 Steps report summary".to_string()
            );
        });
        Ok(())
    }

    pub async fn add_visit_action(
        &self,
        visit_id: i64,
        action: &Action,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        let id = write_tx!(self, |tx| {
            visit_state!(tx, visit_id);
            idempotent!(tx, idempotency_key, "fifteen_steps_action", {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO fifteen_steps_actions (session_id, area, action, owner, created_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(visit_id)
                .bind(action.area.map(Area::as_str))
                .bind(&action.text)
                .bind(action.owner.as_deref())
                .bind(now_text())
                .fetch_one(&mut *tx)
                .await?;
                touch_session!(tx, visit_id);
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "capture_session",
                    Some(visit_id),
                    "15 Steps recommended action".to_string()
                );
                id
            })
        });
        Ok(id)
    }

    pub async fn visit_actions(&self, visit_id: i64) -> Result<Vec<ActionRow>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as(
                "SELECT id, area, action, owner, created_at FROM fifteen_steps_actions WHERE session_id = $1 ORDER BY id",
            )
            .bind(visit_id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Records that the outcome report was shared with someone, and when.
    pub async fn record_visit_share(
        &self,
        visit_id: i64,
        share: &Share,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        let id = write_tx!(self, |tx| {
            visit_state!(tx, visit_id);
            idempotent!(tx, idempotency_key, "fifteen_steps_share", {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO fifteen_steps_shares (session_id, audience, shared_on, note, recorded_by, recorded_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(visit_id)
                .bind(share.audience.as_str())
                .bind(share.shared_on.as_str())
                .bind(share.note.as_deref())
                .bind(actor.user_id)
                .bind(now_text())
                .fetch_one(&mut *tx)
                .await?;
                audit_append!(
                    tx,
                    actor,
                    "update",
                    "capture_session",
                    Some(visit_id),
                    format!(
                        "15 Steps report shared with {} on {}",
                        share.audience.as_str(),
                        share.shared_on.as_str()
                    )
                );
                id
            })
        });
        Ok(id)
    }

    pub async fn visit_shares(&self, visit_id: i64) -> Result<Vec<ShareRow>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as(
                "SELECT h.id, h.audience, h.shared_on, h.note, u.name AS recorded_by, h.recorded_at \
                 FROM fifteen_steps_shares h LEFT JOIN users u ON u.id = h.recorded_by \
                 WHERE h.session_id = $1 ORDER BY h.shared_on, h.id",
            )
            .bind(visit_id)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Signs the report off: from now on trust staff of the unit's trust may read it.
    /// Finalising twice changes nothing.
    pub async fn finalise_visit(&self, visit_id: i64, actor: &Actor) -> Result<bool, StoreError> {
        let changed = write_tx!(self, |tx| {
            let status = visit_state!(tx, visit_id);
            if status == "final" {
                false
            } else {
                sqlx::query(
                    "UPDATE fifteen_steps_visits SET status = 'final', finalised_at = $1 WHERE session_id = $2",
                )
                .bind(now_text())
                .bind(visit_id)
                .execute(&mut *tx)
                .await?;
                audit_append!(
                    tx,
                    actor,
                    "update",
                    "capture_session",
                    Some(visit_id),
                    "15 Steps report made final".to_string()
                );
                true
            }
        });
        Ok(changed)
    }
}
