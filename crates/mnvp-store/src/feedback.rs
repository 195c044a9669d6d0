//! The one feedback store every channel writes to. This is the foundation's slice of it:
//! enough to hold demo feedback and show counts; capture adds its channels on top.

use crate::capture::{search, FormDetails};
use crate::sealed::Sealer;
use crate::{now_text, Actor, Engine, SealedText, Store, StoreError};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::voices::demographics::Demographics;
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
    /// The text with personal details replaced; the only text shown outside the lead role.
    pub body_redacted: Option<String>,
    /// Whether the text may disclose a risk that needs the lead's review, and which kinds
    /// (`;`-separated codes such as `self_harm`).
    pub safety_flagged: bool,
    pub safety_categories: String,
    /// Equality-monitoring answers; stored only when the person consented and answered any.
    pub demographics: Option<Demographics>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FeedbackCount {
    pub channel: String,
    pub n: i64,
}

/// Adds the keyed blind index of the words redaction removed from `$body` for item `$id`,
/// inside `$tx` (see `sealed`): how the lead still finds a sealed name or number.
macro_rules! index_words {
    ($tx:ident, $id:expr, $sealer:expr, $body:expr, $redacted:expr) => {{
        let sealer: &$crate::sealed::Sealer = $sealer;
        let body: &str = $body;
        for token in sealer.index_tokens(body, $redacted) {
            sqlx::query("INSERT INTO feedback_words (feedback_id, token) VALUES ($1, $2)")
                .bind($id)
                .bind(token)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

/// Stores the consented equality-monitoring answers given with item `$id` inside `$tx`
/// (nothing when the person did not agree or answered nothing).
macro_rules! insert_demographics {
    ($tx:ident, $id:expr, $demographics:expr, $now:expr) => {{
        let given: Option<&mnvp_domain::voices::demographics::Demographics> = $demographics;
        if let Some(d) = given.filter(|d| d.consented && !d.is_empty()) {
            sqlx::query(
                "INSERT INTO feedback_demographics (feedback_id, ethnic_category, age_band, first_language, interpreter_needed, \
                 disability, sexual_orientation, gender_same_as_birth, religion, experiences, postcode_district, lsoa21, \
                 imd_decile, consent_version, consented_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            )
            .bind($id)
            .bind(d.ethnic_category.map(|v| v.as_str()))
            .bind(d.age_band.map(|v| v.as_str()))
            .bind(d.first_language.map(|v| v.as_str()))
            .bind(d.interpreter_needed.map(|v| v.as_str()))
            .bind(d.disability.map(|v| v.as_str()))
            .bind(d.sexual_orientation.map(|v| v.as_str()))
            .bind(d.gender_same_as_birth.map(|v| v.as_str()))
            .bind(d.religion.map(|v| v.as_str()))
            .bind(d.experiences_code())
            .bind(d.postcode_district.as_deref())
            .bind(d.lsoa21.as_deref())
            .bind(d.imd_decile)
            .bind(&d.consent_version)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Inserts one item (and its consented demographics) inside the open transaction `$tx` and
/// yields its id. One definition for every channel, so no channel can forget a column: the
/// original text is sealed (never stored in the clear), the words its redaction removed go
/// into the blind index, and a flagged item opens a safeguarding case in the same transaction.
/// An item that arrives unscreened is screened here (see `screening`).
macro_rules! insert_one {
    ($tx:ident, $f:expr, $now:expr, $sealer:expr, $actor:expr) => {{
        let ready = $f.ready();
        let f: &NewFeedback = &ready;
        let sealer: &$crate::sealed::Sealer = $sealer;
        let sealed = match f.body.as_deref() {
            Some(b) => Some(sealer.seal(b)?),
            None => None,
        };
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO feedback (mnvp_id, unit_id, channel, care_stage, received_on, rating, body_sealed, client_id, created_at, \
             body_redacted, safety_flagged, safety_categories) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(f.mnvp_id)
        .bind(f.unit_id)
        .bind(f.channel.as_str())
        .bind(f.care_stage.map(mnvp_domain::feedback::CareStage::as_str))
        .bind(&f.received_on)
        .bind(f.rating)
        .bind(sealed)
        .bind(f.client_id.as_deref())
        .bind($now)
        .bind(f.body_redacted.as_deref())
        .bind(f.safety_flagged)
        .bind(&f.safety_categories)
        .fetch_one(&mut *$tx)
        .await?;
        if let Some(body) = f.body.as_deref() {
            index_words!($tx, id, sealer, body, f.body_redacted.as_deref());
        }
        if f.safety_flagged {
            open_case!($tx, f.mnvp_id, id, &f.safety_categories, "detected", $actor);
        }
        insert_demographics!($tx, id, f.demographics.as_ref(), $now);
        id
    }};
}

impl Store {
    /// Stores one item from a person (form, Walk the Patch entry) and returns its id. A retry
    /// of the same submission stores nothing new: the item already stored under the same
    /// `client_id` (offline queues) or form `idempotency_key` is returned instead.
    pub async fn insert_feedback(
        &self,
        item: &NewFeedback,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.insert_feedback_with(item, None, actor, idempotency_key)
            .await
    }

    /// Stores one submission of the public form: the item and what the form adds to it
    /// (month of care, every stage covered, route, language) in one transaction, once.
    pub async fn insert_form_feedback(
        &self,
        item: &NewFeedback,
        details: &FormDetails,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.insert_feedback_with(item, Some(details), actor, idempotency_key)
            .await
    }

    async fn insert_feedback_with(
        &self,
        item: &NewFeedback,
        details: Option<&FormDetails>,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64, StoreError> {
        let sealer = self.sealer()?;
        let id = write_tx!(self, |tx| {
            let existing: Option<(i64,)> = match item.client_id.as_deref() {
                Some(c) => {
                    sqlx::query_as("SELECT id FROM feedback WHERE client_id = $1")
                        .bind(c)
                        .fetch_optional(&mut *tx)
                        .await?
                }
                None => None,
            };
            match existing {
                Some((id,)) => id,
                None => idempotent!(tx, idempotency_key, "feedback", {
                    let now = now_text();
                    let id = insert_one!(tx, item, &now, sealer, actor);
                    if let Some(d) = details {
                        sqlx::query(
                            "INSERT INTO feedback_form_details (feedback_id, care_month, care_stages, journey, language) \
                             VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(id)
                        .bind(d.care_month.as_deref())
                        .bind(&d.care_stages)
                        .bind(&d.journey)
                        .bind(&d.language)
                        .execute(&mut *tx)
                        .await?;
                    }
                    audit_append!(
                        tx,
                        actor,
                        "create",
                        "feedback",
                        Some(id),
                        format!("{} item", item.channel.as_str())
                    );
                    id
                }),
            }
        });
        Ok(id)
    }

    /// Stores many records in one transaction with one audit entry (imports, demo data).
    pub async fn insert_feedback_batch(
        &self,
        items: &[NewFeedback],
        actor: &Actor,
        source: &str,
    ) -> Result<u64, StoreError> {
        let sealer = self.sealer()?;
        let n = write_tx!(self, |tx| {
            let now = now_text();
            for f in items {
                insert_one!(tx, f, &now, sealer, actor);
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
                "SELECT channel, COUNT(*) AS n FROM feedback WHERE mnvp_id = $1 AND withdrawn_at IS NULL GROUP BY channel ORDER BY channel"
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

/// One item as the inbox lists it. `body` is the original text, sealed: callers decide, by
/// role, whether to open it ([`Store::reveal`], leads only, audited) or show the redaction.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FeedbackItem {
    pub id: i64,
    pub mnvp_id: i64,
    pub mnvp_name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub channel: String,
    pub care_stage: Option<String>,
    pub received_on: String,
    pub rating: Option<i32>,
    #[serde(skip)]
    pub body: Option<SealedText>,
    pub body_redacted: Option<String>,
    pub safety_flagged: bool,
    pub safety_categories: String,
    pub has_demographics: bool,
    /// When the person's feedback was withdrawn but kept for a safeguarding case that refers
    /// to it (see `field::corrections`): it counts nowhere and only the lead reaches it.
    pub withdrawn_at: Option<String>,
    /// The team member who recorded it in a field session (who may correct it while the
    /// session is open); never shown.
    #[serde(skip)]
    pub recorded_by: Option<i64>,
}

/// One item's equality-monitoring answers as stored (codes), for the lead's detail view and
/// for representation analysis.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct StoredDemographics {
    pub feedback_id: i64,
    pub ethnic_category: Option<String>,
    pub age_band: Option<String>,
    pub first_language: Option<String>,
    pub interpreter_needed: Option<String>,
    pub disability: Option<String>,
    pub sexual_orientation: Option<String>,
    pub gender_same_as_birth: Option<String>,
    pub religion: Option<String>,
    pub experiences: String,
    pub postcode_district: Option<String>,
    pub lsoa21: Option<String>,
    pub imd_decile: Option<i32>,
    pub consent_version: String,
    pub consented_at: String,
}

/// What the inbox may show: `mnvp_ids` and `unit_ids` are the caller's scope (None = no limit
/// on that side); the rest are the person's filters, empty meaning "any".
#[derive(Debug, Clone, Default)]
pub struct FeedbackFilter {
    pub mnvp_ids: Option<Vec<i64>>,
    pub unit_ids: Option<Vec<i64>>,
    pub channel: String,
    pub care_stage: String,
    pub unit_id: Option<i64>,
    pub from: String,
    pub to: String,
    pub text: String,
    /// Only items flagged for safeguarding review.
    pub flagged_only: bool,
    /// Only items that came with (consented) equality-monitoring answers.
    pub with_demographics: bool,
}

pub(crate) const SELECT_ITEM: &str = "SELECT f.id, f.mnvp_id, m.name AS mnvp_name, f.unit_id, u.name AS unit_name, f.channel, \
     f.care_stage, f.received_on, f.rating, f.body_sealed AS body, f.body_redacted, f.safety_flagged, f.safety_categories, \
     EXISTS (SELECT 1 FROM feedback_demographics d WHERE d.feedback_id = f.id) AS has_demographics, f.withdrawn_at, f.recorded_by FROM feedback f JOIN organisations m ON m.id = f.mnvp_id \
     LEFT JOIN organisations u ON u.id = f.unit_id";

/// Appends `AND column IN ($n, …)` for a scope list; an empty list matches nothing.
fn push_in(sql: &mut String, next: &mut usize, column: &str, ids: &[i64]) {
    if ids.is_empty() {
        sql.push_str(" AND 1 = 0");
        return;
    }
    let marks: Vec<String> = ids
        .iter()
        .map(|_| {
            *next += 1;
            format!("${next}")
        })
        .collect();
    sql.push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
}

/// A value to bind, in placeholder order.
enum Bind {
    Text(String),
    Id(i64),
}

impl FeedbackFilter {
    /// The WHERE clause and the values to bind, in placeholder order. A stage matches the
    /// item's main stage or any other stage a form submission said it covers.
    ///
    /// The search: every word typed must be found, either in the redacted text through the
    /// engine's full-text index (in any form: "waiting" finds "waited"; the last letters may be
    /// left off), or — for the words redaction removed (names, numbers) — as the whole word in
    /// the item's keyed blind index (see `sealed`). The original text is sealed and is never
    /// searched in the database, and the index over the redacted text holds no personal details.
    fn where_clause(&self, engine: Engine, sealer: &Sealer) -> (String, Vec<Bind>) {
        let mut sql = String::from(
            " WHERE f.withdrawn_at IS NULL AND ($1 = '' OR f.channel = $1) AND ($2 = '' OR f.care_stage = $2 OR EXISTS (SELECT 1 FROM \
             feedback_form_details x WHERE x.feedback_id = f.id AND (';' || x.care_stages || ';') LIKE ('%;' || $2 || ';%'))) \
             AND ($3 = '' OR f.received_on >= $3) AND ($4 = '' OR f.received_on <= $4)",
        );
        let mut binds: Vec<Bind> = [&self.channel, &self.care_stage, &self.from, &self.to]
            .iter()
            .map(|t| Bind::Text(t.trim().to_string()))
            .collect();
        if self.flagged_only {
            sql.push_str(" AND f.safety_flagged = TRUE");
        }
        if self.with_demographics {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM feedback_demographics d WHERE d.feedback_id = f.id)",
            );
        }
        let mut next = 4;
        let scopes = [
            ("f.mnvp_id", self.mnvp_ids.clone()),
            ("f.unit_id", self.unit_ids.clone()),
            ("f.unit_id", self.unit_id.map(|u| vec![u])),
        ];
        for (column, ids) in scopes {
            if let Some(ids) = ids {
                push_in(&mut sql, &mut next, column, &ids);
                binds.extend(ids.into_iter().map(Bind::Id));
            }
        }
        let words = search::words(&self.text);
        if !self.text.trim().is_empty() && words.is_empty() {
            // Only punctuation: there is nothing to search for, so nothing matches.
            sql.push_str(" AND 1 = 0");
        }
        for word in words {
            sql.push_str(&format!(
                " AND ({} OR EXISTS (SELECT 1 FROM feedback_words w WHERE w.feedback_id = f.id AND w.token = ${}))",
                search::condition(engine, &format!("${}", next + 1)),
                next + 2
            ));
            next += 2;
            binds.push(Bind::Text(search::term(engine, &word)));
            binds.push(Bind::Text(sealer.token(&word)));
        }
        (sql, binds)
    }
}

impl Store {
    /// One page of feedback within the caller's scope, newest first, and how many match.
    pub async fn list_feedback(
        &self,
        filter: &FeedbackFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<FeedbackItem>, i64), StoreError> {
        let (clause, binds) = filter.where_clause(self.engine(), self.sealer()?);
        let n = binds.len();
        let rows_sql = format!(
            "{SELECT_ITEM}{clause} ORDER BY f.received_on DESC, f.id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let count_sql = format!("SELECT COUNT(*) FROM feedback f{clause}");
        Ok(read!(self, |pool| {
            let mut q = sqlx::query_as::<_, FeedbackItem>(&rows_sql);
            let mut c = sqlx::query_as::<_, (i64,)>(&count_sql);
            for b in &binds {
                match b {
                    Bind::Text(t) => {
                        q = q.bind(t);
                        c = c.bind(t);
                    }
                    Bind::Id(id) => {
                        q = q.bind(id);
                        c = c.bind(id);
                    }
                }
            }
            let rows = q.bind(limit).bind(offset).fetch_all(pool).await?;
            let (total,) = c.fetch_one(pool).await?;
            (rows, total)
        }))
    }

    /// The consented equality-monitoring answers given with an item, if any.
    pub async fn feedback_demographics(
        &self,
        feedback_id: i64,
    ) -> Result<Option<StoredDemographics>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, StoredDemographics>(
            "SELECT feedback_id, ethnic_category, age_band, first_language, interpreter_needed, disability, \
             sexual_orientation, gender_same_as_birth, religion, experiences, postcode_district, lsoa21, imd_decile, \
             consent_version, consented_at FROM feedback_demographics WHERE feedback_id = $1"
        )
        .bind(feedback_id)
        .fetch_optional(pool)
        .await?
        }))
    }

    pub async fn get_feedback(&self, id: i64) -> Result<FeedbackItem, StoreError> {
        let sql = format!("{SELECT_ITEM} WHERE f.id = $1");
        read!(self, |pool| sqlx::query_as::<_, FeedbackItem>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }
}

impl Store {
    /// Marks an item for the lead's safeguarding review by hand (a volunteer's or staff
    /// member's judgement), recording who did it, and opens a case unless one is open.
    pub async fn flag_feedback(&self, id: i64, actor: &Actor) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let row: Option<(String, i64)> =
                sqlx::query_as("SELECT safety_categories, mnvp_id FROM feedback WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (categories, mnvp_id) = row.ok_or(StoreError::NotFound)?;
            let mut codes: Vec<&str> = categories.split(';').filter(|c| !c.is_empty()).collect();
            if !codes.contains(&"manual") {
                codes.push("manual");
            }
            sqlx::query(
                "UPDATE feedback SET safety_flagged = TRUE, safety_categories = $1 WHERE id = $2",
            )
            .bind(codes.join(";"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "flag",
                "feedback",
                Some(id),
                "flagged for safeguarding review by hand".to_string()
            );
            let open: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM safety_cases WHERE feedback_id = $1 AND closed_at IS NULL",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if open.is_none() {
                open_case!(tx, mnvp_id, id, &codes.join(";"), "manual", actor);
            }
        });
        Ok(())
    }
}
