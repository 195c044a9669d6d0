//! File 7 of the English Indices of Deprivation ("All ranks, deciles and scores for the indices
//! of deprivation, and population denominators"): one row per LSOA. The 2025 edition is on
//! 2021 LSOAs (`LSOA code (2021)`), the 2019 edition on 2011 LSOAs (`LSOA code (2011)`); the
//! edition is told by that header. We keep the LSOA, its name, its local authority and the
//! Index of Multiple Deprivation decile (1 = most deprived 10% of LSOAs in England).

use super::{find, require, HeaderError, RowError};
use serde::Serialize;

/// Which edition a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Edition {
    IoD2025,
    IoD2019,
}

impl Edition {
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::IoD2025 => "IoD2025",
            Edition::IoD2019 => "IoD2019",
        }
    }
}

/// The published header of the IMD decile column (identical in both editions).
pub const IMD_DECILE: &str =
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)";

#[derive(Debug, Clone)]
pub struct Layout {
    pub edition: Edition,
    code: (usize, String),
    name: Option<usize>,
    lad: Option<usize>,
    decile: (usize, String),
}

/// One area's deprivation, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRow {
    pub lsoa: String,
    pub name: Option<String>,
    pub local_authority: Option<String>,
    pub imd_decile: i32,
}

const FILE: &str = "File 7 of the English Indices of Deprivation";

impl Layout {
    pub fn from_headers(headers: &[String]) -> Result<Layout, HeaderError> {
        let (edition, code, name, lad) = if let Some(code) = find(headers, &["LSOA code (2021)"]) {
            (
                Edition::IoD2025,
                code,
                find(headers, &["LSOA name (2021)"]),
                find(headers, &["Local Authority District name (2024)"]),
            )
        } else {
            let code = require(headers, &["LSOA code (2021)", "LSOA code (2011)"], FILE)?;
            (
                Edition::IoD2019,
                code,
                find(headers, &["LSOA name (2011)"]),
                find(headers, &["Local Authority District name (2019)"]),
            )
        };
        let decile = find(headers, &[IMD_DECILE])
            .or_else(|| {
                headers
                    .iter()
                    .position(|h| h.starts_with("Index of Multiple Deprivation (IMD) Decile"))
                    .map(|i| (i, headers[i].clone()))
            })
            .ok_or_else(|| {
                HeaderError(format!(
                    "This does not look like {FILE}: it has no column headed \"{IMD_DECILE}\"."
                ))
            })?;
        Ok(Layout {
            edition,
            code,
            name: name.map(|(i, _)| i),
            lad: lad.map(|(i, _)| i),
            decile,
        })
    }

    pub fn row<'a>(&self, get: impl Fn(usize) -> &'a str) -> Result<AreaRow, RowError> {
        let (i, col) = &self.code;
        let lsoa = get(*i).trim().to_ascii_uppercase();
        let valid = lsoa.len() == 9
            && lsoa.starts_with("E01")
            && lsoa[3..].chars().all(|c| c.is_ascii_digit());
        if !valid {
            return Err(RowError::new(
                col,
                format!("\"{lsoa}\" is not an English LSOA code (E01 and six digits)"),
            ));
        }
        let (i, col) = &self.decile;
        let raw = get(*i).trim();
        let imd_decile = raw
            .parse::<f64>()
            .ok()
            .filter(|d| d.fract() == 0.0 && (1.0..=10.0).contains(d))
            .map(|d| d as i32)
            .ok_or_else(|| RowError::new(col, format!("\"{raw}\" is not a decile from 1 to 10")))?;
        let text = |i: Option<usize>| {
            i.map(|i| get(i).trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Ok(AreaRow {
            lsoa,
            name: text(self.name),
            local_authority: text(self.lad),
            imd_decile,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voices::reference::clean_headers;

    fn layout(headers: &[&str]) -> Result<Layout, HeaderError> {
        Layout::from_headers(&clean_headers(headers.iter().copied()))
    }

    #[test]
    fn editions_are_told_by_the_lsoa_header() {
        let l = layout(&[
            "LSOA code (2021)",
            "LSOA name (2021)",
            "Local Authority District code (2024)",
            "Local Authority District name (2024)",
            "Index of Multiple Deprivation (IMD) Score",
            "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)",
            IMD_DECILE,
        ])
        .unwrap();
        assert_eq!(l.edition, Edition::IoD2025);
        let f = [
            "E01999101",
            "Riverside 001A",
            "E06999901",
            "Riverside",
            "41.2",
            "1234",
            "1",
        ];
        assert_eq!(
            l.row(|i| f[i]).unwrap(),
            AreaRow {
                lsoa: "E01999101".into(),
                name: Some("Riverside 001A".into()),
                local_authority: Some("Riverside".into()),
                imd_decile: 1
            }
        );
        let l = layout(&["LSOA code (2011)", "LSOA name (2011)", IMD_DECILE]).unwrap();
        assert_eq!(l.edition, Edition::IoD2019);
    }

    #[test]
    fn bad_rows_name_their_column() {
        let l = layout(&["LSOA code (2021)", IMD_DECILE]).unwrap();
        assert_eq!(
            l.row(|i| ["E01999101", "11"][i]).unwrap_err().column,
            IMD_DECILE
        );
        assert_eq!(
            l.row(|i| ["E01999101", "2.5"][i]).unwrap_err().column,
            IMD_DECILE
        );
        assert_eq!(
            l.row(|i| ["W01000001", "3"][i]).unwrap_err().reason,
            "\"W01000001\" is not an English LSOA code (E01 and six digits)"
        );
        assert!(layout(&["pcds", "lsoa21"])
            .unwrap_err()
            .0
            .contains("LSOA code"));
        assert!(layout(&["LSOA code (2021)", "Income Score (rate)"])
            .unwrap_err()
            .0
            .contains(IMD_DECILE));
    }
}
