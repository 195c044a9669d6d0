//! `mnvp report representation`: the representation figures as CSV, one row per dimension and
//! group (`dimension,group,feedback_count,feedback_share,population_share,ratio,ci_low,ci_high,
//! flag`), as a commissioner would see them (suppressed and rounded, whole quarters) unless
//! `--as-lead` is given.

use super::open_store;
use crate::config::Resolved;
use anyhow::anyhow;
use clap::{Args, Subcommand};
use mnvp_domain::suppression::SuppressionRule;
use mnvp_domain::voices::dimensions::Dimension;
use mnvp_domain::voices::representation::Audience;
use mnvp_web::voices::{report, scope};
use std::io::Write;
use std::process::ExitCode;

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Who gave feedback against the local birthing population, per dimension and group.
    Representation(RepresentationOpts),
}

#[derive(Args, Debug)]
pub struct RepresentationOpts {
    /// The MNVP, by its slug.
    #[arg(long)]
    pub mnvp: String,
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Only this dimension: ethnic_group, age_band, imd_decile, area, experience or
    /// ethnicity_deprivation.
    #[arg(long)]
    pub dimension: Option<String>,
    /// Output format (csv).
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Exact counts, as the MNVP lead sees them (not for sharing).
    #[arg(long)]
    pub as_lead: bool,
}

pub async fn run(cmd: ReportCommand, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    match cmd {
        ReportCommand::Representation(o) => representation(o, cfg).await,
    }
}

async fn representation(o: RepresentationOpts, cfg: &Resolved) -> anyhow::Result<ExitCode> {
    if o.format != "csv" {
        anyhow::bail!("unknown format '{}': use csv", o.format);
    }
    let dimension = o
        .dimension
        .as_deref()
        .map(Dimension::parse)
        .transpose()
        .map_err(|_| {
            anyhow!(
                "unknown dimension: use one of {}",
                Dimension::ALL
                    .iter()
                    .map(|d| d.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    let date = |raw: &Option<String>| {
        scope::parse_date(raw.as_deref().unwrap_or("")).map_err(|e| anyhow!(e))
    };
    let (from, to) = (date(&o.from)?, date(&o.to)?);
    let audience = if o.as_lead {
        Audience::Lead
    } else {
        Audience::Protected(SuppressionRule::default())
    };
    let (from_q, to_q) = scope::period(audience, from, to);
    if (from_q, to_q) != (from, to) {
        eprintln!(
            "Note: as the commissioner sees them, figures cover whole quarters: {} to {}.",
            from_q
                .map(|d| d.to_string())
                .unwrap_or_else(|| "the start".into()),
            to_q.map(|d| d.to_string())
                .unwrap_or_else(|| "the end".into())
        );
    }
    let store = open_store(cfg).await?;
    let result = async {
        let mnvp = store
            .org_by_slug(&o.mnvp)
            .await
            .map_err(|_| anyhow!("there is no MNVP with the slug '{}'", o.mnvp))?;
        let view = scope::for_mnvp(&store, mnvp.id, audience)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        let built = report::build(&store, &view, from_q, to_q)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        report::csv_bytes(&built, dimension).map_err(|e| anyhow!("{e}"))
    }
    .await;
    store.close().await;
    let bytes = result?;
    std::io::stdout().write_all(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
