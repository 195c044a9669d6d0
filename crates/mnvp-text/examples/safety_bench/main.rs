//! Benchmark of the safeguarding engine against the labelled sets in `eval/safety/`.
//!
//! Run through `bench/safety/run`. Prints, for each set: disclosure recall and precision
//! per category and overall (item level), redaction recall and precision per entity type,
//! the share of ordinary words wrongly redacted, and throughput; and the same figures for
//! two named baselines so readers see what the engine adds:
//!
//! - `keyword-20`: flags an item if it contains any of 20 common safeguarding keywords
//!   (substring match on lower-cased text, no negation, no context), see `score::BASELINE_KEYWORDS`;
//! - `regex-only`: redacts emails, phone-like digit runs, 10-digit numbers (no check digit),
//!   postcodes and trust-style hospital codes with plain regular expressions, and no names,
//!   dates of birth or addresses.

mod score;

use std::collections::BTreeMap;
use std::time::Instant;

use mnvp_text::safety::{detect, redact, Category};
use regex::Regex;
use score::{
    baseline_detect, baseline_redact, ratio, score_detection, score_redaction, Counts, Item,
    RedactionScore,
};

fn f(x: f64) -> String {
    if x.is_nan() {
        "  -  ".to_string()
    } else {
        format!("{x:.3}")
    }
}

fn print_detection(engine: &BTreeMap<String, Counts>, base: &BTreeMap<String, Counts>) {
    println!("  disclosure detection (item level)      engine: recall precision (tp/fp/fn) | keyword-20: recall precision");
    let order = Category::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .chain(["ANY".to_string()]);
    for cat in order {
        let e = engine.get(&cat).copied().unwrap_or_default();
        let b = base.get(&cat).copied().unwrap_or_default();
        let label = if cat == "ANY" {
            "overall (flagged)".to_string()
        } else {
            cat
        };
        println!(
            "    {label:<22} {} {}  ({:>3}/{:>3}/{:>3})   | {} {}",
            f(e.recall()),
            f(e.precision()),
            e.tp,
            e.fp,
            e.fn_,
            f(b.recall()),
            f(b.precision())
        );
    }
}

fn print_redaction(engine: &RedactionScore, base: &RedactionScore) {
    println!("  redaction                       engine: recall (found/gold) precision (right/redacted) | regex-only: recall precision");
    let kinds = [
        "NAME",
        "NHS_NUMBER",
        "PHONE",
        "EMAIL",
        "POSTCODE",
        "DATE_OF_BIRTH",
        "ADDRESS",
        "HOSPITAL_NUMBER",
    ];
    let pair = |m: &BTreeMap<String, (u32, u32)>, k: &str| m.get(k).copied().unwrap_or((0, 0));
    let mut structured = ((0, 0), (0, 0), (0, 0));
    for k in kinds {
        let (rf, rg) = pair(&engine.recall, k);
        let (pr, pn) = pair(&engine.precision, k);
        let (brf, brg) = pair(&base.recall, k);
        let (bpr, bpn) = pair(&base.precision, k);
        if k != "NAME" {
            structured.0 .0 += rf;
            structured.0 .1 += rg;
            structured.1 .0 += brf;
            structured.1 .1 += brg;
            structured.2 .0 += pr;
            structured.2 .1 += pn;
        }
        println!(
            "    {k:<16} {} ({rf:>3}/{rg:>3})  {} ({pr:>3}/{pn:>3})   | {} {}",
            f(ratio(rf, rg)),
            f(ratio(pr, pn)),
            f(ratio(brf, brg)),
            f(ratio(bpr, bpn))
        );
    }
    println!(
        "    {:<16} {} ({:>3}/{:>3})  {} ({:>3}/{:>3})   | {}",
        "structured (all)",
        f(ratio(structured.0 .0, structured.0 .1)),
        structured.0 .0,
        structured.0 .1,
        f(ratio(structured.2 .0, structured.2 .1)),
        structured.2 .0,
        structured.2 .1,
        f(ratio(structured.1 .0, structured.1 .1)),
    );
    let all =
        |m: &BTreeMap<String, (u32, u32)>| m.values().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
    let (ep, en) = all(&engine.precision);
    let (bp, bn) = all(&base.precision);
    println!(
        "    {:<16} engine {} ({ep}/{en}) | regex-only {} ({bp}/{bn})",
        "precision (all)",
        f(ratio(ep, en)),
        f(ratio(bp, bn))
    );
    let (nf, nt) = engine.names_off_list;
    println!(
        "    names whose first word is not in the built-in name list: {nf} of {nt} found ({})",
        f(ratio(nf, nt))
    );
    let one_in = |wrong: u32, words: u32| {
        if wrong == 0 {
            format!("0 of {words}")
        } else {
            format!(
                "1 in {:.0} ({wrong} of {words})",
                f64::from(words) / f64::from(wrong)
            )
        }
    };
    println!(
        "    ordinary words wrongly redacted: engine {} | regex-only {}",
        one_in(engine.ordinary_wrong, engine.ordinary_words),
        one_in(base.ordinary_wrong, base.ordinary_words)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v" || a == "--verbose");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if files.is_empty() {
        eprintln!("usage: safety_bench [-v] FILE.jsonl...");
        std::process::exit(2);
    }
    let base_res: Vec<Regex> = [
        r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}",
        r"(?:\+44\s?|0)\d{2,4}[\s\-]?\d{3,4}[\s\-]?\d{3,4}",
        r"\b\d{3}\s?\d{3}\s?\d{4}\b",
        r"(?i)\b[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}\b",
        r"\b[A-Z]{2,4}[0-9]{5,9}\b",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("static regex"))
    .collect();
    for path in files {
        let raw = match std::fs::read_to_string(path) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                std::process::exit(1);
            }
        };
        let items: Vec<Item> = match raw
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()
        {
            Ok(items) => items,
            Err(e) => {
                eprintln!("bad JSONL in {path}: {e}");
                std::process::exit(1);
            }
        };
        let disclosures = items.iter().filter(|i| !i.categories.is_empty()).count();
        let entities: usize = items.iter().map(|i| i.entities.len()).sum();
        println!(
            "== {path}: {} items, {disclosures} disclosures, {entities} personal details",
            items.len()
        );
        let engine_detect = |t: &str| {
            detect(t)
                .categories
                .iter()
                .map(|c| c.as_str().to_string())
                .collect()
        };
        print_detection(
            &score_detection(&items, &engine_detect),
            &score_detection(&items, &baseline_detect),
        );
        let engine_redact = |t: &str| {
            redact(t)
                .spans
                .iter()
                .map(|e| (e.kind.as_str().to_string(), e.start, e.end))
                .collect()
        };
        let base_redact = |t: &str| {
            baseline_redact(t, &base_res)
                .into_iter()
                .map(|(s, e)| ("REGEX".to_string(), s, e))
                .collect()
        };
        let engine_r = score_redaction(&items, &engine_redact);
        let base_r = score_redaction(&items, &base_redact);
        print_redaction(&engine_r, &base_r);
        let rate = |f: &dyn Fn(&str)| {
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed().as_secs_f64() < 1.0 {
                for item in &items {
                    f(&item.text);
                    n += 1;
                }
            }
            n as f64 / start.elapsed().as_secs_f64()
        };
        let both = rate(&|t| {
            std::hint::black_box(detect(t));
            std::hint::black_box(redact(t));
        });
        let d = rate(&|t| {
            std::hint::black_box(detect(t));
        });
        let r = rate(&|t| {
            std::hint::black_box(redact(t));
        });
        println!("  throughput (one thread): {both:.0} items/s for detect + redact ({d:.0}/s detect alone, {r:.0}/s redact alone)");
        if verbose {
            for item in &items {
                let d = detect(&item.text);
                let pred: Vec<&str> = d.categories.iter().map(|c| c.as_str()).collect();
                let gold: Vec<&str> = item.categories.iter().map(String::as_str).collect();
                if pred.is_empty() != gold.is_empty() || (!gold.is_empty() && pred != gold) {
                    let cues: Vec<String> = d
                        .reasons
                        .iter()
                        .map(|r| format!("{}:{}", r.category.as_str(), r.cue))
                        .collect();
                    println!(
                        "  DETECT gold={gold:?} pred={pred:?} cues={cues:?} :: {}",
                        item.text
                    );
                }
            }
            for m in &engine_r.missed {
                println!("  MISSED {m}");
            }
            for w in &engine_r.wrong {
                println!("  WRONG  {w}");
            }
            for w in &engine_r.wrong_words {
                println!("  ORDINARY WORD REDACTED {w}");
            }
        }
        println!();
    }
}
