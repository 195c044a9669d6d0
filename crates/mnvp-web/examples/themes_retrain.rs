//! Benchmark of the product's background retraining (issue 4: "retraining happens in the
//! background in seconds, never blocks the page"), run by `bench/themes/run`.
//!
//! For each size N it makes a fresh MNVP in a database holding the demo, imports the QDC
//! framework from the data file's header as that MNVP's codebook, stores the first N coded
//! comments of the file as feedback coded by one lead, and then times, on the same items:
//!
//! * **engine alone** (the baseline): `ThemeModel::train` on the items, nothing else;
//! * **model version**: `engine::build`, what the worker runs on its blocking thread before the
//!   version is put in use (training, serialising), and `engine::measure`, what it runs after
//!   (5-fold cross-validation for the per-theme precision and recall);
//! * **refresh**: `worker::refresh` as the background worker calls it (reading the codings,
//!   building the version, storing it with its snapshot, scoring every item in batches; then
//!   measuring it and scoring every item again), with the time until the version is in use;
//! * **coding-queue reads** (what the coding page asks the store) while a refresh runs in the
//!   background, beside the same reads with nothing running: median, p99 and worst.
//!
//! Times are CPU seconds (of the training thread, or of the process for a whole refresh) with
//! wall-clock seconds beside them: on a shared machine the wall clock also counts other
//! people's work. The load average is printed alongside.
//!
//! `themes_retrain --data train.csv [--database-url URL] [--sizes 250,1000,all]`

use mnvp_domain::feedback::Channel;
use mnvp_domain::organisation::OrgKind;
use mnvp_domain::parse::{Email, Name, Slug};
use mnvp_domain::role::Role;
use mnvp_domain::themes::labels::{HumanLabels, LabelSource};
use mnvp_store::feedback::{FeedbackFilter, NewFeedback};
use mnvp_store::organisations::NewOrg;
use mnvp_store::themes::{NewCoding, QueueOrder};
use mnvp_store::users::NewUser;
use mnvp_store::{Actor, Store};
use mnvp_text::themes::{read_qdc_csv, Params, ThemeModel, TrainingSet};
use mnvp_web::themes::{codebook_files::read_upload, engine, worker};
use std::collections::HashMap;
use std::time::{Duration, Instant};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

struct Opts {
    data: String,
    url: Option<String>,
    sizes: Vec<Option<usize>>,
}

fn opts() -> Res<Opts> {
    let mut o = Opts {
        data: String::new(),
        url: None,
        sizes: vec![Some(250), Some(1000), None],
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => o.data = value()?,
            "--database-url" => o.url = Some(value()?),
            "--sizes" => {
                o.sizes = value()?
                    .split(',')
                    .map(|s| match s.trim() {
                        "all" => Ok(None),
                        n => n.parse().map(Some),
                    })
                    .collect::<Result<_, _>>()?
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if o.data.is_empty() {
        return Err("--data FILE.csv is required".into());
    }
    Ok(o)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Median, p99 and worst of some latencies, in milliseconds.
fn spread(mut ms: Vec<f64>) -> String {
    if ms.is_empty() {
        return "no reads".into();
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.1} ms, p99 {:.1} ms, worst {:.1} ms ({} reads)",
        at(0.5),
        at(0.99),
        ms[ms.len() - 1],
        ms.len()
    )
}

/// A new MNVP beside the demo ones, with its lead; returns (mnvp id, lead id).
async fn new_mnvp(store: &Store, n: usize) -> Res<(i64, i64)> {
    let a = Actor::system();
    let lmns = store.org_by_slug("demo").await?.parent_id;
    let slug = format!("bench-{n}");
    let mnvp = store
        .create_org(
            &NewOrg {
                kind: OrgKind::Mnvp,
                name: Name::parse("a name", &format!("Benchmark MNVP {n}"))?,
                parent_id: lmns,
                unit_type: None,
                slug: Some(Slug::parse(&slug)?),
                ods_code: None,
            },
            None,
            &a,
        )
        .await?;
    let lead = store
        .create_user(
            &NewUser {
                email: Email::parse(&format!("lead@{slug}.mnvp.example"))?,
                name: Name::parse("a name", "Benchmark Lead")?,
                role: Role::MnvpLead,
                org_id: Some(mnvp.id),
                password_hash: "not-a-real-hash".into(),
            },
            None,
            &a,
        )
        .await?;
    Ok((mnvp.id, lead.id))
}

/// Stores the first `n` items as the MNVP's feedback coded with a QDC codebook by its lead;
/// returns the codebook's id.
async fn load_coded(
    store: &Store,
    data: &[u8],
    set: &TrainingSet,
    n: usize,
    mnvp: i64,
    lead: i64,
) -> Res<i64> {
    let a = Actor::system();
    let (spec, source) = read_upload("train.csv", data, "QDC (benchmark)")
        .map_err(|p| format!("the data file's header is not a QDC header: {p:?}"))?;
    let codebook = store.create_codebook(Some(mnvp), &spec, source, &a).await?;
    let by_name: HashMap<String, i64> = store
        .codebook_themes(codebook)
        .await?
        .into_iter()
        .map(|t| (t.name, t.id))
        .collect();
    let items = &set.items[..n];
    let rows: Vec<NewFeedback> = items
        .iter()
        .enumerate()
        .map(|(i, it)| NewFeedback {
            mnvp_id: mnvp,
            unit_id: None,
            channel: Channel::OnlineForm,
            care_stage: None,
            received_on: format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            rating: None,
            body: Some(it.text.clone()),
            client_id: None,
            body_redacted: Some(it.text.clone()),
            safety_flagged: false,
            safety_categories: String::new(),
            demographics: None,
        })
        .collect();
    store.insert_feedback_batch(&rows, &a, "benchmark").await?;
    let filter = FeedbackFilter {
        mnvp_ids: Some(vec![mnvp]),
        ..Default::default()
    };
    let (stored, _) = store.list_feedback(&filter, n as i64 + 10, 0).await?;
    // Texts repeat ("Very good"), so hand out the ids of each text in turn.
    let mut ids: HashMap<String, Vec<i64>> = HashMap::new();
    for f in stored.iter().rev() {
        let original = match f.body.as_ref() {
            Some(sealed) => store.reveal(sealed)?,
            None => String::new(),
        };
        ids.entry(original).or_default().push(f.id);
    }
    for v in ids.values_mut() {
        v.reverse();
    }
    let mut codings = Vec::with_capacity(n);
    for it in items {
        let feedback_id = ids
            .get_mut(&it.text)
            .and_then(Vec::pop)
            .ok_or("a stored comment went missing")?;
        let themes = it
            .themes
            .iter()
            .map(|&j| {
                let name = &set.codebook.themes[j].name;
                by_name
                    .get(name)
                    .copied()
                    .ok_or(format!("theme {name:?} is not in the codebook"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        codings.push(NewCoding {
            feedback_id,
            coder_id: lead,
            gold: false,
            themes,
            sentiment: it.sentiment,
            note: String::new(),
        });
    }
    store
        .save_codings_batch(codebook, &codings, &a, "benchmark")
        .await?;
    Ok(codebook)
}

/// Coding-queue reads (what the coding page asks the store) for `for_at_least`, or until
/// `until` finishes; returns their latencies in milliseconds.
async fn queue_reads(
    store: &Store,
    codebook: i64,
    mnvp: i64,
    lead: i64,
    for_at_least: Duration,
    until: Option<&tokio::task::JoinHandle<Res<Duration>>>,
) -> Res<Vec<f64>> {
    let start = Instant::now();
    let mut ms = Vec::new();
    let mut offset = 0;
    loop {
        let t = Instant::now();
        store
            .coding_queue(codebook, mnvp, lead, QueueOrder::LeastCertain, offset)
            .await?;
        store.coding_progress(codebook, mnvp).await?;
        ms.push(secs(t.elapsed()) * 1000.0);
        offset = (offset + 1) % 50;
        let done = match until {
            Some(h) => h.is_finished(),
            None => start.elapsed() >= for_at_least,
        };
        if done {
            return Ok(ms);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// CPU seconds used by the calling thread so far (Linux `/proc/thread-self/schedstat`), as in
/// `bench/text`: other engineers' load on the shared machine does not count.
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}

/// CPU seconds used by the whole process so far (`/proc/self/stat`, at 100 ticks a second).
fn process_cpu() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let f: Vec<&str> = after.split_whitespace().collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(f64::NAN)
}

/// Runs `f` on a blocking thread; returns its result, CPU seconds and wall seconds.
async fn on_blocking_thread<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Res<(T, f64, f64)> {
    let wall = Instant::now();
    let (out, cpu) = tokio::task::spawn_blocking(move || {
        let t = thread_cpu();
        let out = f();
        (out, thread_cpu() - t)
    })
    .await?;
    Ok((out, cpu, secs(wall.elapsed())))
}

/// One background refresh with coding-queue reads alongside it: (CPU s of the process, wall
/// s, wall s until the new version was in use and every item scored, read latencies).
async fn timed_refresh(
    store: &Store,
    codebook: i64,
    mnvp: i64,
    lead: i64,
    forced: bool,
) -> Res<(f64, f64, f64, Vec<f64>)> {
    let jobs = std::sync::Arc::new(worker::Jobs::default());
    let s = store.clone();
    let (cpu, wall) = (process_cpu(), Instant::now());
    let handle = tokio::spawn(async move {
        // `worker::refresh`, step by step, to see when the version is in use.
        worker::put_in_use(&s, &jobs, codebook, engine::MIN_TRAINING_ITEMS, forced).await?;
        let in_use = wall.elapsed();
        worker::measure_in_use(&s, &jobs, codebook).await?;
        Ok(in_use)
    });
    let reads = queue_reads(store, codebook, mnvp, lead, Duration::ZERO, Some(&handle)).await?;
    let in_use: Duration = handle.await??;
    Ok((
        process_cpu() - cpu,
        secs(wall.elapsed()),
        secs(in_use),
        reads,
    ))
}

async fn run_size(store: &Store, data: &[u8], set: &TrainingSet, n: usize) -> Res<()> {
    let (mnvp, lead) = new_mnvp(store, n).await?;
    let codebook = load_coded(store, data, set, n, mnvp, lead).await?;
    println!("\n== {n} coded comments (QDC codebook, one coder)");

    // Baseline: the engine alone on the same items.
    let mut bare = set.clone();
    bare.items.truncate(n);
    let params = Params {
        threads: 1,
        min_items: engine::MIN_TRAINING_ITEMS,
        ..Params::default()
    };
    let (trained, alone, alone_wall) =
        on_blocking_thread(move || ThemeModel::train(&bare, &params).map(|_| ())).await?;
    trained?;

    // The version the worker builds (training + cross-validation), from the stored codings.
    let themes = store.codebook_themes(codebook).await?;
    let codings = store.codebook_codings(codebook).await?;
    let labels = engine::trainable_labels(&codings, &themes);
    let texts = store
        .feedback_by_ids(&labels.keys().copied().collect::<Vec<_>>())
        .await?;
    let input = engine::BuildInput {
        codebook_id: codebook,
        codebook_version: 1,
        themes,
        items: texts
            .into_iter()
            .filter_map(|f| {
                let l: HumanLabels = labels.get(&f.id)?.clone();
                debug_assert_ne!(l.source, LabelSource::Disputed);
                Some((f.id, f.body_redacted?, l))
            })
            .collect(),
        now: mnvp_store::now_text(),
    };
    let input = std::sync::Arc::new(input);
    let (built, build, build_wall) = on_blocking_thread({
        let input = input.clone();
        move || engine::build(&input)
    })
    .await?;
    if built.status != "ready" {
        return Err(format!("the model version was not built: {}", built.message).into());
    }
    let (measured, measure, measure_wall) =
        on_blocking_thread(move || engine::measure(&input)).await?;
    measured?;

    // What the worker does: a forced refresh (build, store, score every item), then scoring
    // alone (scores cleared, nothing new to learn); the coding page's reads alongside.
    let idle = queue_reads(store, codebook, mnvp, lead, Duration::from_secs(2), None).await?;
    let (refresh, refresh_wall, in_use_wall, busy) =
        timed_refresh(store, codebook, mnvp, lead, true).await?;
    store.clear_scores(codebook, &Actor::system()).await?;
    let (scoring, scoring_wall, _, _) = timed_refresh(store, codebook, mnvp, lead, false).await?;
    let version = store
        .model_versions(codebook)
        .await?
        .into_iter()
        .next()
        .ok_or("no model version was recorded")?;
    let figures = engine::figures(&version);

    let line = |what: &str, value: String| println!("{what:<40} {value}");
    line(
        "trained on",
        format!(
            "{} items ({}, {})",
            version.trained_on, version.kind, version.status
        ),
    );
    line(
        "engine alone (baseline): train",
        format!("{alone:.2} CPU s ({alone_wall:.2} s wall)"),
    );
    line(
        "model version: train, serialise",
        format!(
            "{build:.2} CPU s ({build_wall:.2} s wall), {:.1}x the engine alone",
            build / alone
        ),
    );
    line(
        "  then measured: 5-fold CV",
        format!("{measure:.2} CPU s ({measure_wall:.2} s wall)"),
    );
    line(
        "background refresh: version in use",
        format!("{in_use_wall:.2} s wall (built, stored, every item scored)"),
    );
    line(
        "  and measured, every item rescored",
        format!("{refresh:.2} CPU s ({refresh_wall:.2} s wall) in all"),
    );
    line(
        "  scoring every item again, alone",
        format!(
            "{scoring:.2} CPU s ({scoring_wall:.2} s wall), {:.0} items per wall second",
            n as f64 / scoring_wall
        ),
    );
    line(
        "cross-validated macro F1",
        figures.macro_f1.map_or("-".into(), |m| format!("{m:.3}")),
    );
    line("coding-queue reads, idle", spread(idle));
    line("coding-queue reads, during the refresh", spread(busy));
    line("load average", load_average());
    Ok(())
}

#[tokio::main]
async fn main() -> Res<()> {
    let o = opts()?;
    let data = std::fs::read(&o.data).map_err(|e| format!("could not read {}: {e}", o.data))?;
    let set = read_qdc_csv(&data[..])?;
    let dir = tempfile::tempdir()?;
    let url = o
        .url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let store = Store::open(&url).await?;
    println!(
        "themes_retrain: {} coded comments in {}, {} themes; database {}",
        set.items.len(),
        o.data,
        set.codebook.themes.len(),
        if url.starts_with("sqlite") {
            "SQLite (WAL, durable commits)"
        } else {
            "PostgreSQL"
        }
    );
    let t = Instant::now();
    mnvp_web::demo::load(&store).await?;
    println!(
        "demo loaded in {:.1} s (its two models included)",
        secs(t.elapsed())
    );
    for size in &o.sizes {
        let n = size.unwrap_or(set.items.len()).min(set.items.len());
        run_size(&store, &data, &set, n).await?;
    }
    store.close().await;
    Ok(())
}
