//! Importing reference files: all or nothing, every bad row reported with its line, column and
//! reason. Files are streamed: a thread reads and checks rows and hands them over in batches
//! while the rows are written inside one transaction; if any row is bad, the transaction is
//! dropped (rolled back) and only the report comes back.

use crate::{now_text, Actor, Store, StoreError};
use mnvp_domain::voices::reference::births::{self, BirthsRow, OrgRef, Parsed};
use mnvp_domain::voices::reference::deprivation::{self, AreaRow};
use mnvp_domain::voices::reference::postcodes::{self, PostcodeRow};
use mnvp_domain::voices::reference::{clean_headers, HeaderError, Kind, RowError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::PathBuf;

/// Where the file comes from: an upload held in memory, or a path (large files, the CLI).
#[derive(Debug, Clone)]
pub enum Source {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

/// Wraps a reader and notes where every line break is, so that a record's line can be told
/// from its byte offset whatever the line endings (the CSV reader's own count lags a line on
/// CRLF files, which the official files use).
struct Lines<R> {
    inner: R,
    offset: u64,
    breaks: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<u64>>>,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut breaks) = self.breaks.lock() {
            for (i, b) in buf[..n].iter().enumerate() {
                if *b == b'\n' {
                    breaks.push_back(self.offset + i as u64);
                }
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Line numbers from byte offsets, for offsets that only go forward.
struct LineBook {
    breaks: std::sync::Arc<std::sync::Mutex<std::collections::VecDeque<u64>>>,
    passed: u64,
}

impl LineBook {
    /// The 1-based line of the record starting at `byte` (a CRLF record may be reported as
    /// starting on the previous line's `\n`, which belongs to that line).
    fn line(&mut self, byte: u64) -> u64 {
        if let Ok(mut breaks) = self.breaks.lock() {
            while breaks.front().is_some_and(|b| *b < byte) {
                breaks.pop_front();
                self.passed += 1;
            }
            if breaks.front() == Some(&byte) {
                breaks.pop_front();
                self.passed += 1;
            }
        }
        self.passed + 1
    }
}

impl Source {
    fn open(&self) -> std::io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Source::Bytes(b) => Box::new(std::io::Cursor::new(b.clone())),
            Source::Path(p) => Box::new(std::io::BufReader::with_capacity(
                1 << 20,
                std::fs::File::open(p)?,
            )),
        })
    }
}

/// One bad row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

/// The most bad rows listed one by one; the rest are counted.
pub const MAX_LISTED_ERRORS: usize = 200;

/// What an import did (or would have done).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub kind: String,
    pub file_name: String,
    /// Rows written (0 unless committed).
    pub imported: u64,
    /// Rows read and checked.
    pub rows_read: u64,
    /// Rows left out on purpose: other organisations, other dimensions, "missing" measures.
    pub skipped: u64,
    /// Values the publisher had suppressed (`*`), stored as 0.
    pub suppressed: u64,
    pub header_error: Option<String>,
    pub errors: Vec<LineError>,
    pub more_errors: u64,
    /// Organisation codes in the file that are not organisations in MNVP Hub (or not yours).
    pub unknown_orgs: Vec<String>,
    /// The edition (IMD) or periods (births) imported.
    pub detail: String,
    pub committed: bool,
}

impl ImportReport {
    pub fn error_count(&self) -> u64 {
        self.errors.len() as u64 + self.more_errors
    }

    fn add_error(&mut self, line: u64, e: RowError) {
        if self.errors.len() < MAX_LISTED_ERRORS {
            self.errors.push(LineError {
                line,
                column: e.column,
                reason: e.reason,
            });
        } else {
            self.more_errors += 1;
        }
    }
}

/// What an import may touch.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    pub kind: Kind,
    pub file_name: String,
    /// Organisations whose births this person may import (`None`: any, for administrators).
    pub allowed_orgs: Option<Vec<i64>>,
}

/// Rows handed from the reading thread to the writer.
enum Batch {
    Postcodes(Vec<PostcodeRow>),
    /// Areas of one edition of the indices.
    Areas(&'static str, Vec<AreaRow>),
    Births(Vec<(i64, BirthsRow)>),
}

const BATCH: usize = 2_000;

/// Reads and checks every row, sending good ones in batches until the first bad one.
fn read_file(
    source: Source,
    kind: Kind,
    orgs: HashMap<OrgRef, i64>,
    allowed: Option<Vec<i64>>,
    out: tokio::sync::mpsc::Sender<Batch>,
) -> ImportReport {
    let mut report = ImportReport::default();
    let breaks = std::sync::Arc::new(std::sync::Mutex::new(std::collections::VecDeque::new()));
    let mut book = LineBook {
        breaks: breaks.clone(),
        passed: 0,
    };
    let reader = match source.open() {
        Ok(r) => Lines {
            inner: r,
            offset: 0,
            breaks,
        },
        Err(e) => {
            report.header_error = Some(format!("The file could not be read: {e}"));
            return report;
        }
    };
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let headers = match csv.headers() {
        Ok(h) if h.iter().any(|f| !f.trim().is_empty()) => clean_headers(h.iter()),
        Ok(_) => {
            report.header_error = Some("The file is empty.".into());
            return report;
        }
        Err(e) => {
            report.header_error = Some(csv_problem(&e));
            return report;
        }
    };
    let mut pending = Pending::default();
    let layout: Result<Layout, HeaderError> = match kind {
        Kind::Postcodes => postcodes::Layout::from_headers(&headers).map(Layout::Postcodes),
        Kind::Imd => deprivation::Layout::from_headers(&headers).map(|l| {
            report.detail = l.edition.as_str().to_string();
            pending.edition = l.edition.as_str();
            Layout::Imd(l)
        }),
        Kind::Births => births::Layout::from_headers(&headers).map(Layout::Births),
    };
    let layout = match layout {
        Ok(l) => l,
        Err(e) => {
            report.header_error = Some(e.0);
            return report;
        }
    };
    let mut unknown: std::collections::BTreeSet<String> = Default::default();
    let mut record = csv::StringRecord::new();
    loop {
        let start = csv.position().byte();
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                report.rows_read += 1;
                let line = book.line(e.position().map(|p| p.byte()).unwrap_or(start));
                report.add_error(line, RowError::new("", csv_problem(&e)));
                continue;
            }
        }
        let line = book.line(record.position().map(|p| p.byte()).unwrap_or(start));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        report.rows_read += 1;
        let get = |i: usize| record.get(i).unwrap_or("");
        let ok = report.errors.is_empty();
        match &layout {
            Layout::Postcodes(l) => match l.row(get) {
                Ok(row) if ok => pending.postcodes.push(row),
                Ok(_) => {}
                Err(e) => report.add_error(line, e),
            },
            Layout::Imd(l) => match l.row(get) {
                Ok(row) if ok => pending.areas.push(row),
                Ok(_) => {}
                Err(e) => report.add_error(line, e),
            },
            Layout::Births(l) => match l.row(&headers, get) {
                Ok(Parsed::Skip) => report.skipped += 1,
                Ok(Parsed::Row(row)) => {
                    let org = orgs
                        .get(&row.org)
                        .copied()
                        .filter(|id| allowed.as_ref().is_none_or(|a| a.contains(id)));
                    match org {
                        None => {
                            report.skipped += 1;
                            unknown.insert(match &row.org {
                                OrgRef::Provider(c) => format!("Provider {c}"),
                                OrgRef::Mnvp(c) => format!("MNVP {c}"),
                            });
                        }
                        Some(id) => {
                            if row.value.is_none() {
                                report.suppressed += 1;
                            }
                            if ok {
                                pending.births.push((id, row));
                            }
                        }
                    }
                }
                Err(e) => report.add_error(line, e),
            },
        }
        if report.errors.is_empty() && pending.len() >= BATCH && !pending.send(&out) {
            break;
        }
    }
    if report.errors.is_empty() {
        pending.send(&out);
    }
    report.unknown_orgs = unknown.into_iter().collect();
    report
}

enum Layout {
    Postcodes(postcodes::Layout),
    Imd(deprivation::Layout),
    Births(births::Layout),
}

#[derive(Default)]
struct Pending {
    edition: &'static str,
    postcodes: Vec<PostcodeRow>,
    areas: Vec<AreaRow>,
    births: Vec<(i64, BirthsRow)>,
}

impl Pending {
    fn len(&self) -> usize {
        self.postcodes.len() + self.areas.len() + self.births.len()
    }

    /// Hands the batch over; false if the writer has gone.
    fn send(&mut self, out: &tokio::sync::mpsc::Sender<Batch>) -> bool {
        let batch = if !self.postcodes.is_empty() {
            Batch::Postcodes(std::mem::take(&mut self.postcodes))
        } else if !self.areas.is_empty() {
            Batch::Areas(self.edition, std::mem::take(&mut self.areas))
        } else if !self.births.is_empty() {
            Batch::Births(std::mem::take(&mut self.births))
        } else {
            return true;
        };
        out.blocking_send(batch).is_ok()
    }
}

/// Words for a CSV-level problem (bad quoting, not UTF-8).
fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "This is not UTF-8 text: save the file as \"CSV UTF-8\" and try again".into()
        }
        csv::ErrorKind::Io(e) => format!("The file could not be read: {e}"),
        _ => format!("This row is not valid CSV: {e}"),
    }
}

/// `($1, $2, …), (…)` for `rows` rows of `cols` values.
fn values_list(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows per multi-row INSERT: well inside both engines' limits on bound values.
const ROWS_PER_INSERT: usize = 500;

/// A births key: organisation, period, dimension and group.
type BirthsKey = (i64, String, String, String, String);

/// Replaces, for each organisation, period and dimension in the file, the stored rows with the
/// file's (summed where two measures name one group).
macro_rules! write_births {
    ($tx:ident, $rows:expr) => {{
        let rows: &BTreeMap<BirthsKey, (i64, bool, String)> = $rows;
        let replaced: std::collections::BTreeSet<(i64, &str, &str, &str)> = rows
            .keys()
            .map(|(o, s, e, d, _)| (*o, s.as_str(), e.as_str(), d.as_str()))
            .collect();
        for (org, start, end, dim) in replaced {
            sqlx::query(
                "DELETE FROM voices_population WHERE org_id = $1 AND period_start = $2 AND period_end = $3 AND dimension = $4",
            )
            .bind(org)
            .bind(start)
            .bind(end)
            .bind(dim)
            .execute(&mut *$tx)
            .await?;
        }
        let all: Vec<_> = rows.iter().collect();
        for chunk in all.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO voices_population (org_id, period_start, period_end, dimension, grp, value, suppressed, count_of) VALUES {}",
                values_list(chunk.len(), 8)
            );
            let mut q = sqlx::query(&sql);
            for ((org, start, end, dim, grp), (value, suppressed, count_of)) in chunk {
                q = q
                    .bind(*org)
                    .bind(start)
                    .bind(end)
                    .bind(dim)
                    .bind(grp)
                    .bind(*value)
                    .bind(*suppressed)
                    .bind(count_of);
            }
            q.execute(&mut *$tx).await?;
        }
    }};
}

impl Store {
    /// Imports a reference file. Returns the report in every case where the file itself was at
    /// fault (bad header, bad rows: nothing is written); `Err` only when storage failed.
    pub async fn import_reference(
        &self,
        source: Source,
        req: &ImportRequest,
        actor: &Actor,
    ) -> Result<ImportReport, StoreError> {
        let orgs = self.org_refs().await?;
        let (tx_batches, mut batches) = tokio::sync::mpsc::channel::<Batch>(4);
        let kind = req.kind;
        let allowed = req.allowed_orgs.clone();
        let reader =
            tokio::task::spawn_blocking(move || read_file(source, kind, orgs, allowed, tx_batches));
        let mut imported = 0u64;
        let mut births: BTreeMap<BirthsKey, (i64, bool, String)> = BTreeMap::new();
        write_tx!(self, |tx| {
            while let Some(batch) = batches.recv().await {
                match batch {
                    Batch::Postcodes(rows) => {
                        for chunk in rows.chunks(ROWS_PER_INSERT) {
                            let sql = format!(
                                "INSERT INTO postcode_areas (postcode, district, lsoa21, lsoa11) VALUES {} \
                                 ON CONFLICT (postcode) DO UPDATE SET district = excluded.district, \
                                 lsoa21 = excluded.lsoa21, lsoa11 = excluded.lsoa11",
                                values_list(chunk.len(), 4)
                            );
                            let mut q = sqlx::query(&sql);
                            for r in chunk {
                                q = q
                                    .bind(&r.postcode)
                                    .bind(&r.district)
                                    .bind(&r.lsoa21)
                                    .bind(&r.lsoa11);
                            }
                            q.execute(&mut *tx).await?;
                            imported += chunk.len() as u64;
                        }
                    }
                    Batch::Areas(edition, rows) => {
                        for chunk in rows.chunks(ROWS_PER_INSERT) {
                            // A newer edition replaces an older one's decile, never the reverse.
                            let sql = format!(
                                "INSERT INTO area_deprivation (lsoa, imd_decile, edition, lsoa_name, local_authority) VALUES {} \
                                 ON CONFLICT (lsoa) DO UPDATE SET imd_decile = excluded.imd_decile, edition = excluded.edition, \
                                 lsoa_name = excluded.lsoa_name, local_authority = excluded.local_authority \
                                 WHERE area_deprivation.edition <= excluded.edition",
                                values_list(chunk.len(), 5)
                            );
                            let mut q = sqlx::query(&sql);
                            for r in chunk {
                                q = q
                                    .bind(&r.lsoa)
                                    .bind(r.imd_decile)
                                    .bind(edition)
                                    .bind(&r.name)
                                    .bind(&r.local_authority);
                            }
                            q.execute(&mut *tx).await?;
                            imported += chunk.len() as u64;
                        }
                    }
                    Batch::Births(rows) => {
                        for (org, r) in rows {
                            let key = (
                                org,
                                r.period_start,
                                r.period_end,
                                r.dimension.as_str().to_string(),
                                r.group,
                            );
                            let entry = births.entry(key).or_insert((0, false, r.count_of));
                            entry.0 += r.value.unwrap_or(0);
                            entry.1 |= r.value.is_none();
                        }
                    }
                }
            }
            let mut report = reader
                .await
                .map_err(|e| StoreError::Other(format!("reading the file failed: {e}")))?;
            report.kind = req.kind.as_str().into();
            report.file_name = req.file_name.clone();
            if report.header_error.is_some() || report.error_count() > 0 {
                // Dropping the transaction rolls back whatever was written.
                return Ok(report);
            }
            if req.kind == Kind::Births {
                imported = births.len() as u64;
                write_births!(tx, &births);
                let periods: std::collections::BTreeSet<String> = births
                    .keys()
                    .map(|(_, s, e, _, _)| format!("{s} to {e}"))
                    .collect();
                report.detail = periods.into_iter().collect::<Vec<_>>().join(", ");
            }
            report.imported = imported;
            report.committed = true;
            let now = now_text();
            sqlx::query(
                "INSERT INTO voices_reference_imports (kind, file_name, detail, rows_imported, rows_skipped, imported_at, imported_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(req.kind.as_str())
            .bind(&req.file_name)
            .bind(&report.detail)
            .bind(report.imported as i64)
            .bind(report.skipped as i64)
            .bind(&now)
            .bind(&actor.label)
            .execute(&mut *tx)
            .await?;
            audit_append!(
                tx,
                actor,
                "import",
                "reference_data",
                None,
                format!(
                    "{} from {}: {} rows{}",
                    req.kind.as_str(),
                    req.file_name,
                    report.imported,
                    if report.detail.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", report.detail)
                    }
                )
            );
            Ok(report)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of_bad_rows(text: &str) -> Vec<u64> {
        let (tx, mut rx) = tokio::sync::mpsc::channel(1000);
        let report = read_file(
            Source::Bytes(text.as_bytes().to_vec()),
            Kind::Postcodes,
            HashMap::new(),
            None,
            tx,
        );
        while rx.try_recv().is_ok() {}
        report.errors.iter().map(|e| e.line).collect()
    }

    #[test]
    fn bad_rows_are_reported_on_their_own_line_whatever_the_line_endings() {
        for eol in ["\n", "\r\n"] {
            let text = [
                "pcds,lsoa21",
                "RV1 1AA,E01999101",
                "bad,E01999101",
                "",
                "RV1 1AB,E01999101",
                "worse,E01",
            ]
            .join(eol);
            assert_eq!(lines_of_bad_rows(&text), [3, 6], "{eol:?}");
        }
        let quoted = "pcds,lsoa21\r\n\"RV1\r\n1AA\",E01999101\r\nbad,x\r\n";
        assert_eq!(
            lines_of_bad_rows(quoted),
            [4],
            "a quoted line break moves later rows down"
        );
    }
}
