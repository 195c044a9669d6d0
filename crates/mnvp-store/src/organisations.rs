//! Organisations (ICB → LMNS → trust → unit, and MNVPs) and which units each MNVP covers.

use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::organisation::{check_parent, OrgKind, UnitType};
use mnvp_domain::parse::{Name, Slug};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Org {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    pub unit_type: Option<String>,
    pub slug: Option<String>,
    pub ods_code: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Org {
    pub fn kind(&self) -> OrgKind {
        OrgKind::parse(&self.kind).unwrap_or(OrgKind::Unit)
    }
}

/// What a new or edited organisation must carry; parsed by the caller, checked against the
/// stored hierarchy here, inside the write transaction.
#[derive(Debug, Clone)]
pub struct NewOrg {
    pub kind: OrgKind,
    pub name: Name,
    pub parent_id: Option<i64>,
    pub unit_type: Option<UnitType>,
    pub slug: Option<Slug>,
    pub ods_code: Option<String>,
}

const SELECT_ORG: &str = "SELECT o.id, o.kind, o.name, o.parent_id, p.name AS parent_name, o.unit_type, o.slug, \
     o.ods_code, o.created_at, o.updated_at FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id";

impl NewOrg {
    fn check_shape(&self) -> Result<(), StoreError> {
        if self.kind == OrgKind::Unit && self.unit_type.is_none() {
            return Err(StoreError::Invalid("Select the type of unit".into()));
        }
        if self.kind == OrgKind::Mnvp && self.slug.is_none() {
            return Err(StoreError::Invalid(
                "Enter a short web address name (slug)".into(),
            ));
        }
        Ok(())
    }

    fn describe(&self) -> String {
        format!("{} '{}'", self.kind.as_str(), self.name)
    }
}

/// Checks, inside the write transaction, that the proposed parent exists and is of the kind
/// the hierarchy requires (so a concurrent delete cannot slip between check and write).
macro_rules! check_parent_in_tx {
    ($tx:ident, $new:expr) => {{
        let parent_kind = match $new.parent_id {
            Some(pid) => {
                let (k,): (String,) =
                    sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
                        .bind(pid)
                        .fetch_optional(&mut *$tx)
                        .await?
                        .ok_or_else(|| {
                            StoreError::Invalid("The parent organisation does not exist".into())
                        })?;
                Some(OrgKind::parse(&k).map_err(|e| StoreError::Other(e.0))?)
            }
            None => None,
        };
        check_parent($new.kind, parent_kind).map_err(|e| StoreError::Invalid(e.0))?;
    }};
}

impl Store {
    /// Creates an organisation; a repeated `idempotency_key` returns the first one created.
    pub async fn create_org(
        &self,
        new: &NewOrg,
        idempotency_key: Option<&str>,
        actor: &Actor,
    ) -> Result<Org, StoreError> {
        new.check_shape()?;
        let id = write_tx!(self, |tx| idempotent!(
            tx,
            idempotency_key,
            "organisation",
            {
                check_parent_in_tx!(tx, new);
                let now = now_text();
                let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO organisations (kind, name, parent_id, unit_type, slug, ods_code, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
            )
            .bind(new.kind.as_str())
            .bind(new.name.as_str())
            .bind(new.parent_id)
            .bind(new.unit_type.map(UnitType::as_str))
            .bind(new.slug.as_ref().map(Slug::as_str))
            .bind(new.ods_code.as_deref())
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?;
                audit_append!(
                    tx,
                    actor,
                    "create",
                    "organisation",
                    Some(id),
                    new.describe()
                );
                id
            }
        ));
        self.get_org(id).await
    }

    /// Changes an organisation's details; its kind never changes (that would be a new one).
    pub async fn update_org(
        &self,
        id: i64,
        new: &NewOrg,
        actor: &Actor,
    ) -> Result<Org, StoreError> {
        new.check_shape()?;
        write_tx!(self, |tx| {
            let (kind,): (String,) = sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            if kind != new.kind.as_str() {
                return Err(StoreError::Invalid(
                    "The type of an organisation cannot be changed".into(),
                ));
            }
            if new.parent_id == Some(id) {
                return Err(StoreError::Invalid(
                    "An organisation cannot belong to itself".into(),
                ));
            }
            check_parent_in_tx!(tx, new);
            sqlx::query(
                "UPDATE organisations SET name = $1, parent_id = $2, unit_type = $3, slug = $4, ods_code = $5, updated_at = $6 \
                 WHERE id = $7",
            )
            .bind(new.name.as_str())
            .bind(new.parent_id)
            .bind(new.unit_type.map(UnitType::as_str))
            .bind(new.slug.as_ref().map(Slug::as_str))
            .bind(new.ods_code.as_deref())
            .bind(now_text())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "update",
                "organisation",
                Some(id),
                new.describe()
            );
        });
        self.get_org(id).await
    }

    /// Removes an organisation that nothing depends on; otherwise says what still depends on it.
    pub async fn delete_org(&self, id: i64, actor: &Actor) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let (name,): (String,) = sqlx::query_as("SELECT name FROM organisations WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            let (children,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM organisations WHERE parent_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users WHERE org_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            let (feedback,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM feedback WHERE mnvp_id = $1 OR unit_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            let (covered,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM mnvp_units WHERE unit_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            let mut blockers = Vec::new();
            if children > 0 {
                blockers.push(format!("{children} organisation(s) belong to it"));
            }
            if users > 0 {
                blockers.push(format!("{users} account(s) belong to it"));
            }
            if feedback > 0 {
                blockers.push(format!("{feedback} feedback record(s) refer to it"));
            }
            if covered > 0 {
                blockers.push(format!("{covered} MNVP(s) cover it"));
            }
            if !blockers.is_empty() {
                return Err(StoreError::Conflict(format!(
                    "{name} cannot be removed: {}",
                    blockers.join("; ")
                )));
            }
            sqlx::query("DELETE FROM organisations WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            audit_append!(
                tx,
                actor,
                "delete",
                "organisation",
                Some(id),
                format!("'{name}'")
            );
        });
        Ok(())
    }

    pub async fn get_org(&self, id: i64) -> Result<Org, StoreError> {
        let sql = format!("{SELECT_ORG} WHERE o.id = $1");
        read!(self, |pool| sqlx::query_as::<_, Org>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn org_by_slug(&self, slug: &str) -> Result<Org, StoreError> {
        let sql = format!("{SELECT_ORG} WHERE o.kind = 'mnvp' AND o.slug = $1");
        read!(self, |pool| sqlx::query_as::<_, Org>(&sql)
            .bind(slug)
            .fetch_optional(pool)
            .await?)
        .ok_or(StoreError::NotFound)
    }

    /// Every organisation, in hierarchy order by kind then name.
    pub async fn list_orgs(&self) -> Result<Vec<Org>, StoreError> {
        let sql = format!(
            "{SELECT_ORG} ORDER BY CASE o.kind WHEN 'icb' THEN 1 WHEN 'lmns' THEN 2 WHEN 'trust' THEN 3 \
             WHEN 'unit' THEN 4 ELSE 5 END, o.name"
        );
        Ok(read!(self, |pool| sqlx::query_as::<_, Org>(&sql)
            .fetch_all(pool)
            .await?))
    }

    pub async fn list_orgs_of_kind(&self, kind: OrgKind) -> Result<Vec<Org>, StoreError> {
        let sql = format!("{SELECT_ORG} WHERE o.kind = $1 ORDER BY o.name");
        Ok(read!(self, |pool| sqlx::query_as::<_, Org>(&sql)
            .bind(kind.as_str())
            .fetch_all(pool)
            .await?))
    }

    /// The organisation and everything below it (a commissioner's or trust's footprint).
    pub async fn org_subtree_ids(&self, root: i64) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<(i64,)> = read!(self, |pool| {
            sqlx::query_as(
            "WITH RECURSIVE tree(id) AS (SELECT id FROM organisations WHERE id = $1 \
             UNION ALL SELECT o.id FROM organisations o JOIN tree t ON o.parent_id = t.id) SELECT id FROM tree"
        )
        .bind(root)
        .fetch_all(pool)
        .await?
        });
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Replaces the set of units an MNVP covers.
    pub async fn set_mnvp_units(
        &self,
        mnvp_id: i64,
        unit_ids: &[i64],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        write_tx!(self, |tx| {
            let kind: Option<(String,)> =
                sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
                    .bind(mnvp_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if kind.map(|(k,)| k) != Some("mnvp".to_string()) {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM mnvp_units WHERE mnvp_id = $1")
                .bind(mnvp_id)
                .execute(&mut *tx)
                .await?;
            for unit in unit_ids {
                let unit_kind: Option<(String,)> =
                    sqlx::query_as("SELECT kind FROM organisations WHERE id = $1")
                        .bind(unit)
                        .fetch_optional(&mut *tx)
                        .await?;
                if unit_kind.map(|(k,)| k) != Some("unit".to_string()) {
                    return Err(StoreError::Invalid("Select units only".into()));
                }
                sqlx::query("INSERT INTO mnvp_units (mnvp_id, unit_id) VALUES ($1, $2)")
                    .bind(mnvp_id)
                    .bind(unit)
                    .execute(&mut *tx)
                    .await?;
            }
            let ids: Vec<String> = unit_ids.iter().map(i64::to_string).collect();
            audit_append!(
                tx,
                actor,
                "update",
                "mnvp_units",
                Some(mnvp_id),
                format!("units [{}]", ids.join(","))
            );
        });
        Ok(())
    }

    /// The units an MNVP covers, by name.
    pub async fn mnvp_units(&self, mnvp_id: i64) -> Result<Vec<Org>, StoreError> {
        let sql = format!("{SELECT_ORG} JOIN mnvp_units mu ON mu.unit_id = o.id WHERE mu.mnvp_id = $1 ORDER BY o.name");
        Ok(read!(self, |pool| sqlx::query_as::<_, Org>(&sql)
            .bind(mnvp_id)
            .fetch_all(pool)
            .await?))
    }
}
