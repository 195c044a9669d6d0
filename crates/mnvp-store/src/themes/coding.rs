//! People's coding: one record per coder per item (and one for the lead's resolution), the
//! queue each coder works through, and everything the agreement and training code reads.

use crate::{now_text, Actor, Store, StoreError};
use serde::Serialize;

/// One coding as submitted from the coding screen (already checked for shape).
#[derive(Debug, Clone)]
pub struct NewCoding {
    pub feedback_id: i64,
    pub coder_id: i64,
    /// The lead's resolution of a disagreement (the gold label).
    pub gold: bool,
    pub themes: Vec<i64>,
    pub sentiment: Option<u8>,
    pub note: String,
}

/// A stored coding with its themes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StoredCoding {
    pub feedback_id: i64,
    pub coder_id: i64,
    pub coder_name: String,
    pub gold: bool,
    pub sentiment: Option<u8>,
    pub note: String,
    pub themes: Vec<i64>,
    pub updated_at: String,
}

impl StoredCoding {
    pub fn as_domain(&self) -> mnvp_domain::themes::labels::Coding {
        mnvp_domain::themes::labels::Coding {
            coder: self.coder_id,
            gold: self.gold,
            themes: self.themes.clone(),
            sentiment: self.sentiment,
        }
    }
}

/// The order of a coder's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueOrder {
    /// Items the model is least sure about first: each coding then teaches it the most
    /// (active learning). Items not yet scored come after, oldest first.
    LeastCertain,
    /// A fixed shuffle per coder: a fair sample for measuring agreement and trends.
    Random,
    /// Items someone else has coded and this coder has not: builds the shared sample that
    /// agreement is measured on.
    CodedByOthers,
}

impl QueueOrder {
    pub fn parse(raw: &str) -> QueueOrder {
        match raw {
            "random" => QueueOrder::Random,
            "others" => QueueOrder::CodedByOthers,
            _ => QueueOrder::LeastCertain,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QueueOrder::LeastCertain => "uncertain",
            QueueOrder::Random => "random",
            QueueOrder::CodedByOthers => "others",
        }
    }
}

type CodingRow = (
    i64,
    i64,
    i64,
    String,
    bool,
    Option<i64>,
    String,
    String,
    Option<i64>,
);

/// Rows of (coding, theme) into codings with their themes, in the rows' order.
fn group(rows: Vec<CodingRow>) -> Vec<StoredCoding> {
    let mut out: Vec<(i64, StoredCoding)> = Vec::new();
    for (id, feedback_id, coder_id, coder_name, gold, sentiment, note, updated_at, theme) in rows {
        if out.last().is_none_or(|(last, _)| *last != id) {
            out.push((
                id,
                StoredCoding {
                    feedback_id,
                    coder_id,
                    coder_name,
                    gold,
                    sentiment: sentiment.and_then(|s| u8::try_from(s).ok()),
                    note,
                    themes: Vec::new(),
                    updated_at,
                },
            ));
        }
        if let (Some(t), Some((_, c))) = (theme, out.last_mut()) {
            c.themes.push(t);
        }
    }
    out.into_iter().map(|(_, c)| c).collect()
}

const SELECT_CODINGS: &str = "SELECT c.id, c.feedback_id, c.coder_id, u.name, c.is_gold, c.sentiment, c.note, c.updated_at, ct.theme_id \
     FROM theme_codings c JOIN users u ON u.id = c.coder_id \
     LEFT JOIN theme_coding_themes ct ON ct.coding_id = c.id";

/// The part of a queue query after `FROM feedback f`: items of the MNVP with text that this
/// coder has not coded and nobody has resolved. `$1` codebook, `$2` MNVP, `$3` coder.
const QUEUE_WHERE: &str = " LEFT JOIN theme_scores s ON s.codebook_id = $1 AND s.feedback_id = f.id \
     WHERE f.mnvp_id = $2 AND f.body_redacted IS NOT NULL AND f.body_redacted <> '' \
     AND NOT EXISTS (SELECT 1 FROM theme_codings c WHERE c.codebook_id = $1 AND c.feedback_id = f.id \
         AND (c.coder_id = $3 OR c.is_gold = TRUE))";

/// Inserts or replaces one coding (and its themes) inside the open transaction `$tx`; yields
/// the number of distinct themes.
macro_rules! upsert_coding {
    ($tx:ident, $codebook_id:expr, $coding:expr) => {{
        let codebook_id: i64 = $codebook_id;
        let coding: &NewCoding = $coding;
        let now = now_text();
        let existing: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM theme_codings WHERE codebook_id = $1 AND feedback_id = $2 AND coder_id = $3 AND is_gold = $4",
        )
        .bind(codebook_id)
        .bind(coding.feedback_id)
        .bind(coding.coder_id)
        .bind(coding.gold)
        .fetch_optional(&mut *$tx)
        .await?;
        let sentiment = coding.sentiment.map(i64::from);
        let id = match existing {
            Some((id,)) => {
                sqlx::query("UPDATE theme_codings SET sentiment = $1, note = $2, updated_at = $3 WHERE id = $4")
                    .bind(sentiment)
                    .bind(&coding.note)
                    .bind(&now)
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
                sqlx::query("DELETE FROM theme_coding_themes WHERE coding_id = $1")
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
                id
            }
            None => {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO theme_codings (codebook_id, feedback_id, coder_id, is_gold, sentiment, note, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(codebook_id)
                .bind(coding.feedback_id)
                .bind(coding.coder_id)
                .bind(coding.gold)
                .bind(sentiment)
                .bind(&coding.note)
                .bind(&now)
                .fetch_one(&mut *$tx)
                .await?;
                id
            }
        };
        let mut themes = coding.themes.clone();
        themes.sort_unstable();
        themes.dedup();
        for t in &themes {
            sqlx::query("INSERT INTO theme_coding_themes (coding_id, theme_id) VALUES ($1, $2)")
                .bind(id)
                .bind(t)
                .execute(&mut *$tx)
                .await?;
        }
        themes.len()
    }};
}

impl Store {
    /// Saves (or replaces) one person's coding of one item. The themes must belong to the
    /// codebook and the item to the codebook's MNVP.
    pub async fn save_coding(
        &self,
        codebook_id: i64,
        coding: &NewCoding,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let owner: Option<(Option<i64>,)> =
                sqlx::query_as("SELECT mnvp_id FROM codebooks WHERE id = $1")
                    .bind(codebook_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (mnvp_id,) = owner.ok_or(StoreError::NotFound)?;
            let item: Option<(i64,)> = sqlx::query_as("SELECT mnvp_id FROM feedback WHERE id = $1")
                .bind(coding.feedback_id)
                .fetch_optional(&mut *tx)
                .await?;
            if item.map(|(m,)| Some(m)) != Some(mnvp_id) {
                return Err(StoreError::NotFound);
            }
            for t in &coding.themes {
                let ok: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM codebook_themes WHERE id = $1 AND codebook_id = $2",
                )
                .bind(t)
                .bind(codebook_id)
                .fetch_optional(&mut *tx)
                .await?;
                if ok.is_none() {
                    return Err(StoreError::Invalid(
                        "A theme you chose is no longer in the codebook; choose from the list again".into(),
                    ));
                }
            }
            let n = upsert_coding!(tx, codebook_id, coding);
            audit_append!(
                tx,
                actor,
                if coding.gold { "resolve" } else { "code" },
                "feedback",
                Some(coding.feedback_id),
                format!("codebook {codebook_id}: {n} theme(s)")
            );
        });
        Ok(())
    }

    /// Saves many codings in one transaction with one audit entry (imports, demo data). Every
    /// theme must belong to the codebook and every item to its MNVP, or nothing is saved.
    pub async fn save_codings_batch(
        &self,
        codebook_id: i64,
        codings: &[NewCoding],
        actor: &Actor,
        source: &str,
    ) -> Result<usize, StoreError> {
        let n = write_tx!(self, |tx| {
            let owner: Option<(Option<i64>,)> =
                sqlx::query_as("SELECT mnvp_id FROM codebooks WHERE id = $1")
                    .bind(codebook_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (mnvp_id,) = owner.ok_or(StoreError::NotFound)?;
            let themes: Vec<(i64,)> =
                sqlx::query_as("SELECT id FROM codebook_themes WHERE codebook_id = $1")
                    .bind(codebook_id)
                    .fetch_all(&mut *tx)
                    .await?;
            let themes: Vec<i64> = themes.into_iter().map(|(t,)| t).collect();
            let items: Vec<(i64,)> = sqlx::query_as("SELECT id FROM feedback WHERE mnvp_id = $1")
                .bind(mnvp_id)
                .fetch_all(&mut *tx)
                .await?;
            let items: std::collections::BTreeSet<i64> = items.into_iter().map(|(i,)| i).collect();
            for (i, coding) in codings.iter().enumerate() {
                if !items.contains(&coding.feedback_id) {
                    return Err(StoreError::Invalid(format!(
                        "coding {}: item {} is not feedback of this codebook's MNVP",
                        i + 1,
                        coding.feedback_id
                    )));
                }
                if let Some(t) = coding.themes.iter().find(|t| !themes.contains(t)) {
                    return Err(StoreError::Invalid(format!(
                        "coding {}: theme {t} is not in the codebook",
                        i + 1
                    )));
                }
                upsert_coding!(tx, codebook_id, coding);
            }
            audit_append!(
                tx,
                actor,
                "import",
                "theme_codings",
                Some(codebook_id),
                format!("{} codings from {source}", codings.len())
            );
            codings.len()
        });
        Ok(n)
    }

    /// Every coding of one item with a codebook, the resolution (if any) last.
    pub async fn item_codings(
        &self,
        codebook_id: i64,
        feedback_id: i64,
    ) -> Result<Vec<StoredCoding>, StoreError> {
        let sql = format!(
            "{SELECT_CODINGS} WHERE c.codebook_id = $1 AND c.feedback_id = $2 ORDER BY c.is_gold, u.name, c.id, ct.theme_id"
        );
        let rows: Vec<CodingRow> = read!(self, |pool| sqlx::query_as(&sql)
            .bind(codebook_id)
            .bind(feedback_id)
            .fetch_all(pool)
            .await?);
        Ok(group(rows))
    }

    /// Every coding with a codebook, grouped by item (items in id order).
    pub async fn codebook_codings(
        &self,
        codebook_id: i64,
    ) -> Result<Vec<StoredCoding>, StoreError> {
        let sql = format!(
            "{SELECT_CODINGS} WHERE c.codebook_id = $1 ORDER BY c.feedback_id, c.is_gold, c.coder_id, c.id, ct.theme_id"
        );
        let rows: Vec<CodingRow> = read!(self, |pool| sqlx::query_as(&sql)
            .bind(codebook_id)
            .fetch_all(pool)
            .await?);
        Ok(group(rows))
    }

    /// The item at `offset` in a coder's queue, and how many items the queue holds.
    pub async fn coding_queue(
        &self,
        codebook_id: i64,
        mnvp_id: i64,
        coder_id: i64,
        order: QueueOrder,
        offset: i64,
    ) -> Result<(Option<i64>, i64), StoreError> {
        let others = if order == QueueOrder::CodedByOthers {
            " AND EXISTS (SELECT 1 FROM theme_codings o WHERE o.codebook_id = $1 AND o.feedback_id = f.id AND o.coder_id <> $3)"
        } else {
            ""
        };
        let order_by = match order {
            QueueOrder::LeastCertain | QueueOrder::CodedByOthers => {
                "CASE WHEN s.certainty IS NULL THEN 1 ELSE 0 END, s.certainty, f.received_on, f.id"
            }
            // A shuffle that is stable for a coder (and differs between coders).
            QueueOrder::Random => "(f.id * 7919 + $3 * 104729) % 10007, f.id",
        };
        let rows_sql = format!(
            "SELECT f.id FROM feedback f{QUEUE_WHERE}{others} ORDER BY {order_by} LIMIT 1 OFFSET $4"
        );
        let count_sql = format!("SELECT COUNT(*) FROM feedback f{QUEUE_WHERE}{others}");
        Ok(read!(self, |pool| {
            let next: Option<(i64,)> = sqlx::query_as(&rows_sql)
                .bind(codebook_id)
                .bind(mnvp_id)
                .bind(coder_id)
                .bind(offset.max(0))
                .fetch_optional(pool)
                .await?;
            let (total,): (i64,) = sqlx::query_as(&count_sql)
                .bind(codebook_id)
                .bind(mnvp_id)
                .bind(coder_id)
                .fetch_one(pool)
                .await?;
            (next.map(|(id,)| id), total)
        }))
    }

    /// Items of the MNVP with text, and of those how many anyone has coded with the codebook.
    pub async fn coding_progress(
        &self,
        codebook_id: i64,
        mnvp_id: i64,
    ) -> Result<(i64, i64), StoreError> {
        Ok(read!(self, |pool| {
            let (total,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM feedback WHERE mnvp_id = $1 AND body_redacted IS NOT NULL AND body_redacted <> ''",
            )
            .bind(mnvp_id)
            .fetch_one(pool)
            .await?;
            let (coded,): (i64,) = sqlx::query_as(
                "SELECT COUNT(DISTINCT feedback_id) FROM theme_codings WHERE codebook_id = $1",
            )
            .bind(codebook_id)
            .fetch_one(pool)
            .await?;
            (coded, total)
        }))
    }
}
