//! Answers in progress on the public form, held against the visitor's anonymous session so
//! that nothing is lost going back and forth. The store keeps them as opaque JSON: the domain
//! decides what they mean. They disappear with the session, when sent, or when the person
//! chooses to stop. Until then they are sealed (see `waiting`): a draft holds what someone
//! wrote about their care before they chose to send it.

use crate::sealed::Field;
use crate::sessions::hash_token;
use crate::{now_text, Store, StoreError};

/// One visitor's answers in progress for one MNVP's form.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Draft {
    /// JSON of `mnvp_domain::capture::Answers`.
    pub answers: String,
    /// The idempotency key the eventual submission is stored under, fixed when the draft
    /// starts so that a second press of "Send" stores nothing new.
    pub form_key: String,
}

impl Store {
    /// The visitor's answers so far, if they have started this MNVP's form. Answers that no
    /// longer open read as none yet (see `capture::waiting`).
    pub async fn get_draft(
        &self,
        session_token: &str,
        mnvp_id: i64,
    ) -> Result<Option<Draft>, StoreError> {
        let stored = read!(self, |pool| {
            sqlx::query_as::<_, Draft>(
            "SELECT answers, form_key FROM feedback_drafts WHERE session_hash = $1 AND mnvp_id = $2"
        )
        .bind(hash_token(session_token))
        .bind(mnvp_id)
        .fetch_optional(pool)
        .await?
        });
        stored
            .map(|d| {
                Ok(Draft {
                    answers: self.open_answers(Field::FormDraft, &d.answers)?,
                    form_key: d.form_key,
                })
            })
            .transpose()
    }

    /// Saves the answers so far (creating the draft on the first answer). Drafts are not
    /// audited: they are not records until the person sends them.
    pub async fn save_draft(
        &self,
        session_token: &str,
        mnvp_id: i64,
        draft: &Draft,
    ) -> Result<(), StoreError> {
        let sealed = self.seal_answers(Field::FormDraft, &draft.answers)?;
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO feedback_drafts (session_hash, mnvp_id, answers, form_key, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_hash, mnvp_id) \
                 DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at",
            )
            .bind(hash_token(session_token))
            .bind(mnvp_id)
            .bind(&sealed)
            .bind(&draft.form_key)
            .bind(now_text())
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// Forgets the answers in progress (sent, or the person chose to stop).
    pub async fn delete_draft(&self, session_token: &str, mnvp_id: i64) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("DELETE FROM feedback_drafts WHERE session_hash = $1 AND mnvp_id = $2")
                .bind(hash_token(session_token))
                .bind(mnvp_id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }
}
