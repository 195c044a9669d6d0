//! Imports: saved column mappings, uploaded files awaiting the lead's decision, and the import
//! itself — every row in one transaction with one audit entry, rows already in the store (by
//! their stable `client_id`) passed over, so importing a file twice adds nothing. Imported text
//! is screened, sealed and indexed like every other channel's (see `feedback::insert_one!`),
//! and a disclosure opens a safeguarding case in the same transaction.

use crate::feedback::NewFeedback;
use crate::sealed::Field;
use crate::{now_text, offset_text, Actor, Store, StoreError};
use mnvp_domain::feedback::CareStage;
use serde::Serialize;
use std::collections::HashMap;
use tokio::sync::mpsc::Receiver;

/// Rows per INSERT statement: large enough to amortise round trips, small enough for both
/// engines' limits on bound parameters (12 per row).
const ROWS_PER_STATEMENT: usize = 500;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Mapping {
    pub id: i64,
    pub mnvp_id: i64,
    pub name: String,
    /// JSON: which column holds which field (see the web layer's `MappedColumns`).
    pub columns: String,
    pub updated_at: String,
}

#[derive(Debug, Clone)]
pub struct NewUpload {
    pub mnvp_id: i64,
    pub user_id: i64,
    pub kind: String,
    pub mapping_id: Option<i64>,
    pub file_name: String,
    pub encoding: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Upload {
    pub id: i64,
    pub mnvp_id: i64,
    pub user_id: i64,
    pub kind: String,
    pub mapping_id: Option<i64>,
    pub file_name: String,
    pub encoding: String,
    pub sha256: String,
    /// The file as uploaded: sealed at rest, opened by [`Store::get_upload`].
    pub content: Vec<u8>,
    pub created_at: String,
}

/// An upload as stored: its content sealed, or (uploaded before uploads were sealed) not.
#[derive(sqlx::FromRow)]
struct StoredUpload {
    #[sqlx(flatten)]
    upload: Upload,
    content_sealed: bool,
}

/// What an import is, for its record and audit entry.
#[derive(Debug, Clone)]
pub struct NewImportBatch {
    pub mnvp_id: i64,
    pub kind: String,
    pub source: String,
    pub sha256: String,
    pub rows_read: i64,
    /// Rows with problems the lead chose to leave out.
    pub skipped: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub batch_id: i64,
    pub imported: i64,
    pub already_present: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ImportBatch {
    pub id: i64,
    pub kind: String,
    pub source: String,
    pub rows_read: i64,
    pub imported: i64,
    pub already_present: i64,
    pub skipped: i64,
    pub actor: String,
    pub created_at: String,
}

/// One CQC Maternity Survey trust result.
#[derive(Debug, Clone, Serialize)]
pub struct NewCqcResult {
    pub survey_year: i64,
    pub organisation: String,
    pub question: String,
    pub question_text: String,
    pub section: String,
    pub care_stage: Option<CareStage>,
    pub score: Option<f64>,
    pub respondents: Option<i64>,
    pub comparison: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CqcResult {
    pub survey_year: i64,
    pub organisation: String,
    pub question: String,
    pub question_text: String,
    pub section: String,
    pub care_stage: Option<String>,
    pub score: Option<f64>,
    pub respondents: Option<i64>,
    pub comparison: String,
}

/// What the reader sends [`Store::import_feedback`]: rows, the end of the file, or the reason
/// the import must stop (the transaction is then rolled back and nothing is kept).
#[derive(Debug)]
pub enum ImportChunk {
    Rows(Vec<NewFeedback>),
    /// Rows the reader left out because the store already held them before the import began
    /// (counted as already present).
    Held(i64),
    /// The whole file was read: how many rows it had and how many the lead chose to leave
    /// out (these replace the counts in the [`NewImportBatch`]).
    End {
        rows_read: i64,
        skipped: i64,
    },
    Failed(String),
}

/// Records a committed import in `import_batches` and the audit chain, inside `$tx`, and
/// yields the outcome.
macro_rules! record_batch {
    ($tx:ident, $batch:expr, $entity:expr, $seen:expr, $imported:expr, $actor:expr, $now:expr) => {{
        let batch: &NewImportBatch = $batch;
        let imported: i64 = $imported;
        let already_present = $seen - imported;
        let (batch_id,): (i64,) = sqlx::query_as(
            "INSERT INTO import_batches (mnvp_id, kind, source, sha256, rows_read, imported, already_present, skipped, actor, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(batch.mnvp_id)
        .bind(&batch.kind)
        .bind(&batch.source)
        .bind(&batch.sha256)
        .bind(batch.rows_read)
        .bind(imported)
        .bind(already_present)
        .bind(batch.skipped)
        .bind(&$actor.label)
        .bind($now)
        .fetch_one(&mut *$tx)
        .await?;
        audit_append!(
            $tx,
            $actor,
            "import",
            $entity,
            None,
            format!(
                "{} from {}: {imported} new, {already_present} already present, {} rows left out (import {batch_id})",
                batch.kind, batch.source, batch.skipped
            )
        );
        ImportOutcome { batch_id, imported, already_present }
    }};
}

fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO feedback (mnvp_id, unit_id, channel, care_stage, received_on, rating, body_sealed, client_id, created_at, \
         body_redacted, safety_flagged, safety_categories) VALUES ",
    );
    for r in 0..rows {
        let b = r * 12;
        if r > 0 {
            sql.push_str(", ");
        }
        let marks: Vec<String> = (1..=12).map(|i| format!("${}", b + i)).collect();
        sql.push('(');
        sql.push_str(&marks.join(", "));
        sql.push(')');
    }
    sql.push_str(" ON CONFLICT (client_id) DO NOTHING RETURNING id, client_id");
    sql
}

/// One multi-row insert of blind-index entries (two parameters each).
fn words_sql(rows: usize) -> String {
    let marks: Vec<String> = (0..rows)
        .map(|r| format!("(${}, ${})", 2 * r + 1, 2 * r + 2))
        .collect();
    format!(
        "INSERT INTO feedback_words (feedback_id, token) VALUES {} ON CONFLICT DO NOTHING",
        marks.join(", ")
    )
}

impl Store {
    /// Saves a mapping under its name for this MNVP, replacing one of the same name.
    pub async fn save_mapping(
        &self,
        mnvp_id: i64,
        name: &str,
        columns_json: &str,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        Ok(write_tx!(self, |tx| {
            let now = now_text();
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO import_mappings (mnvp_id, name, columns, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
                 ON CONFLICT (mnvp_id, name) DO UPDATE SET columns = excluded.columns, updated_at = excluded.updated_at \
                 RETURNING id",
            )
            .bind(mnvp_id)
            .bind(name)
            .bind(columns_json)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "update",
                "import_mapping",
                Some(id),
                format!("'{name}'")
            );
            id
        }))
    }

    pub async fn list_mappings(&self, mnvp_id: i64) -> Result<Vec<Mapping>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, Mapping>(
            "SELECT id, mnvp_id, name, columns, updated_at FROM import_mappings WHERE mnvp_id = $1 ORDER BY name"
        )
        .bind(mnvp_id)
        .fetch_all(pool)
        .await?
        }))
    }

    pub async fn get_mapping(&self, id: i64) -> Result<Mapping, StoreError> {
        read!(self, |pool| sqlx::query_as::<_, Mapping>(
            "SELECT id, mnvp_id, name, columns, updated_at FROM import_mappings WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    /// A mapping by its name within an MNVP (the command line names mappings).
    pub async fn mapping_by_name(&self, mnvp_id: i64, name: &str) -> Result<Mapping, StoreError> {
        read!(self, |pool| sqlx::query_as::<_, Mapping>(
            "SELECT id, mnvp_id, name, columns, updated_at FROM import_mappings WHERE mnvp_id = $1 AND name = $2"
        )
        .bind(mnvp_id)
        .bind(name)
        .fetch_optional(pool)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn delete_mapping(&self, id: i64, actor: &Actor) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let done = sqlx::query("DELETE FROM import_mappings WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            audit_append!(
                tx,
                actor,
                "delete",
                "import_mapping",
                Some(id),
                String::new()
            );
        });
        Ok(())
    }

    /// Keeps an uploaded file for its dry run, sealed (it is people's comments, not yet
    /// screened or redacted); uploads older than a day are removed here too.
    pub async fn create_upload(&self, new: &NewUpload) -> Result<i64, StoreError> {
        let sealed = self
            .sealer()?
            .seal_bytes(Field::ImportUpload, &new.content)?;
        Ok(write_tx!(self, |tx| {
            sqlx::query("DELETE FROM import_uploads WHERE created_at < $1")
                .bind(offset_text(-86_400))
                .execute(&mut *tx)
                .await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO import_uploads (mnvp_id, user_id, kind, mapping_id, file_name, encoding, sha256, content, content_sealed, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE, $9) RETURNING id",
            )
            .bind(new.mnvp_id)
            .bind(new.user_id)
            .bind(&new.kind)
            .bind(new.mapping_id)
            .bind(&new.file_name)
            .bind(&new.encoding)
            .bind(&new.sha256)
            .bind(&sealed)
            .bind(now_text())
            .fetch_one(&mut *tx)
            .await?;
            id
        }))
    }

    /// An upload with its file opened. A file uploaded before uploads were sealed is read as it
    /// was stored; one that no longer opens (changed in the database) is refused with a
    /// message to upload it again, rather than imported as something the lead never checked.
    pub async fn get_upload(&self, id: i64) -> Result<Upload, StoreError> {
        let StoredUpload {
            mut upload,
            content_sealed,
        } = read!(self, |pool| sqlx::query_as::<_, StoredUpload>(
            "SELECT id, mnvp_id, user_id, kind, mapping_id, file_name, encoding, sha256, content, content_sealed, created_at \
             FROM import_uploads WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?)
        .ok_or(StoreError::NotFound)?;
        if content_sealed {
            upload.content = self
                .sealer()?
                .open_bytes(Field::ImportUpload, &upload.content)
                .map_err(|e| {
                    tracing::warn!(upload = id, error = %e, "unreadable upload");
                    StoreError::Invalid(
                        "this uploaded file can no longer be read; please upload it again".into(),
                    )
                })?;
        }
        Ok(upload)
    }

    /// Records which mapping (and encoding) an upload is to be read with.
    pub async fn set_upload_reading(
        &self,
        id: i64,
        mapping_id: Option<i64>,
        encoding: &str,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE import_uploads SET mapping_id = $1, encoding = $2 WHERE id = $3")
                .bind(mapping_id)
                .bind(encoding)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    pub async fn delete_upload(&self, id: i64) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("DELETE FROM import_uploads WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    /// Which of these client ids the store already holds (for the dry run's "already
    /// imported" count).
    pub async fn existing_client_ids(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        let mut found = Vec::new();
        for chunk in ids.chunks(ROWS_PER_STATEMENT) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT client_id FROM feedback WHERE client_id IN ({})",
                marks.join(", ")
            );
            let rows: Vec<(String,)> = read!(self, |pool| {
                let mut q = sqlx::query_as(&sql);
                for id in chunk {
                    q = q.bind(id);
                }
                q.fetch_all(pool).await?
            });
            found.extend(rows.into_iter().map(|(c,)| c));
        }
        Ok(found)
    }

    /// Imports feedback rows as they arrive on `chunks`, all in one transaction: either every
    /// row is stored (less those already present) with one batch record and one audit entry,
    /// or — if the reader reports a failure, goes away before `End`, or the database
    /// refuses — nothing is. Every item must carry a `client_id`.
    pub async fn import_feedback(
        &self,
        batch: &NewImportBatch,
        mut chunks: Receiver<ImportChunk>,
        actor: &Actor,
    ) -> Result<ImportOutcome, StoreError> {
        let sealer = self.sealer()?;
        Ok(write_tx!(self, |tx| {
            let now = now_text();
            let mut seen: i64 = 0;
            let mut imported: u64 = 0;
            let mut finished = None;
            while let Some(chunk) = chunks.recv().await {
                let items = match chunk {
                    ImportChunk::Rows(items) => items,
                    ImportChunk::Held(n) => {
                        seen += n;
                        continue;
                    }
                    ImportChunk::End { rows_read, skipped } => {
                        finished = Some(NewImportBatch {
                            rows_read,
                            skipped,
                            ..batch.clone()
                        });
                        break;
                    }
                    ImportChunk::Failed(why) => return Err(StoreError::Invalid(why)),
                };
                for given in items.chunks(ROWS_PER_STATEMENT) {
                    if given.iter().any(|f| f.client_id.is_none()) {
                        return Err(StoreError::Other("an imported row has no client id".into()));
                    }
                    // Screened and sealed like every other channel's items.
                    let part: Vec<NewFeedback> = given
                        .iter()
                        .map(|f| {
                            if f.is_screened() {
                                f.clone()
                            } else {
                                f.clone().screened()
                            }
                        })
                        .collect();
                    let sealed = part
                        .iter()
                        .map(|f| f.body.as_deref().map(|b| sealer.seal(b)).transpose())
                        .collect::<Result<Vec<_>, _>>()?;
                    let sql = insert_sql(part.len());
                    let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
                    for (f, body) in part.iter().zip(sealed) {
                        q = q
                            .bind(f.mnvp_id)
                            .bind(f.unit_id)
                            .bind(f.channel.as_str())
                            .bind(f.care_stage.map(CareStage::as_str))
                            .bind(&f.received_on)
                            .bind(f.rating)
                            .bind(body)
                            .bind(f.client_id.as_deref())
                            .bind(&now)
                            .bind(f.body_redacted.as_deref())
                            .bind(f.safety_flagged)
                            .bind(&f.safety_categories);
                    }
                    let stored = q.fetch_all(&mut *tx).await?;
                    imported += stored.len() as u64;
                    seen += part.len() as i64;
                    let mut by_client: HashMap<&str, &NewFeedback> = HashMap::new();
                    for f in &part {
                        if let Some(c) = f.client_id.as_deref() {
                            by_client.entry(c).or_insert(f);
                        }
                    }
                    let mut words: Vec<(i64, String)> = Vec::new();
                    for (id, client) in &stored {
                        let Some(f) = by_client.get(client.as_str()) else {
                            continue;
                        };
                        if let Some(body) = f.body.as_deref() {
                            words.extend(
                                sealer
                                    .index_tokens(body, f.body_redacted.as_deref())
                                    .into_iter()
                                    .map(|t| (*id, t)),
                            );
                        }
                        if f.safety_flagged {
                            open_case!(tx, f.mnvp_id, *id, &f.safety_categories, "detected", actor);
                        }
                    }
                    for chunk in words.chunks(ROWS_PER_STATEMENT) {
                        let sql = words_sql(chunk.len());
                        let mut q = sqlx::query(&sql);
                        for (id, token) in chunk {
                            q = q.bind(id).bind(token);
                        }
                        q.execute(&mut *tx).await?;
                    }
                }
            }
            let Some(batch) = finished else {
                return Err(StoreError::Invalid(
                    "the import stopped before the end of the file, so nothing was imported".into(),
                ));
            };
            record_batch!(tx, &batch, "feedback", seen, imported as i64, actor, &now)
        }))
    }

    /// The latest imports into an MNVP.
    pub async fn list_import_batches(
        &self,
        mnvp_id: i64,
        limit: i64,
    ) -> Result<Vec<ImportBatch>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, ImportBatch>(
            "SELECT id, kind, source, rows_read, imported, already_present, skipped, actor, created_at \
             FROM import_batches WHERE mnvp_id = $1 ORDER BY id DESC LIMIT $2"
        )
        .bind(mnvp_id)
        .bind(limit)
        .fetch_all(pool)
        .await?
        }))
    }

    /// Imports CQC trust results in one transaction; a result already held for the same year,
    /// organisation and question is kept as it was.
    pub async fn import_cqc_results(
        &self,
        batch: &NewImportBatch,
        rows: &[NewCqcResult],
        actor: &Actor,
    ) -> Result<ImportOutcome, StoreError> {
        Ok(write_tx!(self, |tx| {
            let now = now_text();
            let mut imported: i64 = 0;
            for r in rows {
                let done = sqlx::query(
                    "INSERT INTO cqc_results (mnvp_id, survey_year, organisation, question, question_text, section, care_stage, \
                     score, respondents, comparison, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (mnvp_id, survey_year, organisation, question) DO NOTHING",
                )
                .bind(batch.mnvp_id)
                .bind(r.survey_year)
                .bind(&r.organisation)
                .bind(&r.question)
                .bind(&r.question_text)
                .bind(&r.section)
                .bind(r.care_stage.map(CareStage::as_str))
                .bind(r.score)
                .bind(r.respondents)
                .bind(&r.comparison)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
                imported += done.rows_affected() as i64;
            }
            record_batch!(
                tx,
                batch,
                "cqc_result",
                rows.len() as i64,
                imported,
                actor,
                &now
            )
        }))
    }

    /// CQC results held for an MNVP, latest year first, in question order.
    pub async fn list_cqc_results(&self, mnvp_id: i64) -> Result<Vec<CqcResult>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, CqcResult>(
            "SELECT survey_year, organisation, question, question_text, section, care_stage, score, respondents, comparison \
             FROM cqc_results WHERE mnvp_id = $1 ORDER BY survey_year DESC, organisation, id"
        )
        .bind(mnvp_id)
        .fetch_all(pool)
        .await?
        }))
    }
}
