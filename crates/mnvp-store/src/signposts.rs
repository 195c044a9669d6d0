//! The signposting directory: national support organisations and each MNVP's own. An MNVP's
//! lead keeps its own entries; administrators keep the national ones every MNVP shows.

use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::safety::support::SupportTopic;
use serde::Serialize;

/// An entry as its editor gives it (already checked by the form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSupportOrg {
    pub topic: SupportTopic,
    pub name: String,
    pub description: String,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub hours: Option<String>,
    /// Order within its topic, lowest first.
    pub position: i32,
    /// Hidden entries stay for the record but are not shown.
    pub active: bool,
    /// When someone last checked the details were right (YYYY-MM-DD).
    pub checked_on: Option<String>,
}

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

    /// Every entry one editor keeps, shown or hidden: an MNVP's own (`Some`) or the national
    /// ones (`None`), in the directory's order.
    pub async fn support_entries(
        &self,
        mnvp_id: Option<i64>,
    ) -> Result<Vec<SupportOrg>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, SupportOrg>(&format!(
                "{SELECT_ORG} WHERE (mnvp_id = $1 OR ($1 IS NULL AND mnvp_id IS NULL)) \
                 ORDER BY topic, position, name"
            ))
            .bind(mnvp_id)
            .fetch_all(pool)
            .await?
        }))
    }

    pub async fn get_support_org(&self, id: i64) -> Result<SupportOrg, StoreError> {
        read!(self, |pool| sqlx::query_as::<_, SupportOrg>(&format!(
            "{SELECT_ORG} WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(pool)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    /// Adds an entry to an MNVP's directory (`Some`) or the national one (`None`); a retry of
    /// the same form adds nothing new.
    pub async fn add_support_org(
        &self,
        mnvp_id: Option<i64>,
        new: &NewSupportOrg,
        idempotency_key: Option<&str>,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        Ok(write_tx!(self, |tx| {
            idempotent!(tx, idempotency_key, "support_organisation", {
                let now = now_text();
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO support_organisations (mnvp_id, topic, name, description, phone, website, hours, \
                     position, active, checked_on, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
                )
                .bind(mnvp_id)
                .bind(new.topic.as_str())
                .bind(&new.name)
                .bind(&new.description)
                .bind(new.phone.as_deref())
                .bind(new.website.as_deref())
                .bind(new.hours.as_deref())
                .bind(new.position)
                .bind(new.active)
                .bind(new.checked_on.as_deref())
                .bind(&now)
                .fetch_one(&mut *tx)
                .await?;
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "support_organisation",
                    Some(id),
                    format!("{} ({})", new.name, scope_label(mnvp_id))
                );
                id
            })
        }))
    }

    /// Changes an entry's details (its MNVP stays as it was).
    pub async fn update_support_org(
        &self,
        id: i64,
        new: &NewSupportOrg,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let changed = sqlx::query(
                "UPDATE support_organisations SET topic = $1, name = $2, description = $3, phone = $4, website = $5, \
                 hours = $6, position = $7, active = $8, checked_on = $9, updated_at = $10 WHERE id = $11",
            )
            .bind(new.topic.as_str())
            .bind(&new.name)
            .bind(&new.description)
            .bind(new.phone.as_deref())
            .bind(new.website.as_deref())
            .bind(new.hours.as_deref())
            .bind(new.position)
            .bind(new.active)
            .bind(new.checked_on.as_deref())
            .bind(now_text())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(StoreError::NotFound);
            }
            audit_append!(
                tx,
                actor,
                "update",
                "support_organisation",
                Some(id),
                format!("{}{}", new.name, if new.active { "" } else { " (hidden)" })
            );
        });
        Ok(())
    }
}

const SELECT_ORG: &str = "SELECT id, mnvp_id, topic, name, description, phone, website, hours, position, active, checked_on \
     FROM support_organisations";

fn scope_label(mnvp_id: Option<i64>) -> String {
    match mnvp_id {
        Some(m) => format!("MNVP {m}"),
        None => "national".into(),
    }
}
