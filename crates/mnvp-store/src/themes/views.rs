//! The rows the trend views count: every item of the MNVPs in view with the attributes it can
//! be grouped by (month, unit, care stage, channel and, where consented, demographic group).

use crate::{Store, StoreError};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct ViewItem {
    pub id: i64,
    pub received_on: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub care_stage: Option<String>,
    pub channel: String,
    pub ethnic_category: Option<String>,
    pub age_band: Option<String>,
    pub imd_decile: Option<i32>,
    pub first_language: Option<String>,
    pub disability: Option<String>,
}

impl Store {
    /// Items with text of `mnvp_id`, limited to `unit_ids` when given (a trust's units), with
    /// the consented demographic answers given with them.
    pub async fn theme_view_items(
        &self,
        mnvp_id: i64,
        unit_ids: Option<&[i64]>,
    ) -> Result<Vec<ViewItem>, StoreError> {
        let rows = read!(self, |pool| {
            sqlx::query_as::<_, ViewItem>(
            "SELECT f.id, f.received_on, f.unit_id, u.name AS unit_name, f.care_stage, f.channel, \
             d.ethnic_category, d.age_band, d.imd_decile, d.first_language, d.disability \
             FROM feedback f LEFT JOIN organisations u ON u.id = f.unit_id \
             LEFT JOIN feedback_demographics d ON d.feedback_id = f.id \
             WHERE f.mnvp_id = $1 AND f.body_redacted IS NOT NULL AND f.body_redacted <> '' ORDER BY f.received_on, f.id"
        )
        .bind(mnvp_id)
        .fetch_all(pool)
        .await?
        });
        Ok(match unit_ids {
            None => rows,
            Some(units) => rows
                .into_iter()
                .filter(|r| r.unit_id.is_some_and(|u| units.contains(&u)))
                .collect(),
        })
    }

    /// Feedback items by id, in the order given (the drill-down's page of comments).
    pub async fn feedback_by_ids(
        &self,
        ids: &[i64],
    ) -> Result<Vec<crate::feedback::FeedbackItem>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            match self.get_feedback(*id).await {
                Ok(item) => out.push(item),
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
