//! What people typed, sealed while it waits: the public form's and surveys' answers in
//! progress, and files uploaded for an import. None of it is a record yet (none of it is
//! audited), but it is what someone wrote about their care, so a database file, dump or backup
//! must show it no more than it shows an item's original text. The cipher is in `sealed`; each
//! field is read and written in `drafts`, `surveys` and `imports`.

use crate::sealed::{is_sealed_text, Field, SEALED_TEXT_LIKE};
use crate::{Store, StoreError};

/// The answers tables: (table, the key beside the session, the field their answers are).
const ANSWERS: &[(&str, &str, Field)] = &[
    ("feedback_drafts", "mnvp_id", Field::FormDraft),
    ("survey_progress", "survey_id", Field::SurveyProgress),
];

impl Store {
    /// Seals answers in progress (JSON) for their field.
    pub(crate) fn seal_answers(&self, field: Field, json: &str) -> Result<String, StoreError> {
        self.sealer()?.seal_text(field, json)
    }

    /// Opens answers in progress as stored. A value written before answers were sealed (JSON,
    /// which never starts like a sealed value) reads as it is. One that does not open (it was
    /// changed in the database) reads as no answers yet, with a warning: answers in progress
    /// live at most a day (the visitor's session), so starting afresh costs the person little,
    /// whereas an error would fail every page of the form until their session ended.
    pub(crate) fn open_answers(&self, field: Field, stored: &str) -> Result<String, StoreError> {
        if !is_sealed_text(stored) {
            return Ok(stored.to_string());
        }
        match self.sealer()?.open_text(field, stored) {
            Ok(json) => Ok(json),
            Err(e) => {
                tracing::warn!(error = %e, "unreadable answers in progress; starting afresh");
                Ok("{}".into())
            }
        }
    }

    /// Seals what an earlier version left waiting in the clear: answers in progress (all in
    /// one transaction: they are small) and uploaded files (one transaction each: a file may
    /// be large). Run on every start; a second start finds none. Returns how many were sealed.
    pub async fn seal_waiting_in_clear(&self) -> Result<u64, StoreError> {
        let sealer = self.sealer()?;
        let mut total = write_tx!(self, |tx| {
            let mut n = 0u64;
            for (table, key, field) in ANSWERS {
                let rows: Vec<(String, i64, String)> = sqlx::query_as(&format!(
                    "SELECT session_hash, {key}, answers FROM {table} WHERE answers NOT LIKE $1"
                ))
                .bind(SEALED_TEXT_LIKE)
                .fetch_all(&mut *tx)
                .await?;
                for (session, id, answers) in &rows {
                    sqlx::query(&format!(
                        "UPDATE {table} SET answers = $1 WHERE session_hash = $2 AND {key} = $3"
                    ))
                    .bind(sealer.seal_text(*field, answers)?)
                    .bind(session)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                n += rows.len() as u64;
            }
            n
        });
        let uploads: Vec<(i64,)> = read!(self, |pool| {
            sqlx::query_as("SELECT id FROM import_uploads WHERE NOT content_sealed")
                .fetch_all(pool)
                .await?
        });
        for (id,) in uploads {
            total += write_tx!(self, |tx| {
                let row: Option<(Vec<u8>,)> = sqlx::query_as(
                    "SELECT content FROM import_uploads WHERE id = $1 AND NOT content_sealed",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((content,)) = &row {
                    sqlx::query(
                        "UPDATE import_uploads SET content = $1, content_sealed = TRUE WHERE id = $2",
                    )
                    .bind(sealer.seal_bytes(Field::ImportUpload, content)?)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                row.is_some() as u64
            });
        }
        if total > 0 {
            tracing::info!(
                rows = total,
                "encrypted answers in progress and uploads stored before they were sealed"
            );
            self.checkpoint_wal().await?;
        }
        Ok(total)
    }
}
