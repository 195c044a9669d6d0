//! Other intelligence: insights stored once with their source, on the channels for them only.

use super::{covered, said};
use crate::{actor, open};
use mnvp_domain::feedback::Channel;
use mnvp_store::field::intelligence::NewIntelligence;
use mnvp_store::{Engine, StoreError};

crate::both_engines!(insights_keep_their_source_and_are_stored_once);

async fn insights_keep_their_source_and_are_stored_once(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, mnvp) = covered(&store).await;
    let a = actor();
    let insight = |channel| NewIntelligence {
        item: said(mnvp, None, channel, None),
        source: "MNVP Facebook group".into(),
        link: Some("https://example.org/groups/north-mnvp".into()),
    };
    let key = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    let first = store
        .insert_intelligence(&insight(Channel::SocialMedia), &a, Some(key))
        .await
        .unwrap();
    let again = store
        .insert_intelligence(&insight(Channel::SocialMedia), &a, Some(key))
        .await
        .unwrap();
    assert!(first.created && !again.created);
    assert_eq!(first.id, again.id);
    store
        .insert_intelligence(&insight(Channel::ParentAdvisoryGroup), &a, None)
        .await
        .unwrap();
    assert!(matches!(
        store
            .insert_intelligence(&insight(Channel::OnlineForm), &a, None)
            .await,
        Err(StoreError::Invalid(_))
    ));

    let (rows, total) = store.list_intelligence(mnvp, 10, 0).await.unwrap();
    assert_eq!(total, 2);
    assert!(rows.iter().all(|r| r.source == "MNVP Facebook group"));
    assert_eq!(rows.iter().filter(|r| r.channel == "pag").count(), 1);
    assert_eq!(
        rows[0].link.as_deref(),
        Some("https://example.org/groups/north-mnvp")
    );
    assert_eq!(
        store.list_intelligence(mnvp + 1000, 10, 0).await.unwrap().1,
        0
    );
    assert_eq!(
        store.count_feedback().await.unwrap(),
        2,
        "nothing refused was written"
    );
}
