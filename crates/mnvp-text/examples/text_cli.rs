//! What the `mnvp text …` commands do, as a stand-alone example (the CLI crate wires the same
//! calls):
//!
//!   text_cli train    --data FILE.csv --model-out DIR
//!   text_cli eval     --data FILE.csv --folds K
//!   text_cli classify --model DIR --input FILE.csv --output FILE.csv

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::process::ExitCode;

use mnvp_text::themes::{
    classify_csv, cross_validate, eval_report_text, read_qdc_csv, Params, ThemeModel,
};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("text_cli: {e}");
            ExitCode::FAILURE
        }
    }
}

fn arg(args: &[String], name: &str) -> Result<String, String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .ok_or_else(|| format!("{name} is required"))
}

fn open(path: &str) -> Result<BufReader<File>, String> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| format!("{path}: {e}"))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    match args.first().map(String::as_str) {
        Some("train") => {
            let set = read_qdc_csv(open(&arg(&args, "--data")?)?).map_err(|e| e.to_string())?;
            let params = Params {
                threads,
                ..Params::default()
            };
            let model = ThemeModel::train(&set, &params).map_err(|e| e.to_string())?;
            let dir = arg(&args, "--model-out")?;
            model.save(&dir).map_err(|e| e.to_string())?;
            println!(
                "trained on {} comments, {} themes; saved to {dir}",
                set.len(),
                set.codebook.len()
            );
        }
        Some("eval") => {
            let set = read_qdc_csv(open(&arg(&args, "--data")?)?).map_err(|e| e.to_string())?;
            let folds: usize = arg(&args, "--folds")?
                .parse()
                .map_err(|_| "--folds: a number".to_string())?;
            let report = cross_validate(&set, folds, 42).map_err(|e| e.to_string())?;
            print!("{}", eval_report_text(&report));
        }
        Some("classify") => {
            let model = ThemeModel::load(arg(&args, "--model")?).map_err(|e| e.to_string())?;
            let out_path = arg(&args, "--output")?;
            let out = File::create(&out_path).map_err(|e| format!("{out_path}: {e}"))?;
            let summary = classify_csv(
                &model,
                open(&arg(&args, "--input")?)?,
                BufWriter::new(out),
                threads,
            )
            .map_err(|e| e.to_string())?;
            println!(
                "{} comments classified ({} blank) into {out_path}",
                summary.rows, summary.blank
            );
        }
        _ => return Err("usage: text_cli train|eval|classify …".into()),
    }
    Ok(())
}
