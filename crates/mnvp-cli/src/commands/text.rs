//! `mnvp text train | eval | classify`: the theme and sentiment engine on CSV files in the
//! layout of the NHS England FFT QDC data (text column `FFT answer`, one-hot theme columns,
//! `Comment sentiment`). No database is touched.

use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use mnvp_text::themes::{
    classify_csv, cross_validate, eval_report_text, read_qdc_csv, Params, ThemeModel,
};
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum TextCommand {
    /// Train a theme and sentiment model from a labelled CSV and save it to a folder.
    Train(TrainOpts),
    /// Cross-validate on a labelled CSV and print per-theme and macro/micro F1.
    Eval(EvalOpts),
    /// Classify every comment of a CSV with a saved model.
    Classify(ClassifyOpts),
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Framework {
    /// The NHS England Friends and Family Test QDC framework.
    Qdc,
}

#[derive(Args, Debug)]
pub struct TrainOpts {
    #[arg(long, value_enum)]
    pub framework: Framework,
    #[arg(long)]
    pub data: PathBuf,
    #[arg(long)]
    pub model_out: PathBuf,
}

#[derive(Args, Debug)]
pub struct EvalOpts {
    #[arg(long, value_enum)]
    pub framework: Framework,
    #[arg(long)]
    pub data: PathBuf,
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

#[derive(Args, Debug)]
pub struct ClassifyOpts {
    #[arg(long)]
    pub model: PathBuf,
    #[arg(long)]
    pub input: PathBuf,
    #[arg(long)]
    pub output: PathBuf,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub threads: Option<usize>,
}

fn open(path: &Path) -> anyhow::Result<BufReader<File>> {
    Ok(BufReader::new(File::open(path).with_context(|| {
        format!("could not open {}", path.display())
    })?))
}

fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

pub fn run(cmd: TextCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TextCommand::Train(o) => {
            let Framework::Qdc = o.framework;
            let set = read_qdc_csv(open(&o.data)?)
                .with_context(|| format!("could not read {}", o.data.display()))?;
            let params = Params {
                threads: cores(),
                ..Params::default()
            };
            let model = ThemeModel::train(&set, &params).context("could not train a model")?;
            // Save to a new folder first, then swap, so a failure never leaves a half-written model.
            let tmp = o.model_out.with_extension("partial");
            let _ = std::fs::remove_dir_all(&tmp);
            model.save(&tmp).context("could not save the model")?;
            if o.model_out.exists() {
                std::fs::remove_dir_all(&o.model_out)
                    .with_context(|| format!("could not replace {}", o.model_out.display()))?;
            }
            std::fs::rename(&tmp, &o.model_out)?;
            println!(
                "Trained on {} comments; model saved to {}",
                set.len(),
                o.model_out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        TextCommand::Eval(o) => {
            let Framework::Qdc = o.framework;
            let set = read_qdc_csv(open(&o.data)?)
                .with_context(|| format!("could not read {}", o.data.display()))?;
            if o.folds < 2 {
                bail!("--folds must be at least 2");
            }
            let report =
                cross_validate(&set, o.folds, o.seed).context("could not cross-validate")?;
            print!("{}", eval_report_text(&report));
            Ok(ExitCode::SUCCESS)
        }
        TextCommand::Classify(o) => {
            let model = ThemeModel::load(&o.model)
                .with_context(|| format!("could not load the model in {}", o.model.display()))?;
            let out = File::create(&o.output)
                .with_context(|| format!("could not create {}", o.output.display()))?;
            let summary = classify_csv(
                &model,
                open(&o.input)?,
                BufWriter::new(out),
                o.threads.unwrap_or_else(cores).max(1),
            )
            .with_context(|| format!("could not classify {}", o.input.display()))?;
            eprintln!("Classified: {summary:?}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
