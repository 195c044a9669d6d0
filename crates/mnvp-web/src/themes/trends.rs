//! Themes over time and across units, care stages, channels and demographic groups, with
//! sentiment: a table (every number links to the comments behind it), an accessible chart and
//! the same figures as CSV. Counts leave the lead role only through `suppression`.

use super::access::{with_figures, Viewer};
use super::chart;
use super::coding::shown_text;
use super::grouping::By;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::suppression::SuppressionRule;
use mnvp_domain::themes::labels::{human_labels, with_parents, Coding};
use mnvp_domain::themes::trends::{tabulate, Cell, TrendItem, TrendTable};
use mnvp_store::themes::{Codebook, Theme, ViewItem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const PAGE_SIZE: usize = 25;

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct TrendQuery {
    #[serde(default)]
    pub by: String,
    /// `people`: only items people coded; otherwise also items the model coded on its own.
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

/// One item with the themes it counts under and how it was coded.
struct Labelled {
    item: ViewItem,
    themes: Vec<i64>,
    sentiment: Option<u8>,
    by_model: bool,
}

/// Every item in view with its labels: people's where they coded it, otherwise (unless only
/// people's coding is asked for) the themes the model applied on its own.
async fn labelled(
    state: &AppState,
    viewer: &Viewer,
    c: &Codebook,
    themes: &[Theme],
    people_only: bool,
) -> WebResult<Vec<Labelled>> {
    let mnvp = c.mnvp_id.ok_or(WebError::NotFound)?;
    let items = state
        .store
        .theme_view_items(mnvp, viewer.unit_ids.as_deref())
        .await?;
    let parent_of: BTreeMap<i64, i64> = themes
        .iter()
        .filter_map(|t| t.parent_id.map(|p| (t.id, p)))
        .collect();
    let mut codings: BTreeMap<i64, Vec<Coding>> = BTreeMap::new();
    for k in state.store.codebook_codings(c.id).await? {
        codings
            .entry(k.feedback_id)
            .or_default()
            .push(k.as_domain());
    }
    let (applied, sentiments) = if people_only {
        (Vec::new(), Vec::new())
    } else {
        state.store.machine_labels(c.id).await?
    };
    let mut machine: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (item, theme) in applied {
        machine.entry(item).or_default().push(theme);
    }
    let machine_sentiment: BTreeMap<i64, Option<u8>> = sentiments
        .into_iter()
        .map(|(i, s)| (i, s.and_then(|s| u8::try_from(s).ok())))
        .collect();
    Ok(items
        .into_iter()
        .filter_map(|item| {
            if let Some(l) = codings.get(&item.id).and_then(|cs| human_labels(cs)) {
                return Some(Labelled {
                    themes: with_parents(&l.themes, &parent_of),
                    sentiment: l.sentiment,
                    by_model: false,
                    item,
                });
            }
            let themes = machine.get(&item.id)?;
            Some(Labelled {
                themes: with_parents(themes, &parent_of),
                sentiment: machine_sentiment.get(&item.id).copied().flatten(),
                by_model: true,
                item,
            })
        })
        .collect())
}

/// The view's inputs: codebook, themes, labelled items and their table.
struct View {
    c: Codebook,
    themes: Vec<Theme>,
    items: Vec<Labelled>,
    by: By,
    table: TrendTable,
    exact: bool,
}

async fn view(state: &AppState, ctx: &Ctx, id: i64, q: &TrendQuery) -> WebResult<(Viewer, View)> {
    let viewer = Viewer::of(state, ctx).await?;
    let c = with_figures(state, &viewer, id).await?;
    let themes = state.store.codebook_themes(id).await?;
    let items = labelled(state, &viewer, &c, &themes, q.source == "people").await?;
    let by = By::parse(&q.by);
    let views: Vec<ViewItem> = items.iter().map(|l| l.item.clone()).collect();
    let trend_items: Vec<TrendItem> = items
        .iter()
        .map(|l| TrendItem {
            themes: l.themes.clone(),
            group: by.group_of(&l.item),
            sentiment: l.sentiment,
        })
        .collect();
    let table = tabulate(&trend_items, &by.order(&views));
    let exact = viewer.is_lead();
    Ok((
        viewer,
        View {
            c,
            themes,
            items,
            by,
            table,
            exact,
        },
    ))
}

/// A count as this person may see it: exact for the lead, suppressed for everyone else.
fn shown(exact: bool, n: i64) -> (String, Option<i64>) {
    if exact {
        return (n.to_string(), Some(n));
    }
    match SuppressionRule::default().apply(n) {
        mnvp_domain::suppression::Shown::Count(v) => (v.to_string(), Some(v)),
        mnvp_domain::suppression::Shown::Suppressed => ("suppressed".into(), None),
    }
}

/// The share of rated items that were negative (sentiment 4–5), when enough were rated to say.
fn negative_share(exact: bool, cell: &Cell) -> Option<String> {
    let rated = cell.rated();
    let enough = if exact {
        rated > 0
    } else {
        rated > SuppressionRule::default().hide_up_to
    };
    enough.then(|| format!("{:.0}%", 100.0 * cell.negative as f64 / rated as f64))
}

fn link(id: i64, q: &TrendQuery, theme: Option<i64>, group: Option<&str>) -> String {
    let query = TrendQuery {
        theme,
        group: group.map(str::to_string),
        page: None,
        ..q.clone()
    };
    format!(
        "/themes/codebooks/{id}/items?{}",
        serde_urlencoded::to_string(&query).unwrap_or_default()
    )
}

pub async fn show_trends(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TrendQuery>,
) -> WebResult<Html<String>> {
    let (viewer, v) = view(&state, &ctx, id, &q).await?;
    let drill = viewer.can_read_comments(&v.c);
    let cell_view = |n: i64, theme: Option<i64>, group: Option<&str>| {
        let (text, value) = shown(v.exact, n);
        context! {
            text => text,
            href => (drill && value.is_some_and(|x| x > 0)).then(|| link(id, &q, theme, group)),
        }
    };
    let rows: Vec<_> = v
        .themes
        .iter()
        .filter_map(|t| {
            let (cells, total) = v.table.rows.get(&t.id)?;
            Some(context! {
                name => t.name,
                sub => t.parent_id.is_some(),
                cells => cells.iter().zip(&v.table.groups).map(|(c, g)| cell_view(c.n, Some(t.id), Some(g))).collect::<Vec<_>>(),
                total => cell_view(total.n, Some(t.id), None),
                negative => negative_share(v.exact, total),
            })
        })
        .collect();
    let items_row = context! {
        cells => v.table.items.0.iter().zip(&v.table.groups).map(|(c, g)| cell_view(c.n, None, Some(g))).collect::<Vec<_>>(),
        total => cell_view(v.table.items.1.n, None, None),
        negative => negative_share(v.exact, &v.table.items.1),
    };
    let by_model = v.items.iter().filter(|l| l.by_model).count() as i64;
    let by_people = v.items.len() as i64 - by_model;
    let bars = chart::sentiment_bars(&v.themes, &v.table, |n| shown(v.exact, n).1);
    let lines = (v.by == By::Month)
        .then(|| chart::monthly_lines(&v.themes, &v.table, |n| shown(v.exact, n).1))
        .flatten();
    let groupings: Vec<_> = By::ALL
        .iter()
        .map(|b| context! { value => b.as_str(), text => b.label() })
        .collect();
    let csv = format!(
        "/themes/codebooks/{id}/trends.csv?{}",
        serde_urlencoded::to_string(TrendQuery {
            theme: None,
            group: None,
            page: None,
            ..q.clone()
        })
        .unwrap_or_default()
    );
    state
        .render(
            &ctx,
            "themes/trends.html",
            context! {
                c => v.c,
                by => v.by.as_str(),
                by_label => v.by.label(),
                demographic => v.by.is_demographic(),
                groupings => groupings,
                source => if q.source == "people" { "people" } else { "all" },
                groups => v.table.groups.iter().map(|g| v.by.display(g)).collect::<Vec<_>>(),
                rows => rows,
                items_row => items_row,
                by_people => shown(v.exact, by_people).0,
                by_model => shown(v.exact, by_model).0,
                suppressed => !v.exact,
                bars => bars,
                lines => lines,
                csv => csv,
                staff_units => viewer.unit_ids.is_some(),
                drill => drill,
            },
        )
        .await
}

pub async fn export_trends(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TrendQuery>,
) -> WebResult<Response> {
    let (_, v) = view(&state, &ctx, id, &q).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| WebError::Internal(format!("csv: {e}"));
    let mut header = vec![
        "theme".to_string(),
        "sub_theme_of".to_string(),
        v.by.label().to_lowercase(),
        "items".to_string(),
        "positive".to_string(),
        "neutral_or_mixed".to_string(),
        "negative".to_string(),
    ];
    if !v.exact {
        header.push("note".into());
    }
    out.write_record(&header).map_err(csv_err)?;
    let parent_name = |t: &Theme| {
        t.parent_id
            .and_then(|p| v.themes.iter().find(|x| x.id == p))
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let note = "counts from 1 to 7 are suppressed and others rounded to the nearest 5";
    let mut write = |name: &str, parent: &str, group: &str, c: &Cell| -> WebResult<()> {
        let mut row = vec![
            super::csv_safe(name),
            super::csv_safe(parent),
            super::csv_safe(group),
            shown(v.exact, c.n).0,
            shown(v.exact, c.positive).0,
            shown(v.exact, c.neutral).0,
            shown(v.exact, c.negative).0,
        ];
        if !v.exact {
            row.push(note.into());
        }
        out.write_record(&row).map_err(csv_err)?;
        Ok(())
    };
    for t in &v.themes {
        if let Some((cells, total)) = v.table.rows.get(&t.id) {
            for (c, g) in cells.iter().zip(&v.table.groups) {
                write(&t.name, &parent_name(t), g, c)?;
            }
            write(&t.name, &parent_name(t), "All", total)?;
        }
    }
    for (c, g) in v.table.items.0.iter().zip(&v.table.groups) {
        write("All coded items", "", g, c)?;
    }
    write("All coded items", "", "All", &v.table.items.1)?;
    let bytes = out
        .into_inner()
        .map_err(|e| WebError::Internal(format!("csv: {e}")))?;
    state
        .store
        .audit_event(
            &ctx.actor(),
            "export",
            "codebook",
            Some(id),
            format!("theme figures by {}", v.by.as_str()),
        )
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"themes-by-{}.csv\"", v.by.as_str()),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The comments behind a number: redacted outside the lead role, never for commissioners.
pub async fn list_items(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<TrendQuery>,
) -> WebResult<Html<String>> {
    let (viewer, v) = view(&state, &ctx, id, &q).await?;
    if !viewer.can_read_comments(&v.c) {
        return Err(WebError::Forbidden);
    }
    let theme = match q.theme {
        Some(t) => Some(
            v.themes
                .iter()
                .find(|x| x.id == t)
                .ok_or(WebError::NotFound)?,
        ),
        None => None,
    };
    let matching: Vec<&Labelled> = v
        .items
        .iter()
        .filter(|l| theme.is_none_or(|t| l.themes.contains(&t.id)))
        .filter(|l| {
            q.group
                .as_deref()
                .is_none_or(|g| v.by.group_of(&l.item) == g)
        })
        .collect();
    let pages = matching.len().div_ceil(PAGE_SIZE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let slice: Vec<&Labelled> = matching
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .copied()
        .collect();
    let ids: Vec<i64> = slice.iter().map(|l| l.item.id).collect();
    let full = state.store.feedback_by_ids(&ids).await?;
    let name_of = |id: &i64| {
        v.themes
            .iter()
            .find(|t| t.id == *id)
            .map(|t| t.name.clone())
    };
    let rows: Vec<_> = slice
        .iter()
        .zip(&full)
        .map(|(l, f)| {
            context! {
                id => f.id,
                received_on => f.received_on,
                channel => f.channel,
                care_stage => f.care_stage,
                unit_name => f.unit_name,
                text => shown_text(&state.store, viewer.is_lead(), f),
                themes => l.themes.iter().filter_map(name_of).collect::<Vec<_>>(),
                sentiment => mnvp_domain::themes::sentiment_label(l.sentiment),
                by_model => l.by_model,
            }
        })
        .collect();
    let page_link = |p: usize| {
        let query = TrendQuery {
            page: Some(p),
            ..q.clone()
        };
        format!(
            "/themes/codebooks/{id}/items?{}",
            serde_urlencoded::to_string(&query).unwrap_or_default()
        )
    };
    let back = format!(
        "/themes/codebooks/{id}/trends?{}",
        serde_urlencoded::to_string(TrendQuery {
            theme: None,
            group: None,
            page: None,
            ..q.clone()
        })
        .unwrap_or_default()
    );
    state
        .render(
            &ctx,
            "themes/items.html",
            context! {
                c => v.c,
                theme => theme.map(|t| t.name.clone()),
                group => q.group,
                by_label => v.by.label(),
                count => shown(v.exact, matching.len() as i64).0,
                rows => rows,
                redacted => !viewer.is_lead(),
                page => page,
                pages => pages,
                prev => (page > 1).then(|| page_link(page - 1)),
                next => (page < pages).then(|| page_link(page + 1)),
                back => back,
            },
        )
        .await
}
