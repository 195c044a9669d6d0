//! Outreach sessions (guidance 2.10–2.11): where, with which partners, how many people and in
//! which groups (aggregate tallies, never a person), and the feedback heard there. Tallies are
//! shown exactly to the lead and suppressed for everyone else, like every count by group.

use super::conversation::{store_conversation, ConversationInput, Destination, LISTS, ORDER};
use super::corrections::{heard, open_until, Corrector};
use super::form::{add_all, Pairs};
use super::{
    chosen_unit, conversation_choices, done, once, team_mnvp, today_parts, unit_options, Page,
    PageQuery,
};
use crate::admin::Opt;
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::context;
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::outreach::{
    age_field, ethnic_field, experience_field, parse_partners, Place, SessionDetails, Tallies,
    VenueType, DIM_AGE_BAND, DIM_ETHNIC_GROUP, DIM_EXPERIENCE, DIM_LANGUAGE, LANGUAGE_FIELD,
    NOTES_MAX, REACHED_FIELD, TALLIED_EXPERIENCES, VENUE_NAME_MAX,
};
use mnvp_domain::field::{optional_text, Day};
use mnvp_domain::role::Role;
use mnvp_domain::suppression::SuppressionRule;
use mnvp_domain::voices::demographics::{AgeBand, EthnicGroup, Experience};
use mnvp_store::field::outreach::{NewOutreach, Outreach};
use serde_json::json;

const PAGE_SIZE: i64 = 25;

/// The session, if it is the person's MNVP's; otherwise not found.
async fn outreach_in_scope(state: &AppState, ctx: &Ctx, id: i64) -> WebResult<Outreach> {
    let mnvp = team_mnvp(ctx)?;
    let o = state.store.get_outreach(id).await?;
    if o.mnvp_id == mnvp {
        Ok(o)
    } else {
        Err(WebError::NotFound)
    }
}

/// Field order of the session form, for the error summary.
fn order() -> Vec<String> {
    let mut out: Vec<String> = [
        "held_on",
        "venue_type",
        "venue_name",
        "postcode_district",
        "area_name",
        "partners",
        REACHED_FIELD,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.extend(EthnicGroup::ALL.iter().map(|g| ethnic_field(*g)));
    out.extend(AgeBand::ALL.iter().map(|a| age_field(*a)));
    out.push(LANGUAGE_FIELD.into());
    out.extend(TALLIED_EXPERIENCES.iter().map(|e| experience_field(*e)));
    out.push("notes".into());
    out
}

fn experience_label(e: Experience) -> &'static str {
    match e {
        Experience::Neonatal => "Families with a baby cared for on a neonatal unit",
        Experience::Bereavement => "Bereaved families",
        Experience::Maternity => "Maternity care",
    }
}

/// The tally boxes, grouped as the form shows them.
fn tally_groups() -> minijinja::Value {
    let boxes = |pairs: Vec<(String, String)>| -> Vec<Opt> {
        pairs
            .into_iter()
            .map(|(value, text)| Opt { value, text })
            .collect()
    };
    context! {
        ethnic => boxes(EthnicGroup::ALL.iter().map(|g| (ethnic_field(*g), g.label().to_string())).collect()),
        ages => boxes(AgeBand::ALL.iter().map(|a| (age_field(*a), a.label().to_string())).collect()),
        experiences => boxes(TALLIED_EXPERIENCES.iter().map(|e| (experience_field(*e), experience_label(*e).to_string())).collect()),
    }
}

fn parse_details(form: &Pairs) -> Result<SessionDetails, FormErrors> {
    let mut errors = FormErrors::new();
    let held_on = errors.check(
        "held_on",
        Day::from_parts(
            "the date of the session",
            &form.get("held_on_day"),
            &form.get("held_on_month"),
            &form.get("held_on_year"),
        ),
    );
    let venue_type = VenueType::parse(&form.get("venue_type"))
        .map_err(|_| errors.add("venue_type", "Select the type of venue"))
        .ok();
    let venue_name = errors
        .check(
            "venue_name",
            optional_text("the venue's name", &form.get("venue_name"), VENUE_NAME_MAX),
        )
        .flatten();
    let place = Place::parse(
        venue_type,
        &form.get("postcode_district"),
        &form.get("area_name"),
    )
    .map_err(|e| add_all(&mut errors, e))
    .ok();
    let partners = errors.check("partners", parse_partners(&form.get("partners")));
    let tallies = Tallies::parse(|f| form.get(f))
        .map_err(|e| add_all(&mut errors, e))
        .ok();
    let notes = errors
        .check(
            "notes",
            optional_text("the notes", &form.get("notes"), NOTES_MAX),
        )
        .flatten();
    match (
        held_on,
        venue_type,
        place,
        partners,
        tallies,
        errors.is_empty(),
    ) {
        (Some(held_on), Some(venue_type), Some(place), Some(partners), Some(tallies), true) => {
            Ok(SessionDetails {
                held_on,
                venue_type,
                venue_name,
                place,
                partners,
                tallies,
                notes,
            })
        }
        _ => Err(errors),
    }
}

async fn session_form(
    state: &AppState,
    ctx: &Ctx,
    editing: Option<i64>,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let venues: Vec<Opt> = VenueType::ALL
        .iter()
        .map(|v| Opt {
            value: v.as_str().into(),
            text: v.label().into(),
        })
        .collect();
    state
        .render(
            ctx,
            "field/outreach/form.html",
            context! { form => form, errors => errors, order => order(), venues => venues, tallies => tally_groups(), editing => editing },
        )
        .await
}

pub async fn list_sessions(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> WebResult<Html<String>> {
    let mnvp = team_mnvp(&ctx)?;
    let page = Page::new(q.page, PAGE_SIZE);
    let (sessions, total) = state
        .store
        .list_outreach(mnvp, page.size, page.offset())
        .await?;
    let (prev, next) = page.links("/field/outreach", total);
    let rows: Vec<_> = sessions
        .iter()
        .map(|s| context! { s => s, venue => VenueType::parse(&s.venue_type).map(|v| v.label()).unwrap_or_default() })
        .collect();
    state
        .render(
            &ctx,
            "field/outreach/list.html",
            context! { rows => rows, total => total, prev => prev, next => next },
        )
        .await
}

pub async fn new_session(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    team_mnvp(&ctx)?;
    let (day, month, year) = today_parts();
    let form = json!({ "held_on_day": day, "held_on_month": month, "held_on_year": year, "form_key": new_form_key() });
    session_form(&state, &ctx, None, form, FormErrors::new()).await
}

pub async fn create_session(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Pairs,
) -> WebResult<Response> {
    let mnvp = team_mnvp(&ctx)?;
    match parse_details(&form) {
        Ok(details) => {
            let key = valid_form_key(&form.get("form_key")).map(str::to_string);
            let id = state
                .store
                .create_outreach(
                    &NewOutreach {
                        mnvp_id: mnvp,
                        details,
                    },
                    &ctx.actor(),
                    key.as_deref(),
                )
                .await?;
            Ok(done(
                &state,
                &ctx,
                "Outreach session recorded. Add the feedback you heard below.",
                &format!("/field/outreach/{id}"),
            )
            .await)
        }
        Err(errors) => {
            let html = session_form(&state, &ctx, None, form.echo(&[]), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}

/// The session's tallies by dimension, with labels, exact for the lead and suppressed for
/// everyone else.
async fn tally_view(state: &AppState, role: Role, id: i64) -> WebResult<Vec<minijinja::Value>> {
    let rows = state.store.outreach_tallies(id).await?;
    let rule = SuppressionRule::default();
    let show = |n: i64| {
        if role.sees_original_text() {
            n.to_string()
        } else {
            rule.apply(n).text()
        }
    };
    let label = |dim: &str, code: &str| -> String {
        match dim {
            DIM_ETHNIC_GROUP => EthnicGroup::parse(code)
                .map(|g| g.label().to_string())
                .unwrap_or_default(),
            DIM_AGE_BAND => AgeBand::parse(code)
                .map(|a| a.label().to_string())
                .unwrap_or_default(),
            DIM_LANGUAGE => "First language not English".into(),
            DIM_EXPERIENCE => Experience::parse(code)
                .map(|e| experience_label(e).to_string())
                .unwrap_or_default(),
            _ => code.to_string(),
        }
    };
    let dims = [
        (DIM_ETHNIC_GROUP, "Ethnic group"),
        (DIM_AGE_BAND, "Age"),
        (DIM_LANGUAGE, "Language"),
        (DIM_EXPERIENCE, "Neonatal and bereaved families"),
    ];
    Ok(dims
        .iter()
        .filter(|(d, _)| rows.iter().any(|r| r.dimension == *d))
        .map(|(d, title)| {
            let groups: Vec<_> = rows
                .iter()
                .filter(|r| r.dimension == *d)
                .map(|r| context! { label => label(d, &r.group_code), people => show(r.people) })
                .collect();
            context! { title => title, groups => groups }
        })
        .collect())
}

async fn session_page(
    state: &AppState,
    ctx: &Ctx,
    o: &Outreach,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    let (items, total) = state.store.session_feedback(o.id, 200, 0).await?;
    let until = open_until(&o.held_on, &o.created_at);
    let heard = heard(state, &Corrector::of(ctx)?, until, &items);
    state
        .render(
            ctx,
            "field/outreach/session.html",
            context! {
                o => o,
                venue => VenueType::parse(&o.venue_type).map(|v| v.label()).unwrap_or_default(),
                partners => state.store.outreach_partners(o.id).await?,
                tallies => tally_view(state, role, o.id).await?,
                suppressed => !role.sees_original_text(),
                heard => heard,
                heard_total => total,
                open_until => until.format("%Y-%m-%d").to_string(),
                form => form,
                errors => errors,
                order => ORDER,
                choices => conversation_choices(),
                units => unit_options(state, o.mnvp_id).await?,
                is_lead => role == Role::MnvpLead,
            },
        )
        .await
}

pub async fn show_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let o = outreach_in_scope(&state, &ctx, id).await?;
    let form = json!({ "form_key": new_form_key(), "experiences": [] });
    session_page(&state, &ctx, &o, form, FormErrors::new()).await
}

/// Feedback heard at the session (channel `outreach`), about one of the MNVP's units or none.
pub async fn create_feedback(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let o = outreach_in_scope(&state, &ctx, id).await?;
    let input = ConversationInput::from_pairs(&form);
    let parsed = input.parse();
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let unit = chosen_unit(&state, o.mnvp_id, &form.get("unit"), None, &mut errors).await?;
    let (Ok(parsed), true) = (parsed, errors.is_empty()) else {
        let html = session_page(&state, &ctx, &o, form.echo(LISTS), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    };
    let stored = store_conversation(
        &state,
        &ctx,
        id,
        parsed,
        &input.postcode,
        Destination {
            mnvp_id: o.mnvp_id,
            unit_id: unit,
            channel: Channel::Outreach,
            received_on: &o.held_on,
            client_id: valid_form_key(&input.client_id).map(str::to_lowercase),
        },
    )
    .await?;
    let message = once(
        stored.created,
        "Feedback saved. Thank you.",
        "That feedback was already saved.",
    );
    Ok(done(&state, &ctx, message, &format!("/field/outreach/{id}")).await)
}

pub async fn edit_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Html<String>> {
    let o = outreach_in_scope(&state, &ctx, id).await?;
    let rows: Vec<(String, String, i64)> = state
        .store
        .outreach_tallies(id)
        .await?
        .into_iter()
        .map(|r| (r.dimension, r.group_code, r.people))
        .collect();
    let held = Day::parse("the date", &o.held_on)
        .map(|d| d.parts())
        .unwrap_or_default();
    let mut form = json!({
        "held_on_day": held.0, "held_on_month": held.1, "held_on_year": held.2,
        "venue_type": o.venue_type, "venue_name": o.venue_name, "postcode_district": o.postcode_district,
        "area_name": o.area_name, "notes": o.notes,
        "partners": state.store.outreach_partners(id).await?.join("\n"),
    });
    if let Some(map) = form.as_object_mut() {
        for (field, value) in Tallies::form_values(o.people_reached, &rows) {
            map.insert(field, value.into());
        }
    }
    session_form(&state, &ctx, Some(id), form, FormErrors::new()).await
}

pub async fn update_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    outreach_in_scope(&state, &ctx, id).await?;
    match parse_details(&form) {
        Ok(details) => {
            state
                .store
                .update_outreach(id, &details, &ctx.actor())
                .await?;
            Ok(done(
                &state,
                &ctx,
                "Outreach session updated.",
                &format!("/field/outreach/{id}"),
            )
            .await)
        }
        Err(errors) => {
            let html = session_form(&state, &ctx, Some(id), form.echo(&[]), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
    }
}
