//! Recording the steps of a case. Each step is written once, by whom and when, with its audit
//! entry in the same transaction. Facts only accumulate (nothing recorded is ever taken back),
//! so a check made on the case just read still holds when the guarded update runs.

use super::Case;
use crate::{now_text, parse_time, time_text, Actor, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use mnvp_domain::safety::{Contact, Decision, Method};

fn step_list(labels: &[String]) -> String {
    match labels {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Store {
    /// The case, if it is still open.
    async fn open_case_for_step(&self, id: i64) -> Result<Case, StoreError> {
        let case = self.get_case(id).await?;
        if case.row.closed_at.is_some() {
            return Err(StoreError::Conflict("This case is closed".into()));
        }
        Ok(case)
    }

    /// Runs a guarded update and its audit entry; no row changed means someone else got there first.
    async fn step_update(
        &self,
        id: i64,
        sql: &str,
        texts: &[&str],
        actor: &Actor,
        action: &str,
        detail: String,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let mut q = sqlx::query(sql);
            for t in texts {
                q = q.bind(*t);
            }
            let done = q.bind(id).execute(&mut *tx).await?.rows_affected();
            if done == 0 {
                return Err(StoreError::Conflict(
                    "This step has already been recorded on this case".into(),
                ));
            }
            audit_append!(tx, actor, action, "safety_case", Some(id), detail);
        });
        Ok(())
    }

    /// Step 1: the lead has read the item and assessed it.
    pub async fn review_case(&self, id: i64, note: &str, actor: &Actor) -> Result<(), StoreError> {
        let case = self.open_case_for_step(id).await?;
        if case.row.reviewed_at.is_some() {
            return Err(StoreError::Conflict(
                "This case has already been reviewed".into(),
            ));
        }
        let now = now_text();
        self.step_update(
            id,
            "UPDATE safety_cases SET reviewed_at = $1, reviewed_by = $2, review_note = $3 \
             WHERE id = $4 AND reviewed_at IS NULL AND closed_at IS NULL",
            &[&now, &actor.label, note.trim()],
            actor,
            "review",
            "reviewed".into(),
        )
        .await
    }

    /// Step 2: escalate, or no further action with a reason.
    pub async fn decide_case(
        &self,
        id: i64,
        decision: Decision,
        reason: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let case = self.open_case_for_step(id).await?;
        if case.row.reviewed_at.is_none() {
            return Err(StoreError::Invalid(
                "Record the review before the decision".into(),
            ));
        }
        if case.row.decision.is_some() {
            return Err(StoreError::Conflict(
                "A decision has already been recorded".into(),
            ));
        }
        if decision == Decision::NoAction && reason.trim().is_empty() {
            return Err(StoreError::Invalid(
                "Enter the reason for taking no further action".into(),
            ));
        }
        let now = now_text();
        self.step_update(
            id,
            "UPDATE safety_cases SET decision = $1, decision_reason = $2, decided_at = $3, decided_by = $4 \
             WHERE id = $5 AND decision IS NULL AND reviewed_at IS NOT NULL AND closed_at IS NULL",
            &[decision.as_str(), reason.trim(), &now, &actor.label],
            actor,
            "decide",
            format!("decision: {}", decision.label().to_lowercase()),
        )
        .await
    }

    /// Step 3 (escalated cases): who was told, how and when.
    pub async fn record_notification(
        &self,
        id: i64,
        contact: Contact,
        told: &str,
        method: Method,
        notified_at: DateTime<Utc>,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let case = self.open_case_for_step(id).await?;
        if case.row.decision.as_deref() != Some(Decision::Escalate.as_str()) {
            return Err(StoreError::Invalid(
                "Record a decision to escalate before recording who was told".into(),
            ));
        }
        let opened = parse_time(&case.row.opened_at).unwrap_or_default();
        if notified_at < opened - Duration::days(1)
            || notified_at > Utc::now() + Duration::minutes(5)
        {
            return Err(StoreError::Invalid(
                "The time they were told must be between the case opening and now".into(),
            ));
        }
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO safety_notifications (case_id, contact, told, method, notified_at, recorded_at, recorded_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(contact.as_str())
            .bind(told.trim())
            .bind(method.as_str())
            .bind(time_text(notified_at))
            .bind(now_text())
            .bind(&actor.label)
            .execute(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "notify",
                "safety_case",
                Some(id),
                format!(
                    "told the {} ({})",
                    contact.label().to_lowercase(),
                    method.label().to_lowercase()
                )
            );
        });
        Ok(())
    }

    /// Step 4 (escalated cases): what the contacts report has happened.
    pub async fn record_outcome(
        &self,
        id: i64,
        outcome: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let case = self.open_case_for_step(id).await?;
        if case.row.decision.as_deref() != Some(Decision::Escalate.as_str()) {
            return Err(StoreError::Invalid(
                "An outcome is recorded for escalated cases only".into(),
            ));
        }
        if outcome.trim().is_empty() {
            return Err(StoreError::Invalid("Enter the outcome".into()));
        }
        let now = now_text();
        self.step_update(
            id,
            "UPDATE safety_cases SET outcome = $1, outcome_at = $2, outcome_by = $3 \
             WHERE id = $4 AND outcome_at IS NULL AND closed_at IS NULL",
            &[outcome.trim(), &now, &actor.label],
            actor,
            "outcome",
            "outcome recorded".into(),
        )
        .await
    }

    /// Step 5: closure, refused while any required step is missing (the error names them).
    pub async fn close_case(&self, id: i64, note: &str, actor: &Actor) -> Result<(), StoreError> {
        let case = self.open_case_for_step(id).await?;
        let missing = case.facts().missing_for_closure(&case.procedure.procedure);
        if !missing.is_empty() {
            let labels: Vec<String> = missing.iter().map(|s| s.label()).collect();
            return Err(StoreError::Invalid(format!(
                "This case cannot be closed until these steps are recorded: {}",
                step_list(&labels)
            )));
        }
        let now = now_text();
        self.step_update(
            id,
            "UPDATE safety_cases SET closed_at = $1, closed_by = $2, closing_note = $3 \
             WHERE id = $4 AND closed_at IS NULL",
            &[&now, &actor.label, note.trim()],
            actor,
            "close",
            "closed".into(),
        )
        .await
    }

    /// Moves every time on a case `days` into the past: for demonstrations and tests that need
    /// cases which happened earlier (an overdue case, last month's closed ones).
    pub async fn backdate_case(&self, id: i64, days: i64) -> Result<(), StoreError> {
        let case = self.get_case(id).await?;
        let shift = |s: &Option<String>| {
            s.as_deref()
                .and_then(parse_time)
                .map(|t| time_text(t - Duration::days(days)))
        };
        let r = &case.row;
        write_tx!(self, |tx| {
            sqlx::query(
                "UPDATE safety_cases SET opened_at = $1, reviewed_at = $2, decided_at = $3, outcome_at = $4, \
                 closed_at = $5 WHERE id = $6",
            )
            .bind(shift(&Some(r.opened_at.clone())))
            .bind(shift(&r.reviewed_at))
            .bind(shift(&r.decided_at))
            .bind(shift(&r.outcome_at))
            .bind(shift(&r.closed_at))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            for n in &case.notifications {
                sqlx::query("UPDATE safety_notifications SET notified_at = $1, recorded_at = $2 WHERE id = $3")
                    .bind(shift(&Some(n.notified_at.clone())))
                    .bind(shift(&Some(n.recorded_at.clone())))
                    .bind(n.id)
                    .execute(&mut *tx)
                    .await?;
            }
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn steps_are_listed_in_plain_english() {
        let l = |v: &[&str]| super::step_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(l(&["the review"]), "the review");
        assert_eq!(l(&["a", "b", "c"]), "a, b and c");
    }
}
