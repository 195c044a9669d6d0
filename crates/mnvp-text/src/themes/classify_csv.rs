//! Classifying a CSV of comments, streaming, on several threads.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::model::ThemeModel;
use super::qdc_csv::{csv_error, field, header_names, CsvError};
use super::tokenise::is_blank_answer;

/// What [`classify_csv`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassifySummary {
    /// Data rows written.
    pub rows: usize,
    /// Rows with no answer (written with no themes and an empty sentiment).
    pub blank: usize,
}

const BATCH: usize = 512;
const TEXT_COLUMNS: [&str; 5] = ["fft answer", "comment", "text", "feedback", "answer"];
const ID_COLUMNS: [&str; 3] = ["comment id", "id", "comment_id"];

type Row = (String, String);

fn classify_row(model: &ThemeModel, (id, text): &Row, names: &[String]) -> (Vec<String>, bool) {
    let n = names.len();
    if is_blank_answer(text) {
        let mut rec = vec![id.clone(), String::new(), String::new()];
        rec.extend(std::iter::repeat_n("0.0000".to_owned(), n));
        return (rec, true);
    }
    let s = model.scores(text);
    let mut applied: Vec<usize> = (0..n).filter(|&j| s.assigned[j]).collect();
    applied.sort_by(|&a, &b| s.confidences[b].total_cmp(&s.confidences[a]));
    let themes: Vec<&str> = applied.iter().map(|&j| names[j].as_str()).collect();
    let sentiment = if model.has_sentiment() {
        s.sentiment.to_string()
    } else {
        String::new()
    };
    let mut rec = Vec::with_capacity(n + 3);
    rec.push(id.clone());
    rec.push(themes.join(";"));
    rec.push(sentiment);
    rec.extend(s.confidences.iter().map(|c| format!("{c:.4}")));
    (rec, false)
}

/// Reads comments from a CSV (text from a column named `FFT answer`, `comment`, `text`,
/// `feedback` or `answer`; id from `Comment ID` or `id`, else the data row number), classifies
/// them on `threads` threads and writes, in input order, `Comment ID`, `themes` (applied theme
/// names joined by `;`, most confident first), `sentiment` (1–5; empty for a blank answer or a
/// model without sentiment) and one calibrated-confidence column per theme (codebook order).
pub fn classify_csv<R: Read, W: Write>(
    model: &ThemeModel,
    input: R,
    output: W,
    threads: usize,
) -> Result<ClassifySummary, CsvError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let names = header_names(rdr.byte_headers().map_err(csv_error)?)?;
    let find = |cands: &[&str]| {
        cands
            .iter()
            .find_map(|c| names.iter().position(|h| h.eq_ignore_ascii_case(c)))
    };
    let text_col =
        find(&TEXT_COLUMNS).ok_or_else(|| CsvError::MissingColumn("FFT answer".into()))?;
    let text_name = names[text_col].clone();
    let id_col = find(&ID_COLUMNS);
    let theme_names: Vec<String> = model.codebook().names().map(str::to_owned).collect();
    let mut wtr = csv::Writer::from_writer(output);
    let mut header = vec![
        "Comment ID".to_owned(),
        "themes".to_owned(),
        "sentiment".to_owned(),
    ];
    header.extend(theme_names.iter().cloned());
    wtr.write_record(&header).map_err(csv_error)?;

    let mut summary = ClassifySummary::default();
    let mut row_no = 0usize;
    let mut rec = csv::ByteRecord::new();
    let mut read_batch = |rdr: &mut csv::Reader<R>| -> Result<Vec<Row>, CsvError> {
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH && rdr.read_byte_record(&mut rec).map_err(csv_error)? {
            row_no += 1;
            let text = field(&rec, text_col, &text_name)?.to_owned();
            let id = match id_col {
                Some(c) => field(&rec, c, "Comment ID")?.to_owned(),
                None => row_no.to_string(),
            };
            batch.push((id, text));
        }
        Ok(batch)
    };
    let mut write =
        |wtr: &mut csv::Writer<W>, rows: Vec<(Vec<String>, bool)>| -> Result<(), CsvError> {
            for (r, blank) in rows {
                wtr.write_record(&r).map_err(csv_error)?;
                summary.rows += 1;
                summary.blank += usize::from(blank);
            }
            Ok(())
        };

    if threads <= 1 {
        loop {
            let batch = read_batch(&mut rdr)?;
            if batch.is_empty() {
                break;
            }
            let rows = batch
                .iter()
                .map(|r| classify_row(model, r, &theme_names))
                .collect();
            write(&mut wtr, rows)?;
        }
    } else {
        let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Vec<Row>)>(threads * 2);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (res_tx, res_rx) = mpsc::channel::<(usize, Vec<(Vec<String>, bool)>)>();
        let result = std::thread::scope(|s| -> Result<(), CsvError> {
            for _ in 0..threads {
                let job_rx = Arc::clone(&job_rx);
                let res_tx = res_tx.clone();
                let names = &theme_names;
                s.spawn(move || loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((seq, batch)) = job else { break };
                    let rows = batch
                        .iter()
                        .map(|r| classify_row(model, r, names))
                        .collect();
                    if res_tx.send((seq, rows)).is_err() {
                        break;
                    }
                });
            }
            drop(res_tx);
            let mut pending: BTreeMap<usize, Vec<(Vec<String>, bool)>> = BTreeMap::new();
            let (mut sent, mut next) = (0usize, 0usize);
            let mut flush =
                |pending: &mut BTreeMap<usize, _>, next: &mut usize, wtr: &mut csv::Writer<W>| {
                    while let Some(rows) = pending.remove(next) {
                        write(wtr, rows)?;
                        *next += 1;
                    }
                    Ok::<(), CsvError>(())
                };
            let mut outcome = loop {
                let batch = match read_batch(&mut rdr) {
                    Ok(b) => b,
                    Err(e) => break Err(e),
                };
                if batch.is_empty() {
                    break Ok(());
                }
                if job_tx.send((sent, batch)).is_err() {
                    break Err(CsvError::Io("a classification worker stopped".into()));
                }
                sent += 1;
                while let Ok((seq, rows)) = res_rx.try_recv() {
                    pending.insert(seq, rows);
                }
                if let Err(e) = flush(&mut pending, &mut next, &mut wtr) {
                    break Err(e);
                }
            };
            // Closing the job queue lets the workers finish and stop.
            drop(job_tx);
            while outcome.is_ok() && next < sent {
                match res_rx.recv() {
                    Ok((seq, rows)) => {
                        pending.insert(seq, rows);
                        outcome = flush(&mut pending, &mut next, &mut wtr);
                    }
                    Err(_) => outcome = Err(CsvError::Io("a classification worker stopped".into())),
                }
            }
            outcome
        });
        result?;
    }
    wtr.flush().map_err(|e| CsvError::Io(e.to_string()))?;
    Ok(summary)
}
