//! The local birthing population, in the long layout NHS England publishes its Maternity
//! Services Data Set statistics in: one row per period, organisation, dimension and measure,
//!
//! `ReportingPeriodStartDate, ReportingPeriodEndDate, Dimension, Org_Level, Org_Code, Org_Name,
//! Measure, Count_Of, Final_value` (monthly files) or `Period, …, Value` (annual files).
//!
//! The published dimensions are read as they are (`EthnicCategoryMotherGroup`,
//! `AgeAtBookingMotherGroup`, `DeprivationDecileAtBooking`, `TotalBabies`, …) so a national
//! file can be imported unchanged: rows for other organisations and other dimensions are
//! skipped, not refused. A few dimensions MSDS does not publish are added in the same layout
//! (documented in `docs/voices-reference-data.md`): births by area of residence
//! (`PostcodeDistrictMother`, `LSOAMother2021`), by detailed ethnic category
//! (`EthnicCategoryMother`), ethnicity by deprivation (`… x DeprivationDecileAtBooking`), and
//! the care the neonatal and bereaved voices are measured against (`NeonatalAdmissions`,
//! `BabyLosses`).

use super::{find, looks_like_code, require, HeaderError, RowError};
use crate::voices::demographics::{postcode_district, AgeBand, EthnicCategory};

/// The population dimensions as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PopDimension {
    /// NHS ethnic category code (A–S; Z = not stated).
    EthnicCategory,
    /// MSDS's ethnic group headings (2001 census grouping: Chinese under "Any other").
    EthnicGroup2001,
    AgeBand,
    ImdDecile,
    District,
    Lsoa,
    Babies,
    Deliveries,
    NeonatalAdmissions,
    Losses,
    /// Ethnic category × IMD decile, group `H:1`.
    EthnicCategoryImd,
    /// MSDS ethnic group × IMD decile, group `black:1`.
    EthnicGroup2001Imd,
}

impl PopDimension {
    pub const ALL: [PopDimension; 12] = [
        PopDimension::EthnicCategory,
        PopDimension::EthnicGroup2001,
        PopDimension::AgeBand,
        PopDimension::ImdDecile,
        PopDimension::District,
        PopDimension::Lsoa,
        PopDimension::Babies,
        PopDimension::Deliveries,
        PopDimension::NeonatalAdmissions,
        PopDimension::Losses,
        PopDimension::EthnicCategoryImd,
        PopDimension::EthnicGroup2001Imd,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PopDimension::EthnicCategory => "ethnic_category",
            PopDimension::EthnicGroup2001 => "ethnic_group_2001",
            PopDimension::AgeBand => "age_band",
            PopDimension::ImdDecile => "imd_decile",
            PopDimension::District => "district",
            PopDimension::Lsoa => "lsoa",
            PopDimension::Babies => "babies",
            PopDimension::Deliveries => "deliveries",
            PopDimension::NeonatalAdmissions => "neonatal_admissions",
            PopDimension::Losses => "losses",
            PopDimension::EthnicCategoryImd => "ethnic_category_imd",
            PopDimension::EthnicGroup2001Imd => "ethnic_group_2001_imd",
        }
    }

    pub fn parse(code: &str) -> Option<PopDimension> {
        PopDimension::ALL.into_iter().find(|d| d.as_str() == code)
    }

    /// The dimension a published `Dimension` value stands for.
    fn from_published(name: &str) -> Option<PopDimension> {
        let compact: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match compact.to_ascii_lowercase().as_str() {
            "ethniccategorymothergroup" => PopDimension::EthnicGroup2001,
            "ethniccategorymother" => PopDimension::EthnicCategory,
            "ageatbookingmothergroup" => PopDimension::AgeBand,
            "deprivationdecileatbooking" => PopDimension::ImdDecile,
            "postcodedistrictmother" => PopDimension::District,
            "lsoamother2021" => PopDimension::Lsoa,
            "totalbabies" => PopDimension::Babies,
            "totaldeliveries" => PopDimension::Deliveries,
            "neonataladmissions" => PopDimension::NeonatalAdmissions,
            "babylosses" => PopDimension::Losses,
            "ethniccategorymother x deprivationdecileatbooking" => PopDimension::EthnicCategoryImd,
            "ethniccategorymothergroup x deprivationdecileatbooking" => {
                PopDimension::EthnicGroup2001Imd
            }
            _ => return None,
        })
    }
}

/// Whose footprint a row describes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OrgRef {
    /// An NHS trust, by ODS code (`Org_Level` = `Provider`).
    Provider(String),
    /// An MNVP in MNVP Hub, by its slug (`Org_Level` = `MNVP`).
    Mnvp(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BirthsRow {
    pub period_start: String,
    pub period_end: String,
    pub org: OrgRef,
    pub dimension: PopDimension,
    pub group: String,
    pub count_of: String,
    /// `None` where the publisher suppressed a small number (`*`).
    pub value: Option<i64>,
}

/// A row is kept, or skipped as not ours to import (another organisation level, another
/// dimension, a "missing value" measure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    Row(BirthsRow),
    Skip,
}

enum PeriodCols {
    Dates(usize, usize),
    Label(usize),
}

pub struct Layout {
    period: PeriodCols,
    dimension: usize,
    level: usize,
    code: usize,
    measure: usize,
    count_of: Option<usize>,
    value: (usize, String),
}

const FILE: &str = "a births file in the maternity statistics layout";

/// Measures meaning "not recorded": skipped, as MSDS leaves them out of percentages.
fn is_missing(measure: &str) -> bool {
    let m = measure.to_ascii_lowercase();
    [
        "missing",
        "not known",
        "not stated",
        "outside",
        "pseudo",
        "resident elsewhere",
        "unknown",
    ]
    .iter()
    .any(|w| m.contains(w))
}

/// "2024-04-01" or "01/04/2024" → "2024-04-01".
fn date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.split([' ', 'T']).next().unwrap_or(raw);
    let (y, m, d) = if let Some((d, rest)) = raw.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        (y, m, d)
    } else {
        let mut parts = raw.splitn(3, '-');
        (parts.next()?, parts.next()?, parts.next()?)
    };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let days = match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// "2022-23" or "2022/23" (financial year) or "2023" (calendar year).
fn period_label(raw: &str) -> Option<(String, String)> {
    let raw = raw.trim();
    if let Ok(y) = raw.parse::<u32>() {
        return (1900..=2200)
            .contains(&y)
            .then(|| (format!("{y}-01-01"), format!("{y}-12-31")));
    }
    let (a, b) = raw.split_once(['-', '/'])?;
    let y: u32 = a.parse().ok()?;
    let next: u32 = b.parse().ok()?;
    let ok = (1900..=2200).contains(&y) && (next == (y + 1) % 100 || next == y + 1);
    ok.then(|| (format!("{y}-04-01"), format!("{}-03-31", y + 1)))
}

fn ethnic_group_2001(measure: &str) -> Option<&'static str> {
    Some(match measure.trim().to_ascii_lowercase().as_str() {
        "white" => "white",
        "mixed" => "mixed",
        "asian or asian british" => "asian",
        "black or black british" => "black",
        "any other ethnic group" | "other ethnic group" | "other" => "other",
        _ => return None,
    })
}

/// "01 - Most deprived", "02", "10 - Least deprived", "1st Decile (Most)" → 1…10.
fn decile(measure: &str) -> Option<i32> {
    let digits: String = measure
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok().filter(|d| (1..=10).contains(d))
}

fn age_band(measure: &str) -> Option<AgeBand> {
    Some(match measure.trim().to_ascii_lowercase().as_str() {
        "under 20" => AgeBand::Under20,
        "20 to 24" => AgeBand::From20To24,
        "25 to 29" => AgeBand::From25To29,
        "30 to 34" => AgeBand::From30To34,
        "35 to 39" => AgeBand::From35To39,
        "40 to 44" => AgeBand::From40To44,
        "45 or over" | "45 and over" => AgeBand::From45,
        _ => return None,
    })
}

fn ethnic_category(measure: &str) -> Option<EthnicCategory> {
    EthnicCategory::parse(&measure.trim().to_ascii_uppercase()).ok()
}

/// The stored group code for a measure of a dimension; `Err` when the measure cannot be one.
fn group(dimension: PopDimension, measure: &str) -> Result<String, String> {
    let bad = || format!("\"{}\" is not a measure of this dimension", measure.trim());
    let cross = |first: &dyn Fn(&str) -> Option<String>| -> Result<String, String> {
        let (a, b) = measure.split_once(';').ok_or_else(|| {
            format!(
                "\"{}\" should be the two measures joined by \"; \", like \"Black or Black British; 01 - Most deprived\"",
                measure.trim()
            )
        })?;
        let a = first(a).ok_or_else(bad)?;
        let d = decile(b).ok_or_else(bad)?;
        Ok(format!("{a}:{d}"))
    };
    match dimension {
        PopDimension::EthnicGroup2001 => ethnic_group_2001(measure)
            .map(str::to_string)
            .ok_or_else(bad),
        PopDimension::EthnicCategory => ethnic_category(measure)
            .map(|c| c.as_str().to_string())
            .ok_or_else(bad),
        PopDimension::AgeBand => age_band(measure)
            .map(|a| a.as_str().to_string())
            .ok_or_else(bad),
        PopDimension::ImdDecile => decile(measure).map(|d| d.to_string()).ok_or_else(bad),
        PopDimension::District => postcode_district(measure)
            .map_err(|_| format!("\"{}\" is not a postcode district like NR1", measure.trim())),
        PopDimension::Lsoa => {
            let code = measure.trim().to_ascii_uppercase();
            if code.starts_with("E01") && looks_like_code(&code) {
                Ok(code)
            } else {
                Err(format!("\"{code}\" is not an English LSOA code"))
            }
        }
        PopDimension::Babies | PopDimension::Deliveries | PopDimension::NeonatalAdmissions => {
            Ok("all".into())
        }
        PopDimension::Losses => {
            let m = measure.trim().to_ascii_lowercase();
            if m.is_empty() {
                Ok("all".into())
            } else if m
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " -_()".contains(c))
            {
                Ok(m.replace(' ', "_"))
            } else {
                Err(bad())
            }
        }
        PopDimension::EthnicCategoryImd => {
            cross(&|a| ethnic_category(a).map(|c| c.as_str().to_string()))
        }
        PopDimension::EthnicGroup2001Imd => cross(&|a| ethnic_group_2001(a).map(str::to_string)),
    }
}

impl Layout {
    pub fn from_headers(headers: &[String]) -> Result<Layout, HeaderError> {
        let period = match (
            find(headers, &["ReportingPeriodStartDate", "RPStartDate"]),
            find(headers, &["ReportingPeriodEndDate", "RPEndDate"]),
        ) {
            (Some((s, _)), Some((e, _))) => PeriodCols::Dates(s, e),
            _ => PeriodCols::Label(
                require(headers, &["ReportingPeriodStartDate", "Period"], FILE)?.0,
            ),
        };
        Ok(Layout {
            period,
            dimension: require(headers, &["Dimension"], FILE)?.0,
            level: require(headers, &["Org_Level", "OrgLevel"], FILE)?.0,
            code: require(headers, &["Org_Code", "OrgCode"], FILE)?.0,
            measure: require(headers, &["Measure"], FILE)?.0,
            count_of: find(headers, &["Count_Of", "CountOf"]).map(|(i, _)| i),
            value: require(
                headers,
                &["Final_value", "Value", "Value_Unsuppressed"],
                FILE,
            )?,
        })
    }

    pub fn row<'a>(
        &self,
        headers: &[String],
        get: impl Fn(usize) -> &'a str,
    ) -> Result<Parsed, RowError> {
        let col = |i: usize| headers.get(i).map(String::as_str).unwrap_or("");
        let Some(dimension) = PopDimension::from_published(get(self.dimension)) else {
            return Ok(Parsed::Skip);
        };
        let org = match get(self.level).trim().to_ascii_lowercase().as_str() {
            "provider" | "trust" => OrgRef::Provider(get(self.code).trim().to_ascii_uppercase()),
            "mnvp" => OrgRef::Mnvp(get(self.code).trim().to_ascii_lowercase()),
            _ => return Ok(Parsed::Skip),
        };
        if matches!(&org, OrgRef::Provider(c) | OrgRef::Mnvp(c) if c.is_empty()) {
            return Err(RowError::new(
                col(self.code),
                "The organisation code is empty",
            ));
        }
        let measure = get(self.measure);
        if is_missing(measure) {
            return Ok(Parsed::Skip);
        }
        let group = group(dimension, measure).map_err(|r| RowError::new(col(self.measure), r))?;
        let (period_start, period_end) = match self.period {
            PeriodCols::Dates(s, e) => {
                let start = date(get(s)).ok_or_else(|| {
                    RowError::new(
                        col(s),
                        format!("\"{}\" is not a date like 2024-04-01", get(s).trim()),
                    )
                })?;
                let end = date(get(e)).ok_or_else(|| {
                    RowError::new(
                        col(e),
                        format!("\"{}\" is not a date like 2025-03-31", get(e).trim()),
                    )
                })?;
                if end < start {
                    return Err(RowError::new(col(e), "The period ends before it starts"));
                }
                (start, end)
            }
            PeriodCols::Label(p) => period_label(get(p)).ok_or_else(|| {
                RowError::new(
                    col(p),
                    format!("\"{}\" is not a period like 2024-25 or 2024", get(p).trim()),
                )
            })?,
        };
        let (vi, vname) = &self.value;
        let raw = get(*vi).trim().replace(',', "");
        let value = if raw == "*" {
            None
        } else {
            Some(
                raw.parse::<f64>()
                    .ok()
                    .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v < 1e12)
                    .map(|v| v as i64)
                    .ok_or_else(|| {
                        RowError::new(
                            vname,
                            format!(
                                "\"{raw}\" is not a whole number of people (or * where suppressed)"
                            ),
                        )
                    })?,
            )
        };
        Ok(Parsed::Row(BirthsRow {
            period_start,
            period_end,
            org,
            dimension,
            group,
            count_of: self
                .count_of
                .map(|i| get(i).trim().to_string())
                .unwrap_or_default(),
            value,
        }))
    }
}

/// Which of one organisation's periods (for one dimension) to use: those in the year up to the
/// latest period's end, without counting a month twice when a whole year and its months are
/// both loaded (longer periods win).
pub fn latest_year(periods: &[(String, String)]) -> Vec<(String, String)> {
    let Some(end) = periods.iter().map(|(_, e)| e.clone()).max() else {
        return Vec::new();
    };
    // The window opens the day after the same date a year earlier.
    let year: i32 = end.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let opens_after = format!("{:04}{}", year - 1, end.get(4..).unwrap_or(""));
    let mut candidates: Vec<&(String, String)> = periods
        .iter()
        .filter(|(s, e)| *s > opens_after && *e <= end)
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    candidates.dedup();
    let mut chosen: Vec<(String, String)> = Vec::new();
    for (s, e) in candidates {
        if chosen.iter().all(|(cs, ce)| e < cs || s > ce) {
            chosen.push((s.clone(), e.clone()));
        }
    }
    chosen
}

#[cfg(test)]
mod tests;
