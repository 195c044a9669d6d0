//! The store's side of encryption at rest: loading and checking the data key at start,
//! sealing text stored before encryption existed, and opening sealed text for the one role
//! that may read it. The cipher itself is in `sealed`.

use crate::keys::{self, KeyConfig};
use crate::sealed::Sealer;
use crate::{now_text, Actor, Store, StoreError};
use std::sync::Arc;

/// Original feedback text as stored: sealed. It has no `Display` and serialises to nothing
/// useful, so it cannot reach a page by accident; [`Store::reveal`] opens it.
#[derive(Clone, PartialEq, Eq, sqlx::Type)]
#[sqlx(transparent)]
pub struct SealedText(pub(crate) String);

impl std::fmt::Debug for SealedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealedText(..)")
    }
}

/// How many unsealed rows one start-up transaction seals.
const SEAL_BATCH: i64 = 500;

impl Store {
    pub(crate) fn sealer(&self) -> Result<&Sealer, StoreError> {
        self.sealer.as_deref().ok_or_else(|| {
            StoreError::Other("the data key is not loaded (opened without Store::open)".into())
        })
    }

    /// Loads the key, refusing one that differs from the key this database was sealed with.
    pub(crate) async fn load_key(&mut self, cfg: &KeyConfig) -> Result<(), StoreError> {
        let recorded: Option<(String,)> = read!(self, |pool| {
            sqlx::query_as("SELECT fingerprint FROM data_key_check WHERE id = 1")
                .fetch_optional(pool)
                .await?
        });
        let key = keys::load(self.url(), cfg, recorded.is_none())?;
        let fingerprint = key.fingerprint();
        let recorded = match recorded {
            Some((f,)) => f,
            None => {
                write_tx!(self, |tx| {
                    sqlx::query(
                        "INSERT INTO data_key_check (id, fingerprint, created_at) \
                         SELECT 1, $1, $2 WHERE NOT EXISTS (SELECT 1 FROM data_key_check)",
                    )
                    .bind(&fingerprint)
                    .bind(now_text())
                    .execute(&mut *tx)
                    .await?;
                    let (f,): (String,) =
                        sqlx::query_as("SELECT fingerprint FROM data_key_check WHERE id = 1")
                            .fetch_one(&mut *tx)
                            .await?;
                    f
                })
            }
        };
        if recorded != fingerprint {
            return Err(StoreError::Invalid(format!(
                "the configured data key (fingerprint {fingerprint}) is not the key this database's \
                 feedback was encrypted with (fingerprint {recorded}); start with the right key"
            )));
        }
        self.sealer = Some(Arc::new(Sealer::new(&key)));
        Ok(())
    }

    /// Seals any original text still stored in the clear (rows written before encryption at
    /// rest), in batches, each with one audit entry; a row that was never screened is screened
    /// on the way (its redaction stored, a disclosure opening a case). Idempotent: a second
    /// start finds none.
    pub async fn seal_unsealed_feedback(&self) -> Result<u64, StoreError> {
        let sealer = self.sealer()?;
        let mut total = 0u64;
        loop {
            let n = write_tx!(self, |tx| {
                let rows: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
                    "SELECT id, mnvp_id, body, body_redacted FROM feedback WHERE body IS NOT NULL ORDER BY id LIMIT $1",
                )
                .bind(SEAL_BATCH)
                .fetch_all(&mut *tx)
                .await?;
                for (id, mnvp_id, body, redacted) in &rows {
                    let redacted = match redacted {
                        Some(r) => Some(r.clone()),
                        None => {
                            let s = crate::screening::screen(body);
                            sqlx::query(
                                "UPDATE feedback SET body_redacted = $1, safety_flagged = $2, safety_categories = $3 \
                                 WHERE id = $4",
                            )
                            .bind(&s.redacted)
                            .bind(s.flagged)
                            .bind(&s.categories)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                            if s.flagged {
                                open_case!(
                                    tx,
                                    *mnvp_id,
                                    *id,
                                    &s.categories,
                                    "detected",
                                    &Actor::system()
                                );
                            }
                            Some(s.redacted)
                        }
                    };
                    sqlx::query("UPDATE feedback SET body_sealed = $1, body = NULL WHERE id = $2")
                        .bind(sealer.seal(body)?)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    for token in sealer.index_tokens(body, redacted.as_deref()) {
                        sqlx::query(
                            "INSERT INTO feedback_words (feedback_id, token) VALUES ($1, $2) \
                             ON CONFLICT DO NOTHING",
                        )
                        .bind(id)
                        .bind(token)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                if !rows.is_empty() {
                    audit_append!(
                        tx,
                        &Actor::system(),
                        "encrypt",
                        "feedback",
                        None,
                        format!("{} items' original text encrypted at rest", rows.len())
                    );
                }
                rows.len() as u64
            });
            total += n;
            if n < SEAL_BATCH as u64 {
                break;
            }
        }
        if total > 0 {
            tracing::info!(
                items = total,
                "encrypted original feedback text stored before encryption at rest"
            );
            self.checkpoint_wal().await?;
        }
        Ok(total)
    }

    /// After plaintext was sealed in place: SQLite's write-ahead log still holds the pages as
    /// they were, plaintext included, so copy it into the database (where `secure_delete`
    /// overwrote the old pages) and empty it. PostgreSQL needs nothing here.
    pub(crate) async fn checkpoint_wal(&self) -> Result<(), StoreError> {
        if let crate::connect::Pools::Sqlite { write, .. } = &*self.pools {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(write)
                .await?;
        }
        Ok(())
    }

    /// Opens sealed text. Callers show it only to roles that may read original words, and
    /// audit the view.
    pub fn reveal(&self, sealed: &SealedText) -> Result<String, StoreError> {
        self.sealer()?.open(&sealed.0)
    }

    /// The fingerprint of the loaded data key (shown to administrators, printed at backup).
    pub fn data_key_fingerprint(&self) -> Option<String> {
        self.sealer.as_ref().map(|s| s.fingerprint.clone())
    }
}
