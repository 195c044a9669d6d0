//! The storage conformance story, run against SQLite and PostgreSQL alike: one module per
//! capability, sharing the helpers below.

mod capture;
mod capture_form;
mod capture_imports;
mod capture_surveys;
mod capture_waiting;
mod field;
mod foundation;
mod safety;
mod signposts;
mod themes;
mod voices;

use mnvp_domain::organisation::{OrgKind, UnitType};
use mnvp_domain::parse::{Name, Slug};
use mnvp_store::organisations::NewOrg;
use mnvp_store::test_support::TestDb;
use mnvp_store::{Actor, Engine, Store};

#[macro_export]
macro_rules! both_engines {
    ($($name:ident),+ $(,)?) => {
        mod sqlite { $(#[tokio::test] async fn $name() { super::$name(mnvp_store::Engine::Sqlite).await })+ }
        mod postgres { $(#[tokio::test] async fn $name() { super::$name(mnvp_store::Engine::Postgres).await })+ }
    };
}

pub fn actor() -> Actor {
    Actor {
        user_id: None,
        label: "test".into(),
        ip: "127.0.0.1".into(),
    }
}

pub fn org(kind: OrgKind, name: &str, parent: Option<i64>) -> NewOrg {
    NewOrg {
        kind,
        name: Name::parse("a name", name).unwrap(),
        parent_id: parent,
        unit_type: (kind == OrgKind::Unit).then_some(UnitType::MaternityUnit),
        slug: (kind == OrgKind::Mnvp)
            .then(|| Slug::parse(&name.to_lowercase().replace(' ', "-")).unwrap()),
        ods_code: None,
    }
}

pub async fn open(engine: Engine) -> (TestDb, Store) {
    let db = TestDb::new(engine).await;
    let store = db.open().await.expect("open test database");
    (db, store)
}

/// ICB → LMNS → trust → unit and an MNVP; returns (icb, lmns, trust, unit, mnvp) ids.
pub async fn hierarchy(store: &Store) -> (i64, i64, i64, i64, i64) {
    let a = actor();
    let icb = store
        .create_org(&org(OrgKind::Icb, "North ICB", None), None, &a)
        .await
        .unwrap();
    let lmns = store
        .create_org(&org(OrgKind::Lmns, "North LMNS", Some(icb.id)), None, &a)
        .await
        .unwrap();
    let trust = store
        .create_org(&org(OrgKind::Trust, "North Trust", Some(lmns.id)), None, &a)
        .await
        .unwrap();
    let unit = store
        .create_org(&org(OrgKind::Unit, "North Unit", Some(trust.id)), None, &a)
        .await
        .unwrap();
    let mnvp = store
        .create_org(&org(OrgKind::Mnvp, "North MNVP", Some(lmns.id)), None, &a)
        .await
        .unwrap();
    (icb.id, lmns.id, trust.id, unit.id, mnvp.id)
}

/// A lead of `mnvp` (lead@north.example); returns the user's id.
pub async fn lead(store: &Store, mnvp: i64) -> i64 {
    member(
        store,
        mnvp,
        mnvp_domain::role::Role::MnvpLead,
        "lead@north.example",
    )
    .await
}

/// An account of `mnvp` with `role`; returns the user's id.
pub async fn member(store: &Store, mnvp: i64, role: mnvp_domain::role::Role, email: &str) -> i64 {
    store
        .create_user(
            &mnvp_store::users::NewUser {
                email: mnvp_domain::parse::Email::parse(email).unwrap(),
                name: Name::parse("a name", "Member").unwrap(),
                role,
                org_id: Some(mnvp),
                password_hash: "x".into(),
            },
            None,
            &actor(),
        )
        .await
        .unwrap()
        .id
}

/// Direct SQL, as someone with database access would run it.
pub struct Raw {
    url: String,
}

impl Raw {
    pub async fn connect(url: &str) -> Raw {
        Raw {
            url: url.to_string(),
        }
    }

    pub async fn exec(&self, sql: &str) -> Result<(), sqlx::Error> {
        use sqlx::Connection;
        if self.url.starts_with("sqlite") {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await?;
            sqlx::query(sql).execute(&mut c).await?;
        } else {
            let mut c = sqlx::PgConnection::connect(&self.url).await?;
            sqlx::query(sql).execute(&mut c).await?;
        }
        Ok(())
    }

    /// The first column of every row, as text (NULL as "").
    pub async fn texts(&self, sql: &str) -> Vec<String> {
        use sqlx::Connection;
        let rows: Vec<(Option<String>,)> = if self.url.starts_with("sqlite") {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query_as(sql).fetch_all(&mut c).await.unwrap()
        } else {
            let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query_as(sql).fetch_all(&mut c).await.unwrap()
        };
        rows.into_iter().map(|(t,)| t.unwrap_or_default()).collect()
    }
}
