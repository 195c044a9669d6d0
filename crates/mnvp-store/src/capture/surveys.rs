//! Surveys: their definitions, the answers in progress of anonymous visitors, submitted
//! responses (free-text answers become feedback items in the same transaction) and the counts
//! the results page shows.

use crate::feedback::NewFeedback;
use crate::sealed::Field;
use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::capture::survey::{Answers, SurveyDefinition};
use mnvp_domain::feedback::CareStage;
use serde::Serialize;

/// Where a survey is in its life: being built, taking answers (between its dates), or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    Draft,
    Live,
    Closed,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Live => "live",
            SurveyStatus::Closed => "closed",
        }
    }

    fn parse(s: &str) -> SurveyStatus {
        match s {
            "live" => SurveyStatus::Live,
            "closed" => SurveyStatus::Closed,
            _ => SurveyStatus::Draft,
        }
    }
}

/// A survey as the builder saves it.
#[derive(Debug, Clone)]
pub struct NewSurvey {
    pub mnvp_id: i64,
    pub slug: String,
    pub title: String,
    pub definition: SurveyDefinition,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    /// The unit and stage of care the survey is about, carried by its feedback items.
    pub unit_id: Option<i64>,
    pub care_stage: Option<CareStage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Survey {
    pub id: i64,
    pub mnvp_id: i64,
    pub mnvp_name: String,
    pub slug: String,
    pub title: String,
    pub definition: SurveyDefinition,
    pub status: SurveyStatus,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub care_stage: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub responses: i64,
}

/// Whether a survey takes answers on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Draft,
    NotYetOpen,
    Open,
    Closed,
}

impl Survey {
    /// `today` as `YYYY-MM-DD`; both dates are inclusive.
    pub fn availability(&self, today: &str) -> Availability {
        match self.status {
            SurveyStatus::Draft => Availability::Draft,
            SurveyStatus::Closed => Availability::Closed,
            SurveyStatus::Live => {
                if self.opens_on.as_deref().is_some_and(|o| today < o) {
                    Availability::NotYetOpen
                } else if self.closes_on.as_deref().is_some_and(|c| today > c) {
                    Availability::Closed
                } else {
                    Availability::Open
                }
            }
        }
    }
}

#[derive(sqlx::FromRow)]
struct SurveyRow {
    id: i64,
    mnvp_id: i64,
    mnvp_name: String,
    slug: String,
    title: String,
    definition: String,
    status: String,
    opens_on: Option<String>,
    closes_on: Option<String>,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    care_stage: Option<String>,
    created_at: String,
    updated_at: String,
    responses: i64,
}

impl SurveyRow {
    fn into_survey(self) -> Result<Survey, StoreError> {
        let definition = serde_json::from_str(&self.definition).map_err(|e| {
            StoreError::Other(format!(
                "survey {} has an unreadable definition: {e}",
                self.id
            ))
        })?;
        Ok(Survey {
            id: self.id,
            mnvp_id: self.mnvp_id,
            mnvp_name: self.mnvp_name,
            slug: self.slug,
            title: self.title,
            definition,
            status: SurveyStatus::parse(&self.status),
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            unit_id: self.unit_id,
            unit_name: self.unit_name,
            care_stage: self.care_stage,
            created_at: self.created_at,
            updated_at: self.updated_at,
            responses: self.responses,
        })
    }
}

const SELECT_SURVEY: &str = "SELECT s.id, s.mnvp_id, m.name AS mnvp_name, s.slug, s.title, s.definition, s.status, \
     s.opens_on, s.closes_on, s.unit_id, u.name AS unit_name, s.care_stage, s.created_at, s.updated_at, \
     (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses \
     FROM surveys s JOIN organisations m ON m.id = s.mnvp_id LEFT JOIN organisations u ON u.id = s.unit_id";

fn definition_json(d: &SurveyDefinition) -> Result<String, StoreError> {
    serde_json::to_string(d).map_err(|e| StoreError::Other(e.to_string()))
}

/// One stored answer value: question, its place among that question's values, and the value
/// (for free text, the feedback item that holds the words).
#[derive(Debug, Clone)]
pub enum AnswerValue {
    Code(String),
    Text(Box<NewFeedback>),
}

/// A submitted survey: the answers to store, keyed by the visitor's response key.
#[derive(Debug, Clone)]
pub struct NewResponse {
    pub survey_id: i64,
    pub response_key: String,
    pub answers: Vec<(String, AnswerValue)>,
    /// The visitor's session, whose answers in progress are cleared once stored.
    pub session_hash: Option<String>,
}

/// How many responses gave each value of each closed question.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AnswerCount {
    pub question: String,
    pub value: String,
    pub n: i64,
}

/// A free-text answer as the results page lists it (callers choose original or redacted).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TextAnswer {
    pub response_id: i64,
    pub feedback_id: i64,
    /// The original text, sealed: only the lead's views open it ([`Store::reveal`]).
    #[serde(skip)]
    pub body: Option<crate::SealedText>,
    pub body_redacted: Option<String>,
    pub safety_flagged: bool,
}

/// One stored answer value with its response, for exports.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportedAnswer {
    pub response_id: i64,
    pub submitted_at: String,
    pub question: String,
    pub value: Option<String>,
    /// A free-text answer's original words, sealed: the export (the lead's) opens them.
    pub body: Option<crate::SealedText>,
}

impl Store {
    /// Creates a draft survey; a repeated `idempotency_key` returns the first one created.
    pub async fn create_survey(
        &self,
        new: &NewSurvey,
        idempotency_key: Option<&str>,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        let json = definition_json(&new.definition)?;
        Ok(write_tx!(self, |tx| idempotent!(
            tx,
            idempotency_key,
            "survey",
            {
                let now = now_text();
                let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO surveys (mnvp_id, slug, title, definition, status, opens_on, closes_on, unit_id, care_stage, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $9) RETURNING id",
            )
            .bind(new.mnvp_id)
            .bind(&new.slug)
            .bind(&new.title)
            .bind(&json)
            .bind(new.opens_on.as_deref())
            .bind(new.closes_on.as_deref())
            .bind(new.unit_id)
            .bind(new.care_stage.map(CareStage::as_str))
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "survey",
                    Some(id),
                    format!("'{}'", new.title)
                );
                id
            }
        )))
    }

    /// Saves changes. Once anyone has answered, the questions are fixed (their answers would
    /// no longer match); the title, dates, unit and stage of care can still change.
    pub async fn update_survey(
        &self,
        id: i64,
        new: &NewSurvey,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let json = definition_json(&new.definition)?;
        write_tx!(self, |tx| {
            let row: Option<(String, i64)> = sqlx::query_as(
                "SELECT definition, (SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) \
                 FROM surveys s WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            let (stored, responses) = row.ok_or(StoreError::NotFound)?;
            let old: SurveyDefinition =
                serde_json::from_str(&stored).map_err(|e| StoreError::Other(e.to_string()))?;
            if responses > 0 && old.questions != new.definition.questions {
                return Err(StoreError::Conflict(
                    "People have already answered this survey, so its questions cannot change. Duplicate it to make a new version.".into(),
                ));
            }
            sqlx::query(
                "UPDATE surveys SET slug = $1, title = $2, definition = $3, opens_on = $4, closes_on = $5, unit_id = $6, \
                 care_stage = $7, updated_at = $8 WHERE id = $9",
            )
            .bind(&new.slug)
            .bind(&new.title)
            .bind(&json)
            .bind(new.opens_on.as_deref())
            .bind(new.closes_on.as_deref())
            .bind(new.unit_id)
            .bind(new.care_stage.map(CareStage::as_str))
            .bind(now_text())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "update",
                "survey",
                Some(id),
                format!("'{}'", new.title)
            );
        });
        Ok(())
    }

    /// Publishes, closes or reopens a survey.
    pub async fn set_survey_status(
        &self,
        id: i64,
        status: SurveyStatus,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let done = sqlx::query("UPDATE surveys SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(status.as_str())
                .bind(now_text())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            audit_append!(
                tx,
                actor,
                "update",
                "survey",
                Some(id),
                format!("status {}", status.as_str())
            );
        });
        Ok(())
    }

    /// Removes a survey nobody has answered.
    pub async fn delete_survey(&self, id: i64, actor: &Actor) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let (n,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if n > 0 {
                return Err(StoreError::Conflict(
                    "People have answered this survey, so it cannot be removed. Close it instead."
                        .into(),
                ));
            }
            let done = sqlx::query("DELETE FROM surveys WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            audit_append!(tx, actor, "delete", "survey", Some(id), String::new());
        });
        Ok(())
    }

    pub async fn get_survey(&self, id: i64) -> Result<Survey, StoreError> {
        let sql = format!("{SELECT_SURVEY} WHERE s.id = $1");
        read!(self, |pool| sqlx::query_as::<_, SurveyRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)?
        .into_survey()
    }

    pub async fn survey_by_slug(&self, slug: &str) -> Result<Survey, StoreError> {
        let sql = format!("{SELECT_SURVEY} WHERE s.slug = $1");
        read!(self, |pool| sqlx::query_as::<_, SurveyRow>(&sql)
            .bind(slug)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)?
        .into_survey()
    }

    /// The surveys of these MNVPs, newest first.
    pub async fn list_surveys(&self, mnvp_ids: &[i64]) -> Result<Vec<Survey>, StoreError> {
        let mut out = Vec::new();
        let sql =
            format!("{SELECT_SURVEY} WHERE s.mnvp_id = $1 ORDER BY s.created_at DESC, s.id DESC");
        for id in mnvp_ids {
            let rows = read!(self, |pool| sqlx::query_as::<_, SurveyRow>(&sql)
                .bind(id)
                .fetch_all(pool)
                .await?);
            for r in rows {
                out.push(r.into_survey()?);
            }
        }
        Ok(out)
    }

    /// Whether a slug is free (for suggesting one when duplicating).
    pub async fn survey_slug_taken(&self, slug: &str) -> Result<bool, StoreError> {
        let row: Option<(i64,)> = read!(self, |pool| sqlx::query_as(
            "SELECT id FROM surveys WHERE slug = $1"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await?);
        Ok(row.is_some())
    }

    /// A visitor's answers so far and the key their submission will carry. Answers are sealed
    /// while they wait; any that no longer open read as none yet (see `capture::waiting`).
    pub async fn survey_progress(
        &self,
        session_hash: &str,
        survey_id: i64,
    ) -> Result<Option<(Answers, String)>, StoreError> {
        let row: Option<(String, String)> = read!(self, |pool| {
            sqlx::query_as(
            "SELECT answers, response_key FROM survey_progress WHERE session_hash = $1 AND survey_id = $2"
        )
        .bind(session_hash)
        .bind(survey_id)
        .fetch_optional(pool)
        .await?
        });
        row.map(|(stored, key)| {
            let json = self.open_answers(Field::SurveyProgress, &stored)?;
            Ok((serde_json::from_str(&json).unwrap_or_default(), key))
        })
        .transpose()
    }

    /// Keeps a visitor's answers so far. Not audited: nothing is submitted until they choose.
    pub async fn save_survey_progress(
        &self,
        session_hash: &str,
        survey_id: i64,
        answers: &Answers,
        response_key: &str,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(answers).map_err(|e| StoreError::Other(e.to_string()))?;
        let sealed = self.seal_answers(Field::SurveyProgress, &json)?;
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO survey_progress (session_hash, survey_id, answers, response_key, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_hash, survey_id) \
                 DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at",
            )
            .bind(session_hash)
            .bind(survey_id)
            .bind(&sealed)
            .bind(response_key)
            .bind(now_text())
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// Stores a submission, its free-text answers as feedback items, and clears the answers in
    /// progress, in one transaction. The same response key stored again returns the first
    /// response's id and writes nothing (a double click, a retry after a dropped connection).
    pub async fn submit_survey_response(
        &self,
        response: &NewResponse,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        let sealer = self.sealer()?;
        Ok(write_tx!(self, |tx| {
            let existing: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM survey_responses WHERE response_key = $1")
                    .bind(&response.response_key)
                    .fetch_optional(&mut *tx)
                    .await?;
            match existing {
                Some((id,)) => id,
                None => {
                    let now = now_text();
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO survey_responses (survey_id, submitted_at, response_key) VALUES ($1, $2, $3) RETURNING id",
                    )
                    .bind(response.survey_id)
                    .bind(&now)
                    .bind(&response.response_key)
                    .fetch_one(&mut *tx)
                    .await?;
                    let mut texts = 0;
                    for (position, (question, value)) in response.answers.iter().enumerate() {
                        let (code, feedback_id) = match value {
                            AnswerValue::Code(c) => (Some(c.as_str()), None),
                            AnswerValue::Text(item) => {
                                texts += 1;
                                (None, Some(insert_one!(tx, item, &now, sealer, actor)))
                            }
                        };
                        sqlx::query(
                            "INSERT INTO survey_answers (response_id, survey_id, question, position, value, feedback_id) \
                             VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(id)
                        .bind(response.survey_id)
                        .bind(question)
                        .bind(position as i64)
                        .bind(code)
                        .bind(feedback_id)
                        .execute(&mut *tx)
                        .await?;
                    }
                    if let Some(s) = &response.session_hash {
                        sqlx::query("DELETE FROM survey_progress WHERE session_hash = $1 AND survey_id = $2")
                            .bind(s)
                            .bind(response.survey_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    audit_append!(
                        tx,
                        actor,
                        "create",
                        "survey_response",
                        Some(id),
                        format!(
                            "survey {}, {} answers, {texts} as feedback",
                            response.survey_id,
                            response.answers.len()
                        )
                    );
                    id
                }
            }
        }))
    }

    /// How many responses gave each value of each closed question.
    pub async fn survey_answer_counts(
        &self,
        survey_id: i64,
    ) -> Result<Vec<AnswerCount>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, AnswerCount>(
            "SELECT question, value, COUNT(*) AS n FROM survey_answers WHERE survey_id = $1 AND value IS NOT NULL \
             GROUP BY question, value ORDER BY question, value"
        )
        .bind(survey_id)
        .fetch_all(pool)
        .await?
        }))
    }

    /// How many responses answered each question at all.
    pub async fn survey_answered(&self, survey_id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, (String, i64)>(
            "SELECT question, COUNT(DISTINCT response_id) FROM survey_answers WHERE survey_id = $1 GROUP BY question"
        )
        .bind(survey_id)
        .fetch_all(pool)
        .await?
        }))
    }

    /// Free-text answers to one question, newest first.
    pub async fn survey_text_answers(
        &self,
        survey_id: i64,
        question: &str,
        limit: i64,
    ) -> Result<Vec<TextAnswer>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, TextAnswer>(
            "SELECT a.response_id, f.id AS feedback_id, f.body_sealed AS body, f.body_redacted, f.safety_flagged FROM survey_answers a \
             JOIN feedback f ON f.id = a.feedback_id WHERE a.survey_id = $1 AND a.question = $2 \
             ORDER BY a.response_id DESC LIMIT $3"
        )
        .bind(survey_id)
        .bind(question)
        .bind(limit)
        .fetch_all(pool)
        .await?
        }))
    }

    /// Every stored answer value, by response then question order, for exports.
    pub async fn survey_export_rows(
        &self,
        survey_id: i64,
    ) -> Result<Vec<ExportedAnswer>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, ExportedAnswer>(
            "SELECT r.id AS response_id, r.submitted_at, a.question, a.value, f.body_sealed AS body FROM survey_responses r \
             JOIN survey_answers a ON a.response_id = r.id LEFT JOIN feedback f ON f.id = a.feedback_id \
             WHERE r.survey_id = $1 ORDER BY r.id, a.position"
        )
        .bind(survey_id)
        .fetch_all(pool)
        .await?
        }))
    }
}
