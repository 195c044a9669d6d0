//! The lead's "what should we do next?": next quarter's conversations spread by the
//! proportionate-universalism planner across areas and ethnic groups, and a floor for neonatal
//! and bereaved families. Beside each under-heard group, the venue types whose outreach sessions
//! reached most of that group per session before (from the sessions' tallies).

use super::report::Representation;
use mnvp_domain::voices::demographics::EthnicGroup;
use mnvp_domain::voices::dimensions::Dimension;
use mnvp_domain::voices::planner::{
    allocate, under_hearing, venues_for, Allocation, Candidate, VenueReach,
};
use serde::Serialize;

/// Conversations a quarter when the lead has not said.
pub const DEFAULT_TARGET: i64 = 60;

#[derive(Debug, Clone, Serialize)]
pub struct PlanRow {
    pub label: String,
    pub conversations: i64,
    pub why: String,
    /// Venue types that reached this group before, best first (under-heard groups only).
    pub venues: Vec<String>,
}

/// At least this many of the conversations with families of one experience.
#[derive(Debug, Clone, Serialize)]
pub struct Floor {
    pub label: String,
    pub at_least: i64,
    pub venues: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub target: i64,
    pub areas: Vec<PlanRow>,
    pub groups: Vec<PlanRow>,
    pub floors: Vec<Floor>,
    /// Whether there was enough to plan with (population loaded).
    pub possible: bool,
}

/// "Community baby group (4.5 per session, 2 sessions)" for each venue type that reached the
/// group `dimension:group` before.
fn venues(key: &str, under: f64, history: &[VenueReach]) -> Vec<String> {
    if under <= 0.0 {
        return Vec::new();
    }
    venues_for(key, history)
        .into_iter()
        .map(|v| {
            let sessions = if v.sessions == 1 {
                "session"
            } else {
                "sessions"
            };
            format!(
                "{} ({:.1} per session, {} {sessions})",
                v.label, v.per_session, v.sessions
            )
        })
        .collect()
}

fn row(a: &Allocation, dimension: Dimension, history: &[VenueReach]) -> PlanRow {
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
        venues: venues(
            &format!("{}:{}", dimension.as_str(), a.key),
            a.under_hearing,
            history,
        ),
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
                    Some(Floor {
                        label: r.label.clone(),
                        at_least: floor.min(target),
                        venues: venues(
                            &format!("{}:{}", Dimension::Experience.as_str(), r.group),
                            under_hearing(r.ratio),
                            &rep.venues,
                        ),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let area_plan = allocate(target, &areas);
    let group_plan = allocate(target, &groups);
    Plan {
        target,
        possible: !area_plan.is_empty() || !group_plan.is_empty(),
        areas: area_plan
            .iter()
            .map(|a| row(a, Dimension::Area, &[]))
            .collect(),
        groups: group_plan
            .iter()
            .map(|a| row(a, Dimension::EthnicGroup, &rep.venues))
            .collect(),
        floors,
    }
}
