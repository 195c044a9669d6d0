//! Imports of the reference files in their published layouts (the fictional samples shipped in
//! `docs/voices-reference/` have the official headers): all or nothing, every bad row with its
//! line, column and reason.

use crate::{actor, hierarchy, open, Raw};
use mnvp_domain::voices::reference::births::PopDimension;
use mnvp_domain::voices::reference::Kind;
use mnvp_store::voices::import::{ImportRequest, LineError, Source};
use mnvp_store::voices::Place;
use mnvp_store::{Engine, Store};

crate::both_engines!(
    published_layouts_import_and_place_postcodes,
    a_bad_row_anywhere_imports_nothing,
    births_replace_their_period_and_skip_other_organisations
);

pub const ONSPD: &str = include_str!("../../../../../docs/voices-reference/ONSPD_SAMPLE_UK.csv");
pub const IOD2025: &str = include_str!(
    "../../../../../docs/voices-reference/File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_SAMPLE.csv"
);
pub const IOD2019: &str = include_str!(
    "../../../../../docs/voices-reference/File_7_IoD2019_All_Ranks_Scores_Deciles_Population_Denominators_SAMPLE.csv"
);
pub const BIRTHS: &str =
    include_str!("../../../../../docs/voices-reference/births_msds_layout_SAMPLE.csv");

pub fn request(kind: Kind, file: &str) -> ImportRequest {
    ImportRequest {
        kind,
        file_name: file.into(),
        allowed_orgs: None,
    }
}

pub async fn import(
    store: &Store,
    kind: Kind,
    text: &str,
) -> mnvp_store::voices::import::ImportReport {
    store
        .import_reference(
            Source::Bytes(text.as_bytes().to_vec()),
            &request(kind, "sample.csv"),
            &actor(),
        )
        .await
        .unwrap()
}

async fn published_layouts_import_and_place_postcodes(engine: Engine) {
    let (_db, store) = open(engine).await;
    let r = import(&store, Kind::Postcodes, ONSPD).await;
    assert!(r.committed, "{r:?}");
    assert_eq!((r.imported, r.error_count()), (29, 0));
    // The 2019 edition first, then 2025: the newer edition wins where codes coincide.
    let r = import(&store, Kind::Imd, IOD2019).await;
    assert_eq!(
        (r.committed, r.detail.as_str(), r.imported),
        (true, "IoD2019", 18)
    );
    let r = import(&store, Kind::Imd, IOD2025).await;
    assert_eq!((r.committed, r.detail.as_str()), (true, "IoD2025"));
    assert_eq!(
        store.place_postcode("RV61AA").await.unwrap(),
        Place {
            lsoa21: Some("E01999111".into()),
            imd_decile: Some(1)
        }
    );
    assert_eq!(
        store.place_postcode("GY999ZZ").await.unwrap(),
        Place::default()
    );
    // Re-importing the 2019 edition does not overwrite 2025 deciles.
    import(&store, Kind::Imd, IOD2019).await;
    let summary = store.reference_summary(None).await.unwrap();
    assert_eq!(
        (summary.postcodes, summary.areas_2025, summary.areas_2019),
        (29, 18, 18)
    );
    assert_eq!(summary.imports.len(), 4);
    assert_eq!(summary.imports[0].kind, "imd");
    // Districts: deprivation from postcodes, LSOAs rolled up.
    let dep = store
        .district_deprivation(&["RV1".into(), "RV5".into(), "XX1".into()])
        .await
        .unwrap();
    assert_eq!(dep["RV1"].mean_decile, 1.0);
    assert_eq!(dep["RV1"].most_deprived_share, 1.0);
    assert!((dep["RV5"].mean_decile - (9.0 + 9.0 + 10.0) / 3.0).abs() < 1e-9);
    assert!(!dep.contains_key("XX1"));
    let map = store.lsoa_districts(&["E01999103".into()]).await.unwrap();
    assert_eq!(map["E01999103"], "RV2");
    assert!(store.audit_verify().await.unwrap().is_ok());
}

async fn a_bad_row_anywhere_imports_nothing(engine: Engine) {
    let (_db, store) = open(engine).await;
    // Two bad rows far apart: both reported, with line and column; nothing written.
    let mut lines: Vec<String> = ONSPD.lines().map(str::to_string).collect();
    lines[3] = lines[3].replacen(
        "\"RV1 2AA\",\"RV1  2AA\",\"RV1 2AA\"",
        "\"RV1 2AA\",\"RV1  2AA\",\"NOT A POSTCODE\"",
        1,
    );
    let at = lines[20].rfind("\"E01999").unwrap();
    lines[20].replace_range(at..at + 7, "\"E01-99");
    let bad = lines.join("\n");
    let r = import(&store, Kind::Postcodes, &bad).await;
    assert!(!r.committed);
    assert_eq!(r.imported, 0);
    assert_eq!(
        r.errors[0],
        LineError {
            line: 4,
            column: "pcds".into(),
            reason: "\"NOT A POSTCODE\" is not a full UK postcode".into()
        }
    );
    assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
    assert_eq!(
        (r.errors[1].line, r.errors[1].column.as_str()),
        (21, "lsoa21")
    );
    assert_eq!(store.reference_summary(None).await.unwrap().postcodes, 0);

    // A file of the wrong kind is refused by its header.
    let r = import(&store, Kind::Imd, ONSPD).await;
    assert!(r.header_error.unwrap().contains("LSOA code (2021)"));
    let r = import(&store, Kind::Births, "").await;
    assert_eq!(r.header_error.as_deref(), Some("The file is empty."));
    // Not UTF-8 (Windows-1252 "£").
    let mut latin = b"pcds,lsoa21\nRV1 1AA,E01999101\nRV1 1AB,\xa3\n".to_vec();
    latin.extend_from_slice(b"RV1 2AA,E01999103\n");
    let r = store
        .import_reference(
            Source::Bytes(latin),
            &request(Kind::Postcodes, "latin.csv"),
            &actor(),
        )
        .await
        .unwrap();
    assert_eq!(r.errors[0].line, 3);
    assert!(r.errors[0].reason.contains("UTF-8"), "{:?}", r.errors);
    assert_eq!(store.reference_summary(None).await.unwrap().postcodes, 0);

    // Births: a bad value on one row refuses the file.
    let births = BIRTHS.replacen(
        "Black or Black British,Women,300",
        "Black or Black British,Women,lots",
        1,
    );
    hierarchy(&store).await;
    let r = import(&store, Kind::Births, &births).await;
    assert!(!r.committed);
    assert_eq!(r.errors[0].column, "Final_value");
    assert_eq!(r.errors[0].line, 8, "{:?}", r.errors);
    assert!(store
        .reference_summary(None)
        .await
        .unwrap()
        .population
        .is_empty());
}

async fn births_replace_their_period_and_skip_other_organisations(engine: Engine) {
    let (_db, store) = open(engine).await;
    let (_, lmns, trust, _, _) = hierarchy(&store).await;
    let a = actor();
    let demo = store
        .create_org(
            &crate::org(mnvp_domain::organisation::OrgKind::Mnvp, "Demo", Some(lmns)),
            None,
            &a,
        )
        .await
        .unwrap();
    assert_eq!(demo.slug.as_deref(), Some("demo"));
    let r = import(&store, Kind::Births, BIRTHS).await;
    assert!(r.committed, "{r:?}");
    assert_eq!(r.unknown_orgs, ["MNVP downs-valley"]);
    assert_eq!(r.detail, "2025-04-01 to 2026-03-31");
    let p = store.voices_population(&[demo.id]).await.unwrap();
    assert_eq!(
        p.rows[&(PopDimension::EthnicGroup2001, "black".to_string())],
        300
    );
    assert_eq!(
        p.rows[&(PopDimension::EthnicGroup2001Imd, "black:1".to_string())],
        130
    );
    assert_eq!(
        p.rows[&(PopDimension::Losses, "stillbirths".to_string())],
        12
    );
    assert!(!p
        .rows
        .contains_key(&(PopDimension::EthnicGroup2001, "not_stated".to_string())));
    // Re-importing the same period replaces, not adds.
    let again = BIRTHS.replacen(
        "Black or Black British,Women,300",
        "Black or Black British,Women,310",
        1,
    );
    import(&store, Kind::Births, &again).await;
    let p = store.voices_population(&[demo.id]).await.unwrap();
    assert_eq!(
        p.rows[&(PopDimension::EthnicGroup2001, "black".to_string())],
        310
    );
    assert_eq!(p.rows[&(PopDimension::Babies, "all".to_string())], 3000);
    // A lead may import only their own footprint's rows.
    let limited = ImportRequest {
        allowed_orgs: Some(vec![trust]),
        ..request(Kind::Births, "x.csv")
    };
    let r = store
        .import_reference(Source::Bytes(BIRTHS.as_bytes().to_vec()), &limited, &a)
        .await
        .unwrap();
    assert_eq!((r.committed, r.imported), (true, 0));
    assert_eq!(r.unknown_orgs, ["MNVP demo", "MNVP downs-valley"]);
    // Trusts are matched by ODS code.
    let trust_rows = "Period,Dimension,Org_Level,Org_Code,Org_Name,Measure,Count_Of,Value\n\
                      2024-25,TotalBabies,Provider,r9z,North Trust,Total,Babies,2000\n";
    Raw::connect(&_db.url)
        .await
        .exec(&format!(
            "UPDATE organisations SET ods_code = 'R9Z' WHERE id = {trust}"
        ))
        .await
        .unwrap();
    let r = import(&store, Kind::Births, trust_rows).await;
    assert_eq!((r.committed, r.imported), (true, 1));
    let p = store.voices_population(&[trust]).await.unwrap();
    assert_eq!(p.rows[&(PopDimension::Babies, "all".to_string())], 2000);
}
