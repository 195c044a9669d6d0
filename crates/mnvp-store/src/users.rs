//! Accounts: who can sign in, in which role, scoped to which organisation.

use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::parse::{Email, Name};
use mnvp_domain::role::Role;
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub org_id: Option<i64>,
    pub org_name: Option<String>,
    pub org_kind: Option<String>,
    #[serde(skip)]
    pub password_hash: String,
    #[serde(skip)]
    pub totp_secret: Option<String>,
    pub active: bool,
    pub created_at: String,
    pub last_login_at: Option<String>,
}

impl User {
    pub fn role(&self) -> Role {
        // The column has a CHECK constraint, so an unknown value cannot be stored; fall back to
        // the least-privileged role rather than panic.
        Role::parse(&self.role).unwrap_or(Role::Volunteer)
    }

    pub fn has_totp(&self) -> bool {
        self.totp_secret.is_some()
    }
}

/// A new account. The password arrives already hashed: storage never sees a password.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: Name,
    pub role: Role,
    pub org_id: Option<i64>,
    pub password_hash: String,
}

/// Changes an administrator can make to an account.
#[derive(Debug, Clone)]
pub struct UserChanges {
    pub name: Name,
    pub role: Role,
    pub org_id: Option<i64>,
    pub active: bool,
}

const SELECT_USER: &str =
    "SELECT u.id, u.email, u.name, u.role, u.org_id, o.name AS org_name, o.kind AS org_kind, \
     u.password_hash, u.totp_secret, u.active, u.created_at, u.last_login_at FROM users u \
     LEFT JOIN organisations o ON o.id = u.org_id";

/// Checks, inside the write transaction, that the role may be scoped to the organisation.
macro_rules! check_scope_in_tx {
    ($tx:ident, $role:expr, $org_id:expr) => {{
        let role: Role = $role;
        match $org_id {
            None if role.requires_scope() => {
                return Err(StoreError::Invalid(format!(
                    "Select the organisation this {} belongs to",
                    role.label().to_lowercase()
                )))
            }
            None => {}
            Some(oid) => {
                let (kind,): (String,) =
                    sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
                        .bind(oid)
                        .fetch_optional(&mut *$tx)
                        .await?
                        .ok_or_else(|| {
                            StoreError::Invalid("The organisation does not exist".into())
                        })?;
                let kind = mnvp_domain::organisation::OrgKind::parse(&kind)
                    .map_err(|e| StoreError::Other(e.0))?;
                if !role.allowed_scopes().contains(&kind) {
                    let allowed: Vec<&str> =
                        role.allowed_scopes().iter().map(|k| k.label()).collect();
                    return Err(StoreError::Invalid(format!(
                        "A {} must belong to: {}",
                        role.label().to_lowercase(),
                        allowed.join(" or ")
                    )));
                }
            }
        }
    }};
}

impl Store {
    /// Creates an account; a repeated `idempotency_key` returns the first one created.
    pub async fn create_user(
        &self,
        new: &NewUser,
        idempotency_key: Option<&str>,
        actor: &Actor,
    ) -> Result<User, StoreError> {
        let id = write_tx!(self, |tx| idempotent!(tx, idempotency_key, "user", {
            check_scope_in_tx!(tx, new.role, new.org_id);
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO users (email, name, role, org_id, password_hash, active, created_at) \
                 VALUES ($1, $2, $3, $4, $5, TRUE, $6) RETURNING id",
            )
            .bind(new.email.as_str())
            .bind(new.name.as_str())
            .bind(new.role.as_str())
            .bind(new.org_id)
            .bind(&new.password_hash)
            .bind(now_text())
            .fetch_one(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "create",
                "user",
                Some(id),
                format!("{} as {}", new.email, new.role.as_str())
            );
            id
        }));
        self.get_user(id).await
    }

    pub async fn update_user(
        &self,
        id: i64,
        ch: &UserChanges,
        actor: &Actor,
    ) -> Result<User, StoreError> {
        write_tx!(self, |tx| {
            check_scope_in_tx!(tx, ch.role, ch.org_id);
            let done = sqlx::query(
                "UPDATE users SET name = $1, role = $2, org_id = $3, active = $4 WHERE id = $5",
            )
            .bind(ch.name.as_str())
            .bind(ch.role.as_str())
            .bind(ch.org_id)
            .bind(ch.active)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            if !ch.active {
                // A deactivated account is signed out everywhere at once.
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            let detail = format!(
                "role {}, org {:?}, active {}",
                ch.role.as_str(),
                ch.org_id,
                ch.active
            );
            audit_append!(tx, actor, "update", "user", Some(id), detail);
        });
        self.get_user(id).await
    }

    /// Sets a new password hash and ends every session of the account.
    pub async fn set_password(
        &self,
        id: i64,
        password_hash: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            audit_append!(tx, actor, "reset_password", "user", Some(id), String::new());
        });
        Ok(())
    }

    /// Turns the second factor on (with a secret) or off (None).
    pub async fn set_totp(
        &self,
        id: i64,
        secret: Option<&str>,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2")
                .bind(secret)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let what = if secret.is_some() {
                "enable_totp"
            } else {
                "disable_totp"
            };
            audit_append!(tx, actor, what, "user", Some(id), String::new());
        });
        Ok(())
    }

    pub async fn get_user(&self, id: i64) -> Result<User, StoreError> {
        let sql = format!("{SELECT_USER} WHERE u.id = $1");
        read!(self, |pool| sqlx::query_as::<_, User>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("{SELECT_USER} WHERE u.email = $1");
        Ok(read!(self, |pool| sqlx::query_as::<_, User>(&sql)
            .bind(email.trim().to_lowercase())
            .fetch_optional(pool)
            .await?))
    }

    /// Accounts, optionally only those belonging to the given organisations.
    pub async fn list_users(&self, orgs: Option<&[i64]>) -> Result<Vec<User>, StoreError> {
        let sql = format!("{SELECT_USER} ORDER BY u.name, u.email");
        let all = read!(self, |pool| sqlx::query_as::<_, User>(&sql)
            .fetch_all(pool)
            .await?);
        Ok(match orgs {
            None => all,
            Some(ids) => all
                .into_iter()
                .filter(|u| u.org_id.is_some_and(|o| ids.contains(&o)))
                .collect(),
        })
    }

    pub async fn count_users(&self) -> Result<i64, StoreError> {
        let (n,): (i64,) = read!(self, |pool| sqlx::query_as("SELECT COUNT(*) FROM users")
            .fetch_one(pool)
            .await?);
        Ok(n)
    }

    pub async fn record_login(&self, id: i64) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
                .bind(now_text())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }
}
