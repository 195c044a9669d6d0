//! Other intelligence: social media and neonatal PAG / network insights, stored as feedback
//! items with their source beside them.

use super::Stored;
use crate::feedback::NewFeedback;
use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::field::intelligence::CHANNELS;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct NewIntelligence {
    pub item: NewFeedback,
    pub source: String,
    pub link: Option<String>,
}

/// One insight as listed.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Insight {
    pub id: i64,
    pub channel: String,
    pub care_stage: Option<String>,
    pub unit_name: Option<String>,
    pub received_on: String,
    /// The original text, sealed; only the lead's views open it.
    #[serde(skip)]
    pub body: Option<crate::SealedText>,
    pub body_redacted: Option<String>,
    pub source: String,
    pub link: Option<String>,
}

impl Store {
    /// Stores an insight and its source; a double-submitted form (same key) stores one.
    pub async fn insert_intelligence(
        &self,
        new: &NewIntelligence,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<Stored, StoreError> {
        if !CHANNELS.contains(&new.item.channel) {
            return Err(StoreError::Invalid(
                "Insights are social media or Parent Advisory Group feedback".into(),
            ));
        }
        let stored = write_tx!(self, |tx| {
            let mut created = false;
            let id = idempotent!(tx, idempotency_key, "feedback", {
                created = true;
                let now = now_text();
                let id = insert_one!(tx, &new.item, &now, self.sealer()?, actor);
                sqlx::query(
                    "INSERT INTO intelligence_sources (feedback_id, source, link) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(&new.source)
                .bind(new.link.as_deref())
                .execute(&mut *tx)
                .await?;
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "feedback",
                    Some(id),
                    format!("{} insight", new.item.channel.as_str())
                );
                id
            });
            Stored { id, created }
        });
        Ok(stored)
    }

    /// An MNVP's insights, latest first, and how many there are.
    pub async fn list_intelligence(
        &self,
        mnvp_id: i64,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Insight>, i64), StoreError> {
        Ok(read!(self, |pool| {
            let rows = sqlx::query_as::<_, Insight>(
                "SELECT f.id, f.channel, f.care_stage, u.name AS unit_name, f.received_on, f.body_sealed AS body, f.body_redacted, \
                 i.source, i.link FROM feedback f JOIN intelligence_sources i ON i.feedback_id = f.id \
                 LEFT JOIN organisations u ON u.id = f.unit_id WHERE f.mnvp_id = $1 \
                 ORDER BY f.received_on DESC, f.id DESC LIMIT $2 OFFSET $3",
            )
            .bind(mnvp_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await?;
            let (total,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM feedback f JOIN intelligence_sources i ON i.feedback_id = f.id WHERE f.mnvp_id = $1",
            )
            .bind(mnvp_id)
            .fetch_one(pool)
            .await?;
            (rows, total)
        }))
    }
}
