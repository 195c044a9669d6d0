//! Each MNVP's escalation procedure, kept as numbered versions: saving never rewrites the
//! version a past case was handled under.

use crate::{Actor, Store, StoreError};
use mnvp_domain::safety::procedure::Procedure;
use mnvp_domain::safety::Contact;
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow)]
struct ProcedureRow {
    id: i64,
    version: i32,
    review_days: i32,
    notify_days: i32,
    outcome_days: i32,
    close_days: i32,
    safeguarding_team: String,
    safety_champion: String,
    patient_safety_team: String,
    required_contacts: String,
    steps_text: String,
    created_at: String,
    created_by: String,
}

/// One stored version of a procedure.
#[derive(Debug, Clone, Serialize)]
pub struct StoredProcedure {
    pub id: i64,
    pub version: i32,
    pub created_at: String,
    pub created_by: String,
    pub procedure: Procedure,
}

const SELECT: &str = "SELECT id, version, review_days, notify_days, outcome_days, close_days, safeguarding_team, \
     safety_champion, patient_safety_team, required_contacts, steps_text, created_at, created_by FROM safety_procedures";

impl From<ProcedureRow> for StoredProcedure {
    fn from(r: ProcedureRow) -> Self {
        let days = |d: i32| u32::try_from(d).unwrap_or(0);
        StoredProcedure {
            id: r.id,
            version: r.version,
            created_at: r.created_at,
            created_by: r.created_by,
            procedure: Procedure {
                review_days: days(r.review_days),
                notify_days: days(r.notify_days),
                outcome_days: days(r.outcome_days),
                close_days: days(r.close_days),
                contacts: vec![
                    (Contact::SafeguardingTeam, r.safeguarding_team),
                    (Contact::SafetyChampion, r.safety_champion),
                    (Contact::PatientSafetyTeam, r.patient_safety_team),
                ],
                required: Procedure::parse_required(&r.required_contacts),
                text: r.steps_text,
            },
        }
    }
}

impl Store {
    /// The MNVP's procedure in force; the default (not yet stored) if it never set one.
    pub async fn current_procedure(&self, mnvp_id: i64) -> Result<StoredProcedure, StoreError> {
        let sql = format!("{SELECT} WHERE mnvp_id = $1 ORDER BY version DESC LIMIT 1");
        let row: Option<ProcedureRow> = read!(self, |pool| sqlx::query_as(&sql)
            .bind(mnvp_id)
            .fetch_optional(pool)
            .await?);
        Ok(row
            .map(StoredProcedure::from)
            .unwrap_or_else(|| StoredProcedure {
                id: 0,
                version: 0,
                created_at: String::new(),
                created_by: "the default written from NHS England guidance".into(),
                procedure: Procedure::default(),
            }))
    }

    /// One stored version by id.
    pub async fn procedure_version(&self, id: i64) -> Result<StoredProcedure, StoreError> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row: Option<ProcedureRow> = read!(self, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        row.map(StoredProcedure::from).ok_or(StoreError::NotFound)
    }

    /// Every version, newest first.
    pub async fn procedure_history(
        &self,
        mnvp_id: i64,
    ) -> Result<Vec<StoredProcedure>, StoreError> {
        let sql = format!("{SELECT} WHERE mnvp_id = $1 ORDER BY version DESC");
        let rows: Vec<ProcedureRow> = read!(self, |pool| sqlx::query_as(&sql)
            .bind(mnvp_id)
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(StoredProcedure::from).collect())
    }

    /// Saves a new version of the MNVP's procedure; cases opened from now on follow it.
    pub async fn save_procedure(
        &self,
        mnvp_id: i64,
        procedure: &Procedure,
        actor: &Actor,
    ) -> Result<StoredProcedure, StoreError> {
        let id = write_tx!(self, |tx| {
            let (kind,): (String,) = sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
                .bind(mnvp_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            if kind != "mnvp" {
                return Err(StoreError::Invalid(
                    "Only an MNVP has an escalation procedure".into(),
                ));
            }
            let (latest,): (Option<i32>,) =
                sqlx::query_as("SELECT MAX(version) FROM safety_procedures WHERE mnvp_id = $1")
                    .bind(mnvp_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let version = latest.unwrap_or(0) + 1;
            let id = insert_procedure!(tx, mnvp_id, version, procedure, &actor.label);
            audit_append!(
                tx,
                actor,
                "update",
                "safety_procedure",
                Some(mnvp_id),
                format!("escalation procedure version {version} saved")
            );
            id
        });
        self.procedure_version(id).await
    }
}
