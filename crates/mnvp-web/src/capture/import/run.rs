//! The dry run and the import itself, shared by the web pages and `mnvp capture import`.
//!
//! Reading and checking rows runs on a blocking thread; screening (redaction and disclosure
//! detection, about 0.1 ms an item) runs on a pool of worker threads, one per core; the store
//! writes every row inside one transaction as chunks arrive. So a million-row file streams
//! through in bounded memory, and either all of it is stored or none of it.

use super::layout::{Columns, Kind};
use super::rows::{Parsed, RowProblem, RowReader, Target};
use super::source::{self, Encoding, FileProblem};
use mnvp_store::capture::imports::{ImportChunk, ImportOutcome, NewCqcResult, NewImportBatch};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::{Actor, Store, StoreError};
use serde::Serialize;
use std::io::Read;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Rows checked or screened together.
const CHUNK: usize = 1000;
/// Problems kept for the report (all are counted).
pub const PROBLEMS_KEPT: usize = 50_000;
/// Good rows shown as a preview in the dry run.
const PREVIEW: usize = 10;

/// Where the file's bytes are.
#[derive(Clone)]
pub enum Source {
    Bytes(Arc<[u8]>),
    File(PathBuf),
}

impl Source {
    fn reader(&self) -> Result<Box<dyn Read + Send>, FileProblem> {
        match self {
            Source::Bytes(b) => Ok(Box::new(std::io::Cursor::new(b.clone()))),
            Source::File(p) => std::fs::File::open(p)
                .map(|f| Box::new(f) as Box<dyn Read + Send>)
                .map_err(|e| FileProblem::Unreadable {
                    line: 0,
                    message: format!("{}: {e}", p.display()),
                }),
        }
    }
}

/// What to import, into which MNVP, read how.
#[derive(Clone)]
pub struct Spec {
    pub kind: Kind,
    pub target: Target,
    pub encoding: Encoding,
    pub file_name: String,
    /// `YYYY-MM-DD`; later dates are refused.
    pub today: String,
}

/// What a dry run found: the same figures whether shown on a page or printed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub file_name: String,
    pub kind: String,
    /// "Sheet1 (the first of 3 sheets)" for spreadsheets.
    pub sheet: Option<String>,
    /// A problem with the whole file: nothing can be imported until it is fixed.
    pub file_problem: Option<String>,
    pub rows_read: u64,
    /// Rows that would be imported or are already held.
    pub valid: u64,
    /// Rows with neither text nor a rating (passed over, not problems).
    pub nothing_to_import: u64,
    /// Valid rows the store already holds from an earlier import.
    pub already_present: u64,
    pub bad_rows: u64,
    /// Every problem (up to [`PROBLEMS_KEPT`]), in file order.
    pub problems: Vec<RowProblem>,
    pub problems_total: u64,
    pub preview_columns: Vec<&'static str>,
    pub preview: Vec<Vec<String>>,
}

impl Report {
    /// Valid rows that are not yet held.
    pub fn new_rows(&self) -> u64 {
        self.valid.saturating_sub(self.already_present)
    }
}

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    File(#[from] FileProblem),
    #[error("Nothing was imported: line {}, {}: {}. A dry run lists every row with a problem; fix them, or choose to leave them out.", .first.line, .first.column, .first.reason)]
    BadRows { first: RowProblem },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import stored.
#[derive(Debug, Clone, Serialize)]
pub struct Committed {
    pub outcome: ImportOutcome,
    pub rows_read: u64,
    pub left_out: u64,
    pub nothing_to_import: u64,
    /// Why each left-out row was left out (up to [`PROBLEMS_KEPT`]).
    pub problems: Vec<RowProblem>,
}

/// One thing the reader found.
enum Event {
    Good(u64, Parsed),
    Nothing,
    Bad(Vec<RowProblem>),
}

/// Opens the file, finds its columns, and hands every data row to `each` until it says stop.
/// Returns the sheet read, if a spreadsheet.
fn scan(
    source: &Source,
    spec: &Spec,
    mut each: impl FnMut(Event) -> bool,
) -> Result<Option<String>, FileProblem> {
    let mut table = source::open(source.reader()?, &spec.file_name, spec.encoding)?;
    let cols = Columns::resolve(&spec.kind, &table.headers)?;
    let sheet = table.sheet.as_ref().map(|(name, n)| {
        if *n > 1 {
            format!("{name} (the first of {n} sheets)")
        } else {
            name.clone()
        }
    });
    let mut reader = RowReader::new(
        spec.kind.clone(),
        spec.target.clone(),
        cols,
        &table,
        &spec.today,
    );
    let mut any = false;
    while let Some(row) = table.next_row() {
        let row = row?;
        any = true;
        let event = match reader.read(&row) {
            Ok(Some(p)) => Event::Good(row.line, p),
            Ok(None) => Event::Nothing,
            Err(problems) => Event::Bad(problems),
        };
        if !each(event) {
            break;
        }
    }
    if !any {
        return Err(FileProblem::NoRows);
    }
    Ok(sheet)
}

fn preview_columns(kind: &Kind) -> Vec<&'static str> {
    match kind {
        Kind::CqcResults => vec![
            "Line",
            "Year",
            "Trust",
            "Question",
            "Score",
            "Respondents",
            "Comparison",
        ],
        _ => vec![
            "Line",
            "Date",
            "Channel",
            "Unit",
            "Stage of care",
            "Rating",
            "Text",
        ],
    }
}

fn preview_row(line: u64, p: &Parsed, target: &Target) -> Vec<String> {
    match p {
        Parsed::Feedback(f) => {
            let unit = f
                .unit_id
                .and_then(|id| target.units.iter().find(|u| u.id == id))
                .map(|u| u.name.clone())
                .unwrap_or_default();
            let text: String = f.body.as_deref().unwrap_or("").chars().take(160).collect();
            vec![
                line.to_string(),
                f.received_on.clone(),
                f.channel.label().to_string(),
                unit,
                f.care_stage
                    .map(|s| s.label().to_string())
                    .unwrap_or_default(),
                f.rating.map(|r| r.to_string()).unwrap_or_default(),
                text,
            ]
        }
        Parsed::Cqc(r) => vec![
            line.to_string(),
            r.survey_year.to_string(),
            r.organisation.clone(),
            format!("{} {}", r.question, r.question_text)
                .trim()
                .to_string(),
            r.score.map(|s| s.to_string()).unwrap_or_default(),
            r.respondents.map(|s| s.to_string()).unwrap_or_default(),
            r.comparison.clone(),
        ],
    }
}

/// The stable key of a good row, to ask the store whether it is already held.
fn key(p: &Parsed) -> Option<String> {
    match p {
        Parsed::Feedback(f) => f.client_id.clone(),
        Parsed::Cqc(_) => None,
    }
}

/// Reads and checks the whole file without storing anything.
pub async fn dry_run(store: &Store, source: Source, spec: Spec) -> Result<Report, StoreError> {
    let mut report = Report {
        file_name: spec.file_name.clone(),
        kind: spec.kind.label(),
        preview_columns: preview_columns(&spec.kind),
        ..Default::default()
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<(Event, Option<String>)>>(4);
    let target = spec.target.clone();
    let reading = tokio::task::spawn_blocking(move || {
        let mut batch = Vec::with_capacity(CHUNK);
        let result = scan(&source, &spec, |e| {
            let k = match &e {
                Event::Good(_, p) => key(p),
                _ => None,
            };
            batch.push((e, k));
            if batch.len() >= CHUNK {
                return tx.blocking_send(std::mem::take(&mut batch)).is_ok();
            }
            true
        });
        if !batch.is_empty() {
            let _ = tx.blocking_send(batch);
        }
        result
    });
    while let Some(batch) = rx.recv().await {
        let mut keys = Vec::new();
        for (event, k) in batch {
            report.rows_read += 1;
            match event {
                Event::Good(line, p) => {
                    report.valid += 1;
                    if report.preview.len() < PREVIEW {
                        report.preview.push(preview_row(line, &p, &target));
                    }
                    keys.extend(k);
                }
                Event::Nothing => report.nothing_to_import += 1,
                Event::Bad(problems) => {
                    report.bad_rows += 1;
                    report.problems_total += problems.len() as u64;
                    let room = PROBLEMS_KEPT.saturating_sub(report.problems.len());
                    report.problems.extend(problems.into_iter().take(room));
                }
            }
        }
        report.already_present += store.existing_client_ids(&keys).await?.len() as u64;
    }
    match reading.await {
        Ok(Ok(sheet)) => report.sheet = sheet,
        Ok(Err(problem)) => report.file_problem = Some(problem.to_string()),
        Err(e) => return Err(StoreError::Other(format!("import reader failed: {e}"))),
    }
    Ok(report)
}

/// Counts from the reading side of an import.
#[derive(Default)]
struct Counts {
    rows_read: u64,
    left_out: u64,
    nothing: u64,
    problems: Vec<RowProblem>,
}

impl Counts {
    fn committed(self, outcome: ImportOutcome) -> Committed {
        Committed {
            outcome,
            rows_read: self.rows_read,
            left_out: self.left_out,
            nothing_to_import: self.nothing,
            problems: self.problems,
        }
    }

    /// Notes a bad row's problems.
    fn bad(&mut self, problems: Vec<RowProblem>) {
        self.left_out += 1;
        let room = PROBLEMS_KEPT.saturating_sub(self.problems.len());
        self.problems.extend(problems.into_iter().take(room));
    }
}

/// Imports the file: every good row, in one transaction. Rows with problems stop the import
/// (nothing is stored) unless `leave_out_bad_rows`, when they are passed over and counted.
pub async fn commit(
    store: &Store,
    source: Source,
    spec: Spec,
    leave_out_bad_rows: bool,
    sha256: &str,
    actor: &Actor,
) -> Result<Committed, ImportError> {
    let batch = NewImportBatch {
        mnvp_id: spec.target.mnvp_id,
        kind: spec.kind.code().to_string(),
        source: spec.file_name.clone(),
        sha256: sha256.to_string(),
        rows_read: 0,
        skipped: 0,
    };
    if spec.kind == Kind::CqcResults {
        return commit_results(store, source, spec, leave_out_bad_rows, batch, actor).await;
    }
    if !leave_out_bad_rows {
        // Fail fast: a quick pass finds a bad row before any screening or writing starts.
        let (check_source, check_spec) = (source.clone(), spec.clone());
        let first = tokio::task::spawn_blocking(move || {
            let mut first = None;
            scan(&check_source, &check_spec, |e| match e {
                Event::Bad(p) => {
                    first = p.into_iter().next();
                    false
                }
                _ => true,
            })
            .map(|_| first)
        })
        .await
        .map_err(|e| StoreError::Other(format!("import reader failed: {e}")))??;
        if let Some(first) = first {
            return Err(ImportError::BadRows { first });
        }
    }
    let (out_tx, out_rx) = tokio::sync::mpsc::channel::<ImportChunk>(4);
    let (held, rt) = (store.clone(), tokio::runtime::Handle::current());
    let reading = tokio::task::spawn_blocking(move || {
        read_and_screen(source, spec, leave_out_bad_rows, (held, rt), out_tx)
    });
    let stored = store.import_feedback(&batch, out_rx, actor).await;
    let counts = reading
        .await
        .map_err(|e| StoreError::Other(format!("import reader failed: {e}")))??;
    match (stored, counts.problems.first()) {
        (Ok(outcome), _) => Ok(counts.committed(outcome)),
        (Err(_), Some(first)) if !leave_out_bad_rows => Err(ImportError::BadRows {
            first: first.clone(),
        }),
        (Err(e), _) => Err(e.into()),
    }
}

/// The reading side of [`commit`]: checks rows on this thread and screens them on one worker
/// per core, sending screened chunks to the store. Ends by telling the store the file was read
/// to the end, or that it must roll back.
fn read_and_screen(
    source: Source,
    spec: Spec,
    leave_out_bad_rows: bool,
    (store, rt): (Store, tokio::runtime::Handle),
    out: tokio::sync::mpsc::Sender<ImportChunk>,
) -> Result<Counts, FileProblem> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<Vec<NewFeedback>>(workers * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let screeners: Vec<_> = (0..workers)
        .map(|_| {
            let rx = work_rx.clone();
            let out = out.clone();
            let (store, rt) = (store.clone(), rt.clone());
            std::thread::spawn(move || loop {
                let next = rx.lock().map(|r| r.recv());
                let Ok(Ok(items)) = next else { break };
                let (items, held) = without_held(&store, &rt, items);
                if held > 0 && out.blocking_send(ImportChunk::Held(held)).is_err() {
                    break;
                }
                let items: Vec<NewFeedback> =
                    items.into_iter().map(crate::capture::screened).collect();
                if !items.is_empty() && out.blocking_send(ImportChunk::Rows(items)).is_err() {
                    break;
                }
            })
        })
        .collect();
    // Only the workers hold the receiver now, so if they all stop, sending fails, not blocks.
    drop(work_rx);
    let mut counts = Counts::default();
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut failed = false;
    let scanned = scan(&source, &spec, |event| {
        counts.rows_read += 1;
        match event {
            Event::Good(_, Parsed::Feedback(f)) => {
                chunk.push(*f);
                if chunk.len() >= CHUNK {
                    return work_tx.send(std::mem::take(&mut chunk)).is_ok();
                }
            }
            Event::Good(_, Parsed::Cqc(_)) | Event::Nothing => counts.nothing += 1,
            Event::Bad(problems) => {
                counts.bad(problems);
                if !leave_out_bad_rows {
                    failed = true;
                    return false;
                }
            }
        }
        true
    });
    if !chunk.is_empty() && !failed && scanned.is_ok() {
        let _ = work_tx.send(chunk);
    }
    drop(work_tx);
    for s in screeners {
        let _ = s.join();
    }
    let end = match (&scanned, failed) {
        (Err(p), _) => ImportChunk::Failed(p.to_string()),
        (Ok(_), true) => ImportChunk::Failed("a row has problems".into()),
        (Ok(_), false) => ImportChunk::End {
            rows_read: counts.rows_read as i64,
            skipped: counts.left_out as i64,
        },
    };
    let _ = out.blocking_send(end);
    scanned.map(|_| counts)
}

/// Leaves out the rows the store held before this import began, and says how many: they need
/// no screening or sealing, which is most of the work of importing a file again. Rows repeated
/// within the file are still caught by the store's unique client id. If the lookup fails,
/// every row goes on (the store skips the held ones anyway, only more slowly).
fn without_held(
    store: &Store,
    rt: &tokio::runtime::Handle,
    items: Vec<NewFeedback>,
) -> (Vec<NewFeedback>, i64) {
    let ids: Vec<String> = items.iter().filter_map(|f| f.client_id.clone()).collect();
    let held: std::collections::HashSet<String> = match rt.block_on(store.existing_client_ids(&ids))
    {
        Ok(found) if !found.is_empty() => found.into_iter().collect(),
        _ => return (items, 0),
    };
    let before = items.len();
    let kept: Vec<NewFeedback> = items
        .into_iter()
        .filter(|f| f.client_id.as_ref().is_none_or(|c| !held.contains(c)))
        .collect();
    let left_out = (before - kept.len()) as i64;
    (kept, left_out)
}

async fn commit_results(
    store: &Store,
    source: Source,
    spec: Spec,
    leave_out_bad_rows: bool,
    batch: NewImportBatch,
    actor: &Actor,
) -> Result<Committed, ImportError> {
    let reading = tokio::task::spawn_blocking(move || {
        let mut rows: Vec<NewCqcResult> = Vec::new();
        let mut counts = Counts::default();
        let scanned = scan(&source, &spec, |event| {
            counts.rows_read += 1;
            match event {
                Event::Good(_, Parsed::Cqc(r)) => rows.push(*r),
                Event::Good(..) | Event::Nothing => counts.nothing += 1,
                Event::Bad(problems) => {
                    counts.bad(problems);
                    return leave_out_bad_rows;
                }
            }
            true
        });
        scanned.map(|_| (rows, counts))
    });
    let (rows, counts) = reading
        .await
        .map_err(|e| StoreError::Other(format!("import reader failed: {e}")))??;
    if let (Some(first), false) = (counts.problems.first(), leave_out_bad_rows) {
        return Err(ImportError::BadRows {
            first: first.clone(),
        });
    }
    let batch = NewImportBatch {
        rows_read: counts.rows_read as i64,
        skipped: counts.left_out as i64,
        ..batch
    };
    let outcome = store.import_cqc_results(&batch, &rows, actor).await?;
    Ok(counts.committed(outcome))
}
