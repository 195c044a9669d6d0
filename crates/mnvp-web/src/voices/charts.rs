//! Accessible SVG charts: the geometry is worked out here, the template draws it with a title
//! and a description, and the same figures are always in a table beside it. Presentation
//! attributes only (no inline styles), so the page's content security policy holds.

use mnvp_domain::suppression::Shown;
use mnvp_domain::voices::representation::{Breakdown, Row};
use serde::Serialize;

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 230.0;
const PLOT_W: f64 = WIDTH - LABEL_W - 20.0;
const ROW_H: f64 = 30.0;

/// One group's bar: feedback share, its interval, and the population share as a tick.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub y: f64,
    pub text_y: f64,
    pub bar_w: f64,
    pub ci_x1: Option<f64>,
    pub ci_x2: Option<f64>,
    pub ci_y: f64,
    pub pop_x: Option<f64>,
    pub under: bool,
    pub hidden: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub plot_x: f64,
    pub plot_w: f64,
    pub bars: Vec<Bar>,
    /// (x, label) of the axis ticks.
    pub ticks: Vec<(f64, String)>,
    pub axis_y: f64,
}

/// The axis runs to the next 10% above the largest share or interval shown.
fn scale_max(rows: &[Row]) -> f64 {
    let top = rows
        .iter()
        .flat_map(|r| [r.feedback_share, r.population_share, r.ci.map(|c| c.high)])
        .flatten()
        .fold(0.0f64, f64::max);
    ((top * 10.0).ceil() / 10.0).clamp(0.1, 1.0)
}

fn short(label: &str) -> String {
    let mut s: String = label.chars().take(34).collect();
    if label.chars().count() > 34 {
        s.push('…');
    }
    s
}

/// Feedback share against births share for every group of a table.
pub fn bars(id: &str, title: &str, rows: &[Row]) -> BarChart {
    let max = scale_max(rows);
    let x = |share: f64| LABEL_W + share / max * PLOT_W;
    let bars: Vec<Bar> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = 10.0 + i as f64 * ROW_H;
            Bar {
                label: short(&r.label),
                y: y + 6.0,
                text_y: y + 19.0,
                bar_w: r.feedback_share.map(|s| s / max * PLOT_W).unwrap_or(0.0),
                ci_x1: r.ci.map(|c| x(c.low)),
                ci_x2: r.ci.map(|c| x(c.high)),
                ci_y: y + 15.0,
                pop_x: r.population_share.map(x),
                under: r.flag == mnvp_domain::voices::stats::Flag::Under,
                hidden: r.feedback == Shown::Suppressed,
            }
        })
        .collect();
    let axis_y = 10.0 + rows.len() as f64 * ROW_H + 4.0;
    let ticks = (0..=4)
        .map(|i| {
            let share = max * i as f64 / 4.0;
            (x(share), format!("{:.0}%", share * 100.0))
        })
        .collect();
    let described: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{}: {} of feedback{}",
                r.label,
                match r.feedback_share {
                    Some(s) => format!("{:.1}%", s * 100.0),
                    None => "not shown".into(),
                },
                r.population_share
                    .map(|p| format!(", {:.1}% of births", p * 100.0))
                    .unwrap_or_default()
            )
        })
        .collect();
    BarChart {
        id: id.to_string(),
        title: title.to_string(),
        desc: format!(
            "Bars show each group's share of feedback, with a line for its 95% interval; the dark tick marks its share of births. {}.",
            described.join("; ")
        ),
        width: WIDTH,
        height: axis_y + 26.0,
        plot_x: LABEL_W,
        plot_w: PLOT_W,
        bars,
        ticks,
        axis_y,
    }
}

/// One group's share in each quarter: points with their intervals, and the births share.
#[derive(Debug, Clone, Serialize)]
pub struct TrendChart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub points: Vec<TrendPoint>,
    pub pop_y: Option<f64>,
    pub ticks: Vec<(f64, String)>,
    pub left: f64,
    pub right: f64,
    pub bottom: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub x: f64,
    pub y: Option<f64>,
    pub ci_y1: Option<f64>,
    pub ci_y2: Option<f64>,
    pub label: String,
}

/// A group's share of feedback quarter by quarter.
pub fn trend(id: &str, group: &str, group_label: &str, quarters: &Breakdown) -> TrendChart {
    let rows: Vec<(&str, &Row)> = quarters
        .slices
        .iter()
        .filter_map(|s| {
            s.rows
                .iter()
                .find(|r| r.group == group)
                .map(|r| (s.key.as_str(), r))
        })
        .collect();
    let only: Vec<Row> = rows.iter().map(|(_, r)| (*r).clone()).collect();
    let max = scale_max(&only);
    let (left, right, top, bottom) = (60.0, WIDTH - 20.0, 16.0, 200.0);
    let y = |s: f64| bottom - s / max * (bottom - top);
    let step = if rows.len() > 1 {
        (right - left - 40.0) / (rows.len() - 1) as f64
    } else {
        0.0
    };
    let points = rows
        .iter()
        .enumerate()
        .map(|(i, (q, r))| TrendPoint {
            x: left + 20.0 + i as f64 * step,
            y: r.feedback_share.map(y),
            ci_y1: r.ci.map(|c| y(c.low)),
            ci_y2: r.ci.map(|c| y(c.high)),
            label: q.replace(' ', "\u{a0}"),
        })
        .collect();
    let pop = rows.iter().find_map(|(_, r)| r.population_share);
    let ticks = (0..=4)
        .map(|i| {
            let share = max * i as f64 / 4.0;
            (y(share), format!("{:.0}%", share * 100.0))
        })
        .collect();
    let described: Vec<String> = rows
        .iter()
        .map(|(q, r)| match r.feedback_share {
            Some(s) => format!("{q}: {:.1}%", s * 100.0),
            None => format!("{q}: not shown"),
        })
        .collect();
    TrendChart {
        id: id.to_string(),
        title: format!("{group_label}: share of feedback by quarter"),
        desc: format!(
            "Points show the share of feedback each quarter with its 95% interval{}. {}.",
            pop.map(|p| format!(
                "; the dashed line is the share of births, {:.1}%",
                p * 100.0
            ))
            .unwrap_or_default(),
            described.join("; ")
        ),
        width: WIDTH,
        height: bottom + 40.0,
        points,
        pop_y: pop.map(y),
        ticks,
        left,
        right,
        bottom,
    }
}
