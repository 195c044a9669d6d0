use super::*;
use crate::voices::reference::clean_headers;

const MONTHLY: &str = "ReportingPeriodStartDate,ReportingPeriodEndDate,Dimension,Org_Level,Org_Code,Org_Name,Measure,Count_Of,Final_value";

fn parse(header: &str, row: &[&str]) -> Result<Parsed, RowError> {
    let headers = clean_headers(header.split(','));
    let layout = Layout::from_headers(&headers).unwrap();
    layout.row(&headers, |i| row.get(i).copied().unwrap_or(""))
}

fn kept(p: Result<Parsed, RowError>) -> BirthsRow {
    match p.unwrap() {
        Parsed::Row(r) => r,
        Parsed::Skip => panic!("skipped"),
    }
}

#[test]
fn published_dimensions_are_read_as_published() {
    let r = kept(parse(
        MONTHLY,
        &[
            "2024-04-01",
            "2025-03-31",
            "EthnicCategoryMotherGroup",
            "Provider",
            "rzz",
            "Fictional Trust",
            "Black or Black British",
            "Women",
            "1,205",
        ],
    ));
    assert_eq!(r.org, OrgRef::Provider("RZZ".into()));
    assert_eq!(
        (r.dimension, r.group.as_str(), r.value),
        (PopDimension::EthnicGroup2001, "black", Some(1205))
    );
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2024-04-01", "2025-03-31")
    );

    let r = kept(parse(
        MONTHLY,
        &[
            "01/04/2024",
            "30/04/2024",
            "DeprivationDecileAtBooking",
            "MNVP",
            "Demo",
            "",
            "01 - Most deprived",
            "Women",
            "*",
        ],
    ));
    assert_eq!(
        (r.org, r.group.as_str(), r.value),
        (OrgRef::Mnvp("demo".into()), "1", None)
    );
    assert_eq!(
        kept(parse(
            MONTHLY,
            &[
                "2024-04-01",
                "2024-04-30",
                "AgeAtBookingMotherGroup",
                "Provider",
                "RZZ",
                "",
                "45 or Over",
                "Women",
                "3"
            ]
        ))
        .group,
        "45_plus"
    );
    assert_eq!(
        kept(parse(
            MONTHLY,
            &[
                "2024-04-01",
                "2024-04-30",
                "EthnicCategoryMotherGroup x DeprivationDecileAtBooking",
                "MNVP",
                "demo",
                "",
                "Asian or Asian British; 02",
                "Women",
                "30"
            ]
        ))
        .group,
        "asian:2"
    );
    assert_eq!(
        kept(parse(
            MONTHLY,
            &[
                "2024-04-01",
                "2024-04-30",
                "PostcodeDistrictMother",
                "MNVP",
                "demo",
                "",
                "rv3",
                "Women",
                "30"
            ]
        ))
        .group,
        "RV3"
    );
}

#[test]
fn other_rows_are_skipped_not_refused() {
    for row in [
        [
            "2024-04-01",
            "2024-04-30",
            "BirthweightTermGroup",
            "Provider",
            "RZZ",
            "",
            "Under 1500g",
            "Babies",
            "5",
        ],
        [
            "2024-04-01",
            "2024-04-30",
            "EthnicCategoryMotherGroup",
            "National",
            "ALL",
            "",
            "White",
            "Women",
            "5",
        ],
        [
            "2024-04-01",
            "2024-04-30",
            "EthnicCategoryMotherGroup",
            "Provider",
            "RZZ",
            "",
            "Missing Value / Value outside reporting parameters",
            "Women",
            "5",
        ],
    ] {
        assert_eq!(parse(MONTHLY, &row).unwrap(), Parsed::Skip, "{row:?}");
    }
}

#[test]
fn the_latest_year_is_used_once() {
    let p = |s: &str, e: &str| (s.to_string(), e.to_string());
    let periods = [
        p("2023-04-01", "2024-03-31"),
        p("2024-04-01", "2025-03-31"),
        p("2024-04-01", "2024-04-30"),
        p("2025-03-01", "2025-03-31"),
    ];
    assert_eq!(latest_year(&periods), [p("2024-04-01", "2025-03-31")]);
    let months = [
        p("2024-11-01", "2024-11-30"),
        p("2024-12-01", "2024-12-31"),
        p("2023-12-01", "2023-12-31"),
    ];
    assert_eq!(
        latest_year(&months),
        [p("2024-11-01", "2024-11-30"), p("2024-12-01", "2024-12-31")]
    );
    assert!(latest_year(&[]).is_empty());
}

#[test]
fn bad_values_name_the_column() {
    let e = parse(
        MONTHLY,
        &[
            "2024-04-01",
            "2024-04-30",
            "TotalBabies",
            "Provider",
            "RZZ",
            "",
            "Total",
            "Babies",
            "lots",
        ],
    )
    .unwrap_err();
    assert_eq!(e.column, "Final_value");
    let e = parse(
        MONTHLY,
        &[
            "2024-13-01",
            "2024-04-30",
            "TotalBabies",
            "Provider",
            "RZZ",
            "",
            "Total",
            "Babies",
            "5",
        ],
    )
    .unwrap_err();
    assert_eq!(e.column, "ReportingPeriodStartDate");
    let e = parse(
        MONTHLY,
        &[
            "2024-04-01",
            "2024-04-30",
            "AgeAtBookingMotherGroup",
            "Provider",
            "RZZ",
            "",
            "Under 15",
            "Women",
            "5",
        ],
    )
    .unwrap_err();
    assert_eq!(
        (e.column.as_str(), e.reason.as_str()),
        ("Measure", "\"Under 15\" is not a measure of this dimension")
    );
    let annual = "Period,Dimension,Org_Level,Org_Code,Org_Name,Measure,Count_Of,Value";
    let r = kept(parse(
        annual,
        &[
            "2023-24",
            "TotalDeliveries",
            "Provider",
            "RZZ",
            "",
            "Total",
            "Deliveries",
            "3010",
        ],
    ));
    assert_eq!(
        (r.period_start.as_str(), r.period_end.as_str()),
        ("2023-04-01", "2024-03-31")
    );
    assert_eq!(
        parse(
            annual,
            &[
                "23/24",
                "TotalDeliveries",
                "Provider",
                "RZZ",
                "",
                "Total",
                "Deliveries",
                "1"
            ]
        )
        .unwrap_err()
        .column,
        "Period"
    );
    assert!(Layout::from_headers(&clean_headers("pcds,lsoa21".split(','))).is_err());
}
