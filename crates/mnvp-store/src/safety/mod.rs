//! Safeguarding escalation as stored: each MNVP's procedure (versioned), one case per flagged
//! item with who did each step and when, who was told about escalated cases, and the overdue
//! alerts raised. The rules (what a case still needs, what is overdue) are
//! `mnvp_domain::safety`; this module records facts and refuses steps those rules forbid,
//! each change with its audit entry in one transaction.

/// Yields the id of the MNVP's current procedure inside the open transaction `$tx`, first
/// storing the default procedure (version 1) if the MNVP has none yet.
macro_rules! current_procedure {
    ($tx:ident, $mnvp:expr) => {{
        let mnvp: i64 = $mnvp;
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM safety_procedures WHERE mnvp_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(mnvp)
        .fetch_optional(&mut *$tx)
        .await?;
        match found {
            Some((id,)) => id,
            None => insert_procedure!(
                $tx,
                mnvp,
                1,
                &mnvp_domain::safety::procedure::Procedure::default(),
                "system (default procedure)"
            ),
        }
    }};
}

/// Stores one version of a procedure inside `$tx` and yields its id.
macro_rules! insert_procedure {
    ($tx:ident, $mnvp:expr, $version:expr, $p:expr, $by:expr) => {{
        let p: &mnvp_domain::safety::procedure::Procedure = $p;
        use mnvp_domain::safety::Contact as K;
        let days = |d: u32| i32::try_from(d).unwrap_or(i32::MAX);
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO safety_procedures (mnvp_id, version, review_days, notify_days, outcome_days, close_days, \
             safeguarding_team, safety_champion, patient_safety_team, required_contacts, steps_text, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind($mnvp)
        .bind($version)
        .bind(days(p.review_days))
        .bind(days(p.notify_days))
        .bind(days(p.outcome_days))
        .bind(days(p.close_days))
        .bind(p.reach(K::SafeguardingTeam))
        .bind(p.reach(K::SafetyChampion))
        .bind(p.reach(K::PatientSafetyTeam))
        .bind(p.required_code())
        .bind(&p.text)
        .bind($crate::now_text())
        .bind($by)
        .fetch_one(&mut *$tx)
        .await?;
        id
    }};
}

/// Opens a case for a flagged item inside `$tx` (the transaction that stored or flagged it),
/// under the MNVP's current procedure, and audits it. Yields the case id.
macro_rules! open_case {
    ($tx:ident, $mnvp:expr, $feedback:expr, $concerns:expr, $source:expr, $actor:expr) => {{
        let mnvp: i64 = $mnvp;
        let feedback: i64 = $feedback;
        let concerns: &str = $concerns;
        let actor: &$crate::Actor = $actor;
        let procedure = current_procedure!($tx, mnvp);
        let (case_id,): (i64,) = sqlx::query_as(
            "INSERT INTO safety_cases (mnvp_id, feedback_id, procedure_id, concerns, source, opened_at, opened_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(mnvp)
        .bind(feedback)
        .bind(procedure)
        .bind(if concerns.is_empty() { "manual" } else { concerns })
        .bind($source)
        .bind($crate::now_text())
        .bind(&actor.label)
        .fetch_one(&mut *$tx)
        .await?;
        audit_append!(
            $tx,
            actor,
            "open",
            "safety_case",
            Some(case_id),
            format!("case opened for feedback {feedback} ({concerns})")
        );
        case_id
    }};
}

pub mod alerts;
pub mod cases;
pub mod procedures;
mod steps;

pub use cases::{Case, CaseFilter, CaseRow, Notification};
