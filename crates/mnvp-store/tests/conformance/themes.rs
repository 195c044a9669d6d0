//! Thematic analysis records on both engines: codebooks and themes (versions, merges that keep
//! coded work), several coders' coding and the lead's resolution, the queue, model versions
//! with their snapshots, and the suggestions the views and the coding screen read.

use crate::{actor, hierarchy, open, Raw};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::parse::{Email, Name};
use mnvp_domain::role::Role;
use mnvp_domain::themes::builtin;
use mnvp_domain::themes::codebook::{CodebookSpec, ThemeSpec};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::themes::{ItemScore, NewCoding, NewModelVersion, NewTheme, QueueOrder};
use mnvp_store::users::NewUser;
use mnvp_store::{Engine, Store, StoreError};

crate::both_engines!(
    codebooks_keep_their_themes_in_order_and_round_trip,
    a_theme_that_coding_uses_is_merged_never_lost,
    coders_queue_and_resolution,
    model_versions_snapshots_and_suggestions
);

fn spec() -> CodebookSpec {
    let t = |name: &str, parent: Option<&str>| ThemeSpec {
        name: name.into(),
        parent: parent.map(str::to_string),
        description: format!("About {name}"),
        phrases: vec![name.to_lowercase()],
    };
    CodebookSpec {
        name: "Test codebook".into(),
        description: "For tests".into(),
        themes: vec![
            t("Food", None),
            t("Cold food", Some("Food")),
            t("Staffing", None),
            t("Waiting", None),
        ],
    }
}

async fn coder(store: &Store, email: &str, role: Role, org: i64) -> i64 {
    store
        .create_user(
            &NewUser {
                email: Email::parse(email).unwrap(),
                name: Name::parse("a name", email).unwrap(),
                role,
                org_id: Some(org),
                password_hash: "not-a-real-hash".into(),
            },
            None,
            &actor(),
        )
        .await
        .unwrap()
        .id
}

/// Five items of the MNVP; returns their ids, oldest first.
async fn items(store: &Store, mnvp: i64, unit: i64) -> Vec<i64> {
    let rows: Vec<NewFeedback> = (0..5)
        .map(|i| NewFeedback {
            mnvp_id: mnvp,
            unit_id: Some(unit),
            channel: Channel::OnlineForm,
            care_stage: Some(CareStage::PostnatalHospital),
            received_on: format!("2026-0{}-10", i + 1),
            rating: Some(3),
            body: Some(format!("Comment number {i} about cold food")),
            client_id: None,
            body_redacted: Some(format!("Comment number {i} about cold food")),
            safety_flagged: false,
            safety_categories: String::new(),
            demographics: None,
        })
        .collect();
    store
        .insert_feedback_batch(&rows, &actor(), "test")
        .await
        .unwrap();
    let items = store.theme_view_items(mnvp, None).await.unwrap();
    items.iter().map(|i| i.id).collect()
}

fn theme_id(themes: &[mnvp_store::themes::Theme], name: &str) -> i64 {
    themes.iter().find(|t| t.name == name).unwrap().id
}

async fn codebooks_keep_their_themes_in_order_and_round_trip(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, _, mnvp) = hierarchy(&store).await;
    let a = actor();
    let default = builtin::maternity_neonatal();
    let id = store
        .create_codebook(Some(mnvp), &default, "default", &a)
        .await
        .unwrap();
    assert_eq!(store.codebook_spec(id).await.unwrap(), default);
    let c = store.get_codebook(id).await.unwrap();
    assert_eq!((c.version, c.themes as usize), (1, default.themes.len()));

    // A second codebook of the same name in the same MNVP is refused; a shared one may share it.
    let err = store
        .create_codebook(Some(mnvp), &default, "default", &a)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(m) if m.contains("already a codebook")));
    let shared = store
        .create_codebook(None, &builtin::qdc(), "qdc", &a)
        .await
        .unwrap();
    let mine: Vec<i64> = store
        .list_codebooks(&[mnvp], false)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(mine, vec![id]);
    let with_shared: Vec<i64> = store
        .list_codebooks(&[mnvp], true)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(with_shared, vec![id, shared]);
    assert!(store.list_codebooks(&[], false).await.unwrap().is_empty());

    // Adding a sub-theme puts it after its theme's other sub-themes and raises the version.
    let themes = store.codebook_themes(id).await.unwrap();
    let pain = theme_id(&themes, "Pain relief");
    let new = store
        .add_theme(
            id,
            &NewTheme {
                name: "Epidural delays".into(),
                parent_id: Some(pain),
                description: "Waiting for an epidural".into(),
                phrases: vec!["epidural was late".into()],
            },
            &a,
        )
        .await
        .unwrap();
    let themes = store.codebook_themes(id).await.unwrap();
    let at = themes.iter().position(|t| t.id == new).unwrap();
    assert_eq!(themes[at - 1].id, pain);
    assert_eq!(store.get_codebook(id).await.unwrap().version, 2);
    let dup = NewTheme {
        name: "epidural DELAYS".into(),
        ..Default::default()
    };
    let err = store.add_theme(id, &dup, &a).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(m) if m.contains("already has a theme called \"Epidural delays\""))
    );
    // Sub-themes cannot have sub-themes.
    let nested = NewTheme {
        name: "Deeper".into(),
        parent_id: Some(new),
        ..Default::default()
    };
    assert!(matches!(
        store.add_theme(id, &nested, &a).await.unwrap_err(),
        StoreError::Invalid(_)
    ));
    store
        .update_codebook(id, "Renamed", "New words", 0.75, &a)
        .await
        .unwrap();
    let c = store.get_codebook(id).await.unwrap();
    assert_eq!((c.name.as_str(), c.auto_threshold), ("Renamed", 0.75));
    assert_eq!(store.audit_for("codebook", id).await.unwrap().len(), 2);
}

async fn a_theme_that_coding_uses_is_merged_never_lost(engine: Engine) {
    let (db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let lead = coder(&store, "lead@x.example", Role::MnvpLead, mnvp).await;
    let id = store
        .create_codebook(Some(mnvp), &spec(), "import", &a)
        .await
        .unwrap();
    let themes = store.codebook_themes(id).await.unwrap();
    let (food, cold, waiting, staffing) = (
        theme_id(&themes, "Food"),
        theme_id(&themes, "Cold food"),
        theme_id(&themes, "Waiting"),
        theme_id(&themes, "Staffing"),
    );
    let ids = items(&store, mnvp, unit).await;
    for (i, themes) in [vec![waiting], vec![waiting, staffing], vec![cold]]
        .into_iter()
        .enumerate()
    {
        store
            .save_coding(
                id,
                &NewCoding {
                    feedback_id: ids[i],
                    coder_id: lead,
                    gold: false,
                    themes,
                    sentiment: Some(4),
                    note: String::new(),
                },
                &a,
            )
            .await
            .unwrap();
    }
    let err = store.delete_theme(waiting, None, &a).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("2 coding(s) carry \"Waiting\"")),
        "{err:?}"
    );
    let err = store.delete_theme(food, None, &a).await.unwrap_err();
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("1 sub-theme")));
    // The database itself refuses to drop a theme coding uses, even behind the store's back.
    let raw = Raw::connect(&db.url).await;
    assert!(raw
        .exec(&format!("DELETE FROM codebook_themes WHERE id = {waiting}"))
        .await
        .is_err());
    // Merging "Waiting" into "Staffing": both codings now carry Staffing, once each.
    store
        .delete_theme(waiting, Some(staffing), &a)
        .await
        .unwrap();
    let codings = store.codebook_codings(id).await.unwrap();
    assert_eq!(codings.len(), 3, "no coding was lost");
    assert_eq!(codings[0].themes, vec![staffing]);
    assert_eq!(codings[1].themes, vec![staffing]);
    assert_eq!(codings[2].themes, vec![cold]);
    let themes = store.codebook_themes(id).await.unwrap();
    assert!(themes.iter().all(|t| t.id != waiting));
    assert_eq!(theme_id(&themes, "Staffing"), staffing);
    assert_eq!(themes.iter().find(|t| t.id == staffing).unwrap().uses, 2);
    // A theme nobody used goes without a merge; the codebook cannot go while coded.
    store.delete_theme(cold, Some(food), &a).await.unwrap();
    assert_eq!(
        store.codebook_codings(id).await.unwrap()[2].themes,
        vec![food]
    );
    let err = store.delete_codebook(id, &a).await.unwrap_err();
    assert!(matches!(&err, StoreError::Conflict(m) if m.contains("3 feedback item(s) are coded")));
    let empty = store
        .create_codebook(
            Some(mnvp),
            &CodebookSpec {
                name: "Spare".into(),
                ..spec()
            },
            "copy",
            &a,
        )
        .await
        .unwrap();
    store.delete_codebook(empty, &a).await.unwrap();
    assert!(matches!(
        store.get_codebook(empty).await,
        Err(StoreError::NotFound)
    ));
}

async fn coders_queue_and_resolution(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let lead = coder(&store, "lead@x.example", Role::MnvpLead, mnvp).await;
    let volunteer = coder(&store, "vol@x.example", Role::Volunteer, mnvp).await;
    let id = store
        .create_codebook(Some(mnvp), &spec(), "import", &a)
        .await
        .unwrap();
    let themes = store.codebook_themes(id).await.unwrap();
    let (food, staffing) = (theme_id(&themes, "Food"), theme_id(&themes, "Staffing"));
    let ids = items(&store, mnvp, unit).await;
    let code = |feedback_id: i64, coder_id: i64, themes: Vec<i64>, gold: bool| NewCoding {
        feedback_id,
        coder_id,
        gold,
        themes,
        sentiment: Some(2),
        note: "checked".into(),
    };

    let (first, total) = store
        .coding_queue(id, mnvp, volunteer, QueueOrder::LeastCertain, 0)
        .await
        .unwrap();
    assert_eq!(
        (first, total),
        (Some(ids[0]), 5),
        "unscored items come oldest first"
    );
    store
        .save_coding(id, &code(ids[0], lead, vec![food], false), &a)
        .await
        .unwrap();
    store
        .save_coding(
            id,
            &code(ids[0], volunteer, vec![food, staffing], false),
            &a,
        )
        .await
        .unwrap();
    // Saving again replaces rather than adds.
    store
        .save_coding(
            id,
            &code(ids[0], volunteer, vec![staffing, food, food], false),
            &a,
        )
        .await
        .unwrap();
    store
        .save_coding(id, &code(ids[1], lead, vec![food], false), &a)
        .await
        .unwrap();
    let codings = store.item_codings(id, ids[0]).await.unwrap();
    assert_eq!(codings.len(), 2);
    assert!(codings
        .iter()
        .all(|c| c.note == "checked" && c.sentiment == Some(2)));
    let mut themes_of_volunteer = codings
        .iter()
        .find(|c| c.coder_id == volunteer)
        .unwrap()
        .themes
        .clone();
    themes_of_volunteer.sort();
    let mut both = vec![food, staffing];
    both.sort();
    assert_eq!(themes_of_volunteer, both);

    // The volunteer's queue no longer holds item 0; "coded by others" holds only item 1.
    let (next, total) = store
        .coding_queue(id, mnvp, volunteer, QueueOrder::LeastCertain, 0)
        .await
        .unwrap();
    assert_eq!((next, total), (Some(ids[1]), 4));
    let (next, total) = store
        .coding_queue(id, mnvp, volunteer, QueueOrder::CodedByOthers, 0)
        .await
        .unwrap();
    assert_eq!((next, total), (Some(ids[1]), 1));
    let (_, total) = store
        .coding_queue(id, mnvp, volunteer, QueueOrder::Random, 0)
        .await
        .unwrap();
    assert_eq!(total, 4);
    let (past_end, _) = store
        .coding_queue(id, mnvp, volunteer, QueueOrder::Random, 10)
        .await
        .unwrap();
    assert_eq!(past_end, None);

    // The lead resolves item 0: it leaves everyone's queue and its resolution is kept apart.
    store
        .save_coding(id, &code(ids[0], lead, vec![staffing], true), &a)
        .await
        .unwrap();
    let codings = store.item_codings(id, ids[0]).await.unwrap();
    assert_eq!(codings.len(), 3);
    assert!(codings[2].gold && codings[2].themes == vec![staffing]);
    let (_, total) = store
        .coding_queue(id, mnvp, lead, QueueOrder::LeastCertain, 0)
        .await
        .unwrap();
    assert_eq!(total, 3, "item 0 is resolved and item 1 is the lead's own");
    assert_eq!(store.coding_progress(id, mnvp).await.unwrap(), (2, 5));
    let audit = store.audit_for("feedback", ids[0]).await.unwrap();
    assert_eq!(
        audit.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["code", "code", "code", "resolve"]
    );

    // Themes of another codebook, and items of another MNVP, are refused.
    let other = store
        .create_codebook(
            Some(mnvp),
            &CodebookSpec {
                name: "Other".into(),
                ..spec()
            },
            "copy",
            &a,
        )
        .await
        .unwrap();
    let foreign = store.codebook_themes(other).await.unwrap()[0].id;
    let err = store
        .save_coding(id, &code(ids[2], lead, vec![foreign], false), &a)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
    let err = store
        .save_coding(id, &code(999_999, lead, vec![food], false), &a)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound));
}

async fn model_versions_snapshots_and_suggestions(engine: Engine) {
    let (db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let a = actor();
    let id = store
        .create_codebook(Some(mnvp), &spec(), "import", &a)
        .await
        .unwrap();
    let themes = store.codebook_themes(id).await.unwrap();
    let (food, cold) = (theme_id(&themes, "Food"), theme_id(&themes, "Cold food"));
    let ids = items(&store, mnvp, unit).await;
    let version = |status: &'static str, bytes: Option<Vec<u8>>| NewModelVersion {
        codebook_id: id,
        status,
        kind: "trained",
        codebook_version: 1,
        coded_items: 40,
        trained_on: 40,
        snapshot: format!("{{\"items\":[{{\"feedback_id\":{}}}]}}", ids[0]),
        theme_ids: format!("[{food},{cold}]"),
        metrics: "{}".into(),
        message: if status == "failed" {
            "too few".into()
        } else {
            String::new()
        },
        model: bytes,
    };
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let (m1, v1) = store
        .add_model_version(&version("ready", Some(bytes.clone())), &a)
        .await
        .unwrap();
    let (_, v2) = store
        .add_model_version(&version("failed", None), &a)
        .await
        .unwrap();
    assert_eq!((v1, v2), (1, 2));
    let versions = store.model_versions(id).await.unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.version, v.status.as_str()))
            .collect::<Vec<_>>(),
        vec![(2, "failed"), (1, "ready")]
    );
    assert_eq!(versions[0].message, "too few");
    assert_eq!(store.model_bytes(m1).await.unwrap(), Some(bytes));
    assert_eq!(store.model_bytes(versions[0].id).await.unwrap(), None);
    assert!(store
        .model_snapshot(m1)
        .await
        .unwrap()
        .contains(&ids[0].to_string()));

    // Scores: every item needs scoring by m1 until it is scored.
    assert_eq!(
        store.items_to_score(id, mnvp, m1, 100).await.unwrap().len(),
        5
    );
    let score = |feedback_id: i64, c: f64| ItemScore {
        feedback_id,
        certainty: c,
        sentiment: Some(5),
        sentiment_confidence: 0.5,
        themes: vec![(food, 0.9, true), (cold, 0.3, false)],
    };
    store
        .save_scores(id, m1, &[score(ids[3], 0.05), score(ids[4], 0.4)], &a)
        .await
        .unwrap();
    let left = store.items_to_score(id, mnvp, m1, 100).await.unwrap();
    assert_eq!(
        left.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        vec![ids[0], ids[1], ids[2]]
    );
    assert!(left[0].1.contains("cold food"), "the text comes with it");
    // Saving again replaces the item's rows.
    store
        .save_scores(id, m1, &[score(ids[3], 0.01)], &a)
        .await
        .unwrap();
    let (sentiment, suggestions) = store.item_suggestions(id, ids[3]).await.unwrap();
    assert_eq!(sentiment, Some((5, 0.5)));
    assert_eq!(
        suggestions
            .iter()
            .map(|s| (s.theme_id, s.assigned))
            .collect::<Vec<_>>(),
        vec![(food, true), (cold, false)]
    );
    let (applied, sentiments) = store.machine_labels(id).await.unwrap();
    assert_eq!(applied, vec![(ids[3], food), (ids[4], food)]);
    assert_eq!(sentiments.len(), 2);
    // The least certain scored item leads the queue.
    let lead = coder(&store, "lead@x.example", Role::MnvpLead, mnvp).await;
    let (next, _) = store
        .coding_queue(id, mnvp, lead, QueueOrder::LeastCertain, 0)
        .await
        .unwrap();
    assert_eq!(next, Some(ids[3]));
    // A deleted theme's suggestions go with it; nothing else does.
    store.delete_theme(cold, None, &a).await.unwrap();
    let (_, suggestions) = store.item_suggestions(id, ids[3]).await.unwrap();
    assert_eq!(suggestions.len(), 1);
    // Model bytes damaged behind the store's back are returned as they are (the caller's
    // checksum finds the damage).
    Raw::connect(&db.url)
        .await
        .exec(&format!(
            "UPDATE theme_models SET model = NULL WHERE id = {m1}"
        ))
        .await
        .unwrap();
    assert_eq!(store.model_bytes(m1).await.unwrap(), None);
}
