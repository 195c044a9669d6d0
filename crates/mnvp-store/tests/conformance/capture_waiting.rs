//! What people typed is sealed while it waits: answers in progress on the public form and on
//! surveys, and files uploaded for an import. Someone reading the database directly sees no
//! typed word; the store gives everything back intact; a value changed in the database reads
//! as no answers yet (answers) or is refused with a clear message (an upload), never a panic;
//! and rows an earlier version left in the clear still read, then are sealed on the next start.

use crate::safety::sqlite_bytes;
use crate::{actor, hierarchy, lead, open, Raw};
use mnvp_domain::capture::survey::{Answers, SurveyDefinition};
use mnvp_store::capture::imports::NewUpload;
use mnvp_store::capture::surveys::NewSurvey;
use mnvp_store::capture::Draft;
use mnvp_store::sessions::hash_token;
use mnvp_store::{Engine, Store, StoreError};

crate::both_engines!(
    answers_in_progress_and_uploads_are_sealed_and_read_back_intact,
    changed_ciphertext_reads_as_no_answers_or_a_clear_error,
    waiting_text_from_before_is_read_then_sealed_on_start,
);

/// Distinctive words a person typed, searched for in what the database holds.
const DRAFT_WORD: &str = "Marigold";
const SURVEY_WORD: &str = "Hollyhock";
const UPLOAD_WORD: &str = "Snapdragon";

fn draft_json() -> String {
    format!(r#"{{"went_well":"Midwife {DRAFT_WORD} sat with me all night"}}"#)
}

fn survey_answers() -> Answers {
    let mut a = Answers::new();
    a.insert(
        "more".into(),
        vec![format!("Nurse {SURVEY_WORD} showed us the feeding room")],
    );
    a
}

fn upload_file() -> Vec<u8> {
    format!("rating,comment\n5,Thank you {UPLOAD_WORD} for the care\n").into_bytes()
}

/// What a visitor, a survey and a lead need: (session token, mnvp, survey id, lead's user id).
async fn setup(store: &Store) -> (String, i64, i64, i64) {
    let (_, _, _, _, mnvp) = hierarchy(store).await;
    let token = format!("token-{}", uuid::Uuid::new_v4());
    store
        .create_session(&token, None, "csrf", false, 3600)
        .await
        .unwrap();
    let survey = store
        .create_survey(
            &NewSurvey {
                mnvp_id: mnvp,
                slug: "after-birth".into(),
                title: "After the birth".into(),
                definition: SurveyDefinition {
                    description: String::new(),
                    one_per_page: true,
                    questions: vec![],
                },
                opens_on: None,
                closes_on: None,
                unit_id: None,
                care_stage: None,
            },
            None,
            &actor(),
        )
        .await
        .unwrap();
    let user = lead(store, mnvp).await;
    (token, mnvp, survey, user)
}

/// Saves a draft (submission key "key-1"), survey progress (key "rk-1") and an upload, as the
/// web layer does; returns the draft and the upload's id.
async fn save_all(store: &Store, token: &str, mnvp: i64, survey: i64, user: i64) -> (Draft, i64) {
    let draft = Draft {
        answers: draft_json(),
        form_key: "key-1".into(),
    };
    store.save_draft(token, mnvp, &draft).await.unwrap();
    store
        .save_survey_progress(&hash_token(token), survey, &survey_answers(), "rk-1")
        .await
        .unwrap();
    let up = store.create_upload(&upload(mnvp, user)).await.unwrap();
    (draft, up)
}

fn upload(mnvp: i64, user: i64) -> NewUpload {
    NewUpload {
        mnvp_id: mnvp,
        user_id: user,
        kind: "fft".into(),
        mapping_id: None,
        file_name: "october.csv".into(),
        encoding: "utf-8".into(),
        sha256: "s".into(),
        content: upload_file(),
    }
}

fn contains(haystack: &[u8], word: &str) -> bool {
    haystack.windows(word.len()).any(|w| w == word.as_bytes())
}

/// A byte string as an SQL literal for the engine.
fn blob(engine: Engine, bytes: &[u8]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    match engine {
        Engine::Sqlite => format!("X'{hex}'"),
        Engine::Postgres => format!("'\\x{hex}'::bytea"),
    }
}

impl Raw {
    /// The first column of every row, as bytes.
    async fn bytes(&self, sql: &str) -> Vec<Vec<u8>> {
        use sqlx::Connection;
        let rows: Vec<(Vec<u8>,)> = if self.url.starts_with("sqlite") {
            let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query_as(sql).fetch_all(&mut c).await.unwrap()
        } else {
            let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query_as(sql).fetch_all(&mut c).await.unwrap()
        };
        rows.into_iter().map(|(b,)| b).collect()
    }
}

async fn answers_in_progress_and_uploads_are_sealed_and_read_back_intact(engine: Engine) {
    let (db, store) = open(engine).await;
    let (token, mnvp, survey, user) = setup(&store).await;
    let session = hash_token(&token);
    let (draft, up) = save_all(&store, &token, mnvp, survey, user).await;

    let raw = Raw::connect(&db.url).await;
    let stored_draft = raw.texts("SELECT answers FROM feedback_drafts").await;
    let stored_progress = raw.texts("SELECT answers FROM survey_progress").await;
    let stored_file = raw.bytes("SELECT content FROM import_uploads").await;
    assert!(stored_draft[0].starts_with("x1:"), "{}", stored_draft[0]);
    assert!(!stored_draft[0].contains(DRAFT_WORD) && !stored_draft[0].contains("went_well"));
    assert!(
        stored_progress[0].starts_with("x1:"),
        "{}",
        stored_progress[0]
    );
    assert!(!stored_progress[0].contains(SURVEY_WORD));
    assert!(stored_file[0].starts_with(b"x1:"));
    assert!(!contains(&stored_file[0], UPLOAD_WORD) && !contains(&stored_file[0], "rating"));
    if engine == Engine::Sqlite {
        let bytes = sqlite_bytes(&db);
        for word in [DRAFT_WORD, SURVEY_WORD, UPLOAD_WORD] {
            assert!(!contains(&bytes, word), "{word} is in the database files");
        }
    }

    // The store gives back exactly what was typed.
    assert_eq!(store.get_draft(&token, mnvp).await.unwrap(), Some(draft));
    assert_eq!(
        store.survey_progress(&session, survey).await.unwrap(),
        Some((survey_answers(), "rk-1".to_string()))
    );
    assert_eq!(store.get_upload(up).await.unwrap().content, upload_file());

    // Sealed for one field, a value does not open in another: the draft's sealed answers moved
    // into the survey's progress read as no answers, not as the draft.
    raw.exec(&format!(
        "UPDATE survey_progress SET answers = '{}'",
        stored_draft[0]
    ))
    .await
    .unwrap();
    assert_eq!(
        store.survey_progress(&session, survey).await.unwrap(),
        Some((Answers::new(), "rk-1".to_string()))
    );
}

async fn changed_ciphertext_reads_as_no_answers_or_a_clear_error(engine: Engine) {
    let (db, store) = open(engine).await;
    let (token, mnvp, survey, user) = setup(&store).await;
    let session = hash_token(&token);
    let (draft, up) = save_all(&store, &token, mnvp, survey, user).await;

    let raw = Raw::connect(&db.url).await;
    for table in ["feedback_drafts", "survey_progress"] {
        let stored = raw.texts(&format!("SELECT answers FROM {table}")).await;
        // One base64 letter of the nonce changed (a middle letter: all its bits count).
        let mut changed: Vec<char> = stored[0].chars().collect();
        changed[10] = if changed[10] == 'A' { 'B' } else { 'A' };
        let changed: String = changed.into_iter().collect();
        raw.exec(&format!("UPDATE {table} SET answers = '{changed}'"))
            .await
            .unwrap();
    }
    let got = store.get_draft(&token, mnvp).await.unwrap().unwrap();
    assert_eq!(
        (got.answers.as_str(), got.form_key.as_str()),
        ("{}", "key-1"),
        "no answers yet, and the same submission key"
    );
    assert_eq!(
        store.survey_progress(&session, survey).await.unwrap(),
        Some((Answers::new(), "rk-1".to_string()))
    );
    // Saving again after a changed draft works as normal.
    store.save_draft(&token, mnvp, &draft).await.unwrap();
    assert_eq!(
        store
            .get_draft(&token, mnvp)
            .await
            .unwrap()
            .unwrap()
            .answers,
        draft_json()
    );

    let mut file = raw
        .bytes("SELECT content FROM import_uploads")
        .await
        .remove(0);
    *file.last_mut().unwrap() ^= 0x01;
    raw.exec(&format!(
        "UPDATE import_uploads SET content = {}",
        blob(engine, &file)
    ))
    .await
    .unwrap();
    match store.get_upload(up).await {
        Err(StoreError::Invalid(m)) => assert!(m.contains("upload it again"), "{m}"),
        other => panic!("expected a clear refusal, got {other:?}"),
    }
}

async fn waiting_text_from_before_is_read_then_sealed_on_start(engine: Engine) {
    let (db, store) = open(engine).await;
    let (token, mnvp, survey, user) = setup(&store).await;
    let session = hash_token(&token);
    // Rows as an earlier version wrote them: in the clear.
    let raw = Raw::connect(&db.url).await;
    raw.exec(&format!(
        "INSERT INTO feedback_drafts (session_hash, mnvp_id, answers, form_key, updated_at) \
         VALUES ('{session}', {mnvp}, '{}', 'key-old', '2026-01-01T00:00:00Z')",
        draft_json()
    ))
    .await
    .unwrap();
    let progress_json = serde_json::to_string(&survey_answers()).unwrap();
    raw.exec(&format!(
        "INSERT INTO survey_progress (session_hash, survey_id, answers, response_key, updated_at) \
         VALUES ('{session}', {survey}, '{progress_json}', 'rk-old', '2026-01-01T00:00:00Z')"
    ))
    .await
    .unwrap();
    raw.exec(&format!(
        "INSERT INTO import_uploads (mnvp_id, user_id, kind, file_name, encoding, sha256, content, created_at) \
         VALUES ({mnvp}, {user}, 'fft', 'old.csv', 'utf-8', 's', {}, '2026-01-01T00:00:00Z')",
        blob(engine, &upload_file()),
    ))
    .await
    .unwrap();
    let up: i64 = raw
        .texts("SELECT CAST(id AS TEXT) FROM import_uploads")
        .await[0]
        .parse()
        .unwrap();

    // Read as they are while this store runs ...
    let waiting = Waiting {
        token: &token,
        session: &session,
        mnvp,
        survey,
        upload: up,
    };
    waiting.reads_intact(&store).await;
    store.close().await;
    // ... and sealed on the next start.
    let store = db.open().await.unwrap();
    let stored = raw
        .texts("SELECT answers FROM feedback_drafts UNION ALL SELECT answers FROM survey_progress")
        .await;
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|s| s.starts_with("x1:")), "{stored:?}");
    let file = raw.bytes("SELECT content FROM import_uploads").await;
    assert!(file[0].starts_with(b"x1:") && !contains(&file[0], UPLOAD_WORD));
    waiting.reads_intact(&store).await;
    assert_eq!(
        store.seal_waiting_in_clear().await.unwrap(),
        0,
        "idempotent"
    );
    if engine == Engine::Sqlite {
        // Overwritten, not merely unlinked: the words are gone from the files themselves.
        store.close().await;
        let bytes = sqlite_bytes(&db);
        for word in [DRAFT_WORD, SURVEY_WORD, UPLOAD_WORD] {
            assert!(
                !contains(&bytes, word),
                "{word} lingers in the database files"
            );
        }
    }
}

/// Where the earlier version's waiting rows are.
struct Waiting<'a> {
    token: &'a str,
    session: &'a str,
    mnvp: i64,
    survey: i64,
    upload: i64,
}

impl Waiting<'_> {
    async fn reads_intact(&self, store: &Store) {
        let d = store
            .get_draft(self.token, self.mnvp)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((d.answers, d.form_key.as_str()), (draft_json(), "key-old"));
        assert_eq!(
            store
                .survey_progress(self.session, self.survey)
                .await
                .unwrap(),
            Some((survey_answers(), "rk-old".to_string()))
        );
        assert_eq!(
            store.get_upload(self.upload).await.unwrap().content,
            upload_file()
        );
    }
}
