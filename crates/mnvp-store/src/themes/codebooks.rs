//! Codebooks and their themes. Every change to a codebook's themes raises its `version`, so a
//! model can say which version it learnt; a theme that coded items carry is never deleted
//! outright, only merged into another theme, so no coded work is lost.

use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::themes::codebook::{CodebookSpec, ThemeSpec};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Codebook {
    pub id: i64,
    /// `None`: shared by the administrator for every MNVP to copy.
    pub mnvp_id: Option<i64>,
    pub mnvp_name: Option<String>,
    pub name: String,
    pub description: String,
    /// How it began: `default`, `qdc`, `import`, `copy` or `empty`.
    pub source: String,
    pub version: i64,
    pub auto_threshold: f64,
    pub created_at: String,
    pub updated_at: String,
    pub themes: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Theme {
    pub id: i64,
    pub codebook_id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub description: String,
    /// One indicative phrase per line.
    pub phrases: String,
    pub position: i64,
    /// Codings (by anyone, resolutions included) that carry the theme.
    pub uses: i64,
}

impl Theme {
    pub fn phrase_list(&self) -> Vec<String> {
        self.phrases
            .lines()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// A theme as typed in the theme form; already checked by `mnvp_domain::themes::codebook`.
#[derive(Debug, Clone, Default)]
pub struct NewTheme {
    pub name: String,
    pub parent_id: Option<i64>,
    pub description: String,
    pub phrases: Vec<String>,
}

const SELECT_CODEBOOK: &str =
    "SELECT c.id, c.mnvp_id, o.name AS mnvp_name, c.name, c.description, c.source, c.version, \
     c.auto_threshold, c.created_at, c.updated_at, \
     (SELECT COUNT(*) FROM codebook_themes t WHERE t.codebook_id = c.id) AS themes \
     FROM codebooks c LEFT JOIN organisations o ON o.id = c.mnvp_id";

const SELECT_THEME: &str = "SELECT t.id, t.codebook_id, t.parent_id, t.name, t.description, t.phrases, t.position, \
     (SELECT COUNT(*) FROM theme_coding_themes ct WHERE ct.theme_id = t.id) AS uses FROM codebook_themes t";

/// Sub-themes straight after their theme, each level in `position` order.
pub fn display_order(mut themes: Vec<Theme>) -> Vec<Theme> {
    themes.sort_by_key(|t| (t.position, t.id));
    let mut out = Vec::with_capacity(themes.len());
    for top in themes.iter().filter(|t| t.parent_id.is_none()) {
        out.push(top.clone());
        out.extend(
            themes
                .iter()
                .filter(|t| t.parent_id == Some(top.id))
                .cloned(),
        );
    }
    out
}

impl Store {
    /// Creates a codebook with its themes from a checked, normalised spec (sub-themes after
    /// their theme). `mnvp_id` None makes it shared.
    pub async fn create_codebook(
        &self,
        mnvp_id: Option<i64>,
        spec: &CodebookSpec,
        source: &str,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        let id = write_tx!(self, |tx| {
            let clash: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM codebooks WHERE COALESCE(mnvp_id, 0) = COALESCE($1, 0) AND name = $2",
            )
            .bind(mnvp_id)
            .bind(&spec.name)
            .fetch_optional(&mut *tx)
            .await?;
            if clash.is_some() {
                return Err(StoreError::Conflict(format!(
                    "There is already a codebook called \"{}\"; choose another name",
                    spec.name
                )));
            }
            let now = now_text();
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO codebooks (mnvp_id, name, description, source, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            )
            .bind(mnvp_id)
            .bind(&spec.name)
            .bind(&spec.description)
            .bind(source)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
            let mut ids: Vec<(String, i64)> = Vec::new();
            for (position, t) in spec.themes.iter().enumerate() {
                let parent_id = match &t.parent {
                    Some(p) => Some(
                        ids.iter()
                            .find(|(n, _)| n.eq_ignore_ascii_case(p))
                            .map(|(_, id)| *id)
                            .ok_or_else(|| {
                                StoreError::Invalid(format!(
                                    "The theme \"{p}\" must come before its sub-theme \"{}\"",
                                    t.name
                                ))
                            })?,
                    ),
                    None => None,
                };
                let (theme_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO codebook_themes (codebook_id, parent_id, name, description, phrases, position, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(id)
                .bind(parent_id)
                .bind(&t.name)
                .bind(&t.description)
                .bind(t.phrases.join("\n"))
                .bind(position as i64)
                .bind(&now)
                .fetch_one(&mut *tx)
                .await?;
                ids.push((t.name.clone(), theme_id));
            }
            audit_append!(
                tx,
                actor,
                "create",
                "codebook",
                Some(id),
                format!("'{}' ({source}, {} themes)", spec.name, spec.themes.len())
            );
            id
        });
        Ok(id)
    }

    pub async fn get_codebook(&self, id: i64) -> Result<Codebook, StoreError> {
        let sql = format!("{SELECT_CODEBOOK} WHERE c.id = $1");
        read!(self, |pool| sqlx::query_as::<_, Codebook>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    /// The codebooks of these MNVPs, and the shared ones if asked, shared last.
    pub async fn list_codebooks(
        &self,
        mnvp_ids: &[i64],
        include_shared: bool,
    ) -> Result<Vec<Codebook>, StoreError> {
        let sql = format!("{SELECT_CODEBOOK} ORDER BY c.mnvp_id IS NULL, o.name, c.name");
        let all = read!(self, |pool| sqlx::query_as::<_, Codebook>(&sql)
            .fetch_all(pool)
            .await?);
        Ok(all
            .into_iter()
            .filter(|c| match c.mnvp_id {
                Some(m) => mnvp_ids.contains(&m),
                None => include_shared,
            })
            .collect())
    }

    /// The codebook's themes in display order (sub-themes after their theme).
    pub async fn codebook_themes(&self, codebook_id: i64) -> Result<Vec<Theme>, StoreError> {
        let sql = format!("{SELECT_THEME} WHERE t.codebook_id = $1");
        let rows = read!(self, |pool| sqlx::query_as::<_, Theme>(&sql)
            .bind(codebook_id)
            .fetch_all(pool)
            .await?);
        Ok(display_order(rows))
    }

    pub async fn get_theme(&self, id: i64) -> Result<Theme, StoreError> {
        let sql = format!("{SELECT_THEME} WHERE t.id = $1");
        read!(self, |pool| sqlx::query_as::<_, Theme>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    /// The codebook as a file would hold it (for export and copying).
    pub async fn codebook_spec(&self, id: i64) -> Result<CodebookSpec, StoreError> {
        let c = self.get_codebook(id).await?;
        let themes = self.codebook_themes(id).await?;
        let name_of = |id: i64| themes.iter().find(|t| t.id == id).map(|t| t.name.clone());
        Ok(CodebookSpec {
            name: c.name,
            description: c.description,
            themes: themes
                .iter()
                .map(|t| ThemeSpec {
                    name: t.name.clone(),
                    parent: t.parent_id.and_then(name_of),
                    description: t.description.clone(),
                    phrases: t.phrase_list(),
                })
                .collect(),
        })
    }

    pub async fn update_codebook(
        &self,
        id: i64,
        name: &str,
        description: &str,
        auto_threshold: f64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let row: Option<(Option<i64>,)> =
                sqlx::query_as("SELECT mnvp_id FROM codebooks WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (mnvp_id,) = row.ok_or(StoreError::NotFound)?;
            let clash: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM codebooks WHERE COALESCE(mnvp_id, 0) = COALESCE($1, 0) AND name = $2 AND id <> $3",
            )
            .bind(mnvp_id)
            .bind(name)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if clash.is_some() {
                return Err(StoreError::Conflict(format!(
                    "There is already a codebook called \"{name}\"; choose another name"
                )));
            }
            sqlx::query(
                "UPDATE codebooks SET name = $1, description = $2, auto_threshold = $3, updated_at = $4 WHERE id = $5",
            )
            .bind(name)
            .bind(description)
            .bind(auto_threshold)
            .bind(now_text())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "update",
                "codebook",
                Some(id),
                format!("'{name}', applies themes on its own at {auto_threshold:.2} or above")
            );
        });
        Ok(())
    }

    /// Removes a codebook nobody has coded with yet; otherwise says why not.
    pub async fn delete_codebook(&self, id: i64, actor: &Actor) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let row: Option<(String,)> = sqlx::query_as("SELECT name FROM codebooks WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            let (name,) = row.ok_or(StoreError::NotFound)?;
            let (coded,): (i64,) = sqlx::query_as(
                "SELECT COUNT(DISTINCT feedback_id) FROM theme_codings WHERE codebook_id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if coded > 0 {
                return Err(StoreError::Conflict(format!(
                    "\"{name}\" cannot be removed: {coded} feedback item(s) are coded with it, and removing it would lose that work"
                )));
            }
            // Sub-themes first: a theme cannot go while its sub-themes refer to it.
            sqlx::query(
                "DELETE FROM codebook_themes WHERE codebook_id = $1 AND parent_id IS NOT NULL",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM codebooks WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            audit_append!(
                tx,
                actor,
                "delete",
                "codebook",
                Some(id),
                format!("'{name}'")
            );
        });
        Ok(())
    }

    /// Replaces the volunteers who may code with a codebook.
    pub async fn set_codebook_coders(
        &self,
        codebook_id: i64,
        user_ids: &[i64],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            sqlx::query("DELETE FROM codebook_coders WHERE codebook_id = $1")
                .bind(codebook_id)
                .execute(&mut *tx)
                .await?;
            for u in user_ids {
                sqlx::query("INSERT INTO codebook_coders (codebook_id, user_id) VALUES ($1, $2)")
                    .bind(codebook_id)
                    .bind(u)
                    .execute(&mut *tx)
                    .await?;
            }
            let ids: Vec<String> = user_ids.iter().map(i64::to_string).collect();
            audit_append!(
                tx,
                actor,
                "update",
                "codebook_coders",
                Some(codebook_id),
                format!("coders [{}]", ids.join(","))
            );
        });
        Ok(())
    }

    pub async fn codebook_coders(&self, codebook_id: i64) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = read!(self, |pool| sqlx::query_as(
            "SELECT user_id FROM codebook_coders WHERE codebook_id = $1 ORDER BY user_id"
        )
        .bind(codebook_id)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(|(u,)| u).collect())
    }
}
