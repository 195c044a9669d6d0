//! The signposting directory: national entries for everyone, an MNVP's own entries first and
//! only for that MNVP, inactive entries hidden.

use crate::{hierarchy, open, Raw};
use mnvp_store::Engine;

crate::both_engines!(an_mnvp_sees_its_own_support_first_then_national);

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
