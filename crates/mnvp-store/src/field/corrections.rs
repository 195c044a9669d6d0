//! Correcting what a field session recorded. A changed conversation goes back through the
//! parts of `feedback::insert_one!` — screened (`NewFeedback::ready`), sealed, its blind index
//! rebuilt, a case opened for newly flagged words — so a change can never skip what insertion
//! does. A removed one is deleted, or, when a safeguarding case refers to it, withdrawn: kept
//! for the case, counted nowhere. Each change commits with its audit entry; the representation
//! tally follows through the triggers of migrations 0050 and 0075.

use super::touch_session;
use crate::feedback::{FeedbackItem, NewFeedback, StoredDemographics};
use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::corrections::RemovalReason;
use serde::Serialize;

/// Field sessions whose conversations can be corrected here (15 Steps observations are
/// changed on their own visit page).
const CORRECTABLE: &str = "s.kind IN ('walk_the_patch', 'outreach')";

/// A conversation as its session recorded it, with what deciding who may correct it needs.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub item: FeedbackItem,
    pub session_id: i64,
    /// The session's kind: `walk_the_patch` or `outreach`.
    pub session_kind: String,
    pub held_on: String,
    /// When the session was started (`created_at`), which may be after it was held.
    pub started_at: String,
    pub recorded_by: Option<i64>,
    pub demographics: Option<StoredDemographics>,
}

/// Whether a change rewrites a part of the record. The volunteer's form shows the redacted
/// words (left as they were, the sealed original is kept rather than replaced by its
/// redaction) and no equality answers (only the lead sees those, so they are kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Keep,
    Replace,
}

/// What a change did about safeguarding, for the lead's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changed {
    /// The case opened because the new words were flagged.
    pub case_opened: Option<i64>,
    /// The case already open for the conversation, which a change never closes.
    pub case_kept: Option<i64>,
}

/// What a removal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub session_id: i64,
    /// The safeguarding case the conversation was kept for (withdrawn, not deleted).
    pub kept_for_case: Option<i64>,
}

/// A removal found by its form's one-time key (the form was sent twice).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Removal {
    pub session_id: i64,
    pub mnvp_id: i64,
    pub kind: String,
}

type Current = (
    i64,
    String,
    String,
    i64,
    Option<i64>,
    Option<String>,
    Option<i32>,
    String,
);

impl Store {
    /// A conversation of a Walk the Patch or outreach session, unless it was withdrawn.
    pub async fn recorded_conversation(&self, id: i64) -> Result<Recorded, StoreError> {
        let sql = format!(
            "SELECT s.id, s.kind, s.held_on, s.created_at, f.recorded_by FROM feedback f \
             JOIN capture_sessions s ON s.id = f.capture_session_id \
             WHERE f.id = $1 AND f.withdrawn_at IS NULL AND {CORRECTABLE}"
        );
        let row: Option<(i64, String, String, String, Option<i64>)> =
            read!(self, |pool| sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(pool)
                .await?);
        let (session_id, session_kind, held_on, started_at, recorded_by) =
            row.ok_or(StoreError::NotFound)?;
        Ok(Recorded {
            item: self.get_feedback(id).await?,
            session_id,
            session_kind,
            held_on,
            started_at,
            recorded_by,
            demographics: self.feedback_demographics(id).await?,
        })
    }

    /// Changes a conversation to `item` (its MNVP, channel and date must be the ones it has):
    /// its unit, stage and rating always, its `words` and equality `answers` when replaced.
    /// New words are screened, sealed and indexed exactly as at insertion and open a case when
    /// flagged; an open case is never closed by a change and its flags stay until the lead
    /// closes it, and a flag someone raised by hand stays too.
    pub async fn change_conversation(
        &self,
        id: i64,
        item: &NewFeedback,
        (words, answers): (Edit, Edit),
        actor: &Actor,
    ) -> Result<Changed, StoreError> {
        let sealer = self.sealer()?;
        let current_sql = format!(
            "SELECT f.mnvp_id, f.channel, f.received_on, s.id, f.unit_id, f.care_stage, f.rating, f.safety_categories \
             FROM feedback f JOIN capture_sessions s ON s.id = f.capture_session_id \
             WHERE f.id = $1 AND f.withdrawn_at IS NULL AND {CORRECTABLE}"
        );
        let changed = write_tx!(self, |tx| {
            let current: Option<Current> = sqlx::query_as(&current_sql)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let (mnvp, channel, received_on, session, unit, stage, rating, categories) =
                current.ok_or(StoreError::NotFound)?;
            if item.mnvp_id != mnvp
                || item.channel.as_str() != channel
                || item.received_on != received_on
            {
                return Err(StoreError::Invalid(
                    "A change cannot move a conversation to another MNVP, channel or date".into(),
                ));
            }
            if let Some(u) = item.unit_id {
                let (n,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM mnvp_units WHERE mnvp_id = $1 AND unit_id = $2",
                )
                .bind(mnvp)
                .bind(u)
                .fetch_one(&mut *tx)
                .await?;
                if n == 0 {
                    return Err(StoreError::Invalid("Select a unit your MNVP covers".into()));
                }
            }
            let open: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM safety_cases WHERE feedback_id = $1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let case_kept = open.map(|(c,)| c);
            let new_stage = item.care_stage.map(|c| c.as_str().to_string());
            let mut what: Vec<&str> = Vec::new();
            if new_stage != stage {
                what.push("stage of care");
            }
            if item.rating != rating {
                what.push("rating");
            }
            if item.unit_id != unit {
                what.push("unit");
            }
            sqlx::query(
                "UPDATE feedback SET unit_id = $1, care_stage = $2, rating = $3 WHERE id = $4",
            )
            .bind(item.unit_id)
            .bind(new_stage.as_deref())
            .bind(item.rating)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let mut case_opened = None;
            if words == Edit::Replace {
                what.push("words");
                let ready = item.ready();
                let f: &NewFeedback = &ready;
                // What a person or an open case put on the item stays with it.
                let mut codes: Vec<&str> = f
                    .safety_categories
                    .split(';')
                    .filter(|c| !c.is_empty())
                    .collect();
                for c in categories.split(';').filter(|c| !c.is_empty()) {
                    if (case_kept.is_some() || c == "manual") && !codes.contains(&c) {
                        codes.push(c);
                    }
                }
                let sealed = match f.body.as_deref() {
                    Some(b) => Some(sealer.seal(b)?),
                    None => None,
                };
                sqlx::query(
                    "UPDATE feedback SET body_sealed = $1, body_redacted = $2, safety_flagged = $3, safety_categories = $4 \
                     WHERE id = $5",
                )
                .bind(sealed)
                .bind(f.body_redacted.as_deref())
                .bind(!codes.is_empty())
                .bind(codes.join(";"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM feedback_words WHERE feedback_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                if let Some(body) = f.body.as_deref() {
                    index_words!(tx, id, sealer, body, f.body_redacted.as_deref());
                }
                if f.safety_flagged && case_kept.is_none() {
                    case_opened = Some(open_case!(
                        tx,
                        mnvp,
                        id,
                        &f.safety_categories,
                        "detected",
                        actor
                    ));
                }
            }
            if answers == Edit::Replace {
                let (had,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM feedback_demographics WHERE feedback_id = $1",
                )
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM feedback_demographics WHERE feedback_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let now = now_text();
                insert_demographics!(tx, id, item.demographics.as_ref(), &now);
                if had > 0 || item.demographics.is_some() {
                    what.push("answers about them");
                }
            }
            touch_session!(tx, session);
            audit_append!(
                tx,
                actor,
                "update",
                "feedback",
                Some(id),
                format!(
                    "conversation in session {session} changed: {}",
                    if what.is_empty() {
                        "nothing".to_string()
                    } else {
                        what.join(", ")
                    }
                )
            );
            Changed {
                case_opened,
                case_kept,
            }
        });
        Ok(changed)
    }

    /// Removes a conversation from its session and from every count. It is deleted, unless a
    /// safeguarding case refers to it: then it is withdrawn and kept for the case (its
    /// redaction, blind index, equality answers and theme codings go; the sealed words stay
    /// for the lead). A person who withdrew still counts as approached, as having declined.
    /// A removal form sent twice (same `form_key`) removes once; a device resending the
    /// removed entry later stores nothing.
    pub async fn remove_conversation(
        &self,
        id: i64,
        reason: RemovalReason,
        actor: &Actor,
        form_key: Option<&str>,
    ) -> Result<Removed, StoreError> {
        let current_sql = format!(
            "SELECT s.id, s.kind, f.client_id FROM feedback f JOIN capture_sessions s ON s.id = f.capture_session_id \
             WHERE f.id = $1 AND f.withdrawn_at IS NULL AND {CORRECTABLE}"
        );
        let removed = write_tx!(self, |tx| {
            let current: Option<(i64, String, Option<String>)> = sqlx::query_as(&current_sql)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let (session, kind, client_id) = current.ok_or(StoreError::NotFound)?;
            let case: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM safety_cases WHERE feedback_id = $1 ORDER BY id DESC LIMIT 1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let kept_for_case = case.map(|(c,)| c);
            let now = now_text();
            sqlx::query(
                "INSERT INTO field_removals (session_id, feedback_id, client_id, form_key, reason, removed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(session)
            .bind(id)
            // A withdrawn item keeps its device id itself, so a resend still finds it.
            .bind(client_id.filter(|_| kept_for_case.is_none()))
            .bind(form_key)
            .bind(reason.as_str())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            match kept_for_case {
                None => {
                    sqlx::query("DELETE FROM feedback WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                Some(_) => {
                    sqlx::query(
                        "UPDATE feedback SET withdrawn_at = $1, withdrawn_reason = $2, body_redacted = NULL WHERE id = $3",
                    )
                    .bind(&now)
                    .bind(reason.as_str())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    for table in [
                        "feedback_demographics",
                        "feedback_words",
                        "theme_codings",
                        "theme_scores",
                        "theme_suggestions",
                    ] {
                        sqlx::query(&format!("DELETE FROM {table} WHERE feedback_id = $1"))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
            }
            if reason == RemovalReason::Withdrew && kind == Channel::WalkThePatch.as_str() {
                sqlx::query(
                    "INSERT INTO walk_tallies (client_id, session_id, kind, delta, recorded_at) \
                     VALUES ($1, $2, 'declined', 1, $3)",
                )
                .bind(format!("withdrawn-{id}"))
                .bind(session)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            }
            touch_session!(tx, session);
            audit_append!(
                tx,
                actor,
                if kept_for_case.is_some() {
                    "withdraw"
                } else {
                    "delete"
                },
                "feedback",
                Some(id),
                match kept_for_case {
                    None => format!("conversation removed from session {session} ({})", reason.as_str()),
                    Some(c) => format!(
                        "conversation removed from session {session} ({}), kept for safeguarding case {c}",
                        reason.as_str()
                    ),
                }
            );
            Removed {
                session_id: session,
                kept_for_case,
            }
        });
        Ok(removed)
    }

    /// The removal made with this form's one-time key, if any.
    pub async fn field_removal(&self, form_key: &str) -> Result<Option<Removal>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, Removal>(
                "SELECT r.session_id, s.mnvp_id, s.kind FROM field_removals r \
                 JOIN capture_sessions s ON s.id = r.session_id WHERE r.form_key = $1",
            )
            .bind(form_key)
            .fetch_optional(pool)
            .await?
        }))
    }
}
