//! Geographic coverage: feedback (and outreach sessions) per area against births per area, with
//! the areas that have births but no engagement at all listed first — the gaps a lead should
//! see before anything else.

use super::representation::Row;
use crate::suppression::Shown;
use serde::Serialize;

/// How deprived an area is, from the reference data (postcodes weighted equally).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AreaDeprivation {
    /// Mean IMD decile of the area's postcodes (1 = most deprived).
    pub mean_decile: f64,
    /// Share of its postcodes in the most deprived 20% of areas in England (deciles 1–2).
    pub most_deprived_share: f64,
}

impl AreaDeprivation {
    /// 0 (least deprived) to 1 (most deprived), for the planner.
    pub fn score(&self) -> f64 {
        ((10.0 - self.mean_decile) / 9.0).clamp(0.0, 1.0)
    }
}

/// One area as the coverage table shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRow {
    pub district: String,
    pub births: Option<i64>,
    pub births_share: Option<f64>,
    pub feedback: Shown,
    pub feedback_share: Option<f64>,
    pub ratio: Option<f64>,
    pub outreach_sessions: i64,
    pub deprivation: Option<AreaDeprivation>,
    /// Births here, but no feedback and no outreach session at all.
    pub unreached: bool,
}

/// Builds the coverage table from the area rows of the representation report (so the counts
/// shown are exactly those of the report, suppressed the same way), outreach sessions per
/// district and each district's deprivation.
pub fn coverage(
    area_rows: &[Row],
    sessions: &dyn Fn(&str) -> i64,
    deprivation: &dyn Fn(&str) -> Option<AreaDeprivation>,
) -> Vec<AreaRow> {
    let mut rows: Vec<AreaRow> = area_rows
        .iter()
        .map(|r| {
            let outreach_sessions = sessions(&r.group);
            let births = r.population.filter(|b| *b > 0);
            AreaRow {
                district: r.group.clone(),
                births: r.population,
                births_share: r.population_share,
                feedback: r.feedback,
                feedback_share: r.feedback_share,
                ratio: r.ratio,
                outreach_sessions,
                deprivation: deprivation(&r.group),
                unreached: births.is_some()
                    && r.feedback == Shown::Count(0)
                    && outreach_sessions == 0,
            }
        })
        .collect();
    // Unreached first (most births first), then the least heard relative to births, then the
    // areas without births figures.
    rows.sort_by(|a, b| {
        b.unreached
            .cmp(&a.unreached)
            .then_with(|| {
                if a.unreached {
                    b.births.cmp(&a.births)
                } else {
                    let key = |r: &AreaRow| r.ratio.unwrap_or(f64::INFINITY);
                    key(a).total_cmp(&key(b))
                }
            })
            .then_with(|| a.district.cmp(&b.district))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voices::stats::Flag;

    fn row(district: &str, feedback: Shown, births: Option<i64>, ratio: Option<f64>) -> Row {
        Row {
            group: district.into(),
            label: district.into(),
            feedback,
            population: births,
            feedback_share: None,
            population_share: births.map(|b| b as f64 / 1000.0),
            ratio,
            ci: None,
            flag: Flag::None,
        }
    }

    #[test]
    fn unreached_areas_come_first_then_the_least_heard() {
        let rows = [
            row("RV1", Shown::Count(40), Some(300), Some(1.2)),
            row("RV2", Shown::Count(0), Some(120), Some(0.0)),
            row("RV3", Shown::Count(0), Some(250), Some(0.0)),
            row("RV4", Shown::Count(10), Some(330), Some(0.3)),
            row("RV5", Shown::Suppressed, Some(0), None),
            row("RV6", Shown::Count(0), Some(90), Some(0.0)),
        ];
        let sessions = |d: &str| i64::from(d == "RV6");
        let dep = |d: &str| {
            (d == "RV3").then_some(AreaDeprivation {
                mean_decile: 1.5,
                most_deprived_share: 0.9,
            })
        };
        let out = coverage(&rows, &sessions, &dep);
        let order: Vec<&str> = out.iter().map(|r| r.district.as_str()).collect();
        assert_eq!(order, ["RV3", "RV2", "RV6", "RV4", "RV1", "RV5"]);
        assert!(out[0].unreached && out[1].unreached);
        assert!(
            !out[2].unreached,
            "an outreach session counts as engagement"
        );
        assert!((out[0].deprivation.unwrap().score() - 8.5 / 9.0).abs() < 1e-12);
    }
}
