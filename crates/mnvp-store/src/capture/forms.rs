//! Each MNVP's public feedback form: whether it is open, and the details a form submission
//! carries beside the feedback item.

use crate::{now_text, Actor, Store, StoreError};
use serde::Serialize;

/// An MNVP as its public form needs it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct PublicForm {
    pub mnvp_id: i64,
    pub name: String,
    pub slug: String,
    pub open: bool,
}

/// What the public form adds to a stored item (see migration 0010).
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct FormDetails {
    /// The month the care happened, "YYYY-MM".
    pub care_month: Option<String>,
    /// Every stage of care the feedback covers, as `;`-separated codes in journey order.
    pub care_stages: String,
    /// "standard" or "bereaved".
    pub journey: String,
    /// The language code the form was filled in ("en", "en-easy", "pl", "ur", …).
    pub language: String,
}

const SELECT_FORM: &str = "SELECT o.id AS mnvp_id, o.name, o.slug, (f.closed_at IS NULL) AS open \
     FROM organisations o LEFT JOIN feedback_forms f ON f.mnvp_id = o.id \
     WHERE o.kind = 'mnvp' AND o.slug IS NOT NULL";

impl Store {
    /// The form of the MNVP with this slug, open or closed; not found for anything that is not
    /// an MNVP (a forged or mistyped link).
    pub async fn public_form(&self, slug: &str) -> Result<PublicForm, StoreError> {
        let sql = format!("{SELECT_FORM} AND o.slug = $1");
        read!(self, |pool| sqlx::query_as::<_, PublicForm>(&sql)
            .bind(slug)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    /// The form of an MNVP by its id (the lead's sharing page).
    pub async fn public_form_of(&self, mnvp_id: i64) -> Result<PublicForm, StoreError> {
        let sql = format!("{SELECT_FORM} AND o.id = $1");
        read!(self, |pool| sqlx::query_as::<_, PublicForm>(&sql)
            .bind(mnvp_id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    /// Every open form, by MNVP name (the public list of forms).
    pub async fn open_forms(&self) -> Result<Vec<PublicForm>, StoreError> {
        let sql = format!("{SELECT_FORM} AND f.closed_at IS NULL ORDER BY o.name");
        Ok(read!(self, |pool| sqlx::query_as::<_, PublicForm>(&sql)
            .fetch_all(pool)
            .await?))
    }

    /// Opens or closes an MNVP's form, audited. Closing keeps everything already received.
    pub async fn set_form_open(
        &self,
        mnvp_id: i64,
        open: bool,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let kind: Option<(String,)> =
                sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
                    .bind(mnvp_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if kind.map(|(k,)| k).as_deref() != Some("mnvp") {
                return Err(StoreError::NotFound);
            }
            let now = now_text();
            sqlx::query(
                "INSERT INTO feedback_forms (mnvp_id, closed_at, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (mnvp_id) DO UPDATE SET closed_at = excluded.closed_at, updated_at = excluded.updated_at",
            )
            .bind(mnvp_id)
            .bind((!open).then_some(now.as_str()))
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "update",
                "feedback_form",
                Some(mnvp_id),
                (if open { "form opened" } else { "form closed" }).to_string()
            );
        });
        Ok(())
    }

    /// The form details stored with an item, if it came through the public form.
    pub async fn form_details(&self, feedback_id: i64) -> Result<Option<FormDetails>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, FormDetails>(
            "SELECT care_month, care_stages, journey, language FROM feedback_form_details WHERE feedback_id = $1"
        )
        .bind(feedback_id)
        .fetch_optional(pool)
        .await?
        }))
    }
}
