//! Reading and verifying the audit chain. Entries are written by `audit_append!` inside the
//! transaction of the change they record; there is no API to edit or delete them.

use crate::{Store, StoreError};
use mnvp_domain::audit::{verify_chain_from, AuditFields, ChainBreak};
use serde::Serialize;

/// Who did something, and from where. Built once per request (or CLI run).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub label: String,
    pub ip: String,
}

impl Actor {
    /// Changes made from the command line on the server itself.
    pub fn cli(what: &str) -> Actor {
        Actor {
            user_id: None,
            label: format!("cli:{what}"),
            ip: "local".into(),
        }
    }

    /// Changes the system makes on its own (demo loading, first start).
    pub fn system() -> Actor {
        Actor {
            user_id: None,
            label: "system".into(),
            ip: "local".into(),
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub detail: String,
    pub ip: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Filters for browsing the log; empty strings mean "any".
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub from: String,
    pub to: String,
}

impl Store {
    /// One page of the log, newest first.
    pub async fn audit_page(
        &self,
        filter: &AuditFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<AuditEntry>, i64), StoreError> {
        let actor = format!("%{}%", filter.actor.trim().to_lowercase());
        let from = filter.from.trim().to_string();
        // A bare date as the upper bound means "to the end of that day".
        let to = if filter.to.trim().is_empty() {
            String::new()
        } else {
            format!("{}~", filter.to.trim())
        };
        const WHERE: &str =
            "WHERE LOWER(actor) LIKE $1 AND ($2 = '' OR action = $2) AND ($3 = '' OR entity = $3) \
             AND ($4 = '' OR at >= $4) AND ($5 = '' OR at <= $5)";
        let rows_sql = format!(
            "SELECT seq, at, actor_id, actor, action, entity, entity_id, detail, ip, prev_hash, hash \
             FROM audit_log {WHERE} ORDER BY seq DESC LIMIT $6 OFFSET $7"
        );
        let count_sql = format!("SELECT COUNT(*) FROM audit_log {WHERE}");
        let (rows, total) = read!(self, |pool| {
            let rows = sqlx::query_as::<_, AuditEntry>(&rows_sql)
                .bind(&actor)
                .bind(filter.action.trim())
                .bind(filter.entity.trim())
                .bind(&from)
                .bind(&to)
                .bind(limit)
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let total: (i64,) = sqlx::query_as(&count_sql)
                .bind(&actor)
                .bind(filter.action.trim())
                .bind(filter.entity.trim())
                .bind(&from)
                .bind(&to)
                .fetch_one(pool)
                .await?;
            (rows, total.0)
        });
        Ok((rows, total))
    }

    /// Entries about one record, oldest first (shown on record pages).
    pub async fn audit_for(&self, entity: &str, id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(read!(self, |pool| {
            sqlx::query_as::<_, AuditEntry>(
            "SELECT seq, at, actor_id, actor, action, entity, entity_id, detail, ip, prev_hash, hash \
             FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq"
        )
        .bind(entity)
        .bind(id)
        .fetch_all(pool)
        .await?
        }))
    }

    /// Recomputes the whole chain in pages. `Ok(Err(..))` is a broken chain, not a storage error.
    pub async fn audit_verify(&self) -> Result<Result<u64, ChainBreak>, StoreError> {
        const PAGE: i64 = 5000;
        let mut after = 0i64;
        let mut prev_hash = mnvp_domain::audit::GENESIS.to_string();
        let mut total = 0u64;
        loop {
            let rows = read!(self, |pool| {
                sqlx::query_as::<_, AuditEntry>(
                "SELECT seq, at, actor_id, actor, action, entity, entity_id, detail, ip, prev_hash, hash \
                 FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
            )
            .bind(after)
            .bind(PAGE)
            .fetch_all(pool)
            .await?
            });
            let Some(last) = rows.last() else { break };
            let last_seq = last.seq;
            let entries = rows.iter().map(|r| {
                (
                    AuditFields {
                        seq: r.seq,
                        at: &r.at,
                        actor_id: r.actor_id,
                        actor: &r.actor,
                        action: &r.action,
                        entity: &r.entity,
                        entity_id: r.entity_id,
                        detail: &r.detail,
                        ip: &r.ip,
                    },
                    r.prev_hash.as_str(),
                    r.hash.as_str(),
                )
            });
            match verify_chain_from(&prev_hash, entries) {
                Ok(n) => total += n,
                Err(b) => return Ok(Err(b)),
            }
            prev_hash = last.hash.clone();
            after = last_seq;
        }
        Ok(Ok(total))
    }

    /// Records a view of identifiable data (or any event without its own write).
    pub async fn audit_event(
        &self,
        actor: &Actor,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        detail: String,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            audit_append!(tx, actor, action, entity, entity_id, detail);
        });
        Ok(())
    }
}

impl Store {
    /// The record already created for a form key, if the form was submitted before.
    pub async fn idempotency_hit(
        &self,
        key: &str,
        entity: &str,
    ) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = read!(self, |pool| sqlx::query_as(
            "SELECT entity_id FROM idempotency_keys WHERE key = $1 AND entity = $2"
        )
        .bind(key)
        .bind(entity)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| id))
    }
}
