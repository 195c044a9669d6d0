//! The ONS Postcode Directory (ONSPD) and National Statistics Postcode Lookup (NSPL): one row
//! per postcode. We read the postcode (`pcds`, else `pcd`, `pcd7`, `pcd8` or `pcd2`) and the
//! 2021 and 2011 LSOA it lies in (`lsoa21`/`lsoa21cd`, `lsoa11`/`lsoa11cd`); every other
//! column is ignored, so every edition since 2021 is accepted unchanged.

use super::{find, looks_like_code, real_code, require, HeaderError, RowError};
use crate::voices::demographics::{normalise_postcode, postcode_district};

/// Where the needed columns are in this file.
#[derive(Debug, Clone)]
pub struct Layout {
    postcode: (usize, String),
    lsoa21: Option<(usize, String)>,
    lsoa11: Option<(usize, String)>,
}

/// One postcode, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostcodeRow {
    /// Upper case, no spaces (`NR13SR`).
    pub postcode: String,
    /// Outward code (`NR1`), kept so areas can be rolled up to districts.
    pub district: String,
    pub lsoa21: Option<String>,
    pub lsoa11: Option<String>,
}

const FILE: &str = "the ONS Postcode Directory";

impl Layout {
    pub fn from_headers(headers: &[String]) -> Result<Layout, HeaderError> {
        let postcode = require(headers, &["pcds", "pcd", "pcd7", "pcd8", "pcd2"], FILE)?;
        let lsoa21 = find(headers, &["lsoa21", "lsoa21cd"]);
        let lsoa11 = find(headers, &["lsoa11", "lsoa11cd"]);
        if lsoa21.is_none() && lsoa11.is_none() {
            return Err(HeaderError(format!(
                "This does not look like {FILE}: it has no column headed \"lsoa21\", \"lsoa21cd\", \"lsoa11\" or \"lsoa11cd\"."
            )));
        }
        Ok(Layout {
            postcode,
            lsoa21,
            lsoa11,
        })
    }

    /// Reads one row; `get(i)` is the i-th field ("" when the row is short).
    pub fn row<'a>(&self, get: impl Fn(usize) -> &'a str) -> Result<PostcodeRow, RowError> {
        let (i, name) = &self.postcode;
        let raw = get(*i);
        let postcode = normalise_postcode(raw).ok_or_else(|| {
            RowError::new(
                name,
                format!("\"{}\" is not a full UK postcode", raw.trim()),
            )
        })?;
        let district = postcode_district(&postcode).map_err(|e| RowError::new(name, e.0))?;
        let area = |col: &Option<(usize, String)>| -> Result<Option<String>, RowError> {
            match col {
                Some((i, name)) => match real_code(get(*i)) {
                    Some(code) if !looks_like_code(&code) => Err(RowError::new(
                        name,
                        format!("\"{code}\" is not an area code"),
                    )),
                    other => Ok(other),
                },
                None => Ok(None),
            }
        };
        Ok(PostcodeRow {
            postcode,
            district,
            lsoa21: area(&self.lsoa21)?,
            lsoa11: area(&self.lsoa11)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voices::reference::clean_headers;

    /// The header row of the ONSPD from February 2023 onwards, as published.
    const ONSPD: &str = "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,park,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua11,buasd11,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21";

    fn layout(header: &str) -> Result<Layout, HeaderError> {
        Layout::from_headers(&clean_headers(header.split(',')))
    }

    #[test]
    fn reads_the_published_layout_by_header() {
        let l = layout(ONSPD).unwrap();
        let mut fields = vec![""; 53];
        fields[0] = "NR1 3SR";
        fields[2] = "NR1 3SR";
        fields[34] = "E01999001";
        fields[51] = "E01999101";
        let row = l.row(|i| fields.get(i).copied().unwrap_or("")).unwrap();
        assert_eq!(
            row,
            PostcodeRow {
                postcode: "NR13SR".into(),
                district: "NR1".into(),
                lsoa21: Some("E01999101".into()),
                lsoa11: Some("E01999001".into()),
            }
        );
        // Channel Islands and others carry pseudo codes: no area, not an error.
        fields[51] = "L99999999";
        fields[34] = "";
        let row = l.row(|i| fields.get(i).copied().unwrap_or("")).unwrap();
        assert_eq!((row.lsoa21, row.lsoa11), (None, None));
    }

    #[test]
    fn newer_column_names_and_bad_rows() {
        let l = layout("\u{feff}pcd7,pcd8,pcds,lsoa21cd,lat").unwrap();
        let ok = ["NR1 3SR", "NR1  3SR", "NR1 3SR", "E01999101", "52.6"];
        assert_eq!(
            l.row(|i| ok[i]).unwrap().lsoa21.as_deref(),
            Some("E01999101")
        );
        let bad = ["x", "x", "NOT A CODE", "E01999101", "52.6"];
        assert_eq!(
            l.row(|i| bad[i]).unwrap_err(),
            RowError::new("pcds", "\"NOT A CODE\" is not a full UK postcode")
        );
        let bad_area = ["", "", "NR1 3SR", "E01-99", ""];
        assert_eq!(l.row(|i| bad_area[i]).unwrap_err().column, "lsoa21cd");
    }

    #[test]
    fn other_files_are_refused_by_their_headers() {
        let e = layout("LSOA code (2021),LSOA name (2021)").unwrap_err();
        assert!(e.0.contains("\"pcds\""), "{e}");
        assert!(layout("pcds,lat,long").unwrap_err().0.contains("lsoa21"));
    }
}
