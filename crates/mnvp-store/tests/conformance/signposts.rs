//! The signposting directory: national entries for everyone, an MNVP's own entries first and
//! only for that MNVP, inactive entries hidden.

use crate::{hierarchy, open, Raw};
use mnvp_domain::safety::support::SupportTopic;
use mnvp_store::signposts::NewSupportOrg;
use mnvp_store::Engine;

crate::both_engines!(
    an_mnvp_sees_its_own_support_first_then_national,
    entries_are_added_changed_and_hidden_with_their_audit,
);

async fn an_mnvp_sees_its_own_support_first_then_national(engine: Engine) {
    let (db, store) = open(engine).await;
    let (_, _, _, _, mnvp) = hierarchy(&store).await;
    let national = store.support_directory(None).await.unwrap();
    assert!(national.iter().all(|s| s.mnvp_id.is_none()));
    assert!(national.iter().any(|s| s.topic == "bereavement"));
    assert!(national.iter().any(|s| s.topic == "crisis"));

    let raw = Raw::connect(&db.url).await;
    raw.exec(&format!(
        "INSERT INTO support_organisations (mnvp_id, topic, name, description, position, active, created_at, updated_at) VALUES \
         ({mnvp}, 'bereavement', 'Riverside bereavement midwives', 'Local team', 1, TRUE, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'), \
         ({mnvp}, 'infant_feeding', 'Closed baby café', 'No longer runs', 2, FALSE, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')"
    ))
    .await
    .unwrap();
    let local = store.support_directory(Some(mnvp)).await.unwrap();
    assert_eq!(local[0].name, "Riverside bereavement midwives");
    assert_eq!(local.len(), national.len() + 1);
    assert!(!local.iter().any(|s| s.name == "Closed baby café"));
    let other = store.support_directory(Some(mnvp + 1000)).await.unwrap();
    assert_eq!(other, national);
}

async fn entries_are_added_changed_and_hidden_with_their_audit(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, _, mnvp) = hierarchy(&store).await;
    let a = crate::actor();
    let mut entry = NewSupportOrg {
        topic: SupportTopic::InfantFeeding,
        name: "Riverside baby café".into(),
        description: "Drop-in feeding support".into(),
        phone: Some("01632 960300".into()),
        website: None,
        hours: Some("Thursdays".into()),
        position: 1,
        active: true,
        checked_on: None,
    };
    let id = store
        .add_support_org(Some(mnvp), &entry, Some("k-1"), &a)
        .await
        .unwrap();
    let again = store
        .add_support_org(Some(mnvp), &entry, Some("k-1"), &a)
        .await
        .unwrap();
    assert_eq!(id, again, "the same form key adds one entry");
    let national_before = store.support_entries(None).await.unwrap();
    assert!(national_before.iter().all(|s| s.mnvp_id.is_none()));
    assert!(!national_before.iter().any(|s| s.id == id));
    let own = store.support_entries(Some(mnvp)).await.unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].phone.as_deref(), Some("01632 960300"));

    entry.active = false;
    entry.checked_on = Some("2026-11-02".into());
    store.update_support_org(id, &entry, &a).await.unwrap();
    let got = store.get_support_org(id).await.unwrap();
    assert!(!got.active);
    assert_eq!(got.checked_on.as_deref(), Some("2026-11-02"));
    assert_eq!(got.mnvp_id, Some(mnvp));
    assert!(
        !store
            .support_directory(Some(mnvp))
            .await
            .unwrap()
            .iter()
            .any(|s| s.id == id),
        "hidden entries are not shown"
    );
    assert_eq!(
        store.support_entries(Some(mnvp)).await.unwrap().len(),
        1,
        "but kept"
    );
    let history = store.audit_for("support_organisation", id).await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(matches!(
        store.update_support_org(id + 10_000, &entry, &a).await,
        Err(mnvp_store::StoreError::NotFound)
    ));
}
