//! Imports as the store sees them: one transaction per import, rows already present passed
//! over by their client id, nothing kept when the reader fails, saved mappings and uploads.
//! Imported text is screened, sealed and searchable like every other channel's.

use crate::{actor, hierarchy, open};
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_store::capture::imports::{ImportChunk, NewCqcResult, NewImportBatch, NewUpload};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::{Engine, Store, StoreError};

crate::both_engines!(
    an_import_is_all_or_nothing_and_never_duplicates,
    mappings_uploads_and_cqc_results,
    imported_text_is_screened_sealed_and_searchable,
);

fn row(mnvp: i64, unit: i64, n: usize) -> NewFeedback {
    NewFeedback {
        mnvp_id: mnvp,
        unit_id: Some(unit),
        channel: Channel::Fft,
        care_stage: Some(CareStage::LabourAndBirth),
        received_on: "2026-10-01".into(),
        rating: Some(5),
        body: Some(format!("Comment number {n}")),
        client_id: Some(format!("import:fft:{mnvp}:{n}")),
        body_redacted: Some(format!("Comment number {n}")),
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    }
}

fn batch(mnvp: i64) -> NewImportBatch {
    NewImportBatch {
        mnvp_id: mnvp,
        kind: "fft".into(),
        source: "october.csv".into(),
        sha256: "abc".into(),
        rows_read: 0,
        skipped: 0,
    }
}

/// Sends `chunks` to an import the way the file reader does, from another task.
async fn run(
    store: &Store,
    mnvp: i64,
    chunks: Vec<ImportChunk>,
) -> Result<mnvp_store::capture::imports::ImportOutcome, StoreError> {
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    let sender = tokio::spawn(async move {
        for c in chunks {
            if tx.send(c).await.is_err() {
                break;
            }
        }
    });
    let out = store.import_feedback(&batch(mnvp), rx, &actor()).await;
    sender.await.unwrap();
    out
}

async fn an_import_is_all_or_nothing_and_never_duplicates(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let first: Vec<NewFeedback> = (0..1200).map(|n| row(mnvp, unit, n)).collect();
    let audit_before = store
        .audit_page(&Default::default(), 1000, 0)
        .await
        .unwrap()
        .1;

    // The reader finds a problem after 1,200 rows went in: nothing is kept.
    let err = run(
        &store,
        mnvp,
        vec![
            ImportChunk::Rows(first.clone()),
            ImportChunk::Failed("line 1202: broken".into()),
        ],
    )
    .await
    .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(m) if m == "line 1202: broken"));
    // The reader goes away without saying the file ended: nothing is kept either.
    let err = run(&store, mnvp, vec![ImportChunk::Rows(first.clone())])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("stopped before the end"), "{err}");
    assert_eq!(store.count_feedback().await.unwrap(), 0);
    assert!(store
        .list_import_batches(mnvp, 10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .audit_page(&Default::default(), 1000, 0)
            .await
            .unwrap()
            .1,
        audit_before
    );

    let out = run(
        &store,
        mnvp,
        vec![
            ImportChunk::Rows(first[..700].to_vec()),
            ImportChunk::Rows(first[700..].to_vec()),
            ImportChunk::End {
                rows_read: 1200,
                skipped: 3,
            },
        ],
    )
    .await
    .unwrap();
    assert_eq!((out.imported, out.already_present), (1200, 0));
    // The same file again, and an overlapping one: only the new rows are added.
    let again = run(
        &store,
        mnvp,
        vec![
            ImportChunk::Rows(first.clone()),
            ImportChunk::End {
                rows_read: 1200,
                skipped: 3,
            },
        ],
    )
    .await
    .unwrap();
    assert_eq!((again.imported, again.already_present), (0, 1200));
    let overlap: Vec<NewFeedback> = (1100..1300).map(|n| row(mnvp, unit, n)).collect();
    let more = run(
        &store,
        mnvp,
        vec![
            ImportChunk::Rows(overlap),
            ImportChunk::End {
                rows_read: 1200,
                skipped: 3,
            },
        ],
    )
    .await
    .unwrap();
    assert_eq!((more.imported, more.already_present), (100, 100));
    assert_eq!(store.count_feedback().await.unwrap(), 1300);

    let batches = store.list_import_batches(mnvp, 10).await.unwrap();
    assert_eq!(batches.len(), 3);
    assert_eq!(batches[0].imported, 100);
    assert_eq!(batches[0].source, "october.csv");
    let audit = store
        .audit_page(&Default::default(), 1000, 0)
        .await
        .unwrap();
    assert_eq!(audit.1, audit_before + 3, "one audit entry per import");
    assert!(
        audit.0[0].detail.contains("100 new, 100 already present"),
        "{}",
        audit.0[0].detail
    );

    let ids = vec![
        format!("import:fft:{mnvp}:5"),
        "import:fft:none".to_string(),
    ];
    assert_eq!(
        store.existing_client_ids(&ids).await.unwrap(),
        vec![ids[0].clone()]
    );
}

async fn mappings_uploads_and_cqc_results(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, _, _, _, mnvp) = hierarchy(&store).await;
    let a = actor();
    let id = store
        .save_mapping(mnvp, "Facebook export", r#"{"text":"Post"}"#, &a)
        .await
        .unwrap();
    let same = store
        .save_mapping(mnvp, "Facebook export", r#"{"text":"Message"}"#, &a)
        .await
        .unwrap();
    assert_eq!(id, same, "saving under the same name replaces the mapping");
    assert_eq!(
        store
            .mapping_by_name(mnvp, "Facebook export")
            .await
            .unwrap()
            .columns,
        r#"{"text":"Message"}"#
    );
    assert_eq!(store.list_mappings(mnvp).await.unwrap().len(), 1);
    store.delete_mapping(id, &a).await.unwrap();
    assert!(matches!(
        store.get_mapping(id).await,
        Err(StoreError::NotFound)
    ));

    let user = crate::lead(&store, mnvp).await;
    let content: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let up = store
        .create_upload(&NewUpload {
            mnvp_id: mnvp,
            user_id: user,
            kind: "fft".into(),
            mapping_id: None,
            file_name: "a.xlsx".into(),
            encoding: "utf-8".into(),
            sha256: "s".into(),
            content: content.clone(),
        })
        .await
        .unwrap();
    let got = store.get_upload(up).await.unwrap();
    assert_eq!(got.content, content, "binary files come back byte for byte");
    store
        .set_upload_reading(up, None, "windows-1252")
        .await
        .unwrap();
    assert_eq!(store.get_upload(up).await.unwrap().encoding, "windows-1252");
    store.delete_upload(up).await.unwrap();
    assert!(matches!(
        store.get_upload(up).await,
        Err(StoreError::NotFound)
    ));

    let result = |q: &str, score: f64| NewCqcResult {
        survey_year: 2024,
        organisation: "North Trust".into(),
        question: q.into(),
        question_text: "Were you given enough information?".into(),
        section: "Antenatal care".into(),
        care_stage: Some(CareStage::Antenatal),
        score: Some(score),
        respondents: Some(312),
        comparison: "About the same".into(),
    };
    let rows = vec![result("Q10", 8.1), result("Q11", 7.4)];
    let out = store
        .import_cqc_results(&batch(mnvp), &rows, &a)
        .await
        .unwrap();
    assert_eq!((out.imported, out.already_present), (2, 0));
    let out = store
        .import_cqc_results(&batch(mnvp), &rows, &a)
        .await
        .unwrap();
    assert_eq!((out.imported, out.already_present), (0, 2));
    let held = store.list_cqc_results(mnvp).await.unwrap();
    assert_eq!(held.len(), 2);
    assert_eq!(held[0].score, Some(8.1));
    assert_eq!(held[0].care_stage.as_deref(), Some("antenatal"));
}

/// An import hands the store unscreened text, as a file reader does: the store redacts it,
/// flags disclosures (opening cases), seals the original and indexes it for the lead's search
/// — the redacted text by full-text index, the removed words by the keyed blind index.
async fn imported_text_is_screened_sealed_and_searchable(engine: Engine) {
    use mnvp_store::feedback::FeedbackFilter;
    let (db, store) = open(engine).await;
    let (_, _, _, unit, mnvp) = hierarchy(&store).await;
    let raw = |n: usize, body: &str| NewFeedback {
        body: Some(body.into()),
        body_redacted: None,
        ..row(mnvp, unit, n)
    };
    let rows = vec![
        raw(
            1,
            "Midwife Ottoline Quist was rude to me. Call me on 07700 900123",
        ),
        raw(
            2,
            "I was waiting for hours and since then I want to end my life",
        ),
        raw(3, "Lovely birth centre"),
    ];
    let out = run(
        &store,
        mnvp,
        vec![
            ImportChunk::Rows(rows),
            ImportChunk::End {
                rows_read: 3,
                skipped: 0,
            },
        ],
    )
    .await
    .unwrap();
    assert_eq!(out.imported, 3);
    let search = |text: &str| FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        text: text.into(),
        ..Default::default()
    };
    let hits = |items: Vec<mnvp_store::feedback::FeedbackItem>| {
        items
            .iter()
            .map(|i| i.body_redacted.clone().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    for (typed, expect) in [
        ("waited", "I was waiting"),
        ("ottoline", "Midwife [NAME]"),
        ("midwife quist", "Midwife [NAME]"),
        ("900123", "Call me on [PHONE]"),
        ("07700 900123", "Call me on [PHONE]"),
        ("birth cent", "Lovely birth centre"),
    ] {
        let (items, total) = store.list_feedback(&search(typed), 10, 0).await.unwrap();
        let texts = hits(items);
        assert_eq!(total, 1, "{typed}: {texts:?}");
        assert!(texts[0].contains(expect), "{typed}: {texts:?}");
    }
    let (none, _) = store
        .list_feedback(&search("ottoline lovely"), 10, 0)
        .await
        .unwrap();
    assert!(none.is_empty(), "every word must be found in the same item");

    let (all, _) = store.list_feedback(&search(""), 10, 0).await.unwrap();
    let disclosure = all
        .iter()
        .find(|i| {
            i.body_redacted
                .as_deref()
                .unwrap_or("")
                .contains("end my life")
        })
        .unwrap();
    assert!(disclosure.safety_categories.contains("self_harm"));
    assert!(store
        .case_for_feedback(disclosure.id)
        .await
        .unwrap()
        .is_some());
    let rude = all
        .iter()
        .find(|i| i.body_redacted.as_deref().unwrap_or("").contains("[NAME]"))
        .unwrap();
    assert_eq!(
        store.reveal(rude.body.as_ref().unwrap()).unwrap(),
        "Midwife Ottoline Quist was rude to me. Call me on 07700 900123"
    );
    if engine == Engine::Sqlite {
        store.close().await;
        let bytes = crate::safety::sqlite_bytes(&db);
        for secret in ["Ottoline", "ottoline", "900123"] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{secret} is in the database file (text or search index)"
            );
        }
    }
}
