//! Fictional reference data and equality-monitoring answers for the demo, chosen so that the
//! lead's screen shows real gaps: Black and Asian women and the most deprived areas under-heard
//! in Riverside, one district (RV6) with births but no feedback at all, and the neonatal voice
//! under-heard in Riverside while Downs Valley (a neonatal unit) hears it well.
//!
//! The reference files are the samples in `docs/voices-reference/`, in the official layouts;
//! every postcode district (RV, DV), area code (E01999…) and figure in them is invented.

use mnvp_domain::voices::demographics::{
    AgeBand, Demographics, EthnicCategory, Experience, FirstLanguage, YesNo, CONSENT_VERSION,
};
use mnvp_domain::voices::reference::Kind;
use mnvp_store::feedback::NewFeedback;
use mnvp_store::voices::import::{ImportRequest, Source};
use mnvp_store::{Actor, Store, StoreError};

const FILES: [(Kind, &str, &[u8]); 3] = [
    (
        Kind::Postcodes,
        "ONSPD_SAMPLE_UK.csv",
        include_bytes!("../../../../docs/voices-reference/ONSPD_SAMPLE_UK.csv"),
    ),
    (
        Kind::Imd,
        "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_SAMPLE.csv",
        include_bytes!("../../../../docs/voices-reference/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_SAMPLE.csv"),
    ),
    (
        Kind::Births,
        "births_msds_layout_SAMPLE.csv",
        include_bytes!("../../../../docs/voices-reference/births_msds_layout_SAMPLE.csv"),
    ),
];

/// Imports the sample reference files, as a lead would.
pub async fn load_reference(store: &Store, actor: &Actor) -> Result<(), StoreError> {
    for (kind, name, bytes) in FILES {
        let req = ImportRequest {
            kind,
            file_name: name.into(),
            allowed_orgs: None,
        };
        let report = store
            .import_reference(Source::Bytes(bytes.to_vec()), &req, actor)
            .await?;
        if !report.committed {
            return Err(StoreError::Other(format!(
                "demo reference file {name} did not import: {report:?}"
            )));
        }
    }
    Ok(())
}

/// (district, LSOA, decile) of the sample areas.
const RIVERSIDE: [(&str, &str, i32); 10] = [
    ("RV1", "E01999101", 1),
    ("RV1", "E01999102", 1),
    ("RV2", "E01999103", 2),
    ("RV2", "E01999104", 3),
    ("RV3", "E01999105", 5),
    ("RV3", "E01999106", 6),
    ("RV4", "E01999107", 7),
    ("RV4", "E01999108", 8),
    ("RV5", "E01999109", 9),
    ("RV5", "E01999110", 10),
];
const DOWNS: [(&str, &str, i32); 6] = [
    ("DV1", "E01999201", 3),
    ("DV1", "E01999202", 4),
    ("DV2", "E01999203", 6),
    ("DV2", "E01999204", 8),
    ("DV3", "E01999205", 2),
    ("DV3", "E01999206", 9),
];

/// A deterministic pseudo-random stream (the demo is the same every time).
struct Draw(u64);

impl Draw {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(2862933555777941757)
            .wrapping_add(3037000493);
        (self.0 >> 33) % n.max(1)
    }

    /// Picks by weight.
    fn pick<T: Copy>(&mut self, options: &[(T, u64)]) -> T {
        let total: u64 = options.iter().map(|(_, w)| w).sum();
        let mut at = self.next(total);
        for (v, w) in options {
            if at < *w {
                return *v;
            }
            at -= w;
        }
        options[0].0
    }
}

/// Adds consented equality answers to about seven in ten demo items, skewed the way real
/// feedback often is: whiter, older, from less deprived areas than the births.
pub fn dress(items: &mut [NewFeedback], riverside: i64) {
    use EthnicCategory as E;
    let mut draw = Draw(0x766f_6963_6573);
    for item in items.iter_mut() {
        if draw.next(100) < 28 {
            continue;
        }
        let in_riverside = item.mnvp_id == riverside;
        let ethnic = draw.pick(&[
            (E::WhiteBritish, 66),
            (E::WhiteOther, 10),
            (E::WhiteIrish, 2),
            (E::Indian, 4),
            (E::Pakistani, 4),
            (E::Bangladeshi, 2),
            (E::African, 2),
            (E::Caribbean, 1),
            (E::MixedWhiteBlackCaribbean, 3),
            (E::MixedWhiteAsian, 2),
            (E::Other, 1),
            (E::NotStated, 3),
        ]);
        let areas: &[(&str, &str, i32)] = if in_riverside { &RIVERSIDE } else { &DOWNS };
        // Riverside's answers come mostly from its less deprived districts, none from RV6.
        let weights: Vec<(usize, u64)> = if in_riverside {
            vec![
                (0, 4),
                (1, 4),
                (2, 6),
                (3, 6),
                (4, 12),
                (5, 13),
                (6, 12),
                (7, 13),
                (8, 15),
                (9, 15),
            ]
        } else {
            (0..areas.len()).map(|i| (i, 10)).collect()
        };
        let (district, lsoa, decile) = areas[draw.pick(&weights)];
        let mut experiences = vec![Experience::Maternity];
        if !in_riverside || draw.next(100) < 2 {
            experiences.push(Experience::Neonatal);
        }
        if matches!(
            item.care_stage,
            Some(mnvp_domain::feedback::CareStage::Bereavement)
        ) {
            experiences.push(Experience::Bereavement);
        }
        item.demographics = Some(Demographics {
            ethnic_category: Some(ethnic),
            age_band: Some(draw.pick(&[
                (AgeBand::Under20, 1),
                (AgeBand::From20To24, 8),
                (AgeBand::From25To29, 25),
                (AgeBand::From30To34, 36),
                (AgeBand::From35To39, 22),
                (AgeBand::From40To44, 6),
                (AgeBand::PreferNot, 2),
            ])),
            first_language: Some(draw.pick(&[
                (FirstLanguage::English, 88),
                (FirstLanguage::Polish, 4),
                (FirstLanguage::Urdu, 3),
                (FirstLanguage::Bengali, 2),
                (FirstLanguage::Somali, 1),
                (FirstLanguage::PreferNot, 2),
            ])),
            interpreter_needed: Some(draw.pick(&[(YesNo::No, 95), (YesNo::Yes, 5)])),
            experiences,
            postcode_district: Some(district.into()),
            lsoa21: Some(lsoa.into()),
            imd_decile: Some(decile),
            consented: true,
            consent_version: CONSENT_VERSION.into(),
            ..Default::default()
        });
    }
}
