//! Load generator for `bench/capture/run`: sustained public submissions per second and their
//! latency against a running `mnvp serve`, beside the same server's `/health` as the ceiling.
//!
//!   capture_load --base http://127.0.0.1:8080 [--clients 16] [--seconds 20]
//!                [--flow form|survey] [--slug demo] [--lead EMAIL --password PW]
//!   capture_load --base URL --flow post --page /feedback/demo --action /feedback/demo/send
//!                --field rating=5 --field text=Lovely
//!
//! `form` (the default) fills in the MNVP's always-open public feedback form as a person does,
//! again and again: the route (standard), the rating, what went well (free text, screened and
//! sealed on arrival), then "send" on the check page: four POSTs per submission. The server's
//! per-client rate limit must be raised for this (every client comes from one address).
//! `survey` signs in as the lead, builds and publishes a one-page survey, then each client
//! answers it (POST the page, POST "send") again and again. `post` is for any other
//! public form: each client opens `--page` once for its session and token, then posts
//! `--field`s to `--action` in a loop; a 2xx or 3xx answer counts as a submission.

use reqwest::{redirect, Client, StatusCode};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Opts {
    base: String,
    clients: usize,
    seconds: u64,
    flow: String,
    slug: String,
    lead: String,
    password: String,
    page: String,
    action: String,
    fields: Vec<(String, String)>,
}

fn opts() -> Opts {
    let mut o = Opts {
        base: "http://127.0.0.1:8080".into(),
        clients: 16,
        seconds: 20,
        flow: "form".into(),
        slug: "demo".into(),
        lead: "lead@demo.mnvp.example".into(),
        password: "MnvpDemo!2026".into(),
        page: String::new(),
        action: String::new(),
        fields: Vec::new(),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i + 1 < args.len() {
        let v = args[i + 1].clone();
        match args[i].as_str() {
            "--base" => o.base = v.trim_end_matches('/').to_string(),
            "--clients" => o.clients = v.parse().expect("--clients N"),
            "--seconds" => o.seconds = v.parse().expect("--seconds N"),
            "--flow" => o.flow = v,
            "--slug" => o.slug = v,
            "--lead" => o.lead = v,
            "--password" => o.password = v,
            "--page" => o.page = v,
            "--action" => o.action = v,
            "--field" => {
                let (k, val) = v.split_once('=').expect("--field key=value");
                o.fields.push((k.into(), val.into()));
            }
            other => panic!("unknown option {other}"),
        }
        i += 2;
    }
    o
}

fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .pool_max_idle_per_host(4)
        .build()
        .expect("http client")
}

fn csrf_in(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html
        .find(marker)
        .map(|s| s + marker.len())
        .expect("a form with a token");
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

async fn page_token(c: &Client, url: &str) -> String {
    let html = c.get(url).send().await.expect("page").text().await.unwrap();
    csrf_in(&html)
}

async fn post(c: &Client, url: &str, fields: &[(String, String)]) -> StatusCode {
    c.post(url)
        .form(fields)
        .send()
        .await
        .map(|r| r.status())
        .unwrap_or(StatusCode::SERVICE_UNAVAILABLE)
}

/// Signs in as the lead and publishes a one-page survey (a rating and a free-text question);
/// returns its public address.
async fn setup_survey(o: &Opts) -> String {
    let c = client();
    let token = page_token(&c, &format!("{}/login", o.base)).await;
    let f = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    let s = post(
        &c,
        &format!("{}/login", o.base),
        &f(&[
            ("csrf", &token),
            ("email", &o.lead),
            ("password", &o.password),
        ]),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "sign in as {}", o.lead);
    let slug = format!("bench-{}", std::process::id());
    let new = format!("{}/capture/surveys/new", o.base);
    let token = page_token(&c, &new).await;
    let res = c
        .post(&new)
        .form(&f(&[
            ("csrf", &token),
            ("title", "Benchmark survey"),
            ("slug", &slug),
            ("pages", "grouped"),
        ]))
        .send()
        .await
        .unwrap();
    let survey = res.headers()["location"].to_str().unwrap().to_string();
    let add = format!("{}{survey}/questions/new", o.base);
    for q in [
        vec![("text", "How was your care?"), ("kind", "rating")],
        vec![("text", "Tell us more"), ("kind", "free_text")],
    ] {
        let token = page_token(&c, &add).await;
        let mut fields = f(&q);
        fields.push(("csrf".into(), token));
        assert_eq!(
            post(&c, &add, &fields).await,
            StatusCode::SEE_OTHER,
            "add question"
        );
    }
    let token = page_token(&c, &format!("{}{survey}", o.base)).await;
    let s = post(
        &c,
        &format!("{}{survey}/status", o.base),
        &f(&[("csrf", &token), ("status", "live")]),
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER, "publish");
    format!("/surveys/{slug}")
}

const WORDS: &[&str] = &[
    "The midwives on the ward were kind and explained everything.",
    "We waited a long time in triage and nobody told us why.",
    "Help with feeding at night would have made a big difference.",
    "Parking was very hard and the signs to the unit were confusing.",
];

/// Per-client latencies (one per completed submission) and failures.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    failures: u64,
}

async fn run_clients<F, Fut>(o: &Opts, per_client: F) -> (Vec<Duration>, u64, f64)
where
    F: Fn(usize, Arc<AtomicBool>) -> Fut,
    Fut: std::future::Future<Output = Tally> + Send + 'static,
{
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let tasks: Vec<_> = (0..o.clients)
        .map(|i| tokio::spawn(per_client(i, stop.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(o.seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut failures = 0;
    for t in tasks {
        let tally = t.await.expect("client task");
        all.extend(tally.latencies);
        failures += tally.failures;
    }
    (all, failures, started.elapsed().as_secs_f64())
}

fn report(name: &str, mut lat: Vec<Duration>, failures: u64, secs: f64) -> f64 {
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let rate = lat.len() as f64 / secs;
    println!(
        "{name:<44} {rate:>9.0} /s   p50 {:>7.1} ms   p99 {:>7.1} ms   ({} done, {failures} failed, {secs:.1} s)",
        pct(0.50),
        pct(0.99),
        lat.len()
    );
    rate
}

/// One person answering again and again: each submission posts `pages(i)` (URL and fields,
/// the token added) and then "send" to `send`; it counts when every answer is a redirect.
async fn answering_client(
    first_page: String,
    send: String,
    pages: impl Fn(usize) -> Vec<(String, Vec<(String, String)>)>,
    n: usize,
    stop: Arc<AtomicBool>,
) -> Tally {
    let c = client();
    let token = page_token(&c, &first_page).await;
    let csrf = || ("csrf".to_string(), token.clone());
    let mut tally = Tally::default();
    let mut i = n;
    while !stop.load(Ordering::Relaxed) {
        i += 1;
        let t = Instant::now();
        let mut ok = true;
        for (url, mut fields) in pages(i) {
            fields.push(csrf());
            ok &= post(&c, &url, &fields).await == StatusCode::SEE_OTHER;
        }
        if ok && post(&c, &send, &[csrf()]).await == StatusCode::SEE_OTHER {
            tally.latencies.push(t.elapsed());
        } else {
            tally.failures += 1;
        }
    }
    tally
}

fn field(k: &str, v: String) -> (String, String) {
    (k.to_string(), v)
}

fn comment(i: usize) -> String {
    format!("{} (visit {i})", WORDS[i % WORDS.len()])
}

/// A survey's one page (a rating and a comment), then its check page's "send".
async fn survey_client(base: String, survey: String, n: usize, stop: Arc<AtomicBool>) -> Tally {
    let page = format!("{base}{survey}/pages/1");
    let pages = {
        let page = page.clone();
        move |i: usize| {
            vec![(
                page.clone(),
                vec![
                    field("q1", (i % 5 + 1).to_string()),
                    field("q2", comment(i)),
                ],
            )]
        }
    };
    answering_client(page, format!("{base}{survey}/check"), pages, n, stop).await
}

/// The public feedback form: the route, the rating, what went well, then "send".
async fn form_client(base: String, slug: String, n: usize, stop: Arc<AtomicBool>) -> Tally {
    let form = format!("{base}/feedback/{slug}");
    let q = |page: &str| format!("{form}/questions/{page}");
    let (route, rating, went_well) = (q("your-experience"), q("rating"), q("went-well"));
    let pages = move |i: usize| {
        vec![
            (route.clone(), vec![field("journey", "standard".into())]),
            (
                rating.clone(),
                vec![field("rating", (i % 5 + 1).to_string())],
            ),
            (went_well.clone(), vec![field("answer", comment(i))]),
        ]
    };
    answering_client(
        q("your-experience"),
        format!("{form}/check"),
        pages,
        n,
        stop,
    )
    .await
}

async fn post_client(
    base: String,
    page: String,
    action: String,
    fields: Vec<(String, String)>,
    stop: Arc<AtomicBool>,
) -> Tally {
    let c = client();
    let token = page_token(&c, &format!("{base}{page}")).await;
    let mut fields = fields;
    fields.push(("csrf".into(), token));
    let mut tally = Tally::default();
    while !stop.load(Ordering::Relaxed) {
        let t = Instant::now();
        let s = post(&c, &format!("{base}{action}"), &fields).await;
        if s.is_success() || s.is_redirection() {
            tally.latencies.push(t.elapsed());
        } else {
            tally.failures += 1;
        }
    }
    tally
}

async fn health_client(base: String, stop: Arc<AtomicBool>) -> Tally {
    let c = client();
    let mut tally = Tally::default();
    while !stop.load(Ordering::Relaxed) {
        let t = Instant::now();
        match c.get(format!("{base}/health")).send().await {
            Ok(r) if r.status().is_success() => {
                let _ = r.bytes().await;
                tally.latencies.push(t.elapsed());
            }
            _ => tally.failures += 1,
        }
    }
    tally
}

#[tokio::main]
async fn main() {
    let o = opts();
    let (label, submissions) = if o.flow == "form" {
        let (base, slug) = (o.base.clone(), o.slug.clone());
        let label = format!("public form submissions (/feedback/{slug}: 3 pages + send)");
        let r = run_clients(&o, |n, stop| {
            form_client(base.clone(), slug.clone(), n, stop)
        })
        .await;
        (label, r)
    } else if o.flow == "survey" {
        let survey = setup_survey(&o).await;
        let base = o.base.clone();
        let label = format!("survey submissions (POST {survey}/pages/1 + /check)");
        let r = run_clients(&o, |n, stop| {
            survey_client(base.clone(), survey.clone(), n, stop)
        })
        .await;
        (label, r)
    } else {
        let (base, page, action, fields) = (
            o.base.clone(),
            o.page.clone(),
            o.action.clone(),
            o.fields.clone(),
        );
        let label = format!("form submissions (POST {})", o.action);
        let r = run_clients(&o, |_, stop| {
            post_client(
                base.clone(),
                page.clone(),
                action.clone(),
                fields.clone(),
                stop,
            )
        })
        .await;
        (label, r)
    };
    println!("{} clients, {} s each run", o.clients, o.seconds);
    let sub_rate = report(&label, submissions.0, submissions.1, submissions.2);
    let base = o.base.clone();
    let health = run_clients(&o, |_, stop| health_client(base.clone(), stop)).await;
    let health_rate = report("GET /health (ceiling)", health.0, health.1, health.2);
    println!(
        "ratio: submissions per second are {:.1} % of the /health ceiling ({:.0} : {:.0})",
        100.0 * sub_rate / health_rate.max(1e-9),
        sub_rate,
        health_rate
    );
}
