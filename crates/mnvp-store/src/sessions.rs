//! Server-side sessions and the record of sign-in attempts used for throttling.
//! Only a hash of each session token is stored, so a copy of the database cannot be used to
//! take over a session.

use crate::{now_text, offset_text, Store, StoreError};
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub token_hash: String,
    pub user_id: Option<i64>,
    pub csrf_token: String,
    pub pending_totp: bool,
    pub flash: Option<String>,
    pub created_at: String,
    pub expires_at: String,
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Store {
    /// Stores a session for `token` (which only the browser keeps).
    pub async fn create_session(
        &self,
        token: &str,
        user_id: Option<i64>,
        csrf_token: &str,
        pending_totp: bool,
        lifetime_secs: i64,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, csrf_token, pending_totp, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(hash_token(token))
            .bind(user_id)
            .bind(csrf_token)
            .bind(pending_totp)
            .bind(now_text())
            .bind(offset_text(lifetime_secs))
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// The live (unexpired) session for `token`, if any.
    pub async fn get_session(&self, token: &str) -> Result<Option<Session>, StoreError> {
        Ok(read!(self, |pool| sqlx::query_as::<_, Session>(
            "SELECT token_hash, user_id, csrf_token, pending_totp, flash, created_at, expires_at \
             FROM sessions WHERE token_hash = $1 AND expires_at > $2"
        )
        .bind(hash_token(token))
        .bind(now_text())
        .fetch_optional(pool)
        .await?))
    }

    pub async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(hash_token(token))
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    /// Sets (Some) or takes (None) the one-shot message shown after a redirect.
    pub async fn set_flash(&self, token: &str, flash: Option<&str>) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE sessions SET flash = $1 WHERE token_hash = $2")
                .bind(flash)
                .bind(hash_token(token))
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    /// Removes expired sessions and old sign-in attempts; run periodically.
    pub async fn sweep_sessions(&self) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(now_text())
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM login_attempts WHERE at <= $1")
                .bind(offset_text(-7 * 24 * 3600))
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    pub async fn record_login_attempt(
        &self,
        email: &str,
        ip: &str,
        success: bool,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query(
                "INSERT INTO login_attempts (email, ip, at, success) VALUES ($1, $2, $3, $4)",
            )
            .bind(email)
            .bind(ip)
            .bind(now_text())
            .bind(success)
            .execute(&mut *tx)
            .await?;
        });
        Ok(())
    }

    /// Failed attempts since the last success, within the window, for this email and this address.
    pub async fn recent_failures(
        &self,
        email: &str,
        ip: &str,
        window_secs: i64,
    ) -> Result<(i64, i64), StoreError> {
        let since = offset_text(-window_secs);
        let (by_email, by_ip) = read!(self, |pool| {
            let (e,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND success = FALSE AND at > $2 \
                 AND at >= COALESCE((SELECT MAX(at) FROM login_attempts WHERE email = $1 AND success = TRUE), '')",
            )
            .bind(email)
            .bind(&since)
            .fetch_one(pool)
            .await?;
            let (i,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND success = FALSE AND at > $2",
            )
            .bind(ip)
            .bind(&since)
            .fetch_one(pool)
            .await?;
            (e, i)
        });
        Ok((by_email, by_ip))
    }
}
