//! Macros that run one query text against whichever engine the store was opened on.
//! The body is type-checked once per engine, so a query that does not fit both fails to compile.

/// Runs `$body` with `$pool` bound to the engine's read pool.
macro_rules! read {
    ($store:expr, |$pool:ident| $body:expr) => {{
        match &*$store.pools {
            $crate::connect::Pools::Sqlite { read: $pool, .. } => $body,
            $crate::connect::Pools::Postgres($pool) => $body,
        }
    }};
}

/// Runs `$body` inside a write transaction bound to `$tx` and commits it if the body did not
/// return early with `?`. The first statement takes the engine's write lock, so the audit
/// chain is extended by one writer at a time (SQLite: a write before any read; PostgreSQL:
/// a transaction-scoped advisory lock).
macro_rules! write_tx {
    ($store:expr, |$tx:ident| $body:expr) => {{
        match &*$store.pools {
            $crate::connect::Pools::Sqlite { write, .. } => {
                let mut $tx = write.begin().await?;
                sqlx::query("UPDATE write_lock SET n = n + 1 WHERE id = 1")
                    .execute(&mut *$tx)
                    .await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
            $crate::connect::Pools::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(730701)")
                    .execute(&mut *$tx)
                    .await?;
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    }};
}

/// Appends one entry to the audit chain inside the open write transaction `$tx`, so the
/// change and its record commit or roll back together.
macro_rules! audit_append {
    ($tx:ident, $actor:expr, $action:expr, $entity:expr, $entity_id:expr, $detail:expr) => {{
        let last: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&mut *$tx)
                .await?;
        let (seq, prev) = match last {
            Some((s, h)) => (s + 1, h),
            None => (1, mnvp_domain::audit::GENESIS.to_string()),
        };
        let actor: &$crate::audit::Actor = $actor;
        let at = $crate::now_text();
        let detail: String = $detail;
        let entity_id: Option<i64> = $entity_id;
        let fields = mnvp_domain::audit::AuditFields {
            seq,
            at: &at,
            actor_id: actor.user_id,
            actor: &actor.label,
            action: $action,
            entity: $entity,
            entity_id,
            detail: &detail,
            ip: &actor.ip,
        };
        let hash = mnvp_domain::audit::chain_hash(&prev, &fields);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, detail, ip, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(seq)
        .bind(&at)
        .bind(actor.user_id)
        .bind(&actor.label)
        .bind($action)
        .bind($entity)
        .bind(entity_id)
        .bind(&detail)
        .bind(&actor.ip)
        .bind(&prev)
        .bind(&hash)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Runs `$create` (which yields the new record's id) unless a record was already created for
/// the idempotency key `$key`, in which case that record's id is returned and nothing is written.
macro_rules! idempotent {
    ($tx:ident, $key:expr, $entity:expr, $create:expr) => {{
        let key: Option<&str> = $key;
        let existing: Option<(i64,)> = match key {
            Some(k) => {
                sqlx::query_as("SELECT entity_id FROM idempotency_keys WHERE key = $1 AND entity = $2")
                    .bind(k)
                    .bind($entity)
                    .fetch_optional(&mut *$tx)
                    .await?
            }
            None => None,
        };
        match existing {
            Some((id,)) => id,
            None => {
                let id: i64 = $create;
                if let Some(k) = key {
                    sqlx::query("INSERT INTO idempotency_keys (key, entity, entity_id, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(k)
                        .bind($entity)
                        .bind(id)
                        .bind($crate::now_text())
                        .execute(&mut *$tx)
                        .await?;
                }
                id
            }
        }
    }};
}
