//! `mnvp themes list | import | export | train`: codebooks and theme models in the database,
//! for leads who keep their codebook in a spreadsheet and for scheduled retraining.

use super::open_store;
use crate::config::Resolved;
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use mnvp_domain::themes::codebook_file::{self, FileFormat};
use mnvp_store::themes::Codebook;
use mnvp_store::{Actor, Store};
use mnvp_web::themes::{codebook_files::read_upload, engine, worker};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ThemesCommand {
    /// List the codebooks (of one MNVP, or all) with their model versions.
    List(ListOpts),
    /// Import a codebook from CSV or JSON (or the QDC framework from a QDC-layout CSV's header).
    Import(ImportOpts),
    /// Export a codebook as CSV or JSON (chosen by the file's extension).
    Export(ExportOpts),
    /// Build a new model version now from the items coded so far, and score every item.
    Train(CodebookOpts),
}

#[derive(Args, Debug)]
pub struct ListOpts {
    /// The MNVP's short name (slug); all MNVPs and the shared codebooks when left out.
    #[arg(long)]
    pub mnvp: Option<String>,
}

#[derive(Args, Debug)]
pub struct ImportOpts {
    /// The MNVP the codebook is for; leave out with --shared.
    #[arg(long, required_unless_present = "shared")]
    pub mnvp: Option<String>,
    /// Make it a shared codebook every MNVP can copy.
    #[arg(long, conflicts_with = "mnvp")]
    pub shared: bool,
    #[arg(long)]
    pub file: PathBuf,
    /// Name of the new codebook (default: the name in a JSON file, or the file's name).
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Args, Debug)]
pub struct CodebookOpts {
    /// The MNVP's short name (slug); leave out for a shared codebook.
    #[arg(long)]
    pub mnvp: Option<String>,
    /// The codebook's name.
    #[arg(long)]
    pub codebook: String,
}

#[derive(Args, Debug)]
pub struct ExportOpts {
    #[command(flatten)]
    pub which: CodebookOpts,
    /// Where to write: a .csv or .json file.
    #[arg(long)]
    pub output: PathBuf,
}

async fn mnvp_id(store: &Store, slug: Option<&str>) -> anyhow::Result<Option<i64>> {
    match slug {
        None => Ok(None),
        Some(s) => Ok(Some(
            store
                .org_by_slug(s)
                .await
                .with_context(|| format!("there is no MNVP with the short name {s:?}"))?
                .id,
        )),
    }
}

async fn find(store: &Store, which: &CodebookOpts) -> anyhow::Result<Codebook> {
    let mnvp = mnvp_id(store, which.mnvp.as_deref()).await?;
    let all = store
        .list_codebooks(mnvp.as_slice(), mnvp.is_none())
        .await?;
    all.into_iter()
        .find(|c| c.mnvp_id == mnvp && c.name == which.codebook)
        .with_context(|| {
            format!(
                "there is no codebook called {:?} {}",
                which.codebook,
                match &which.mnvp {
                    Some(m) => format!("for the MNVP {m:?}"),
                    None => "among the shared codebooks".into(),
                }
            )
        })
}

fn cli_actor() -> Actor {
    Actor::cli("themes")
}

pub async fn run(cmd: ThemesCommand, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    let store = open_store(cfg).await?;
    let result = match cmd {
        ThemesCommand::List(o) => list(&store, o).await,
        ThemesCommand::Import(o) => import(&store, o).await,
        ThemesCommand::Export(o) => export(&store, o).await,
        ThemesCommand::Train(o) => train(&store, o).await,
    };
    store.close().await;
    result
}

async fn list(store: &Store, o: ListOpts) -> anyhow::Result<ExitCode> {
    let mnvp = mnvp_id(store, o.mnvp.as_deref()).await?;
    let ids: Vec<i64> = match mnvp {
        Some(m) => vec![m],
        None => store
            .list_orgs_of_kind(mnvp_domain::organisation::OrgKind::Mnvp)
            .await?
            .iter()
            .map(|m| m.id)
            .collect(),
    };
    for c in store.list_codebooks(&ids, mnvp.is_none()).await? {
        let versions = store.model_versions(c.id).await?;
        let model = match versions.iter().find(|v| v.status == "ready") {
            Some(v) => format!(
                "model version {} ({}, {} items)",
                v.version, v.kind, v.trained_on
            ),
            None => "no model".into(),
        };
        println!(
            "{}\t{}\t{} themes\tversion {}\t{model}",
            c.mnvp_name.as_deref().unwrap_or("(shared)"),
            c.name,
            c.themes,
            c.version
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn import(store: &Store, o: ImportOpts) -> anyhow::Result<ExitCode> {
    let bytes =
        std::fs::read(&o.file).with_context(|| format!("could not read {}", o.file.display()))?;
    let file_name = o
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let default_name = o
        .file
        .file_stem()
        .and_then(|n| n.to_str())
        .unwrap_or("Imported codebook")
        .to_string();
    let name = o.name.clone().unwrap_or_default();
    let (mut spec, source) = match read_upload(file_name, &bytes, &name) {
        Ok(read) => read,
        Err(problems) => {
            for p in &problems {
                eprintln!("{}: {p}", o.file.display());
            }
            bail!(
                "{} problem(s) in {}; nothing was imported",
                problems.len(),
                o.file.display()
            );
        }
    };
    if o.name.is_none()
        && FileFormat::detect(file_name, &bytes) == FileFormat::Csv
        && source == "import"
    {
        spec.name = default_name;
    }
    let mnvp = if o.shared {
        None
    } else {
        mnvp_id(store, o.mnvp.as_deref()).await?
    };
    let id = store
        .create_codebook(mnvp, &spec, source, &cli_actor())
        .await?;
    println!(
        "Imported \"{}\" ({} themes and sub-themes) as codebook {id}",
        spec.name,
        spec.themes.len()
    );
    Ok(ExitCode::SUCCESS)
}

async fn export(store: &Store, o: ExportOpts) -> anyhow::Result<ExitCode> {
    let c = find(store, &o.which).await?;
    let spec = store.codebook_spec(c.id).await?;
    let name = o.output.to_string_lossy().to_lowercase();
    let bytes = if name.ends_with(".json") {
        codebook_file::write_json(&spec)
    } else if name.ends_with(".csv") {
        codebook_file::write_csv(&spec)
    } else {
        bail!("--output must end in .csv or .json");
    };
    std::fs::write(&o.output, bytes)
        .with_context(|| format!("could not write {}", o.output.display()))?;
    println!("Exported \"{}\" to {}", c.name, o.output.display());
    Ok(ExitCode::SUCCESS)
}

async fn train(store: &Store, o: CodebookOpts) -> anyhow::Result<ExitCode> {
    let c = find(store, &o).await?;
    if c.mnvp_id.is_none() {
        bail!("shared codebooks are templates to copy; train the copy an MNVP codes with");
    }
    let jobs = worker::Jobs::default();
    worker::refresh(store, &jobs, c.id, engine::MIN_TRAINING_ITEMS, true).await?;
    let v = store
        .model_versions(c.id)
        .await?
        .into_iter()
        .next()
        .context("no model version was recorded")?;
    if v.status == "failed" {
        eprintln!("Model version {} was not built: {}", v.version, v.message);
        return Ok(ExitCode::FAILURE);
    }
    let figures = engine::figures(&v);
    println!(
        "Model version {} ({}, {} coded items){}",
        v.version,
        v.kind,
        v.trained_on,
        figures
            .macro_f1
            .map(|m| format!("; cross-validated macro F1 {m:.3}"))
            .unwrap_or_default()
    );
    if !v.message.is_empty() {
        println!("{}", v.message);
    }
    Ok(ExitCode::SUCCESS)
}
