//! Opening an uploaded file as a table of text cells: CSV (UTF-8, or Windows-1252 when the
//! lead says that is how it was saved) read as a stream, or a spreadsheet (XLSX, XLS, ODS)
//! read whole. Problems with the file as a whole are told apart from problems with a row.

use calamine::{Data, Range, Reader};
use std::io::{BufRead, BufReader, Read};

/// How the text of a CSV file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    Utf8,
    /// What Excel's plain "CSV (Comma delimited)" writes on English Windows.
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    pub fn parse(raw: &str) -> Result<Encoding, String> {
        match raw.trim().to_lowercase().as_str() {
            "" | "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "windows-1252" | "cp1252" | "ansi" | "latin1" => Ok(Encoding::Windows1252),
            other => Err(format!(
                "unknown encoding {other:?}: use utf-8 or windows-1252"
            )),
        }
    }
}

/// What is wrong with a file as a whole; nothing in it can be imported until it is fixed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("The file is empty.")]
    Empty,
    #[error("The file has a header row but no rows of data.")]
    NoRows,
    #[error("The file is saved as UTF-16 (\"Unicode text\"). Save it again as \"CSV UTF-8 (Comma delimited)\" and upload that file.")]
    Utf16,
    #[error("Line {line}, column {column}: the file is not saved as UTF-8 text{}. In Excel choose File, Save As, \"CSV UTF-8 (Comma delimited)\" and upload the new file. If it was saved as Excel's plain \"CSV\" (Windows-1252), you can instead choose that encoding and try again.", if *.looks_like_windows_1252 { ", and looks like Windows-1252 (what Excel saves as plain \"CSV\")" } else { "" })]
    NotUtf8 {
        line: u64,
        column: String,
        looks_like_windows_1252: bool,
    },
    #[error("The file could not be read as a spreadsheet: {0}. Save it as XLSX or as \"CSV UTF-8\" and try again.")]
    NotASpreadsheet(String),
    #[error("Line {line}: the file could not be read ({message}).")]
    Unreadable { line: u64, message: String },
    #[error("The file has no column for {}. The columns in the file are: {}.", .missing.join("; "), .found.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(", "))]
    MissingColumns {
        missing: Vec<String>,
        found: Vec<String>,
    },
}

/// How a cell came to hold its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Value,
    /// A spreadsheet formula (its last calculated value is the text).
    Formula,
    /// A spreadsheet error value such as `#N/A`.
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub kind: CellKind,
}

/// One row of data: its line in the file (the spreadsheet row number for spreadsheets) and
/// its cells in column order.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, col: usize) -> Option<&Cell> {
        self.cells.get(col)
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.trim().is_empty())
    }
}

enum Rows {
    Csv {
        reader: csv::Reader<Box<dyn Read + Send>>,
        encoding: Encoding,
        record: csv::ByteRecord,
    },
    Sheet(std::vec::IntoIter<Row>),
}

/// A file opened for reading: its header row, then its data rows one at a time.
pub struct Table {
    pub headers: Vec<String>,
    /// The sheet read, for spreadsheets ("Sheet1", and how many sheets there were).
    pub sheet: Option<(String, usize)>,
    rows: Rows,
    header_line: u64,
    started: bool,
}

const SPREADSHEET_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Opens `input` as CSV or as a spreadsheet, by its name and its first bytes.
pub fn open(
    input: Box<dyn Read + Send>,
    file_name: &str,
    encoding: Encoding,
) -> Result<Table, FileProblem> {
    let mut input = BufReader::with_capacity(256 * 1024, input);
    let head = input
        .fill_buf()
        .map_err(|e| FileProblem::Unreadable {
            line: 1,
            message: e.to_string(),
        })?
        .to_vec();
    if head.is_empty() {
        return Err(FileProblem::Empty);
    }
    let ext = file_name.rsplit('.').next().unwrap_or("").to_lowercase();
    let zip_or_ole = head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) || zip_or_ole {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| FileProblem::NotASpreadsheet(e.to_string()))?;
        return open_sheet(bytes);
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(FileProblem::Utf16);
    }
    let reader: Box<dyn Read + Send> = Box::new(CrlfToLf::new(input));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    // The header row is the first row with anything in it.
    loop {
        if !reader.read_byte_record(&mut record).map_err(csv_problem)? {
            return Err(FileProblem::Empty);
        }
        if record.iter().any(|f| !f.trim_ascii().is_empty()) {
            break;
        }
    }
    let header_line = record.position().map_or(1, |p| p.line());
    let headers = record
        .iter()
        .enumerate()
        .map(|(i, f)| {
            decode(f, encoding, header_line, &format!("header {}", i + 1))
                .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Table {
        headers,
        sheet: None,
        rows: Rows::Csv {
            reader,
            encoding,
            record,
        },
        header_line,
        started: false,
    })
}

/// Turns Windows line endings into `\n` as the bytes stream past. The CSV reader counts lines
/// by `\n` but ends a record at `\r`, so with `\r\n` every line number it reports after the
/// header would be one short; reports must name the line the lead sees in their editor.
struct CrlfToLf<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
}

impl<R: Read> CrlfToLf<R> {
    fn new(inner: R) -> Self {
        CrlfToLf {
            inner,
            buf: vec![0; 64 * 1024],
            pos: 0,
            len: 0,
            eof: false,
        }
    }
}

impl<R: Read> Read for CrlfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        // Keep at least two bytes in hand (unless the input has ended), so a `\r` is always
        // seen together with the byte after it.
        if self.len - self.pos < 2 && !self.eof {
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.pos = 0;
            while self.len < 2 && !self.eof {
                let n = self.inner.read(&mut self.buf[self.len..])?;
                if n == 0 {
                    self.eof = true;
                } else {
                    self.len += n;
                }
            }
        }
        let mut n = 0;
        while n < out.len() && self.pos < self.len {
            let b = self.buf[self.pos];
            if b == b'\r' && self.pos + 1 == self.len && !self.eof {
                break; // the next byte decides; read it next time
            }
            self.pos += 1;
            if b == b'\r' && self.buf.get(self.pos) == Some(&b'\n') && self.pos < self.len {
                continue;
            }
            out[n] = b;
            n += 1;
        }
        Ok(n)
    }
}

fn csv_problem(e: csv::Error) -> FileProblem {
    FileProblem::Unreadable {
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    }
}

/// Decodes one CSV field; a field that is not valid UTF-8 stops the read with a message that
/// says how to re-save the file.
fn decode(
    bytes: &[u8],
    encoding: Encoding,
    line: u64,
    column: &str,
) -> Result<String, FileProblem> {
    match encoding {
        Encoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => Err(FileProblem::NotUtf8 {
                line,
                column: column.to_string(),
                looks_like_windows_1252: looks_like_windows_1252(bytes),
            }),
        },
        Encoding::Windows1252 => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(text.into_owned())
        }
    }
}

/// Text that is not UTF-8 but reads as ordinary Windows-1252: no bytes that are unassigned
/// there, and no control characters once decoded.
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let unassigned = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
    if bytes.iter().any(|b| unassigned.contains(b)) {
        return false;
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn open_sheet(bytes: Vec<u8>) -> Result<Table, FileProblem> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| FileProblem::NotASpreadsheet(e.to_string()))?;
    let names = book.sheet_names();
    let first = names.first().cloned().ok_or(FileProblem::Empty)?;
    let range = book
        .worksheet_range(&first)
        .map_err(|e| FileProblem::NotASpreadsheet(e.to_string()))?;
    // Formulas are read separately: a spreadsheet keeps both the formula and its last value.
    let formulas = book.worksheet_formula(&first).ok();
    let (start_row, start_col) = range.start().ok_or(FileProblem::Empty)?;
    let mut rows: Vec<Row> = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let abs_row = start_row + i as u32;
        let cells: Vec<Cell> = cells
            .iter()
            .enumerate()
            .map(|(j, d)| sheet_cell(d, formulas.as_ref(), (abs_row, start_col + j as u32)))
            .collect();
        // Columns before the used range are empty.
        let mut padded = vec![
            Cell {
                text: String::new(),
                kind: CellKind::Value
            };
            start_col as usize
        ];
        padded.extend(cells);
        rows.push(Row {
            line: u64::from(abs_row) + 1,
            cells: padded,
        });
    }
    let mut rows = rows.into_iter().skip_while(Row::is_blank);
    let header = rows.next().ok_or(FileProblem::Empty)?;
    Ok(Table {
        headers: header
            .cells
            .iter()
            .map(|c| c.text.trim().to_string())
            .collect(),
        sheet: Some((first, names.len())),
        header_line: header.line,
        rows: Rows::Sheet(rows.collect::<Vec<_>>().into_iter()),
        started: false,
    })
}

fn sheet_cell(d: &Data, formulas: Option<&Range<String>>, at: (u32, u32)) -> Cell {
    let is_formula = formulas
        .and_then(|f| f.get_value(at))
        .is_some_and(|f| !f.is_empty());
    let (text, error) = match d {
        Data::String(s) => (s.clone(), false),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (format!("{}", *f as i64), false),
        Data::Float(f) => (f.to_string(), false),
        Data::Int(i) => (i.to_string(), false),
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }.to_string(), false),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            (format!("{y:04}-{m:02}-{d:02}"), false)
        }
        Data::DateTime(dt) => (dt.as_f64().to_string(), false),
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), false),
        Data::Error(e) => (format!("#{e}"), true),
        Data::Empty => (String::new(), false),
    };
    let kind = if error {
        CellKind::Error
    } else if is_formula {
        CellKind::Formula
    } else {
        CellKind::Value
    };
    Cell { text, kind }
}

impl Table {
    /// The next row with anything in it, or a problem that stops the read.
    pub fn next_row(&mut self) -> Option<Result<Row, FileProblem>> {
        loop {
            let row = match &mut self.rows {
                Rows::Sheet(rows) => rows.next()?,
                Rows::Csv {
                    reader,
                    encoding,
                    record,
                } => {
                    match reader.read_byte_record(record) {
                        Ok(false) => return None,
                        Ok(true) => {}
                        Err(e) => return Some(Err(csv_problem(e))),
                    }
                    let line = record.position().map_or(0, |p| p.line());
                    let mut cells = Vec::with_capacity(record.len());
                    for (i, field) in record.iter().enumerate() {
                        let column = self
                            .headers
                            .get(i)
                            .map(|h| format!("{h:?}"))
                            .unwrap_or_else(|| format!("{}", i + 1));
                        match decode(field, *encoding, line, &column) {
                            Ok(text) => cells.push(Cell {
                                text,
                                kind: CellKind::Value,
                            }),
                            Err(p) => return Some(Err(p)),
                        }
                    }
                    Row { line, cells }
                }
            };
            if !row.is_blank() {
                self.started = true;
                return Some(Ok(row));
            }
        }
    }

    /// How a column is named in messages: its header, and its letter in a spreadsheet.
    pub fn column_name(&self, col: usize) -> String {
        let header = self.headers.get(col).map(String::as_str).unwrap_or("");
        match (&self.sheet, header.is_empty()) {
            (Some(_), false) => format!("{header:?} ({})", column_letter(col)),
            (Some(_), true) => column_letter(col),
            (None, false) => format!("{header:?}"),
            (None, true) => format!("column {}", col + 1),
        }
    }

    pub fn header_line(&self) -> u64 {
        self.header_line
    }
}

/// 0 → "A", 25 → "Z", 26 → "AA".
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(bytes: &[u8]) -> Vec<(u64, String)> {
        let mut t = open(
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            "x.csv",
            Encoding::Utf8,
        )
        .unwrap();
        let mut out = Vec::new();
        while let Some(row) = t.next_row() {
            let row = row.unwrap();
            out.push((row.line, row.cells[0].text.clone()));
        }
        out
    }

    #[test]
    fn line_numbers_are_the_editor_s_whatever_the_line_endings() {
        let want = vec![
            (2, "a".to_string()),
            (3, "b\nc".to_string()),
            (5, "d".to_string()),
        ];
        assert_eq!(lines_of(b"h\na\n\"b\nc\"\nd\n"), want);
        assert_eq!(lines_of(b"h\r\na\r\n\"b\r\nc\"\r\nd\r\n"), want);
        // A byte at a time: a `\r\n` split across reads is still one line end.
        let mut r = CrlfToLf::new(std::io::Cursor::new(b"x\r\ny\rz\r".to_vec()));
        let mut got = Vec::new();
        let mut one = [0u8; 1];
        while r.read(&mut one).unwrap() == 1 {
            got.push(one[0]);
        }
        assert_eq!(got, b"x\ny\rz\r");
    }

    #[test]
    fn whole_file_problems() {
        let open_bytes = |b: &[u8]| {
            open(
                Box::new(std::io::Cursor::new(b.to_vec())),
                "x.csv",
                Encoding::Utf8,
            )
            .err()
        };
        assert_eq!(open_bytes(b""), Some(FileProblem::Empty));
        assert_eq!(open_bytes(b"\xff\xfeD\x00"), Some(FileProblem::Utf16));
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }
}
