//! The signposting directory: national support organisations and each MNVP's own.

use crate::{Store, StoreError};
use serde::Serialize;

/// One support organisation as the directory lists it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct SupportOrg {
    pub id: i64,
    /// None for a national organisation shown to every MNVP.
    pub mnvp_id: Option<i64>,
    pub topic: String,
    pub name: String,
    pub description: String,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub hours: Option<String>,
    pub position: i32,
    pub active: bool,
    pub checked_on: Option<String>,
}

impl Store {
    /// The active organisations an MNVP shows: its own first, then the national ones, each in
    /// the order the directory gives them. `None` lists the national ones only.
    pub async fn support_directory(
        &self,
        mnvp_id: Option<i64>,
    ) -> Result<Vec<SupportOrg>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, SupportOrg>(
                "SELECT id, mnvp_id, topic, name, description, phone, website, hours, position, active, checked_on \
                 FROM support_organisations WHERE active = TRUE AND (mnvp_id IS NULL OR mnvp_id = $1) \
                 ORDER BY CASE WHEN mnvp_id IS NULL THEN 1 ELSE 0 END, position, name",
            )
            .bind(mnvp_id)
            .fetch_all(pool)
            .await?
        }))
    }
}
