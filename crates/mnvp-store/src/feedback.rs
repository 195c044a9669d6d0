//! The one feedback store every channel writes to. This is the foundation's slice of it:
//! enough to hold demo feedback and show counts; capture adds its channels on top.

use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::feedback::{CareStage, Channel};
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct NewFeedback {
    pub mnvp_id: i64,
    pub unit_id: Option<i64>,
    pub channel: Channel,
    pub care_stage: Option<CareStage>,
    pub received_on: String,
    pub rating: Option<i32>,
    pub body: Option<String>,
    pub client_id: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FeedbackCount {
    pub channel: String,
    pub n: i64,
}

impl Store {
    /// Stores many records in one transaction with one audit entry (imports, demo data).
    pub async fn insert_feedback_batch(
        &self,
        items: &[NewFeedback],
        actor: &Actor,
        source: &str,
    ) -> Result<u64, StoreError> {
        let n = write_tx!(self, |tx| {
            let now = now_text();
            for f in items {
                sqlx::query(
                    "INSERT INTO feedback (mnvp_id, unit_id, channel, care_stage, received_on, rating, body, client_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(f.mnvp_id)
                .bind(f.unit_id)
                .bind(f.channel.as_str())
                .bind(f.care_stage.map(CareStage::as_str))
                .bind(&f.received_on)
                .bind(f.rating)
                .bind(f.body.as_deref())
                .bind(f.client_id.as_deref())
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            }
            audit_append!(
                tx,
                actor,
                "import",
                "feedback",
                None,
                format!("{} records from {source}", items.len())
            );
            items.len() as u64
        });
        Ok(n)
    }

    /// Feedback counts by channel for the given MNVPs (dashboards).
    pub async fn feedback_counts(
        &self,
        mnvp_ids: &[i64],
    ) -> Result<Vec<FeedbackCount>, StoreError> {
        let mut all = Vec::new();
        for id in mnvp_ids {
            let rows = read!(self, |pool| {
                sqlx::query_as::<_, FeedbackCount>(
                "SELECT channel, COUNT(*) AS n FROM feedback WHERE mnvp_id = $1 GROUP BY channel ORDER BY channel"
            )
            .bind(id)
            .fetch_all(pool)
            .await?
            });
            all.extend(rows);
        }
        let mut merged: Vec<FeedbackCount> = Vec::new();
        for row in all {
            match merged.iter_mut().find(|m| m.channel == row.channel) {
                Some(m) => m.n += row.n,
                None => merged.push(row),
            }
        }
        merged.sort_by(|a, b| a.channel.cmp(&b.channel));
        Ok(merged)
    }

    pub async fn count_feedback(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = read!(self, |pool| sqlx::query_as("SELECT COUNT(*) FROM feedback")
            .fetch_one(pool)
            .await?);
        Ok(n)
    }
}
