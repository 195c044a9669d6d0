//! Organisations, accounts, sessions, audit chain, idempotency, feedback batches, migrations.

use crate::{actor, hierarchy, open, org, Raw};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::organisation::OrgKind;
use mnvp_domain::parse::{Email, Name};
use mnvp_domain::role::Role;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::users::{NewUser, UserChanges};
use mnvp_store::{Engine, Store, StoreError};

crate::both_engines!(
    organisations_hierarchy_and_errors,
    users_scoping_and_duplicates,
    sessions_and_throttling,
    audit_chain_records_and_detects_tampering,
    idempotent_create_stores_one_record,
    feedback_batches_are_all_or_nothing,
    migrations_are_idempotent,
);

async fn organisations_hierarchy_and_errors(engine: Engine) {
    let (_db, store) = open(engine).await;
    let a = actor();
    let (icb, lmns, trust, unit, mnvp) = hierarchy(&store).await;

    // Wrong parent kind is refused and nothing is written.
    let before = store.list_orgs().await.unwrap().len();
    let err = store
        .create_org(&org(OrgKind::Unit, "Bad Unit", Some(lmns)), None, &a)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref m) if m == "A unit must belong to a trust"),
        "{err:?}"
    );
    let err = store
        .create_org(&org(OrgKind::Trust, "Orphan", Some(999_999)), None, &a)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(store.list_orgs().await.unwrap().len(), before);

    // Duplicate names of the same kind are a conflict with a readable message.
    let err = store
        .create_org(&org(OrgKind::Trust, "North Trust", Some(lmns)), None, &a)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("already exists")),
        "{err:?}"
    );

    // Coverage and subtree.
    store.set_mnvp_units(mnvp, &[unit], &a).await.unwrap();
    assert_eq!(store.mnvp_units(mnvp).await.unwrap()[0].id, unit);
    let err = store.set_mnvp_units(mnvp, &[trust], &a).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    assert_eq!(
        store.mnvp_units(mnvp).await.unwrap().len(),
        1,
        "a refused change leaves coverage as it was"
    );
    let mut subtree = store.org_subtree_ids(icb).await.unwrap();
    subtree.sort();
    let mut expected = vec![icb, lmns, trust, unit, mnvp];
    expected.sort();
    assert_eq!(subtree, expected);
    assert_eq!(store.org_by_slug("north-mnvp").await.unwrap().id, mnvp);

    // Update keeps the kind, refuses self-parenting.
    let mut changed = org(OrgKind::Trust, "North Hospitals Trust", Some(lmns));
    store.update_org(trust, &changed, &a).await.unwrap();
    assert_eq!(
        store.get_org(trust).await.unwrap().name,
        "North Hospitals Trust"
    );
    changed.parent_id = Some(trust);
    assert!(store.update_org(trust, &changed, &a).await.is_err());
    let as_icb = org(OrgKind::Icb, "Changed", None);
    assert!(matches!(
        store.update_org(trust, &as_icb, &a).await,
        Err(StoreError::Invalid(_))
    ));

    // Deleting something others depend on says why; a leaf can go.
    let err = store.delete_org(trust, &a).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("belong to it")),
        "{err:?}"
    );
    let err = store.delete_org(unit, &a).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("MNVP")),
        "{err:?}"
    );
    store.set_mnvp_units(mnvp, &[], &a).await.unwrap();
    store.delete_org(unit, &a).await.unwrap();
    assert!(matches!(
        store.get_org(unit).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_org(unit, &a).await,
        Err(StoreError::NotFound)
    ));
}

fn new_user(email: &str, role: Role, org_id: Option<i64>) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap(),
        name: Name::parse("a name", "Test Person").unwrap(),
        role,
        org_id,
        password_hash: "not-a-real-hash".into(),
    }
}

async fn users_scoping_and_duplicates(engine: Engine) {
    let (_db, store) = open(engine).await;
    let a = actor();
    let (icb, _, trust, _, mnvp) = hierarchy(&store).await;
    let lead = store
        .create_user(
            &new_user("Lead@North.example", Role::MnvpLead, Some(mnvp)),
            None,
            &a,
        )
        .await
        .unwrap();
    assert_eq!(lead.email, "lead@north.example");
    assert_eq!(lead.org_name.as_deref(), Some("North MNVP"));
    assert!(store
        .user_by_email("LEAD@north.example")
        .await
        .unwrap()
        .is_some());

    let err = store
        .create_user(
            &new_user("lead@north.example", Role::Volunteer, Some(mnvp)),
            None,
            &a,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("email address already exists")),
        "{err:?}"
    );
    // A volunteer scoped to an ICB would see too much: refused.
    let err = store
        .create_user(
            &new_user("v@north.example", Role::Volunteer, Some(icb)),
            None,
            &a,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let err = store
        .create_user(
            &new_user("s@north.example", Role::TrustStaff, None),
            None,
            &a,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    store
        .create_user(
            &new_user("s@north.example", Role::TrustStaff, Some(trust)),
            None,
            &a,
        )
        .await
        .unwrap();
    store
        .create_user(
            &new_user("admin@north.example", Role::Administrator, None),
            None,
            &a,
        )
        .await
        .unwrap();
    assert_eq!(store.count_users().await.unwrap(), 3);
    assert_eq!(store.list_users(Some(&[mnvp])).await.unwrap().len(), 1);

    // Deactivating ends every session of the account.
    store
        .create_session("tok", Some(lead.id), "csrf", false, 3600)
        .await
        .unwrap();
    let changes = UserChanges {
        name: Name::parse("n", "Lead").unwrap(),
        role: Role::MnvpLead,
        org_id: Some(mnvp),
        active: false,
    };
    let updated = store.update_user(lead.id, &changes, &a).await.unwrap();
    assert!(!updated.active);
    assert!(store.get_session("tok").await.unwrap().is_none());
    assert!(matches!(
        store.update_user(999_999, &changes, &a).await,
        Err(StoreError::NotFound)
    ));
}

async fn sessions_and_throttling(engine: Engine) {
    let (_db, store) = open(engine).await;
    store
        .create_session("alive", None, "c1", false, 3600)
        .await
        .unwrap();
    store
        .create_session("expired", None, "c2", false, -10)
        .await
        .unwrap();
    let s = store
        .get_session("alive")
        .await
        .unwrap()
        .expect("live session");
    assert_eq!(s.csrf_token, "c1");
    assert_ne!(s.token_hash, "alive", "only a hash of the token is stored");
    assert!(store.get_session("expired").await.unwrap().is_none());
    store.set_flash("alive", Some("Saved")).await.unwrap();
    assert_eq!(
        store
            .get_session("alive")
            .await
            .unwrap()
            .unwrap()
            .flash
            .as_deref(),
        Some("Saved")
    );
    store.sweep_sessions().await.unwrap();
    store.delete_session("alive").await.unwrap();
    assert!(store.get_session("alive").await.unwrap().is_none());

    for _ in 0..3 {
        store
            .record_login_attempt("x@y.example", "10.0.0.1", false)
            .await
            .unwrap();
    }
    assert_eq!(
        store
            .recent_failures("x@y.example", "10.0.0.1", 900)
            .await
            .unwrap(),
        (3, 3)
    );
    assert_eq!(
        store
            .recent_failures("other@y.example", "10.0.0.2", 900)
            .await
            .unwrap(),
        (0, 0)
    );
}

async fn audit_chain_records_and_detects_tampering(engine: Engine) {
    let (db, store) = open(engine).await;
    let a = actor();
    let (icb, ..) = hierarchy(&store).await;
    store
        .audit_event(&a, "view", "organisation", Some(icb), "looked".into())
        .await
        .unwrap();
    assert_eq!(store.audit_verify().await.unwrap(), Ok(6));
    let history = store.audit_for("organisation", icb).await.unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| h.action.as_str())
            .collect::<Vec<_>>(),
        ["create", "view"]
    );
    let (page, total) = store.audit_page(&Default::default(), 2, 0).await.unwrap();
    assert_eq!((page.len(), total), (2, 6));
    assert_eq!(page[0].action, "view", "newest first");

    // The log refuses edits and deletes outright.
    let raw = Raw::connect(&db.url).await;
    assert!(raw
        .exec("UPDATE audit_log SET action = 'x' WHERE seq = 1")
        .await
        .is_err());
    assert!(raw
        .exec("DELETE FROM audit_log WHERE seq = 1")
        .await
        .is_err());
    // Someone with full database access removes the guard and edits an entry: verify finds it.
    raw.drop_guards(engine).await;
    raw.exec("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 2")
        .await
        .unwrap();
    let broken = store.audit_verify().await.unwrap().unwrap_err();
    assert_eq!(broken.seq, 2);
}

async fn idempotent_create_stores_one_record(engine: Engine) {
    let (_db, store) = open(engine).await;
    let a = actor();
    let key = "2f0c7a1e-1b9b-4f3e-9a55-3c1d2e4f5a6b";
    let first = store
        .create_org(&org(OrgKind::Icb, "Once ICB", None), Some(key), &a)
        .await
        .unwrap();
    let second = store
        .create_org(&org(OrgKind::Icb, "Once ICB", None), Some(key), &a)
        .await
        .unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(store.list_orgs().await.unwrap().len(), 1);
    assert_eq!(
        store.idempotency_hit(key, "organisation").await.unwrap(),
        Some(first.id)
    );
    assert_eq!(store.idempotency_hit(key, "user").await.unwrap(), None);
}

async fn feedback_batches_are_all_or_nothing(engine: Engine) {
    let (_db, store) = open(engine).await;
    let a = actor();
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let item = |client: &str| NewFeedback {
        mnvp_id: mnvp,
        unit_id: Some(unit),
        channel: Channel::OnlineForm,
        care_stage: Some(CareStage::Antenatal),
        received_on: "2026-11-01".into(),
        rating: Some(4),
        body: Some("Kind staff".into()),
        client_id: Some(client.into()),
        body_redacted: Some("Kind staff".into()),
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    };
    assert_eq!(
        store
            .insert_feedback_batch(&[item("a"), item("b")], &a, "test")
            .await
            .unwrap(),
        2
    );
    // The second batch repeats a client id: nothing from it is kept.
    let err = store
        .insert_feedback_batch(&[item("c"), item("a")], &a, "test")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.count_feedback().await.unwrap(), 2);
    let counts = store.feedback_counts(&[mnvp]).await.unwrap();
    assert_eq!(
        (counts[0].channel.as_str(), counts[0].n),
        ("online_form", 2)
    );
    // A rating outside 1–5 is refused by the database itself.
    let bad = NewFeedback {
        rating: Some(9),
        client_id: None,
        ..item("z")
    };
    assert!(store
        .insert_feedback_batch(&[bad], &a, "test")
        .await
        .is_err());
    assert_eq!(store.count_feedback().await.unwrap(), 2);
}

async fn migrations_are_idempotent(engine: Engine) {
    let (db, store) = open(engine).await;
    store.migrate().await.unwrap();
    store.close().await;
    let again = Store::open_with(&db.url, &db.key_config()).await.unwrap();
    again.ping().await.unwrap();
    assert_eq!(again.engine(), engine);
}

#[tokio::test]
async fn unknown_database_schemes_are_refused() {
    let err = Store::open("mysql://localhost/x").await.unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref m) if m.contains("unsupported database URL")),
        "{err:?}"
    );
    let err = Store::open("postgres://u:secret@127.0.0.1:1/x")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
    assert!(!format!("{err}").contains("secret"));
}

impl Raw {
    async fn drop_guards(&self, engine: Engine) {
        match engine {
            Engine::Sqlite => {
                self.exec("DROP TRIGGER audit_log_no_update").await.unwrap();
            }
            Engine::Postgres => {
                self.exec("DROP TRIGGER audit_log_no_update ON audit_log")
                    .await
                    .unwrap();
            }
        }
    }
}
