//! Reading cases: one case with its notifications and procedure, pages of the triage queue,
//! and every case in a period for the governance report.

use super::procedures::StoredProcedure;
use crate::{parse_time, Store, StoreError};
use mnvp_domain::safety::case::CaseFacts;
use mnvp_domain::safety::{Concern, Contact, Decision};
use serde::Serialize;
use std::collections::HashMap;

/// A case as stored: who did each step and when (`*_by` are account emails, as in the audit log).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CaseRow {
    pub id: i64,
    pub mnvp_id: i64,
    pub feedback_id: Option<i64>,
    pub procedure_id: i64,
    pub concerns: String,
    pub source: String,
    pub opened_at: String,
    pub opened_by: String,
    pub reviewed_at: Option<String>,
    pub reviewed_by: Option<String>,
    pub review_note: String,
    pub decision: Option<String>,
    pub decision_reason: String,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub outcome: String,
    pub outcome_at: Option<String>,
    pub outcome_by: Option<String>,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub closing_note: String,
}

/// Who was told about an escalated case, how and when.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Notification {
    pub id: i64,
    pub case_id: i64,
    pub contact: String,
    /// The person or team spoken to.
    pub told: String,
    pub method: String,
    /// When they were told, as the lead recorded it.
    pub notified_at: String,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// A case with everything its rules need.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub row: CaseRow,
    pub notifications: Vec<Notification>,
    pub procedure: StoredProcedure,
}

impl Case {
    pub fn concerns(&self) -> Vec<Concern> {
        Concern::parse_list(&self.row.concerns)
    }

    /// The recorded facts, for the domain's rules (missing steps, deadlines, overdue).
    pub fn facts(&self) -> CaseFacts {
        let t = |s: &Option<String>| s.as_deref().and_then(parse_time);
        CaseFacts {
            concerns: self.concerns(),
            opened_at: parse_time(&self.row.opened_at).unwrap_or_default(),
            reviewed_at: t(&self.row.reviewed_at),
            decision: self
                .row
                .decision
                .as_deref()
                .and_then(|d| Decision::parse(d).ok()),
            decided_at: t(&self.row.decided_at),
            decision_reason: self.row.decision_reason.clone(),
            notified: self
                .notifications
                .iter()
                .filter_map(|n| {
                    Some((
                        Contact::parse(&n.contact).ok()?,
                        parse_time(&n.notified_at)?,
                    ))
                })
                .collect(),
            outcome_at: t(&self.row.outcome_at),
            closed_at: t(&self.row.closed_at),
        }
    }
}

/// Which cases to list: `mnvp_ids` is the caller's scope; `open` None = all.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub mnvp_ids: Vec<i64>,
    pub open: Option<bool>,
    /// Opened on or after / before (stored-time prefixes such as "2026-11").
    pub opened_from: String,
    pub opened_to: String,
}

pub(crate) const SELECT_CASE: &str = "SELECT id, mnvp_id, feedback_id, procedure_id, concerns, source, opened_at, opened_by, \
     reviewed_at, reviewed_by, review_note, decision, decision_reason, decided_at, decided_by, outcome, outcome_at, \
     outcome_by, closed_at, closed_by, closing_note FROM safety_cases";

const SELECT_NOTIFICATION: &str =
    "SELECT id, case_id, contact, told, method, notified_at, recorded_at, recorded_by \
     FROM safety_notifications";

impl CaseFilter {
    /// WHERE clause: $1 from, $2 to, then the MNVP ids.
    fn clause(&self) -> String {
        let mut sql =
            String::from(" WHERE ($1 = '' OR opened_at >= $1) AND ($2 = '' OR opened_at < $2)");
        match self.open {
            Some(true) => sql.push_str(" AND closed_at IS NULL"),
            Some(false) => sql.push_str(" AND closed_at IS NOT NULL"),
            None => {}
        }
        if self.mnvp_ids.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            let marks: Vec<String> = (0..self.mnvp_ids.len())
                .map(|i| format!("${}", i + 3))
                .collect();
            sql.push_str(&format!(" AND mnvp_id IN ({})", marks.join(", ")));
        }
        sql
    }
}

impl Store {
    /// One case, or NotFound.
    pub async fn get_case(&self, id: i64) -> Result<Case, StoreError> {
        let sql = format!("{SELECT_CASE} WHERE id = $1");
        let row: CaseRow = read!(self, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)?;
        Ok(self.complete(vec![row]).await?.remove(0))
    }

    /// The most recent case opened for a feedback item, if any.
    pub async fn case_for_feedback(&self, feedback_id: i64) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = read!(self, |pool| sqlx::query_as(
            "SELECT id FROM safety_cases WHERE feedback_id = $1 ORDER BY id DESC LIMIT 1"
        )
        .bind(feedback_id)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| id))
    }

    /// A page of cases and the count: open cases oldest first (the queue is worked from the
    /// oldest), then closed cases most recently closed first.
    pub async fn list_cases(
        &self,
        filter: &CaseFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Case>, i64), StoreError> {
        let clause = filter.clause();
        let n = 2 + filter.mnvp_ids.len();
        let rows_sql = format!(
            "{SELECT_CASE}{clause} ORDER BY (closed_at IS NULL) DESC, \
             CASE WHEN closed_at IS NULL THEN opened_at END, closed_at DESC, id LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let count_sql = format!("SELECT COUNT(*) FROM safety_cases{clause}");
        let (rows, total) = read!(self, |pool| {
            let mut q = sqlx::query_as::<_, CaseRow>(&rows_sql)
                .bind(&filter.opened_from)
                .bind(&filter.opened_to);
            let mut c = sqlx::query_as::<_, (i64,)>(&count_sql)
                .bind(&filter.opened_from)
                .bind(&filter.opened_to);
            for id in &filter.mnvp_ids {
                q = q.bind(id);
                c = c.bind(id);
            }
            let rows = q.bind(limit).bind(offset).fetch_all(pool).await?;
            (rows, c.fetch_one(pool).await?.0)
        });
        Ok((self.complete(rows).await?, total))
    }

    /// Every case matching the filter (reports, the overdue sweep), oldest first.
    pub async fn all_cases(&self, filter: &CaseFilter) -> Result<Vec<Case>, StoreError> {
        Ok(self.list_cases(filter, i64::MAX / 2, 0).await?.0)
    }

    /// Every open case of every MNVP (the overdue sweep).
    pub async fn open_cases_everywhere(&self) -> Result<Vec<Case>, StoreError> {
        let sql = format!("{SELECT_CASE} WHERE closed_at IS NULL ORDER BY id");
        let rows: Vec<CaseRow> = read!(self, |pool| sqlx::query_as(&sql).fetch_all(pool).await?);
        self.complete(rows).await
    }

    /// Attaches notifications and procedures to case rows.
    async fn complete(&self, rows: Vec<CaseRow>) -> Result<Vec<Case>, StoreError> {
        let mut procedures: HashMap<i64, StoredProcedure> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            if let std::collections::hash_map::Entry::Vacant(e) = procedures.entry(row.procedure_id)
            {
                e.insert(self.procedure_version(row.procedure_id).await?);
            }
            let sql = format!("{SELECT_NOTIFICATION} WHERE case_id = $1 ORDER BY notified_at, id");
            let notifications: Vec<Notification> = read!(self, |pool| sqlx::query_as(&sql)
                .bind(row.id)
                .fetch_all(pool)
                .await?);
            out.push(Case {
                procedure: procedures[&row.procedure_id].clone(),
                notifications,
                row,
            });
        }
        Ok(out)
    }
}
