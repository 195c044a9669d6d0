//! `mnvp voices import-reference`: load the ONS Postcode Directory, File 7 of the English
//! Indices of Deprivation, or births in the maternity statistics layout from a file, all or
//! nothing, printing every bad row with its line, column and reason.

use super::open_store;
use crate::config::Resolved;
use anyhow::anyhow;
use clap::{Args, Subcommand};
use mnvp_domain::voices::reference::Kind;
use mnvp_store::voices::import::{ImportReport, ImportRequest, Source};
use mnvp_store::Actor;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum VoicesCommand {
    /// Import a reference file unchanged (large files are streamed).
    ImportReference(ImportOpts),
}

#[derive(Args, Debug)]
pub struct ImportOpts {
    /// postcodes (ONS Postcode Directory), imd (IoD File 7, 2025 or 2019) or births.
    #[arg(long)]
    pub kind: String,
    /// The CSV file as published.
    pub file: PathBuf,
}

/// The report in words, as the web page shows it.
pub fn describe(r: &ImportReport) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(h) = &r.header_error {
        lines.push(format!("Nothing was imported: {h}"));
        return lines;
    }
    if !r.committed {
        lines.push(format!(
            "Nothing was imported: {} row(s) have problems. Correct them and import the whole file again.",
            r.error_count()
        ));
        for e in &r.errors {
            let column = if e.column.is_empty() {
                String::new()
            } else {
                format!(", column \"{}\"", e.column)
            };
            lines.push(format!("  line {}{column}: {}", e.line, e.reason));
        }
        if r.more_errors > 0 {
            lines.push(format!("  … and {} more", r.more_errors));
        }
        return lines;
    }
    lines.push(format!(
        "Imported {} row(s) from {}{}.",
        r.imported,
        r.file_name,
        if r.detail.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.detail)
        }
    ));
    if r.skipped > 0 {
        lines.push(format!(
            "Skipped {} row(s) for other organisations, other measures or values recorded as missing.",
            r.skipped
        ));
    }
    if !r.unknown_orgs.is_empty() {
        lines.push(format!(
            "Organisations in the file that are not in MNVP Hub (set a trust's ODS code under Organisations to include it): {}.",
            r.unknown_orgs.join(", ")
        ));
    }
    if r.suppressed > 0 {
        lines.push(format!(
            "{} value(s) were suppressed by the publisher (*) and count as 0.",
            r.suppressed
        ));
    }
    lines
}

pub async fn run(cmd: VoicesCommand, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    match cmd {
        VoicesCommand::ImportReference(o) => {
            let kind = Kind::parse(&o.kind).map_err(|e| anyhow!(e.0))?;
            if !o.file.is_file() {
                anyhow::bail!("{} is not a file", o.file.display());
            }
            let store = open_store(cfg).await?;
            let req = ImportRequest {
                kind,
                file_name: o
                    .file
                    .file_name()
                    .map(|f| f.to_string_lossy().to_string())
                    .unwrap_or_default(),
                allowed_orgs: None,
            };
            let report = store
                .import_reference(
                    Source::Path(o.file.clone()),
                    &req,
                    &Actor::cli("voices import-reference"),
                )
                .await;
            store.close().await;
            let report = report?;
            let lines = describe(&report);
            if report.committed {
                lines.iter().for_each(|l| println!("{l}"));
                Ok(ExitCode::SUCCESS)
            } else {
                lines.iter().for_each(|l| eprintln!("{l}"));
                Ok(ExitCode::from(1))
            }
        }
    }
}
