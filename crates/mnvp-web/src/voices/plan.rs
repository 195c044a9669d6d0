//! The lead's "what should we do next?": next quarter's conversations spread by the
//! proportionate-universalism planner across areas and ethnic groups, and a floor for neonatal
//! and bereaved families.

use super::report::Representation;
use mnvp_domain::voices::demographics::EthnicGroup;
use mnvp_domain::voices::dimensions::Dimension;
use mnvp_domain::voices::planner::{allocate, under_hearing, Allocation, Candidate};
use serde::Serialize;

/// Conversations a quarter when the lead has not said.
pub const DEFAULT_TARGET: i64 = 60;

#[derive(Debug, Clone, Serialize)]
pub struct PlanRow {
    pub label: String,
    pub conversations: i64,
    pub why: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub target: i64,
    pub areas: Vec<PlanRow>,
    pub groups: Vec<PlanRow>,
    /// (label, at least this many conversations).
    pub floors: Vec<(String, i64)>,
    /// Whether there was enough to plan with (population loaded).
    pub possible: bool,
}

fn row(a: &Allocation) -> PlanRow {
    let mut why = vec![format!("{:.1}% of births", a.births_share * 100.0)];
    if a.under_hearing >= 0.999 {
        why.push("not heard at all yet".into());
    } else if a.under_hearing > 0.0 {
        why.push(format!(
            "heard at {:.0}% of its share",
            (1.0 - a.under_hearing) * 100.0
        ));
    }
    if a.disadvantage >= 0.5 {
        why.push(if a.disadvantage >= 0.999 {
            "a priority group or among the most deprived".into()
        } else {
            "more deprived than average".into()
        });
    }
    PlanRow {
        label: a.label.clone(),
        conversations: a.conversations,
        why: why.join(", "),
    }
}

/// Priority groups for maternity equity named by NHS England (seed 004).
fn priority(group: &str) -> bool {
    [EthnicGroup::Black, EthnicGroup::Asian, EthnicGroup::Mixed]
        .iter()
        .any(|g| g.as_str() == group)
}

pub fn plan(rep: &Representation, target: i64) -> Plan {
    let areas: Vec<Candidate> = rep
        .coverage
        .iter()
        .filter_map(|a| {
            Some(Candidate {
                key: a.district.clone(),
                label: a.district.clone(),
                births_share: a.births_share?,
                ratio: a.ratio,
                disadvantage: a.deprivation.map(|d| d.score()).unwrap_or(0.5),
            })
        })
        .collect();
    let groups: Vec<Candidate> = rep
        .dimension(Dimension::EthnicGroup)
        .map(|d| {
            d.table
                .rows
                .iter()
                .filter_map(|r| {
                    Some(Candidate {
                        key: r.group.clone(),
                        label: r.label.clone(),
                        births_share: r.population_share?,
                        ratio: r.ratio,
                        disadvantage: if priority(&r.group) { 1.0 } else { 0.0 },
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let floors = rep
        .dimension(Dimension::Experience)
        .map(|d| {
            d.table
                .rows
                .iter()
                .filter_map(|r| {
                    let share = r.population_share?;
                    let floor =
                        (target as f64 * share * (1.0 + under_hearing(r.ratio))).ceil() as i64;
                    Some((r.label.clone(), floor.min(target)))
                })
                .collect()
        })
        .unwrap_or_default();
    let area_plan = allocate(target, &areas);
    let group_plan = allocate(target, &groups);
    Plan {
        target,
        possible: !area_plan.is_empty() || !group_plan.is_empty(),
        areas: area_plan.iter().map(row).collect(),
        groups: group_plan.iter().map(row).collect(),
        floors,
    }
}
