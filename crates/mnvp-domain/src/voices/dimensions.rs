//! The dimensions along which feedback is compared with the birthing population, their groups
//! in display order, and how stored feedback answers and imported population rows land in them.
//!
//! Feedback is counted once, into a pre-aggregated tally, under *raw* dimensions
//! ([`RAW_DIMENSIONS`]); analysis dimensions are derived from them here, so that a change of
//! grouping (say, the population came as MSDS's 2001 ethnic headings rather than category
//! codes) never needs the tally rebuilt.

use super::demographics::{AgeBand, EthnicCategory, EthnicGroup};
use super::reference::births::PopDimension;
use serde::Serialize;
use std::collections::BTreeMap;

/// Raw tally dimensions: what the store counts per month, unit and channel.
pub const RAW_ALL: &str = "all";
pub const RAW_ETHNIC: &str = "ethnic_category";
pub const RAW_AGE: &str = "age_band";
pub const RAW_IMD: &str = "imd_decile";
pub const RAW_DISTRICT: &str = "district";
pub const RAW_NEONATAL: &str = "neonatal";
pub const RAW_BEREAVEMENT: &str = "bereavement";
/// Ethnic category × IMD decile, group `H:1`.
pub const RAW_ETHNIC_IMD: &str = "ethnic_imd";
pub const RAW_DIMENSIONS: [&str; 8] = [
    RAW_ALL,
    RAW_ETHNIC,
    RAW_AGE,
    RAW_IMD,
    RAW_DISTRICT,
    RAW_NEONATAL,
    RAW_BEREAVEMENT,
    RAW_ETHNIC_IMD,
];

vocabulary!(
    /// What representation is measured along.
    Dimension, "a dimension" {
        EthnicGroup => ("ethnic_group", "Ethnic group"),
        AgeBand => ("age_band", "Age"),
        ImdDecile => ("imd_decile", "Deprivation decile of home area"),
        Area => ("area", "Home area (postcode district)"),
        Experience => ("experience", "Neonatal and bereaved voices"),
        EthnicityDeprivation => ("ethnicity_deprivation", "Ethnic group in the most deprived areas"),
    }
);

/// How the ethnic groups were formed, which depends on the population data loaded: MSDS
/// publishes 2001 census headings (Chinese under "Any other"), category codes give the 2021
/// headings. Feedback is grouped the same way as the population it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EthnicScheme {
    #[default]
    Census2021,
    Msds2001,
}

impl EthnicScheme {
    pub fn group(self, c: EthnicCategory) -> EthnicGroup {
        match (self, c) {
            (EthnicScheme::Msds2001, EthnicCategory::Chinese) => EthnicGroup::Other,
            _ => c.group(),
        }
    }
}

/// The two deprivation bands of the intersection table: the most deprived fifth of areas in
/// England (deciles 1–2, where outcomes are worst) and the rest.
pub fn deprivation_band(decile: i32) -> &'static str {
    if decile <= 2 {
        "1_2"
    } else {
        "3_10"
    }
}

fn band_label(band: &str) -> &'static str {
    if band == "1_2" {
        "most deprived 20% of areas"
    } else {
        "other areas"
    }
}

impl Dimension {
    /// The groups shown, in order. Areas are open-ended and come from the data.
    pub fn fixed_groups(self) -> Vec<String> {
        let ethnic = || {
            EthnicGroup::ALL
                .iter()
                .filter(|g| **g != EthnicGroup::NotStated)
                .map(|g| g.as_str().to_string())
        };
        match self {
            Dimension::EthnicGroup => ethnic().collect(),
            Dimension::AgeBand => AgeBand::ALL
                .iter()
                .filter(|a| **a != AgeBand::PreferNot)
                .map(|a| a.as_str().to_string())
                .collect(),
            Dimension::ImdDecile => (1..=10).map(|d| d.to_string()).collect(),
            Dimension::Area => Vec::new(),
            Dimension::Experience => vec!["neonatal".into(), "bereavement".into()],
            Dimension::EthnicityDeprivation => ["1_2", "3_10"]
                .iter()
                .flat_map(|band| ethnic().map(move |g| format!("{g}:{band}")))
                .collect(),
        }
    }

    /// A group's name for people.
    pub fn group_label(self, group: &str) -> String {
        match self {
            Dimension::EthnicGroup => EthnicGroup::parse(group)
                .map(|g| g.label().to_string())
                .unwrap_or_else(|_| group.to_string()),
            Dimension::AgeBand => AgeBand::parse(group)
                .map(|g| g.label().to_string())
                .unwrap_or_else(|_| group.to_string()),
            Dimension::ImdDecile => match group {
                "1" => "1 (most deprived 10%)".into(),
                "10" => "10 (least deprived 10%)".into(),
                d => d.to_string(),
            },
            Dimension::Area => group.to_string(),
            Dimension::Experience => match group {
                "neonatal" => "Neonatal care (against neonatal admissions)".into(),
                "bereavement" => "Loss of a baby (against losses)".into(),
                g => g.to_string(),
            },
            Dimension::EthnicityDeprivation => match group.split_once(':') {
                Some((g, band)) => format!(
                    "{}, {}",
                    Dimension::EthnicGroup.group_label(g),
                    band_label(band)
                ),
                None => group.to_string(),
            },
        }
    }
}

/// Feedback counts of one slice (or of the whole period) by raw dimension and group.
pub type RawCounts = BTreeMap<(String, String), i64>;

/// One analysis dimension's feedback: count per group, the answered base, and how many said
/// they would rather not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedbackByGroup {
    pub counts: BTreeMap<String, i64>,
    pub base: i64,
    pub not_stated: i64,
}

/// Derives an analysis dimension's feedback counts from raw counts. For experience, every
/// feedback item is in the base (each was about some care), and each group is counted on its
/// own (a family may be both neonatal and bereaved).
pub fn feedback_by_group(raw: &RawCounts, dim: Dimension, scheme: EthnicScheme) -> FeedbackByGroup {
    let mut out = FeedbackByGroup::default();
    fn of<'a>(
        raw: &'a RawCounts,
        name: &'a str,
    ) -> impl Iterator<Item = (&'a (String, String), &'a i64)> {
        raw.iter().filter(move |((d, _), _)| d == name)
    }
    match dim {
        Dimension::EthnicGroup => {
            for ((_, code), n) in of(raw, RAW_ETHNIC) {
                match EthnicCategory::parse(code).map(|c| scheme.group(c)) {
                    Ok(EthnicGroup::NotStated) | Err(_) => out.not_stated += n,
                    Ok(g) => *out.counts.entry(g.as_str().to_string()).or_default() += n,
                }
            }
        }
        Dimension::AgeBand => {
            for ((_, code), n) in of(raw, RAW_AGE) {
                match AgeBand::parse(code) {
                    Ok(AgeBand::PreferNot) | Err(_) => out.not_stated += n,
                    Ok(a) => *out.counts.entry(a.as_str().to_string()).or_default() += n,
                }
            }
        }
        Dimension::ImdDecile => {
            for ((_, d), n) in of(raw, RAW_IMD) {
                *out.counts.entry(d.clone()).or_default() += n;
            }
        }
        Dimension::Area => {
            for ((_, d), n) in of(raw, RAW_DISTRICT) {
                *out.counts.entry(d.clone()).or_default() += n;
            }
        }
        Dimension::Experience => {
            let all: i64 = of(raw, RAW_ALL).map(|(_, n)| n).sum();
            for (raw_dim, group) in [(RAW_NEONATAL, "neonatal"), (RAW_BEREAVEMENT, "bereavement")] {
                let n: i64 = of(raw, raw_dim).map(|(_, n)| n).sum();
                out.counts.insert(group.to_string(), n);
            }
            out.base = all;
            return out;
        }
        Dimension::EthnicityDeprivation => {
            for ((_, key), n) in of(raw, RAW_ETHNIC_IMD) {
                let Some((code, decile)) = key.split_once(':') else {
                    continue;
                };
                let (Ok(c), Ok(d)) = (EthnicCategory::parse(code), decile.parse::<i32>()) else {
                    continue;
                };
                match scheme.group(c) {
                    EthnicGroup::NotStated => out.not_stated += n,
                    g => {
                        *out.counts
                            .entry(format!("{}:{}", g.as_str(), deprivation_band(d)))
                            .or_default() += n
                    }
                }
            }
        }
    }
    out.base = out.counts.values().sum();
    out
}

/// Imported population rows for the footprint, summed over the periods in use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Population {
    pub rows: BTreeMap<(PopDimension, String), i64>,
    /// LSOA → postcode district, for rolling births by LSOA up to districts.
    pub lsoa_districts: BTreeMap<String, String>,
}

/// One analysis dimension's population: count per group and the base; empty when not loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PopulationByGroup {
    pub counts: BTreeMap<String, i64>,
    pub base: i64,
    pub scheme: EthnicScheme,
}

impl Population {
    fn of(&self, dim: PopDimension) -> impl Iterator<Item = (&String, i64)> {
        self.rows
            .iter()
            .filter(move |((d, _), _)| *d == dim)
            .map(|((_, g), n)| (g, *n))
    }

    fn has(&self, dim: PopDimension) -> bool {
        self.of(dim).next().is_some()
    }

    /// The ethnic grouping the loaded population supports best.
    pub fn scheme(&self, cross: bool) -> EthnicScheme {
        let (codes, groups) = if cross {
            (
                PopDimension::EthnicCategoryImd,
                PopDimension::EthnicGroup2001Imd,
            )
        } else {
            (PopDimension::EthnicCategory, PopDimension::EthnicGroup2001)
        };
        if !self.has(codes) && self.has(groups) {
            EthnicScheme::Msds2001
        } else {
            EthnicScheme::Census2021
        }
    }

    /// Births (or admissions, losses) by the groups of an analysis dimension.
    pub fn by_group(&self, dim: Dimension) -> PopulationByGroup {
        let mut out = PopulationByGroup::default();
        let mut add = |g: String, n: i64| *out.counts.entry(g).or_default() += n;
        match dim {
            Dimension::EthnicGroup | Dimension::EthnicityDeprivation => {
                let cross = dim == Dimension::EthnicityDeprivation;
                let scheme = self.scheme(cross);
                out.scheme = scheme;
                let source = match (scheme, cross) {
                    (EthnicScheme::Census2021, false) => PopDimension::EthnicCategory,
                    (EthnicScheme::Msds2001, false) => PopDimension::EthnicGroup2001,
                    (EthnicScheme::Census2021, true) => PopDimension::EthnicCategoryImd,
                    (EthnicScheme::Msds2001, true) => PopDimension::EthnicGroup2001Imd,
                };
                for (g, n) in self.of(source) {
                    let (head, decile) = match g.split_once(':') {
                        Some((h, d)) => (h, d.parse::<i32>().ok()),
                        None => (g.as_str(), None),
                    };
                    let group = match scheme {
                        EthnicScheme::Census2021 => match EthnicCategory::parse(head) {
                            Ok(c) => c.group(),
                            Err(_) => continue,
                        },
                        EthnicScheme::Msds2001 => match EthnicGroup::parse(head) {
                            Ok(g) => g,
                            Err(_) => continue,
                        },
                    };
                    if group == EthnicGroup::NotStated {
                        continue;
                    }
                    match (cross, decile) {
                        (false, _) => add(group.as_str().to_string(), n),
                        (true, Some(d)) => {
                            add(format!("{}:{}", group.as_str(), deprivation_band(d)), n)
                        }
                        (true, None) => {}
                    }
                }
            }
            Dimension::AgeBand => self
                .of(PopDimension::AgeBand)
                .for_each(|(g, n)| add(g.clone(), n)),
            Dimension::ImdDecile => self
                .of(PopDimension::ImdDecile)
                .for_each(|(g, n)| add(g.clone(), n)),
            Dimension::Area => {
                self.of(PopDimension::District)
                    .for_each(|(g, n)| add(g.clone(), n));
                for (lsoa, n) in self.of(PopDimension::Lsoa) {
                    let district = self.lsoa_districts.get(lsoa).unwrap_or(lsoa);
                    add(district.clone(), n);
                }
            }
            Dimension::Experience => {
                let babies: i64 = self.of(PopDimension::Babies).map(|(_, n)| n).sum();
                let deliveries: i64 = self.of(PopDimension::Deliveries).map(|(_, n)| n).sum();
                let base = if babies > 0 { babies } else { deliveries };
                if base > 0 {
                    if self.has(PopDimension::NeonatalAdmissions) {
                        add(
                            "neonatal".into(),
                            self.of(PopDimension::NeonatalAdmissions)
                                .map(|(_, n)| n)
                                .sum(),
                        );
                    }
                    if self.has(PopDimension::Losses) {
                        add(
                            "bereavement".into(),
                            self.of(PopDimension::Losses).map(|(_, n)| n).sum(),
                        );
                    }
                }
                out.base = base;
                return out;
            }
        }
        out.base = out.counts.values().sum();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(rows: &[(&str, &str, i64)]) -> RawCounts {
        rows.iter()
            .map(|(d, g, n)| ((d.to_string(), g.to_string()), *n))
            .collect()
    }

    #[test]
    fn feedback_groups_follow_the_population_scheme() {
        let r = raw(&[
            (RAW_ETHNIC, "R", 2),
            (RAW_ETHNIC, "N", 5),
            (RAW_ETHNIC, "Z", 4),
            (RAW_ETHNIC, "A", 10),
        ]);
        let census = feedback_by_group(&r, Dimension::EthnicGroup, EthnicScheme::Census2021);
        assert_eq!(census.counts.get("asian"), Some(&2));
        assert_eq!((census.base, census.not_stated), (17, 4));
        let msds = feedback_by_group(&r, Dimension::EthnicGroup, EthnicScheme::Msds2001);
        assert_eq!(
            (msds.counts.get("asian"), msds.counts.get("other")),
            (None, Some(&2))
        );
    }

    #[test]
    fn experience_is_counted_against_all_feedback() {
        let r = raw(&[
            (RAW_ALL, "all", 200),
            (RAW_NEONATAL, "yes", 12),
            (RAW_BEREAVEMENT, "yes", 3),
        ]);
        let e = feedback_by_group(&r, Dimension::Experience, EthnicScheme::Census2021);
        assert_eq!(e.base, 200);
        assert_eq!(e.counts["neonatal"], 12);
        assert_eq!(e.counts["bereavement"], 3);
    }

    #[test]
    fn intersections_band_the_deciles() {
        let r = raw(&[
            (RAW_ETHNIC_IMD, "N:1", 2),
            (RAW_ETHNIC_IMD, "M:2", 1),
            (RAW_ETHNIC_IMD, "A:7", 9),
        ]);
        let x = feedback_by_group(
            &r,
            Dimension::EthnicityDeprivation,
            EthnicScheme::Census2021,
        );
        assert_eq!(x.counts["black:1_2"], 3);
        assert_eq!(x.counts["white:3_10"], 9);
        assert_eq!(
            Dimension::EthnicityDeprivation.group_label("black:1_2"),
            "Black, Black British, Caribbean or African, most deprived 20% of areas"
        );
    }

    #[test]
    fn population_rolls_lsoas_up_to_districts_and_picks_a_scheme() {
        let mut p = Population::default();
        p.rows
            .insert((PopDimension::EthnicGroup2001, "black".into()), 90);
        p.rows
            .insert((PopDimension::EthnicGroup2001, "white".into()), 910);
        p.rows.insert((PopDimension::Lsoa, "E01999101".into()), 40);
        p.rows.insert((PopDimension::District, "RV1".into()), 60);
        p.rows.insert((PopDimension::Babies, "all".into()), 1000);
        p.rows
            .insert((PopDimension::NeonatalAdmissions, "all".into()), 110);
        p.lsoa_districts.insert("E01999101".into(), "RV1".into());
        let e = p.by_group(Dimension::EthnicGroup);
        assert_eq!(
            (e.scheme, e.base, e.counts["black"]),
            (EthnicScheme::Msds2001, 1000, 90)
        );
        assert_eq!(p.by_group(Dimension::Area).counts["RV1"], 100);
        let x = p.by_group(Dimension::Experience);
        assert_eq!(
            (
                x.base,
                x.counts.get("neonatal"),
                x.counts.get("bereavement")
            ),
            (1000, Some(&110), None)
        );
        // Codes win over headings when both are loaded.
        p.rows.insert((PopDimension::EthnicCategory, "R".into()), 5);
        assert_eq!(p.scheme(false), EthnicScheme::Census2021);
    }
}
