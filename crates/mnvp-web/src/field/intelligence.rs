//! Other intelligence (guidance 2.12–2.13): insights from the MNVP's social media and from the
//! neonatal Parent Advisory Group or network, logged as feedback with where they came from.
//! Nothing that identifies a person is kept: usernames are refused in the source and replaced
//! in the text, and the text is stored already redacted (the original is never kept).

use super::form::Pairs;
use super::{chosen_unit, done, once, opts, team_mnvp, today_parts, unit_options, Page, PageQuery};
use crate::admin::Opt;
use crate::auth::Ctx;
use crate::capture::shown_stored;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_domain::field::intelligence::{parse_channel, parse_link, parse_source, redact_handles};
use mnvp_domain::field::{required_text, Day, TEXT_MAX};
use mnvp_store::feedback::NewFeedback;
use mnvp_store::field::intelligence::NewIntelligence;
use serde_json::json;

const PAGE_SIZE: i64 = 25;
const ORDER: &[&str] = &[
    "channel",
    "received_on",
    "source",
    "link",
    "text",
    "care_stage",
    "unit",
];

fn channel_label(c: Channel) -> &'static str {
    match c {
        Channel::SocialMedia => "Social media",
        _ => "Neonatal Parent Advisory Group (PAG) or network",
    }
}

pub async fn list_insights(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let mnvp = team_mnvp(&ctx)?;
    let page = Page::new(q.page, PAGE_SIZE);
    let (rows, total) = state
        .store
        .list_intelligence(mnvp, page.size, page.offset())
        .await?;
    let (prev, next) = page.links("/field/intelligence", total);
    let insights: Vec<_> = rows
        .iter()
        .map(|r| {
            context! {
                id => r.id,
                from => Channel::parse(&r.channel).map(channel_label).unwrap_or_default(),
                received_on => r.received_on,
                source => r.source,
                link => r.link,
                care_stage => r.care_stage,
                unit_name => r.unit_name,
                text => shown_stored(&state.store, role, r.body.as_ref(), r.body_redacted.as_deref()),
            }
        })
        .collect();
    state
        .render(
            &ctx,
            "field/intelligence/list.html",
            context! { insights => insights, total => total, prev => prev, next => next },
        )
        .await
}

async fn insight_form(
    state: &AppState,
    ctx: &Ctx,
    mnvp: i64,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let channels: Vec<Opt> = mnvp_domain::field::intelligence::CHANNELS
        .iter()
        .map(|c| Opt {
            value: c.as_str().into(),
            text: channel_label(*c).into(),
        })
        .collect();
    let stages = opts(CareStage::ALL, CareStage::as_str, CareStage::label);
    state
        .render(
            ctx,
            "field/intelligence/new.html",
            context! {
                form => form, errors => errors, order => ORDER, channels => channels, stages => stages,
                units => unit_options(state, mnvp).await?,
            },
        )
        .await
}

pub async fn new_insight(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let mnvp = team_mnvp(&ctx)?;
    let (day, month, year) = today_parts();
    let form = json!({ "received_on_day": day, "received_on_month": month, "received_on_year": year, "form_key": new_form_key() });
    insight_form(&state, &ctx, mnvp, form, FormErrors::new()).await
}

pub async fn create_insight(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Pairs,
) -> WebResult<Response> {
    let mnvp = team_mnvp(&ctx)?;
    let mut errors = FormErrors::new();
    let channel = errors.check("channel", parse_channel(&form.get("channel")));
    let received_on = errors.check(
        "received_on",
        Day::from_parts(
            "when the insight was gathered",
            &form.get("received_on_day"),
            &form.get("received_on_month"),
            &form.get("received_on_year"),
        ),
    );
    let source = errors.check("source", parse_source(&form.get("source")));
    let link = errors
        .check("link", parse_link(&form.get("link")))
        .flatten();
    let text = errors.check(
        "text",
        required_text("what people said", &form.get("text"), TEXT_MAX),
    );
    let care_stage = match form.get("care_stage").as_str() {
        "" => None,
        raw => errors.check("care_stage", CareStage::parse(raw)),
    };
    let unit = chosen_unit(&state, mnvp, &form.get("unit"), None, &mut errors).await?;
    let (Some(channel), Some(received_on), Some(source), Some(text), true) =
        (channel, received_on, source, text, errors.is_empty())
    else {
        let html = insight_form(&state, &ctx, mnvp, form.echo(&[]), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    };
    // Screened like all feedback (disclosure flags), then only the redacted words are kept.
    let mut item = crate::capture::screened(NewFeedback {
        mnvp_id: mnvp,
        unit_id: unit,
        channel,
        care_stage,
        received_on: received_on.as_str().to_string(),
        rating: None,
        body: Some(redact_handles(&text)),
        client_id: None,
        body_redacted: None,
        safety_flagged: false,
        safety_categories: String::new(),
        demographics: None,
    });
    item.body = item.body_redacted.clone();
    let key = valid_form_key(&form.get("form_key")).map(str::to_string);
    let stored = state
        .store
        .insert_intelligence(
            &NewIntelligence { item, source, link },
            &ctx.actor(),
            key.as_deref(),
        )
        .await?;
    let message = once(
        stored.created,
        "Insight logged.",
        "That insight was already logged.",
    );
    Ok(done(&state, &ctx, message, "/field/intelligence").await)
}
