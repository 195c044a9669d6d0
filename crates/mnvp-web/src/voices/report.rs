//! The representation report for a view: feedback counts and population from the store, the
//! analysis from the domain, and the CSV contract that `mnvp report representation` and the
//! download share.

use super::scope::View;
use crate::error::{WebError, WebResult};
use chrono::NaiveDate;
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::outreach::VenueType;
use mnvp_domain::suppression::Shown;
use mnvp_domain::voices::coverage::{coverage, AreaDeprivation, AreaRow};
use mnvp_domain::voices::dimensions::Dimension;
use mnvp_domain::voices::planner::VenueReach;
use mnvp_domain::voices::representation::{dimension_report, DimensionReport, Row, SliceKind};
use mnvp_store::Store;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything the screen and the exports show.
#[derive(Debug, Clone, Serialize)]
pub struct Representation {
    pub dimensions: Vec<DimensionReport>,
    pub coverage: Vec<AreaRow>,
    pub deprivation: BTreeMap<String, AreaDeprivation>,
    pub population_loaded: bool,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Whether any outreach session was recorded in the period; until one is, the coverage
    /// and planner say so rather than guess.
    pub outreach_available: bool,
    /// Outreach sessions held in the period, anywhere (online ones included).
    pub outreach_sessions: i64,
    /// What outreach sessions of each venue type reached, keyed `dimension:group`, for the
    /// planner's venue suggestions.
    pub venues: Vec<VenueReach>,
}

impl Representation {
    pub fn dimension(&self, d: Dimension) -> Option<&DimensionReport> {
        self.dimensions.iter().find(|r| r.table.dimension == d)
    }
}

fn slice_label(units: &BTreeMap<i64, String>) -> impl Fn(SliceKind, &str) -> String + '_ {
    move |kind, key| match kind {
        SliceKind::Channel => Channel::parse(key)
            .map(|c| c.label().to_string())
            .unwrap_or_else(|_| key.to_string()),
        SliceKind::Unit => match key.parse::<i64>() {
            Ok(0) => "No unit given".into(),
            Ok(id) => units
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("Unit {id}")),
            Err(_) => key.to_string(),
        },
        SliceKind::Quarter => key.to_string(),
    }
}

/// Builds the report for a view and an inclusive period.
pub async fn build(
    store: &Store,
    view: &View,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> WebResult<Representation> {
    let text = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let (from, to) = (text(from), text(to));
    let slices = store
        .voices_counts(&view.scope, from.as_deref(), to.as_deref())
        .await?;
    let population = store
        .voices_population(&view.scope.population_org_ids)
        .await?;
    let units: BTreeMap<i64, String> = store
        .list_orgs_of_kind(mnvp_domain::organisation::OrgKind::Unit)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let labels = slice_label(&units);
    let dimensions: Vec<DimensionReport> = Dimension::ALL
        .iter()
        .map(|d| dimension_report(*d, &slices, &population, view.audience, &labels))
        .collect();
    let areas: Vec<Row> = dimensions
        .iter()
        .find(|r| r.table.dimension == Dimension::Area)
        .map(|r| r.table.rows.clone())
        .unwrap_or_default();
    let districts: Vec<String> = areas.iter().map(|r| r.group.clone()).collect();
    let deprivation = store.district_deprivation(&districts).await?;
    let (dates_from, dates_to) = (from.as_deref().unwrap_or(""), to.as_deref().unwrap_or(""));
    let outreach = store
        .outreach_coverage(&view.scope.mnvp_ids, dates_from, dates_to)
        .await?;
    let mut per_district: BTreeMap<&str, i64> = BTreeMap::new();
    for c in &outreach {
        if let Some(d) = c.postcode_district.as_deref() {
            *per_district.entry(d).or_default() += c.sessions;
        }
    }
    let sessions = |d: &str| per_district.get(d).copied().unwrap_or(0);
    let coverage = coverage(&areas, &sessions, &|d: &str| deprivation.get(d).copied());
    let tallies = store
        .outreach_venue_tallies(&view.scope.mnvp_ids, dates_from, dates_to)
        .await?;
    Ok(Representation {
        dimensions,
        coverage,
        deprivation,
        population_loaded: !population.rows.is_empty(),
        from,
        to,
        outreach_available: !outreach.is_empty(),
        outreach_sessions: outreach.iter().map(|c| c.sessions).sum(),
        venues: venue_history(&outreach, &tallies),
    })
}

/// Sessions per venue type (from coverage) with the people of each group they reached.
fn venue_history(
    outreach: &[mnvp_store::field::outreach::Coverage],
    tallies: &[mnvp_store::voices::outreach::VenueTally],
) -> Vec<VenueReach> {
    let mut by_type: BTreeMap<&str, VenueReach> = BTreeMap::new();
    for c in outreach {
        by_type
            .entry(c.venue_type.as_str())
            .or_insert_with(|| VenueReach {
                venue_type: c.venue_type.clone(),
                label: VenueType::parse(&c.venue_type)
                    .map(|v| v.label().to_string())
                    .unwrap_or_else(|_| c.venue_type.clone()),
                sessions: 0,
                reached: BTreeMap::new(),
            })
            .sessions += c.sessions;
    }
    for t in tallies {
        if let Some(v) = by_type.get_mut(t.venue_type.as_str()) {
            *v.reached
                .entry(format!("{}:{}", t.dimension, t.group_code))
                .or_default() += t.people;
        }
    }
    by_type.into_values().collect()
}

/// The columns of the CSV contract, in order.
pub const CSV_HEADER: [&str; 9] = [
    "dimension",
    "group",
    "feedback_count",
    "feedback_share",
    "population_share",
    "ratio",
    "ci_low",
    "ci_high",
    "flag",
];

fn num(x: Option<f64>, places: usize) -> String {
    x.map(|v| format!("{v:.places$}")).unwrap_or_default()
}

/// One row per dimension and group. A suppressed count is `suppressed`, and so is everything
/// computed from it; population shares are always shown.
pub fn csv_rows(r: &Representation, only: Option<Dimension>) -> Vec<[String; 9]> {
    let mut out = Vec::new();
    for d in r
        .dimensions
        .iter()
        .filter(|d| only.is_none_or(|o| o == d.table.dimension))
    {
        for row in &d.table.rows {
            let hidden = row.feedback == Shown::Suppressed;
            let or_hidden = |s: String| if hidden { "suppressed".to_string() } else { s };
            out.push([
                d.table.dimension.as_str().to_string(),
                row.group.clone(),
                row.feedback.text(),
                or_hidden(num(row.feedback_share, 4)),
                num(row.population_share, 4),
                or_hidden(num(row.ratio, 3)),
                or_hidden(num(row.ci.map(|c| c.low), 4)),
                or_hidden(num(row.ci.map(|c| c.high), 4)),
                row.flag.code().to_string(),
            ]);
        }
    }
    out
}

/// The CSV contract as bytes. Group codes never start with a formula character, so no cell
/// needs neutralising.
pub fn csv_bytes(r: &Representation, only: Option<Dimension>) -> WebResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    w.write_record(CSV_HEADER).map_err(err)?;
    for row in csv_rows(r, only) {
        w.write_record(&row).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))
}
