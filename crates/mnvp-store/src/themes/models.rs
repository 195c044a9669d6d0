//! Model versions and what they say about each item. Every attempt to build a model is kept:
//! a ready version holds the model's bytes and the snapshot of coding it learnt from; a failed
//! one holds the reason, and the version before it stays in use.

use crate::{now_text, Actor, Store, StoreError};
use serde::Serialize;

/// A model version to record.
#[derive(Debug, Clone)]
pub struct NewModelVersion {
    pub codebook_id: i64,
    /// `ready` or `failed`.
    pub status: &'static str,
    /// `phrases` (cold start from indicative phrases) or `trained`.
    pub kind: &'static str,
    pub codebook_version: i64,
    /// Items coded (by anyone) when the attempt was made.
    pub coded_items: i64,
    /// Items the model learnt from.
    pub trained_on: i64,
    /// JSON: the coded items and labels the model learnt from.
    pub snapshot: String,
    /// JSON array: the theme id of each model output, in order.
    pub theme_ids: String,
    /// JSON: cross-validated precision and recall per theme.
    pub metrics: String,
    pub message: String,
    pub model: Option<Vec<u8>>,
}

/// A recorded model version, without its bytes.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ModelVersion {
    pub id: i64,
    pub codebook_id: i64,
    pub version: i64,
    pub status: String,
    pub kind: String,
    pub codebook_version: i64,
    pub coded_items: i64,
    pub trained_on: i64,
    pub theme_ids: String,
    pub metrics: String,
    pub message: String,
    pub created_at: String,
}

/// The model's view of one item, ready to store.
#[derive(Debug, Clone)]
pub struct ItemScore {
    pub feedback_id: i64,
    pub certainty: f64,
    pub sentiment: Option<u8>,
    pub sentiment_confidence: f64,
    /// (theme id, confidence, applied on its own).
    pub themes: Vec<(i64, f64, bool)>,
}

/// A stored suggestion for one item.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct Suggestion {
    pub feedback_id: i64,
    pub theme_id: i64,
    pub confidence: f64,
    pub assigned: bool,
}

const SELECT_VERSION: &str =
    "SELECT id, codebook_id, version, status, kind, codebook_version, coded_items, trained_on, \
     theme_ids, metrics, message, created_at FROM theme_models";

impl Store {
    /// Records a model version (the next number for its codebook); returns its id and number.
    pub async fn add_model_version(
        &self,
        m: &NewModelVersion,
        actor: &Actor,
    ) -> Result<(i64, i64), StoreError> {
        let out = write_tx!(self, |tx| {
            let (version,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM theme_models WHERE codebook_id = $1",
            )
            .bind(m.codebook_id)
            .fetch_one(&mut *tx)
            .await?;
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO theme_models (codebook_id, version, status, kind, codebook_version, coded_items, trained_on, \
                 snapshot, theme_ids, metrics, message, model, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            )
            .bind(m.codebook_id)
            .bind(version)
            .bind(m.status)
            .bind(m.kind)
            .bind(m.codebook_version)
            .bind(m.coded_items)
            .bind(m.trained_on)
            .bind(&m.snapshot)
            .bind(&m.theme_ids)
            .bind(&m.metrics)
            .bind(&m.message)
            .bind(m.model.as_deref())
            .bind(now_text())
            .fetch_one(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                if m.status == "ready" {
                    "train"
                } else {
                    "train_failed"
                },
                "theme_model",
                Some(id),
                format!(
                    "codebook {} version {version} ({}, {} items)",
                    m.codebook_id, m.kind, m.trained_on
                )
            );
            (id, version)
        });
        Ok(out)
    }

    /// Every version of a codebook's model, newest first.
    pub async fn model_versions(&self, codebook_id: i64) -> Result<Vec<ModelVersion>, StoreError> {
        let sql = format!("{SELECT_VERSION} WHERE codebook_id = $1 ORDER BY version DESC");
        Ok(read!(self, |pool| sqlx::query_as::<_, ModelVersion>(&sql)
            .bind(codebook_id)
            .fetch_all(pool)
            .await?))
    }

    /// Marks a ready version whose stored model cannot be read as failed, with the reason, so
    /// that the version before it is used (and shown as in use) from now on.
    pub async fn mark_model_unreadable(
        &self,
        model_id: i64,
        reason: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE theme_models SET status = 'failed', message = $1 WHERE id = $2 AND status = 'ready'")
                .bind(reason)
                .bind(model_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM theme_scores WHERE model_id = $1")
                .bind(model_id)
                .execute(&mut *tx)
                .await?;
            audit_append!(
                tx,
                actor,
                "train_failed",
                "theme_model",
                Some(model_id),
                "stored model could not be read".to_string()
            );
        });
        Ok(())
    }

    /// Attaches the figures measured after a version was put in use (its cross-validated
    /// precision and recall, or why they could not be measured) and forgets what it said about
    /// each item, so that the worker scores every item again now that its themes' figures are
    /// known. Suggestions stay visible until each item is scored again.
    pub async fn attach_model_figures(
        &self,
        model_id: i64,
        metrics: &str,
        message: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE theme_models SET metrics = $1, message = $2 WHERE id = $3 AND status = 'ready'")
                .bind(metrics)
                .bind(message)
                .bind(model_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM theme_scores WHERE model_id = $1")
                .bind(model_id)
                .execute(&mut *tx)
                .await?;
            audit_append!(
                tx,
                actor,
                "measure",
                "theme_model",
                Some(model_id),
                if message.is_empty() {
                    "precision and recall measured".to_string()
                } else {
                    message.to_string()
                }
            );
        });
        Ok(())
    }

    /// A model version's bytes (`None` for a failed attempt).
    pub async fn model_bytes(&self, model_id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let row: Option<(Option<Vec<u8>>,)> = read!(self, |pool| sqlx::query_as(
            "SELECT model FROM theme_models WHERE id = $1"
        )
        .bind(model_id)
        .fetch_optional(pool)
        .await?);
        Ok(row.ok_or(StoreError::NotFound)?.0)
    }

    /// The training-data snapshot of a model version (JSON).
    pub async fn model_snapshot(&self, model_id: i64) -> Result<String, StoreError> {
        let row: Option<(String,)> = read!(self, |pool| sqlx::query_as(
            "SELECT snapshot FROM theme_models WHERE id = $1"
        )
        .bind(model_id)
        .fetch_optional(pool)
        .await?);
        Ok(row.ok_or(StoreError::NotFound)?.0)
    }

    /// Items of the MNVP with text that `model_id` has not scored yet (new items, or items
    /// scored by an older model), oldest first, with their text.
    pub async fn items_to_score(
        &self,
        codebook_id: i64,
        mnvp_id: i64,
        model_id: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as(
            "SELECT f.id, f.body_redacted FROM feedback f LEFT JOIN theme_scores s ON s.codebook_id = $1 AND s.feedback_id = f.id \
             WHERE f.mnvp_id = $2 AND f.body_redacted IS NOT NULL AND f.body_redacted <> '' AND (s.model_id IS NULL OR s.model_id <> $3) \
             ORDER BY f.id LIMIT $4"
        )
        .bind(codebook_id)
        .bind(mnvp_id)
        .bind(model_id)
        .bind(limit)
        .fetch_all(pool)
        .await?
        }))
    }

    /// Stores what `model_id` says about these items, replacing what an older model said, with
    /// one audit entry for the batch.
    pub async fn save_scores(
        &self,
        codebook_id: i64,
        model_id: i64,
        scores: &[ItemScore],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        if scores.is_empty() {
            return Ok(());
        }
        write_tx!(self, |tx| {
            let now = now_text();
            for s in scores {
                sqlx::query(
                    "DELETE FROM theme_suggestions WHERE codebook_id = $1 AND feedback_id = $2",
                )
                .bind(codebook_id)
                .bind(s.feedback_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM theme_scores WHERE codebook_id = $1 AND feedback_id = $2")
                    .bind(codebook_id)
                    .bind(s.feedback_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO theme_scores (codebook_id, feedback_id, model_id, certainty, sentiment, sentiment_confidence, scored_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(codebook_id)
                .bind(s.feedback_id)
                .bind(model_id)
                .bind(s.certainty)
                .bind(s.sentiment.map(i64::from))
                .bind(s.sentiment_confidence)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
                for (theme, confidence, assigned) in &s.themes {
                    sqlx::query(
                        "INSERT INTO theme_suggestions (codebook_id, feedback_id, theme_id, confidence, assigned) \
                         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM codebook_themes WHERE id = $3)",
                    )
                    .bind(codebook_id)
                    .bind(s.feedback_id)
                    .bind(theme)
                    .bind(confidence)
                    .bind(assigned)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            audit_append!(
                tx,
                actor,
                "score",
                "theme_model",
                Some(model_id),
                format!("{} item(s) scored", scores.len())
            );
        });
        Ok(())
    }

    /// Forgets every item's scores and suggestions for a codebook (machine output only, never
    /// coding), so that the worker scores them again, e.g. after the codebook's threshold for
    /// applying themes changed.
    pub async fn clear_scores(&self, codebook_id: i64, actor: &Actor) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("DELETE FROM theme_suggestions WHERE codebook_id = $1")
                .bind(codebook_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM theme_scores WHERE codebook_id = $1")
                .bind(codebook_id)
                .execute(&mut *tx)
                .await?;
            audit_append!(
                tx,
                actor,
                "rescore",
                "codebook",
                Some(codebook_id),
                "suggestions cleared for scoring again".to_string()
            );
        });
        Ok(())
    }

    /// What the model in use says about one item: its sentiment (value, confidence) and the
    /// themes it suggests, most confident first.
    pub async fn item_suggestions(
        &self,
        codebook_id: i64,
        feedback_id: i64,
    ) -> Result<(Option<(u8, f64)>, Vec<Suggestion>), StoreError> {
        Ok(read!(self, |pool| {
            let score: Option<(Option<i64>, f64)> = sqlx::query_as(
                "SELECT sentiment, sentiment_confidence FROM theme_scores WHERE codebook_id = $1 AND feedback_id = $2",
            )
            .bind(codebook_id)
            .bind(feedback_id)
            .fetch_optional(pool)
            .await?;
            let suggestions = sqlx::query_as::<_, Suggestion>(
                "SELECT feedback_id, theme_id, confidence, assigned FROM theme_suggestions \
                 WHERE codebook_id = $1 AND feedback_id = $2 ORDER BY confidence DESC, theme_id",
            )
            .bind(codebook_id)
            .bind(feedback_id)
            .fetch_all(pool)
            .await?;
            let sentiment =
                score.and_then(|(s, c)| s.and_then(|s| u8::try_from(s).ok()).map(|s| (s, c)));
            (sentiment, suggestions)
        }))
    }

    /// Every theme the model applies on its own, and every item's model sentiment, for the
    /// trend views (items people have coded use people's labels instead).
    pub async fn machine_labels(
        &self,
        codebook_id: i64,
    ) -> Result<(Vec<(i64, i64)>, Vec<(i64, Option<i64>)>), StoreError> {
        Ok(read!(self, |pool| {
            let themes: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT feedback_id, theme_id FROM theme_suggestions WHERE codebook_id = $1 AND assigned = TRUE \
                 ORDER BY feedback_id, theme_id",
            )
            .bind(codebook_id)
            .fetch_all(pool)
            .await?;
            let sentiments: Vec<(i64, Option<i64>)> = sqlx::query_as(
                "SELECT feedback_id, sentiment FROM theme_scores WHERE codebook_id = $1 ORDER BY feedback_id",
            )
            .bind(codebook_id)
            .fetch_all(pool)
            .await?;
            (themes, sentiments)
        }))
    }
}
