//! Figures as people read them: percentages, ratios and intervals as text, flags in words,
//! suppressed counts as "suppressed". Templates only lay these out.

use mnvp_domain::suppression::Shown;
use mnvp_domain::voices::coverage::AreaRow;
use mnvp_domain::voices::dimensions::{Dimension, EthnicScheme};
use mnvp_domain::voices::representation::{Row, Table};
use mnvp_domain::voices::stats::Flag;
use serde::Serialize;

pub fn percent(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_default()
}

pub fn ratio(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_default()
}

pub fn count(s: Shown) -> String {
    match s {
        Shown::Count(n) => n.to_string(),
        Shown::Suppressed => "suppressed".into(),
    }
}

/// One group as a table row.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub group: String,
    pub label: String,
    pub feedback: String,
    pub feedback_share: String,
    pub population: String,
    pub population_share: String,
    pub ratio: String,
    pub ci: String,
    pub flag: &'static str,
    pub flag_label: &'static str,
    /// Sort key for "most under-heard first".
    #[serde(skip)]
    pub ratio_value: f64,
}

impl GroupView {
    pub fn from_row(r: &Row) -> GroupView {
        GroupView {
            group: r.group.clone(),
            label: r.label.clone(),
            feedback: count(r.feedback),
            feedback_share: percent(r.feedback_share),
            population: r.population.map(|p| p.to_string()).unwrap_or_default(),
            population_share: percent(r.population_share),
            ratio: ratio(r.ratio),
            ci: r
                .ci
                .map(|c| format!("{} to {}", percent(Some(c.low)), percent(Some(c.high))))
                .unwrap_or_default(),
            flag: r.flag.code(),
            flag_label: r.flag.label(),
            ratio_value: r.ratio.unwrap_or(0.0),
        }
    }
}

/// One dimension's main table.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub dimension: &'static str,
    pub label: &'static str,
    pub rows: Vec<GroupView>,
    pub base: String,
    pub not_stated: Option<i64>,
    pub population_base: Option<i64>,
    pub has_population: bool,
    pub note: Option<&'static str>,
}

impl TableView {
    pub fn from_table(t: &Table) -> TableView {
        let note = match (t.dimension, t.scheme) {
            (Dimension::EthnicGroup | Dimension::EthnicityDeprivation, EthnicScheme::Msds2001) => Some(
                "Births were loaded by the maternity statistics' ethnic group headings, which count Chinese under \"Other ethnic group\"; feedback is grouped the same way here.",
            ),
            (Dimension::Experience, _) => Some(
                "Each is a share of all feedback: neonatal voices against the share of babies admitted to neonatal care, bereaved voices against the share of babies lost. A family can be in both.",
            ),
            (Dimension::EthnicityDeprivation, _) => Some(
                "Among feedback that gave both an ethnic group and a postcode we could place, against births by ethnic group and deprivation decile.",
            ),
            _ => None,
        };
        TableView {
            dimension: t.dimension.as_str(),
            label: t.dimension.label(),
            rows: t.rows.iter().map(GroupView::from_row).collect(),
            base: count(t.base),
            not_stated: t.not_stated,
            population_base: t.population_base,
            has_population: t.population_base.is_some(),
            note,
        }
    }
}

/// An under-heard group for the summary list, with its dimension.
#[derive(Debug, Clone, Serialize)]
pub struct UnderHeard {
    pub dimension: &'static str,
    pub group: GroupView,
}

/// Every under-heard group except areas (which have their own list), most under-heard first.
pub fn under_heard(tables: &[&Table]) -> Vec<UnderHeard> {
    let mut out: Vec<UnderHeard> = tables
        .iter()
        .filter(|t| t.dimension != Dimension::Area)
        .flat_map(|t| {
            t.rows
                .iter()
                .filter(|r| r.flag == Flag::Under)
                .map(|r| UnderHeard {
                    dimension: t.dimension.label(),
                    group: GroupView::from_row(r),
                })
        })
        .collect();
    out.sort_by(|a, b| a.group.ratio_value.total_cmp(&b.group.ratio_value));
    out
}

/// One area of the coverage table.
#[derive(Debug, Clone, Serialize)]
pub struct AreaView {
    pub district: String,
    pub births: String,
    pub births_share: String,
    pub feedback: String,
    pub feedback_share: String,
    pub ratio: String,
    pub outreach_sessions: i64,
    pub deprivation: String,
    pub unreached: bool,
}

impl AreaView {
    pub fn from_row(a: &AreaRow) -> AreaView {
        AreaView {
            district: a.district.clone(),
            births: a.births.map(|b| b.to_string()).unwrap_or_default(),
            births_share: percent(a.births_share),
            feedback: count(a.feedback),
            feedback_share: percent(a.feedback_share),
            ratio: ratio(a.ratio),
            outreach_sessions: a.outreach_sessions,
            deprivation: a
                .deprivation
                .map(|d| {
                    format!(
                        "average decile {:.1}; {} in the most deprived 20%",
                        d.mean_decile,
                        percent(Some(d.most_deprived_share))
                    )
                })
                .unwrap_or_else(|| "not in the reference data".into()),
            unreached: a.unreached,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(percent(Some(0.1078)), "10.8%");
        assert_eq!(percent(None), "");
        assert_eq!(ratio(Some(0.2449)), "0.24");
        assert_eq!(count(Shown::Suppressed), "suppressed");
    }
}
