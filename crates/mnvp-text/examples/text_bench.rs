//! Cross-validates the theme engine on a QDC CSV with a given fold assignment (as written by
//! `bench/text/baseline.py folds`), writes the out-of-fold predictions and prints figures.
//!
//! cargo run --release -p mnvp-text --example text_bench -- \
//!     --data train.csv --folds folds.csv --out preds.csv [--json figures.json] [settings]
//!
//! Settings (for the comparison of candidates): --c F --pos-power F --sent-power F
//! --word-ngrams N --char-min N --char-max N --min-df N --loss squared_hinge|hinge
//! --inner-folds N --threads N

use std::collections::HashMap;
use std::fs::File;
use std::process::ExitCode;
use std::time::Instant;

use mnvp_text::themes::{
    cross_validate_folds, eval_report_text, read_qdc_csv, Loss, Params, ThemeModel, TrainingSet,
};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("text_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts: HashMap<String, String> = HashMap::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let key = a
            .strip_prefix("--")
            .ok_or(format!("unexpected argument {a}"))?;
        let v = it.next().ok_or(format!("--{key} needs a value"))?;
        opts.insert(key.to_owned(), v.clone());
    }
    let get = |k: &str| opts.get(k).ok_or(format!("--{k} is required"));
    let num = |k: &str, d: f64| -> Result<f64, String> {
        opts.get(k).map_or(Ok(d), |v| {
            v.parse().map_err(|_| format!("--{k}: not a number"))
        })
    };
    let mut params = Params::default();
    params.c = num("c", f64::from(params.c))? as f32;
    params.positive_weight_power =
        num("pos-power", f64::from(params.positive_weight_power))? as f32;
    params.sentiment_weight_power =
        num("sent-power", f64::from(params.sentiment_weight_power))? as f32;
    params.features.word_ngrams = num("word-ngrams", f64::from(params.features.word_ngrams))? as u8;
    params.features.char_min = num("char-min", f64::from(params.features.char_min))? as u8;
    params.features.char_max = num("char-max", f64::from(params.features.char_max))? as u8;
    params.features.min_df = num("min-df", f64::from(params.features.min_df))? as u32;
    params.inner_folds = num("inner-folds", params.inner_folds as f64)? as usize;
    params.threads = num("threads", 1.0)? as usize;
    params.tolerance = num("tol", f64::from(params.tolerance))? as f32;
    if let Some(l) = opts.get("loss") {
        params.loss = match l.as_str() {
            "hinge" => Loss::Hinge,
            "squared_hinge" => Loss::SquaredHinge,
            _ => return Err("--loss: hinge or squared_hinge".into()),
        };
    }

    let data = get("data")?;
    let set = read_qdc_csv(File::open(data).map_err(|e| format!("{data}: {e}"))?)
        .map_err(|e| e.to_string())?;
    let folds_path = get("folds")?;
    let mut rdr = csv::Reader::from_path(folds_path).map_err(|e| e.to_string())?;
    let mut fold_by_id: HashMap<String, usize> = HashMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let f: usize = rec
            .get(1)
            .unwrap_or("")
            .parse()
            .map_err(|_| "bad fold number".to_string())?;
        fold_by_id.insert(rec.get(0).unwrap_or("").to_owned(), f);
    }
    let mut sub = TrainingSet::new(set.codebook.clone());
    let mut fold_of = Vec::new();
    for item in &set.items {
        if let Some(&f) = item.id.as_ref().and_then(|id| fold_by_id.get(id)) {
            sub.items.push(item.clone());
            fold_of.push(f);
        }
    }
    eprintln!(
        "{} comments read, {} in the folds file, {} used",
        set.items.len(),
        fold_by_id.len(),
        sub.items.len()
    );
    let cv_cpu0 = thread_cpu_seconds();
    let outcome = cross_validate_folds(&sub, &params, &fold_of).map_err(|e| e.to_string())?;
    // Training plus classifying the held-out fold, per fold, in CPU seconds of this thread
    // (meaningful with --threads 1, the default).
    let fold_cpu = thread_cpu_seconds()
        .zip(cv_cpu0)
        .map(|(b, a)| (b - a) / outcome.report.folds as f64);
    println!("{}", eval_report_text(&outcome.report));
    if let Some(c) = fold_cpu {
        println!("CPU per fold (train + classify held-out): {c:.2} s");
    }

    if let Some(out) = opts.get("out") {
        let mut w = csv::Writer::from_path(out).map_err(|e| e.to_string())?;
        w.write_record(["Comment ID", "themes", "sentiment"])
            .map_err(|e| e.to_string())?;
        for p in &outcome.predictions {
            let item = &sub.items[p.item];
            let names: Vec<&str> = p
                .themes
                .iter()
                .map(|&j| sub.codebook.themes[j].name.as_str())
                .collect();
            w.write_record([
                item.id.as_deref().unwrap_or(""),
                &names.join(";"),
                &p.sentiment.to_string(),
            ])
            .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }

    // Training on every comment, and classification speed on one thread over all comments.
    let t0 = Instant::now();
    let cpu0 = thread_cpu_seconds();
    let model = ThemeModel::train(&sub, &params).map_err(|e| e.to_string())?;
    let full_train = t0.elapsed().as_secs_f64();
    let full_train_cpu = thread_cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let t1 = Instant::now();
    let cpu1 = thread_cpu_seconds();
    let mut applied = 0usize;
    let rounds = 5;
    for _ in 0..rounds {
        for item in &sub.items {
            applied += model
                .scores(&item.text)
                .assigned
                .iter()
                .filter(|&&a| a)
                .count();
        }
    }
    let classify_cpu = thread_cpu_seconds().zip(cpu1).map(|(b, a)| b - a);
    // CPU time of this thread when the kernel reports it (Linux), else wall-clock time.
    let per_sec = (rounds * sub.items.len()) as f64
        / classify_cpu.unwrap_or_else(|| t1.elapsed().as_secs_f64());
    println!(
        "full data: training {full_train:.2} s wall, {} s CPU (threads: {}); classification {per_sec:.0} comments per CPU second on one thread ({applied} themes applied)",
        full_train_cpu.map_or("?".to_owned(), |c| format!("{c:.2}")),
        params.threads
    );
    if let Some(j) = opts.get("json") {
        let r = &outcome.report;
        let v = serde_json::json!({
            "macro_f1": r.macro_f1,
            "micro_f1": r.micro_f1,
            "sentiment_macro_f1": r.sentiment.as_ref().map(|s| s.macro_f1),
            "train_seconds_per_fold": r.train_seconds_per_fold,
            "train_cpu_seconds_per_fold": fold_cpu,
            "comments_per_second_one_core": per_sec,
            "full_train_seconds": full_train,
            "full_train_cpu_seconds": full_train_cpu,
        });
        std::fs::write(j, v.to_string()).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// CPU seconds used by the calling thread so far (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
