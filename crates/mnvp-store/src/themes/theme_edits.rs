//! Changing one theme of a codebook: adding, changing (name, place, description, phrases) and
//! deleting it. Every change raises the codebook's version, so a model can say which version
//! it learnt; a theme that coded items carry is merged into another, never simply deleted.

use super::codebooks::NewTheme;
use crate::{now_text, Actor, Store, StoreError};

/// Fails with a message fit for the form when the codebook already has a theme of this name
/// (ignoring case), other than `except`.
macro_rules! check_theme_name_free {
    ($tx:ident, $codebook:expr, $name:expr, $except:expr) => {{
        let clash: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, name FROM codebook_themes WHERE codebook_id = $1 AND lower(name) = lower($2) AND id <> $3",
        )
        .bind($codebook)
        .bind($name)
        .bind($except)
        .fetch_optional(&mut *$tx)
        .await?;
        if let Some((_, existing)) = clash {
            return Err(StoreError::Conflict(format!(
                "This codebook already has a theme called \"{existing}\""
            )));
        }
    }};
}

/// Raises the codebook's version after a change to its themes.
macro_rules! bump_version {
    ($tx:ident, $codebook:expr) => {{
        sqlx::query("UPDATE codebooks SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(now_text())
            .bind($codebook)
            .execute(&mut *$tx)
            .await?;
    }};
}

/// A theme's parent must be a top-level theme of the same codebook, and a theme with
/// sub-themes cannot itself become a sub-theme (only two levels).
macro_rules! check_parent {
    ($tx:ident, $codebook:expr, $parent:expr, $theme:expr) => {{
        if let Some(parent) = $parent {
            let row: Option<(i64, Option<i64>)> =
                sqlx::query_as("SELECT codebook_id, parent_id FROM codebook_themes WHERE id = $1")
                    .bind(parent)
                    .fetch_optional(&mut *$tx)
                    .await?;
            match row {
                Some((cb, None)) if cb == $codebook && parent != $theme => {}
                _ => {
                    return Err(StoreError::Invalid(
                        "Choose a theme of this codebook (not a sub-theme) for it to belong to"
                            .into(),
                    ))
                }
            }
            let (children,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM codebook_themes WHERE parent_id = $1")
                    .bind($theme)
                    .fetch_one(&mut *$tx)
                    .await?;
            if children > 0 {
                return Err(StoreError::Invalid(
                    "This theme has sub-themes of its own, so it cannot become a sub-theme".into(),
                ));
            }
        }
    }};
}

impl Store {
    /// Adds a theme (at the end of its level) and returns its id.
    pub async fn add_theme(
        &self,
        codebook_id: i64,
        theme: &NewTheme,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        let id = write_tx!(self, |tx| {
            let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM codebooks WHERE id = $1")
                .bind(codebook_id)
                .fetch_optional(&mut *tx)
                .await?;
            exists.ok_or(StoreError::NotFound)?;
            check_theme_name_free!(tx, codebook_id, &theme.name, 0i64);
            check_parent!(tx, codebook_id, theme.parent_id, 0i64);
            let (position,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM codebook_themes WHERE codebook_id = $1",
            )
            .bind(codebook_id)
            .fetch_one(&mut *tx)
            .await?;
            let now = now_text();
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO codebook_themes (codebook_id, parent_id, name, description, phrases, position, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            )
            .bind(codebook_id)
            .bind(theme.parent_id)
            .bind(&theme.name)
            .bind(&theme.description)
            .bind(theme.phrases.join("\n"))
            .bind(position)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
            bump_version!(tx, codebook_id);
            audit_append!(
                tx,
                actor,
                "create",
                "codebook_theme",
                Some(id),
                format!("'{}' in codebook {codebook_id}", theme.name)
            );
            id
        });
        Ok(id)
    }

    pub async fn update_theme(
        &self,
        id: i64,
        theme: &NewTheme,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let row: Option<(i64,)> =
                sqlx::query_as("SELECT codebook_id FROM codebook_themes WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (codebook_id,) = row.ok_or(StoreError::NotFound)?;
            check_theme_name_free!(tx, codebook_id, &theme.name, id);
            check_parent!(tx, codebook_id, theme.parent_id, id);
            sqlx::query(
                "UPDATE codebook_themes SET name = $1, parent_id = $2, description = $3, phrases = $4, updated_at = $5 WHERE id = $6",
            )
            .bind(&theme.name)
            .bind(theme.parent_id)
            .bind(&theme.description)
            .bind(theme.phrases.join("\n"))
            .bind(now_text())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            bump_version!(tx, codebook_id);
            audit_append!(
                tx,
                actor,
                "update",
                "codebook_theme",
                Some(id),
                format!("'{}'", theme.name)
            );
        });
        Ok(())
    }

    /// Deletes a theme. When coded items carry it, `merge_into` (another theme of the same
    /// codebook) must be given: those codings then carry that theme instead, so nothing coded
    /// is lost. A theme with sub-themes cannot be deleted until they are moved or deleted.
    pub async fn delete_theme(
        &self,
        id: i64,
        merge_into: Option<i64>,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let row: Option<(i64, String)> =
                sqlx::query_as("SELECT codebook_id, name FROM codebook_themes WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (codebook_id, name) = row.ok_or(StoreError::NotFound)?;
            let (children,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM codebook_themes WHERE parent_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            if children > 0 {
                return Err(StoreError::Conflict(format!(
                    "\"{name}\" has {children} sub-theme(s). Delete them or move them to another theme first."
                )));
            }
            let (uses,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM theme_coding_themes WHERE theme_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            let detail = match (uses, merge_into) {
                (0, _) => format!("'{name}'"),
                (_, None) => {
                    return Err(StoreError::Conflict(format!(
                        "{uses} coding(s) carry \"{name}\". Choose a theme to merge it into, so that this coded work is kept."
                    )))
                }
                (_, Some(target)) => {
                    let target_row: Option<(String,)> = sqlx::query_as(
                        "SELECT name FROM codebook_themes WHERE id = $1 AND codebook_id = $2 AND id <> $3",
                    )
                    .bind(target)
                    .bind(codebook_id)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let (target_name,) = target_row.ok_or_else(|| {
                        StoreError::Invalid("Choose another theme of this codebook to merge into".into())
                    })?;
                    sqlx::query(
                        "INSERT INTO theme_coding_themes (coding_id, theme_id) \
                         SELECT ct.coding_id, $1 FROM theme_coding_themes ct WHERE ct.theme_id = $2 \
                         AND NOT EXISTS (SELECT 1 FROM theme_coding_themes x WHERE x.coding_id = ct.coding_id AND x.theme_id = $1)",
                    )
                    .bind(target)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("DELETE FROM theme_coding_themes WHERE theme_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    format!("'{name}', its {uses} coding(s) merged into '{target_name}'")
                }
            };
            sqlx::query("DELETE FROM codebook_themes WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            bump_version!(tx, codebook_id);
            audit_append!(tx, actor, "delete", "codebook_theme", Some(id), detail);
        });
        Ok(())
    }
}
