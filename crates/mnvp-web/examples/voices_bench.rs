//! Representation report benchmark (run by `bench/voices/run`): generates fictional feedback
//! with equality answers straight into a fresh database, then times the representation report
//! exactly as `mnvp report representation` and the `/voices` screen build it.
//!
//! Usage: voices_bench DATABASE_URL MNVPS ITEMS_PER_MNVP [icb]
//! (`icb`: time the commissioner's view of all MNVPs together, as well as one MNVP's.)

use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::organisation::{OrgKind, UnitType};
use mnvp_domain::parse::{Name, Slug};
use mnvp_domain::role::Role;
use mnvp_domain::suppression::SuppressionRule;
use mnvp_domain::voices::reference::Kind;
use mnvp_domain::voices::representation::Audience;
use mnvp_store::organisations::NewOrg;
use mnvp_store::voices::import::{ImportRequest, Source};
use mnvp_store::{Actor, Store};
use mnvp_web::voices::{report, scope};
use std::fmt::Write as _;
use std::time::Instant;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }

    fn pick<'a>(&mut self, options: &[(&'a str, u64)]) -> &'a str {
        let total: u64 = options.iter().map(|(_, w)| w).sum();
        let mut at = self.next(total);
        for (v, w) in options {
            if at < *w {
                return v;
            }
            at -= w;
        }
        options[0].0
    }
}

fn org(kind: OrgKind, name: &str, parent: Option<i64>) -> NewOrg {
    NewOrg {
        kind,
        name: Name::parse("a name", name).expect("name"),
        parent_id: parent,
        unit_type: None,
        slug: None,
        ods_code: None,
    }
}

const ETHNIC: [(&str, u64); 12] = [
    ("A", 60),
    ("C", 10),
    ("B", 2),
    ("H", 5),
    ("J", 5),
    ("K", 2),
    ("N", 4),
    ("M", 2),
    ("D", 3),
    ("F", 2),
    ("S", 2),
    ("Z", 3),
];
const AGES: [(&str, u64); 8] = [
    ("under_20", 2),
    ("20_24", 10),
    ("25_29", 26),
    ("30_34", 33),
    ("35_39", 20),
    ("40_44", 6),
    ("45_plus", 1),
    ("prefer_not", 2),
];
const CHANNELS: [(&str, u64); 7] = [
    ("online_form", 40),
    ("walk_the_patch", 20),
    ("outreach", 15),
    ("survey", 10),
    ("social_media", 5),
    ("fft", 8),
    ("pag", 2),
];

/// Rows of feedback and of their answers, as CSV for COPY (PostgreSQL) or value tuples.
struct Generated {
    feedback: String,
    demographics: String,
}

fn generate(rng: &mut Lcg, first_id: i64, n: i64, mnvp: i64, units: &[i64], m: usize) -> Generated {
    let mut g = Generated {
        feedback: String::with_capacity(n as usize * 90),
        demographics: String::with_capacity(n as usize * 80),
    };
    let stages: Vec<&str> = CareStage::ALL.iter().map(|s| s.as_str()).collect();
    for i in 0..n {
        let id = first_id + i;
        let unit = units[rng.next(units.len() as u64) as usize];
        let channel = rng.pick(&CHANNELS);
        let stage = stages[rng.next(stages.len() as u64) as usize];
        let month = rng.next(12);
        let (y, mo) = if month < 9 {
            (2025, month + 4)
        } else {
            (2026, month - 8)
        };
        let day = rng.next(28) + 1;
        let date = format!("{y}-{mo:02}-{day:02}");
        let _ = writeln!(
            g.feedback,
            "{id},{mnvp},{unit},{channel},{stage},{date},{},{date}T12:00:00Z,f,\"\"",
            rng.next(5) + 1
        );
        if rng.next(100) < 65 {
            let district = rng.next(12);
            let decile = (district % 10) + 1;
            let mut experiences = String::from("maternity");
            if rng.next(100) < 5 {
                experiences.push_str(";neonatal");
            }
            let _ = writeln!(
                g.demographics,
                "{id},{},{},en,no,{experiences},B{m}X{district},E01999{:03},{decile},2026-12,{date}T12:00:00Z",
                rng.pick(&ETHNIC),
                rng.pick(&AGES),
                m * 12 + district as usize,
            );
        }
    }
    g
}

/// Births for each MNVP in the maternity statistics layout, imported as a lead would.
fn births_csv(slugs: &[String]) -> String {
    let mut out = String::from(
        "ReportingPeriodStartDate,ReportingPeriodEndDate,Dimension,Org_Level,Org_Code,Org_Name,Measure,Count_Of,Final_value\n",
    );
    for slug in slugs {
        let mut row = |dim: &str, measure: &str, v: i64| {
            let _ = writeln!(
                out,
                "2025-04-01,2026-03-31,{dim},MNVP,{slug},,{measure},Women,{v}"
            );
        };
        row("TotalBabies", "Total", 4000);
        row("NeonatalAdmissions", "Total", 400);
        for (m, v) in [
            ("White", 2600),
            ("Asian or Asian British", 700),
            ("Black or Black British", 400),
            ("Mixed", 200),
            ("Any other ethnic group", 100),
        ] {
            row("EthnicCategoryMotherGroup", m, v);
        }
        for d in 1..=10 {
            let label = match d {
                1 => "01 - Most deprived".to_string(),
                10 => "10 - Least deprived".to_string(),
                d => format!("{d:02}"),
            };
            row("DeprivationDecileAtBooking", &label, 400);
        }
        for (m, v) in [
            ("Under 20", 100),
            ("20 to 24", 500),
            ("25 to 29", 1100),
            ("30 to 34", 1300),
            ("35 to 39", 750),
            ("40 to 44", 200),
            ("45 or Over", 50),
        ] {
            row("AgeAtBookingMotherGroup", m, v);
        }
    }
    out
}

const FEEDBACK_COLUMNS: &str = "id, mnvp_id, unit_id, channel, care_stage, received_on, rating, created_at, safety_flagged, safety_categories";
const DEMOGRAPHIC_COLUMNS: &str = "feedback_id, ethnic_category, age_band, first_language, interpreter_needed, experiences, postcode_district, lsoa21, imd_decile, consent_version, consented_at";

async fn load(url: &str, g: &Generated) -> anyhow::Result<()> {
    if url.starts_with("postgres") {
        use sqlx::postgres::PgPoolCopyExt;
        let pool = sqlx::PgPool::connect(url).await?;
        for (table, cols, data) in [
            ("feedback", FEEDBACK_COLUMNS, &g.feedback),
            (
                "feedback_demographics",
                DEMOGRAPHIC_COLUMNS,
                &g.demographics,
            ),
        ] {
            let mut copy = pool
                .copy_in_raw(&format!(
                    "COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)"
                ))
                .await?;
            copy.send(data.as_bytes()).await?;
            copy.finish().await?;
        }
        pool.close().await;
    } else {
        let pool = sqlx::SqlitePool::connect(url).await?;
        for (table, cols, data) in [
            ("feedback", FEEDBACK_COLUMNS, &g.feedback),
            (
                "feedback_demographics",
                DEMOGRAPHIC_COLUMNS,
                &g.demographics,
            ),
        ] {
            let lines: Vec<&str> = data.lines().collect();
            for chunk in lines.chunks(50_000) {
                let mut tx = pool.begin().await?;
                for rows in chunk.chunks(400) {
                    let values: Vec<String> = rows
                        .iter()
                        .map(|l| {
                            let cells: Vec<String> = l
                                .split(',')
                                .map(|c| match c {
                                    "" | "\"\"" => "''".to_string(),
                                    "f" => "0".to_string(),
                                    c if c.parse::<i64>().is_ok() => c.to_string(),
                                    c => format!("'{c}'"),
                                })
                                .collect();
                            format!("({})", cells.join(", "))
                        })
                        .collect();
                    sqlx::query(&format!(
                        "INSERT INTO {table} ({cols}) VALUES {}",
                        values.join(", ")
                    ))
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
            }
        }
        pool.close().await;
    }
    Ok(())
}

async fn time_report(
    store: &Store,
    view: &scope::View,
    label: &str,
    target: f64,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let rep = report::build(store, view, None, None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let secs = started.elapsed().as_secs_f64();
    let rows = report::csv_rows(&rep, None).len();
    println!(
        "{label:<64} {secs:>8.3} s   target < {target:.0} s  {}   ({rows} CSV rows)",
        if secs < target { "MET" } else { "MISSED" }
    );
    Ok(secs)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: voices_bench DATABASE_URL MNVPS ITEMS_PER_MNVP [icb]";
    let url = args.get(1).ok_or_else(|| anyhow::anyhow!(usage))?.clone();
    let mnvps: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow::anyhow!(usage))?;
    let per: i64 = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow::anyhow!(usage))?;
    let icb_view = args.get(4).is_some_and(|a| a == "icb");
    let store = Store::open(&url).await?;
    let a = Actor::cli("voices bench");
    let icb = store
        .create_org(&org(OrgKind::Icb, "Bench ICB", None), None, &a)
        .await?;
    let lmns = store
        .create_org(&org(OrgKind::Lmns, "Bench LMNS", Some(icb.id)), None, &a)
        .await?;
    let trust = store
        .create_org(&org(OrgKind::Trust, "Bench Trust", Some(lmns.id)), None, &a)
        .await?;
    let mut rng = Lcg(20261201);
    let mut ids = Vec::new();
    let mut slugs = Vec::new();
    let started = Instant::now();
    let mut next_id = 1i64;
    for m in 0..mnvps {
        let mut units = Vec::new();
        for (u, t) in [
            UnitType::MaternityUnit,
            UnitType::BirthCentre,
            UnitType::NeonatalUnit,
        ]
        .iter()
        .enumerate()
        {
            let unit = store
                .create_org(
                    &NewOrg {
                        unit_type: Some(*t),
                        ..org(
                            OrgKind::Unit,
                            &format!("Bench unit {m}-{u}"),
                            Some(trust.id),
                        )
                    },
                    None,
                    &a,
                )
                .await?;
            units.push(unit.id);
        }
        let slug = format!("bench-{m}");
        let mnvp = store
            .create_org(
                &NewOrg {
                    slug: Some(Slug::parse(&slug).map_err(|e| anyhow::anyhow!(e.0))?),
                    ..org(OrgKind::Mnvp, &format!("Bench MNVP {m}"), Some(lmns.id))
                },
                None,
                &a,
            )
            .await?;
        store.set_mnvp_units(mnvp.id, &units, &a).await?;
        let g = generate(&mut rng, next_id, per, mnvp.id, &units, m);
        load(&url, &g).await?;
        next_id += per;
        ids.push(mnvp.id);
        slugs.push(slug);
    }
    let births = births_csv(&slugs);
    let req = ImportRequest {
        kind: Kind::Births,
        file_name: "bench births.csv".into(),
        allowed_orgs: None,
    };
    let r = store
        .import_reference(Source::Bytes(births.into_bytes()), &req, &a)
        .await?;
    anyhow::ensure!(r.committed, "births did not import: {r:?}");
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(&url).await?;
        // Ids were given explicitly: move the identity on past them for later inserts.
        sqlx::query("SELECT setval(pg_get_serial_sequence('feedback', 'id'), (SELECT MAX(id) FROM feedback))")
            .execute(&pool)
            .await?;
        sqlx::query("ANALYZE").execute(&pool).await?;
        pool.close().await;
    }
    println!(
        "Generated {} feedback items for {mnvps} MNVP(s) in {:.1} s (fictional; 65% with equality answers).",
        next_id - 1,
        started.elapsed().as_secs_f64()
    );
    let one = scope::for_mnvp(
        &store,
        ids[0],
        Audience::Protected(SuppressionRule::default()),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let engine = if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let view = if icb_view {
        scope::for_user(&store, Role::Commissioner, Some(icb.id))
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
    } else {
        one.clone()
    };
    let (what, target) = if icb_view {
        (
            format!("ICB of {mnvps} MNVPs, {} items, {engine}", next_id - 1),
            5.0,
        )
    } else {
        (format!("one MNVP, {per} items, {engine}"), 1.0)
    };
    // Kept by the insert triggers during the load; recount every month once to time that too.
    let t = Instant::now();
    let pool_url = url.clone();
    mark_all_stale(&pool_url).await?;
    let recounted = store.refresh_voices_tally(None).await?;
    println!(
        "{:<64} {:>8.3} s   (not needed after a load: {recounted} MNVP-months)",
        "recounting every month from the items",
        t.elapsed().as_secs_f64()
    );
    time_report(&store, &view, &format!("report, {what}"), target).await?;
    time_report(&store, &view, &format!("report again, {what}"), target).await?;
    // Steady state: one new item arrives through the store; the insert triggers count it in.
    sqlx_one_more(&url, next_id, ids[0]).await?;
    time_report(
        &store,
        &view,
        &format!("report after a new item, {what}"),
        target,
    )
    .await?;
    let mut lead = one.clone();
    lead.audience = Audience::Lead;
    let started = Instant::now();
    report::build(
        &store,
        &lead,
        chrono::NaiveDate::from_ymd_opt(2025, 5, 17),
        chrono::NaiveDate::from_ymd_opt(2026, 2, 9),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "{:<64} {:>8.3} s   (part-months counted from the items)",
        format!("lead's report, one MNVP, 17 May to 9 Feb, {engine}"),
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(())
}

/// Marks every month for recounting (as a bulk correction would).
async fn mark_all_stale(url: &str) -> anyhow::Result<()> {
    let sql = "INSERT INTO voices_tally_stale (mnvp_id, month) SELECT DISTINCT mnvp_id, SUBSTR(received_on, 1, 7) FROM feedback";
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await?;
        sqlx::query(sql).execute(&pool).await?;
        pool.close().await;
    } else {
        let pool = sqlx::SqlitePool::connect(url).await?;
        sqlx::query(sql).execute(&pool).await?;
        pool.close().await;
    }
    Ok(())
}

/// One more feedback item, inserted the way a channel would (through the store).
async fn sqlx_one_more(url: &str, _id: i64, mnvp: i64) -> anyhow::Result<()> {
    let store = Store::open(url).await?;
    let item = mnvp_store::feedback::NewFeedback {
        mnvp_id: mnvp,
        unit_id: None,
        channel: Channel::OnlineForm,
        care_stage: Some(CareStage::Antenatal),
        received_on: "2026-03-15".into(),
        rating: Some(4),
        body: None,
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    };
    store
        .insert_feedback(&item, &Actor::cli("voices bench"), None)
        .await?;
    store.close().await;
    Ok(())
}
