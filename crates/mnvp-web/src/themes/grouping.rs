//! How the trend views group items: by month, unit, care stage, channel, or (where the person
//! consented to give them) a demographic answer. Each grouping gives every item a label and
//! the order the labels are shown in.

use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::themes::trends::months_between;
use mnvp_domain::voices::demographics::{
    AgeBand, EthnicCategory, EthnicGroup, FirstLanguage, YesNo,
};
use mnvp_store::themes::ViewItem;

pub const NOT_KNOWN: &str = "Not known or not given";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Month,
    Unit,
    Stage,
    Channel,
    EthnicGroup,
    AgeBand,
    Deprivation,
    FirstLanguage,
    Disability,
}

impl By {
    pub const ALL: [By; 9] = [
        By::Month,
        By::Unit,
        By::Stage,
        By::Channel,
        By::EthnicGroup,
        By::AgeBand,
        By::Deprivation,
        By::FirstLanguage,
        By::Disability,
    ];

    pub fn parse(raw: &str) -> By {
        By::ALL
            .into_iter()
            .find(|b| b.as_str() == raw)
            .unwrap_or(By::Month)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            By::Month => "month",
            By::Unit => "unit",
            By::Stage => "stage",
            By::Channel => "channel",
            By::EthnicGroup => "ethnic_group",
            By::AgeBand => "age_band",
            By::Deprivation => "deprivation",
            By::FirstLanguage => "first_language",
            By::Disability => "disability",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            By::Month => "Month",
            By::Unit => "Unit",
            By::Stage => "Stage of care",
            By::Channel => "Channel",
            By::EthnicGroup => "Ethnic group",
            By::AgeBand => "Age group",
            By::Deprivation => "Deprivation (where people live)",
            By::FirstLanguage => "First language",
            By::Disability => "Disability",
        }
    }

    /// Demographic groupings only count answers people consented to give.
    pub fn is_demographic(self) -> bool {
        !matches!(self, By::Month | By::Unit | By::Stage | By::Channel)
    }

    /// The group an item falls in.
    pub fn group_of(self, i: &ViewItem) -> String {
        let known = |s: Option<String>| s.unwrap_or_else(|| NOT_KNOWN.to_string());
        match self {
            By::Month => i.received_on.get(0..7).unwrap_or("").to_string(),
            By::Unit => known(i.unit_name.clone()),
            By::Stage => known(
                i.care_stage
                    .as_deref()
                    .and_then(|s| CareStage::parse(s).ok())
                    .map(|s| s.label().to_string()),
            ),
            By::Channel => Channel::parse(&i.channel)
                .map(|c| c.label().to_string())
                .unwrap_or_else(|_| i.channel.clone()),
            By::EthnicGroup => known(
                i.ethnic_category
                    .as_deref()
                    .and_then(|c| EthnicCategory::parse(c).ok())
                    .map(|c| c.group().label().to_string()),
            ),
            By::AgeBand => known(
                i.age_band
                    .as_deref()
                    .and_then(|a| AgeBand::parse(a).ok())
                    .map(|a| a.label().to_string()),
            ),
            By::Deprivation => known(i.imd_decile.map(quintile_label)),
            By::FirstLanguage => known(
                i.first_language
                    .as_deref()
                    .and_then(|l| FirstLanguage::parse(l).ok())
                    .map(|l| l.label().to_string()),
            ),
            By::Disability => known(
                i.disability
                    .as_deref()
                    .and_then(|d| YesNo::parse(d).ok())
                    .map(|d| d.label().to_string()),
            ),
        }
    }

    /// A group as people read it: "Mar 2026" for the month "2026-03", other groups as they are.
    pub fn display(self, group: &str) -> String {
        if self != By::Month {
            return group.to_string();
        }
        chrono::NaiveDate::parse_from_str(&format!("{group}-01"), "%Y-%m-%d")
            .map(|d| d.format("%b %Y").to_string())
            .unwrap_or_else(|_| group.to_string())
    }

    /// Groups in the order to show them (groups met in the data but not listed follow).
    pub fn order(self, items: &[ViewItem]) -> Vec<String> {
        let labels = |v: Vec<&str>| -> Vec<String> {
            v.into_iter()
                .map(str::to_string)
                .chain(std::iter::once(NOT_KNOWN.to_string()))
                .collect()
        };
        match self {
            By::Month => match (items.first(), items.last()) {
                (Some(a), Some(b)) => months_between(&a.received_on, &b.received_on),
                _ => Vec::new(),
            },
            By::Unit => {
                let mut units: Vec<String> =
                    items.iter().filter_map(|i| i.unit_name.clone()).collect();
                units.sort();
                units.dedup();
                units
            }
            By::Stage => labels(CareStage::ALL.iter().map(|s| s.label()).collect()),
            By::Channel => Channel::ALL.iter().map(|c| c.label().to_string()).collect(),
            By::EthnicGroup => labels(EthnicGroup::ALL.iter().map(|g| g.label()).collect()),
            By::AgeBand => labels(AgeBand::ALL.iter().map(|a| a.label()).collect()),
            By::Deprivation => labels((1..=5).map(|q| QUINTILES[q - 1]).collect()),
            By::FirstLanguage => labels(FirstLanguage::ALL.iter().map(|l| l.label()).collect()),
            By::Disability => labels(YesNo::ALL.iter().map(|d| d.label()).collect()),
        }
    }
}

const QUINTILES: [&str; 5] = [
    "Most deprived 20% of areas",
    "Second most deprived 20%",
    "Middle 20%",
    "Second least deprived 20%",
    "Least deprived 20% of areas",
];

/// Deprivation deciles (1 = most deprived 10%) in fifths, so that groups stay large enough to
/// be shown.
fn quintile_label(decile: i32) -> String {
    let q = ((decile.clamp(1, 10) + 1) / 2) as usize;
    QUINTILES[q - 1].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deciles_fall_in_fifths() {
        assert_eq!(quintile_label(1), QUINTILES[0]);
        assert_eq!(quintile_label(2), QUINTILES[0]);
        assert_eq!(quintile_label(3), QUINTILES[1]);
        assert_eq!(quintile_label(10), QUINTILES[4]);
        for b in By::ALL {
            assert_eq!(By::parse(b.as_str()), b);
        }
        assert_eq!(By::parse("nonsense"), By::Month);
        assert_eq!(By::Month.display("2026-03"), "Mar 2026");
        assert_eq!(By::Unit.display("2026-03"), "2026-03");
    }
}
