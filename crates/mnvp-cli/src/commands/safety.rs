//! `mnvp safety scan`: flag disclosures that need action and redact personal details in a CSV,
//! row by row, without touching any database.

use anyhow::Context;
use clap::{Args, Subcommand};
use mnvp_text::safety::scan_csv;
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum SafetyCommand {
    /// Write, per row: the input's first column, flagged, categories and the redacted text.
    Scan(ScanOpts),
}

#[derive(Args, Debug)]
pub struct ScanOpts {
    /// CSV with a header row.
    #[arg(long)]
    pub input: PathBuf,
    /// The header of the column holding the free text.
    #[arg(long)]
    pub text_column: String,
    /// Where to write the results (CSV).
    #[arg(long)]
    pub output: PathBuf,
}

pub fn run(cmd: SafetyCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        SafetyCommand::Scan(o) => {
            let input = File::open(&o.input)
                .with_context(|| format!("could not open {}", o.input.display()))?;
            if o.output.exists() && same_file(&o.input, &o.output) {
                anyhow::bail!("--output must not be the input file");
            }
            let output = File::create(&o.output)
                .with_context(|| format!("could not create {}", o.output.display()))?;
            let mut writer = BufWriter::new(output);
            let summary = scan_csv(BufReader::new(input), &mut writer, &o.text_column)
                .with_context(|| format!("could not scan {}", o.input.display()))?;
            drop(writer);
            eprintln!(
                "Scanned {} rows: {} flagged for review, {} personal details redacted.",
                summary.rows, summary.flagged, summary.entities_redacted
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
