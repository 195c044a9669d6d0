//! Chart geometry for the trend views. The SVG itself is a template (`themes/chart_*.html`)
//! with a title, a description and the figures as a table beside it; here we only work out
//! where things go. Every value drawn is a value the person may see (suppressed values are
//! not drawn), so a chart never reveals what its table hides.

use mnvp_domain::themes::trends::TrendTable;
use mnvp_store::themes::Theme;
use serde::Serialize;

const WIDTH: f64 = 640.0;
const LABEL: f64 = 230.0;
const BAR_AREA: f64 = 340.0;
const ROW: f64 = 30.0;

#[derive(Serialize)]
pub struct Segment {
    pub x: f64,
    pub width: f64,
    pub class: &'static str,
    pub title: String,
}

#[derive(Serialize)]
pub struct Bar {
    pub y: f64,
    pub label: String,
    pub value: String,
    pub value_x: f64,
    pub segments: Vec<Segment>,
}

#[derive(Serialize)]
pub struct Bars {
    pub width: f64,
    pub height: f64,
    pub bars: Vec<Bar>,
}

fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(max - 1).collect::<String>())
    }
}

/// One horizontal bar per theme (not sub-theme) with items, split by sentiment when every
/// part may be shown.
pub fn sentiment_bars(
    themes: &[Theme],
    table: &TrendTable,
    shown: impl Fn(i64) -> Option<i64>,
) -> Option<Bars> {
    let rows: Vec<(&Theme, i64, [Option<i64>; 4])> = themes
        .iter()
        .filter(|t| t.parent_id.is_none())
        .filter_map(|t| {
            let (_, total) = table.rows.get(&t.id)?;
            let n = shown(total.n).filter(|&n| n > 0)?;
            let unrated = total.n - total.rated();
            Some((
                t,
                n,
                [
                    shown(total.positive),
                    shown(total.neutral),
                    shown(total.negative),
                    shown(unrated),
                ],
            ))
        })
        .collect();
    let max = rows.iter().map(|r| r.1).max()?;
    let scale = BAR_AREA / max as f64;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (t, n, parts))| {
            let y = i as f64 * ROW + 10.0;
            let labels = [
                ("mnvp-chart-positive", "positive"),
                ("mnvp-chart-neutral", "neutral or mixed"),
                ("mnvp-chart-negative", "negative"),
                ("mnvp-chart-unrated", "no sentiment"),
            ];
            let segments = if parts.iter().all(Option::is_some) {
                let mut x = LABEL;
                parts
                    .iter()
                    .zip(labels)
                    .filter(|(v, _)| v.unwrap_or(0) > 0)
                    .map(|(v, (class, what))| {
                        let v = v.unwrap_or(0);
                        let s = Segment {
                            x,
                            width: v as f64 * scale,
                            class,
                            title: format!("{}: {v} {what}", t.name),
                        };
                        x += v as f64 * scale;
                        s
                    })
                    .collect()
            } else {
                vec![Segment {
                    x: LABEL,
                    width: *n as f64 * scale,
                    class: "mnvp-chart-unrated",
                    title: format!("{}: {n} items (sentiment not shown: small numbers)", t.name),
                }]
            };
            Bar {
                y,
                label: short(&t.name, 32),
                value: n.to_string(),
                value_x: LABEL + *n as f64 * scale + 6.0,
                segments,
            }
        })
        .collect::<Vec<_>>();
    Some(Bars {
        width: WIDTH,
        height: bars.len() as f64 * ROW + 20.0,
        bars,
    })
}

#[derive(Serialize)]
pub struct Line {
    pub label: String,
    pub points: String,
    pub dash: &'static str,
    pub class: &'static str,
}

#[derive(Serialize)]
pub struct Tick {
    pub x: f64,
    pub y: f64,
    pub label: String,
}

#[derive(Serialize)]
pub struct Lines {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<Line>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    pub themes: Vec<String>,
}

/// Items per month for the (up to) four themes with most items, each line with its own dash
/// pattern (shown in the legend), so colour is never the only way to tell them apart.
pub fn monthly_lines(
    themes: &[Theme],
    table: &TrendTable,
    shown: impl Fn(i64) -> Option<i64>,
) -> Option<Lines> {
    let months = table.groups.len();
    if months < 2 {
        return None;
    }
    let mut top: Vec<(&Theme, i64)> = themes
        .iter()
        .filter(|t| t.parent_id.is_none())
        .filter_map(|t| Some((t, table.rows.get(&t.id)?.1.n)))
        .collect();
    top.sort_by_key(|b| std::cmp::Reverse(b.1));
    top.truncate(4);
    let series: Vec<(&Theme, Vec<i64>)> = top
        .iter()
        .map(|(t, _)| {
            let cells = &table.rows[&t.id].0;
            (*t, cells.iter().map(|c| shown(c.n).unwrap_or(0)).collect())
        })
        .collect();
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()?
        .max(1);
    let (left, right, top_pad, height) = (40.0, 30.0, 10.0, 220.0);
    let plot_w = WIDTH - left - right;
    let plot_h = height - top_pad - 40.0;
    let x = |i: usize| left + plot_w * i as f64 / (months - 1) as f64;
    let y = |v: i64| top_pad + plot_h * (1.0 - v as f64 / max as f64);
    const STYLES: [(&str, &str); 4] = [
        ("", "mnvp-chart-line-1"),
        ("8 4", "mnvp-chart-line-2"),
        ("2 4", "mnvp-chart-line-3"),
        ("12 4 2 4", "mnvp-chart-line-4"),
    ];
    let lines = series
        .iter()
        .zip(STYLES)
        .map(|((t, values), (dash, class))| Line {
            label: t.name.clone(),
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
                .collect::<Vec<_>>()
                .join(" "),
            dash,
            class,
        })
        .collect();
    let every = months.div_ceil(6);
    let x_ticks = (0..months)
        .filter(|i| i % every == 0 || *i == months - 1)
        .map(|i| Tick {
            x: x(i),
            y: height - 18.0,
            label: month_label(&table.groups[i]),
        })
        .collect();
    let y_ticks = [0, max / 2, max]
        .iter()
        .map(|&v| Tick {
            x: left - 6.0,
            y: y(v) + 4.0,
            label: v.to_string(),
        })
        .collect();
    Some(Lines {
        width: WIDTH,
        height,
        lines,
        x_ticks,
        y_ticks,
        themes: top.iter().map(|(t, _)| t.name.clone()).collect(),
    })
}

/// "2026-03" → "Mar 26", short enough for an axis.
fn month_label(group: &str) -> String {
    chrono::NaiveDate::parse_from_str(&format!("{group}-01"), "%Y-%m-%d")
        .map(|d| d.format("%b %y").to_string())
        .unwrap_or_else(|_| group.to_string())
}
