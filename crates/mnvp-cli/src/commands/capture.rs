//! `mnvp capture import`: the same dry run and import as the lead's import pages, for files
//! too large to upload (a year of FFT responses) or for scheduled loads.

use super::open_store;
use crate::config::Resolved;
use anyhow::{anyhow, Context};
use clap::{Args, Subcommand};
use mnvp_store::Actor;
use mnvp_web::capture::import::{self, Committed, Encoding, ImportError, Report, Source, Spec};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Subcommand, Debug)]
pub enum CaptureCommand {
    /// Import FFT responses, CQC Maternity Survey comments or results, or any CSV/XLSX through
    /// a saved column mapping. Prints every row with a problem by line, column and reason.
    Import(ImportOpts),
}

#[derive(Args, Debug)]
pub struct ImportOpts {
    /// The MNVP the feedback is for, by its slug.
    #[arg(long)]
    pub mnvp: String,
    /// fft, cqc (survey comments), cqc_results (trust scores) or mapped.
    #[arg(long, value_parser = ["fft", "cqc", "cqc_results", "mapped"])]
    pub kind: String,
    /// The saved column mapping to read the file with (for --kind mapped).
    #[arg(long, required_if_eq("kind", "mapped"))]
    pub mapping: Option<String>,
    /// A CSV, XLSX, XLS or ODS file.
    #[arg(long)]
    pub file: PathBuf,
    /// Check the file and report, storing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and leave out rows with problems (otherwise one bad row stops the
    /// import and nothing is stored).
    #[arg(long)]
    pub leave_out_bad_rows: bool,
    /// The CSV's text encoding: utf-8 (the default; a byte-order mark is fine) or windows-1252
    /// (Excel's plain "CSV").
    #[arg(long, default_value = "utf-8")]
    pub encoding: String,
}

pub async fn run(cmd: CaptureCommand, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    match cmd {
        CaptureCommand::Import(o) => {
            let store = open_store(cfg).await?;
            let result = import_file(&store, o).await;
            store.close().await;
            result
        }
    }
}

async fn import_file(store: &mnvp_store::Store, o: ImportOpts) -> anyhow::Result<ExitCode> {
    let mnvp = store
        .org_by_slug(&o.mnvp)
        .await
        .map_err(|_| anyhow!("no MNVP has the slug '{}'", o.mnvp))?;
    let mapping = match &o.mapping {
        Some(name) => Some(store.mapping_by_name(mnvp.id, name).await.map_err(|_| {
            anyhow!(
                "{} has no saved mapping called '{name}' (mappings are saved on the Import feedback page)",
                mnvp.name
            )
        })?),
        None => None,
    };
    let kind = import::kind(
        &o.kind,
        mapping
            .as_ref()
            .map(|m| (m.name.as_str(), m.columns.as_str())),
    )
    .map_err(|e| anyhow!(e))?;
    let encoding = Encoding::parse(&o.encoding).map_err(|e| anyhow!("--encoding: {e}"))?;
    if !o.file.is_file() {
        anyhow::bail!("{} is not a file", o.file.display());
    }
    let file_name = o
        .file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let spec = Spec {
        kind,
        target: import::target(store, mnvp.id).await?,
        encoding,
        file_name,
        today: import::today(),
    };
    let started = Instant::now();
    if o.dry_run {
        let report = import::dry_run(store, Source::File(o.file.clone()), spec).await?;
        print!("{}", report_text(&report, &mnvp.name));
        println!("Dry run: nothing was imported.");
        let ok = report.file_problem.is_none() && report.bad_rows == 0;
        return Ok(if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let sha = file_sha256(&o.file)?;
    let actor = Actor::cli("capture import");
    match import::commit(
        store,
        Source::File(o.file.clone()),
        spec,
        o.leave_out_bad_rows,
        &sha,
        &actor,
    )
    .await
    {
        Ok(c) => {
            print!("{}", committed_text(&c, &mnvp.name));
            let secs = started.elapsed().as_secs_f64();
            println!(
                "Took {secs:.1} s ({:.0} rows a second).",
                c.rows_read as f64 / secs.max(1e-9)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Store(e)) => Err(e.into()),
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::from(1))
        }
    }
}

fn file_sha256(path: &std::path::Path) -> anyhow::Result<String> {
    use sha2::{Digest, Sha256};
    let mut f =
        std::fs::File::open(path).with_context(|| format!("could not open {}", path.display()))?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

/// 1234567 → "1,234,567".
fn n(v: u64) -> String {
    let digits: Vec<char> = v.to_string().chars().rev().collect();
    let groups: Vec<String> = digits
        .chunks(3)
        .map(|c| c.iter().rev().collect())
        .rev()
        .collect();
    groups.join(",")
}

/// The dry-run report as printed: figures, then every problem by line, column and reason.
pub fn report_text(r: &Report, mnvp: &str) -> String {
    let mut out = format!("{} ({}) for {mnvp}\n", r.file_name, r.kind);
    if let Some(sheet) = &r.sheet {
        out.push_str(&format!("Sheet: {sheet}\n"));
    }
    if let Some(p) = &r.file_problem {
        out.push_str(&format!("The file cannot be imported. {p}\n"));
        return out;
    }
    out.push_str(&format!(
        "Rows read:                 {:>10}\n",
        n(r.rows_read)
    ));
    out.push_str(&format!(
        "  would be imported:       {:>10}\n",
        n(r.new_rows())
    ));
    out.push_str(&format!(
        "  already imported before: {:>10}\n",
        n(r.already_present)
    ));
    out.push_str(&format!(
        "  with nothing to import:  {:>10}\n",
        n(r.nothing_to_import)
    ));
    out.push_str(&format!(
        "  with problems:           {:>10}\n",
        n(r.bad_rows)
    ));
    if !r.problems.is_empty() {
        out.push_str("Problems (line, column: reason):\n");
        for p in &r.problems {
            out.push_str(&format!("  line {}, {}: {}\n", p.line, p.column, p.reason));
        }
        if r.problems_total > r.problems.len() as u64 {
            out.push_str(&format!(
                "  … and {} more problems\n",
                n(r.problems_total - r.problems.len() as u64)
            ));
        }
    }
    out
}

fn committed_text(c: &Committed, mnvp: &str) -> String {
    let mut out = format!(
        "Imported {} new items into {mnvp} (import {}).\n",
        n(c.outcome.imported as u64),
        c.outcome.batch_id
    );
    out.push_str(&format!(
        "Rows read: {}; already imported before: {}; with nothing to import: {}; left out with problems: {}.\n",
        n(c.rows_read),
        n(c.outcome.already_present as u64),
        n(c.nothing_to_import),
        n(c.left_out)
    ));
    for p in &c.problems {
        out.push_str(&format!(
            "  left out: line {}, {}: {}\n",
            p.line, p.column, p.reason
        ));
    }
    out
}
