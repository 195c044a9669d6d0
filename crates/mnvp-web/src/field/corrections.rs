//! Changing or removing a conversation recorded in a Walk the Patch or outreach session: the
//! wrong stage of care, a typo, the wrong unit; or one entered by mistake, twice, or withdrawn
//! by the person. The MNVP lead may always; the volunteer who recorded it while its session is
//! open (`mnvp_domain::field::corrections`); nobody else. Changing uses the recording form
//! and the same parser and screening; removing asks for a reason on its own page first.

use super::conversation::{to_feedback, ConversationInput, Destination, LISTS, ORDER};
use super::form::{add_all, Pairs};
use super::{chosen_unit, conversation_choices, done, team_mnvp, unit_options};
use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::forms::{new_form_key, valid_form_key, FormErrors};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use minijinja::context;
use mnvp_domain::feedback::Channel;
use mnvp_domain::field::conversation::split_body;
use mnvp_domain::field::corrections::{self, may_correct, Refusal, RemovalReason};
use mnvp_domain::role::Role;
use mnvp_store::feedback::FeedbackItem;
use mnvp_store::field::corrections::{Changed, Edit, Recorded, Removed};
use serde_json::json;

/// The page of the session a conversation was recorded in.
pub(crate) fn session_path(kind: &str, id: i64) -> String {
    if kind == Channel::Outreach.as_str() {
        format!("/field/outreach/{id}")
    } else {
        format!("/field/walk-the-patch/{id}")
    }
}

/// Today, and a stored date or time, as UK calendar days.
fn uk_day(stored: &str) -> Option<NaiveDate> {
    match mnvp_store::parse_time(stored) {
        Some(t) => Some(mnvp_domain::uk_time::to_uk(t).date()),
        None => NaiveDate::parse_from_str(stored, "%Y-%m-%d").ok(),
    }
}

fn today() -> NaiveDate {
    mnvp_domain::uk_time::to_uk(chrono::Utc::now()).date()
}

/// The last day the volunteers of a session held on `held_on` and started at `started_at` may
/// correct what they recorded.
pub(crate) fn open_until(held_on: &str, started_at: &str) -> NaiveDate {
    let today = today();
    corrections::open_until(
        uk_day(held_on).unwrap_or(today),
        uk_day(started_at).unwrap_or(today),
    )
}

/// The person asking to correct a session's conversations.
pub(crate) struct Corrector {
    role: Role,
    user_id: i64,
    today: NaiveDate,
}

impl Corrector {
    pub(crate) fn of(ctx: &Ctx) -> WebResult<Corrector> {
        let user = ctx.user()?;
        Ok(Corrector {
            role: user.role(),
            user_id: user.id,
            today: today(),
        })
    }

    /// Whether they may change or remove a conversation `recorded_by` someone, in a session
    /// open for its volunteers' corrections until `until`.
    pub(crate) fn may(&self, recorded_by: Option<i64>, until: NaiveDate) -> Result<(), Refusal> {
        may_correct(
            self.role,
            recorded_by == Some(self.user_id),
            self.today,
            until,
        )
    }
}

/// A session's conversations as its pages list them: words as the role may see them, and
/// whether this person may change or remove each.
pub(crate) fn heard(
    state: &AppState,
    who: &Corrector,
    until: NaiveDate,
    items: &[FeedbackItem],
) -> Vec<minijinja::Value> {
    items
        .iter()
        .map(|f| {
            context! {
                id => f.id,
                care_stage => f.care_stage,
                // A Walk the Patch session is on one unit; outreach feedback names its own.
                unit_name => f.unit_name.as_ref().filter(|_| f.channel == Channel::Outreach.as_str()),
                rating => f.rating,
                text => crate::capture::inbox::shown_text(&state.store, who.role, f),
                can_correct => who.may(f.recorded_by, until).is_ok(),
            }
        })
        .collect()
}

/// The conversation, if the person may correct it; otherwise the page that says why (403).
/// Another MNVP's conversation, or one already removed, is not found.
async fn correctable(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
) -> WebResult<Result<Box<Recorded>, Response>> {
    let mnvp = team_mnvp(ctx)?;
    let rec = state.store.recorded_conversation(id).await?;
    if rec.item.mnvp_id != mnvp {
        return Err(WebError::NotFound);
    }
    let until = open_until(&rec.held_on, &rec.started_at);
    match Corrector::of(ctx)?.may(rec.recorded_by, until) {
        Ok(()) => Ok(Ok(Box::new(rec))),
        Err(refusal) => {
            let html = state
                .render(
                    ctx,
                    "field/conversation/refused.html",
                    context! {
                        closed => refusal == Refusal::SessionClosed,
                        until => until.format("%Y-%m-%d").to_string(),
                        back => session_path(&rec.session_kind, rec.session_id),
                    },
                )
                .await?;
            Ok(Err((StatusCode::FORBIDDEN, html).into_response()))
        }
    }
}

/// The words as this person may see them (and as the form shows them): the original for the
/// lead, whose opening of it is audited as everywhere; the redaction for everyone else.
async fn shown_words(
    state: &AppState,
    ctx: &Ctx,
    rec: &Recorded,
    audit: bool,
) -> WebResult<Option<String>> {
    let role = ctx.role().ok_or(WebError::Unauthenticated)?;
    if audit && role.sees_original_text() && rec.item.body.is_some() {
        state
            .store
            .audit_event(
                &ctx.actor(),
                "view",
                "feedback",
                Some(rec.item.id),
                "original text".into(),
            )
            .await?;
    }
    Ok(crate::capture::inbox::shown_text(
        &state.store,
        role,
        &rec.item,
    ))
}

/// The conversation's answers as the recording form's fields. Equality answers are the
/// lead's alone, as in the inbox.
fn answers(rec: &Recorded, words: Option<&str>, lead: bool) -> serde_json::Value {
    let (good, better) = split_body(words.unwrap_or(""));
    let mut form = json!({
        "care_stage": rec.item.care_stage,
        "rating": rec.item.rating.map(|r| r.to_string()),
        "unit": rec.item.unit_id.map(|u| u.to_string()),
        "good": good,
        "better": better,
        "experiences": [],
    });
    if let (true, Some(d), Some(map)) = (lead, &rec.demographics, form.as_object_mut()) {
        let experiences: Vec<&str> = d.experiences.split(';').filter(|e| !e.is_empty()).collect();
        for (k, v) in [
            ("consent", json!("yes")),
            ("ethnic_category", json!(d.ethnic_category)),
            ("age_band", json!(d.age_band)),
            ("first_language", json!(d.first_language)),
            ("disability", json!(d.disability)),
            ("experiences", json!(experiences)),
            ("postcode", json!(d.postcode_district)),
        ] {
            map.insert(k.into(), v);
        }
    }
    form
}

/// What the change and removal pages say about the conversation's session, and where back is.
fn heading(rec: &Recorded) -> minijinja::Value {
    context! {
        id => rec.item.id,
        kind => Channel::parse(&rec.session_kind).map(|c| c.label()).unwrap_or_default(),
        held_on => rec.held_on,
        back => session_path(&rec.session_kind, rec.session_id),
    }
}

async fn change_page(
    state: &AppState,
    ctx: &Ctx,
    rec: &Recorded,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let lead = ctx.role() == Some(Role::MnvpLead);
    let outreach = rec.session_kind == Channel::Outreach.as_str();
    state
        .render(
            ctx,
            "field/conversation/change.html",
            context! {
                form => form,
                errors => errors,
                order => ORDER,
                choices => conversation_choices(),
                units => if outreach { Some(unit_options(state, rec.item.mnvp_id).await?) } else { None },
                lead => lead,
                ..heading(rec)
            },
        )
        .await
}

pub async fn edit_conversation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let rec = match correctable(&state, &ctx, id).await? {
        Ok(rec) => rec,
        Err(refused) => return Ok(refused),
    };
    let words = shown_words(&state, &ctx, &rec, true).await?;
    let lead = ctx.role() == Some(Role::MnvpLead);
    let form = answers(&rec, words.as_deref(), lead);
    Ok(change_page(&state, &ctx, &rec, form, FormErrors::new())
        .await?
        .into_response())
}

/// Saves a change: the answers are checked by the recording form's parser (every problem at
/// once, what was typed kept), then screened and stored through the feedback store.
pub async fn update_conversation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let rec = match correctable(&state, &ctx, id).await? {
        Ok(rec) => rec,
        Err(refused) => return Ok(refused),
    };
    let lead = ctx.role() == Some(Role::MnvpLead);
    let input = ConversationInput::from_pairs(&form);
    let parsed = input.parse();
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let unit = if rec.session_kind == Channel::Outreach.as_str() {
        chosen_unit(
            &state,
            rec.item.mnvp_id,
            &form.get("unit"),
            None,
            &mut errors,
        )
        .await?
    } else {
        rec.item.unit_id
    };
    let (Ok(parsed), true) = (parsed, errors.is_empty()) else {
        let html = change_page(&state, &ctx, &rec, form.echo(LISTS), errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
    };
    let shown = shown_words(&state, &ctx, &rec, false).await?;
    if matches!(
        shown.as_deref(),
        Some(crate::capture::UNREADABLE | crate::capture::NOT_SCREENED)
    ) {
        // What the form showed was a note, not the words: saving it would replace them.
        return Err(WebError::Conflict(
            "This conversation's words cannot be opened just now, so it cannot be changed. Tell your administrator.".into(),
        ));
    }
    let words = if parsed.0.body() == shown {
        Edit::Keep
    } else {
        Edit::Replace
    };
    let channel = Channel::parse(&rec.item.channel).map_err(|e| WebError::Internal(e.0))?;
    let mut item = to_feedback(
        &state.store,
        parsed,
        &input.postcode,
        Destination {
            mnvp_id: rec.item.mnvp_id,
            unit_id: unit,
            channel,
            received_on: &rec.item.received_on,
            client_id: None,
        },
    )
    .await?;
    // The form shows the district kept, not the postcode: left as it was, its area stays.
    if let (Some(d), Some(old)) = (item.demographics.as_mut(), rec.demographics.as_ref()) {
        if d.lsoa21.is_none() && d.postcode_district == old.postcode_district {
            d.lsoa21.clone_from(&old.lsoa21);
            d.imd_decile = old.imd_decile;
        }
    }
    let answers = if lead { Edit::Replace } else { Edit::Keep };
    let changed = state
        .store
        .change_conversation(id, &item, (words, answers), &ctx.actor())
        .await?;
    let back = session_path(&rec.session_kind, rec.session_id);
    Ok(done(&state, &ctx, &changed_message(changed, lead), &back).await)
}

/// Only the lead is told about safeguarding (triage is theirs, as in the inbox).
fn changed_message(changed: Changed, lead: bool) -> String {
    let mut m = String::from("Conversation changed.");
    if lead {
        if let Some(c) = changed.case_opened {
            m.push_str(&format!(
                " Its new words may disclose a risk: safeguarding case {c} is open for your review."
            ));
        } else if let Some(c) = changed.case_kept {
            m.push_str(&format!(
                " Safeguarding case {c} about it stays open until you close it."
            ));
        }
    }
    m
}

async fn removal_page(
    state: &AppState,
    ctx: &Ctx,
    rec: &Recorded,
    form: serde_json::Value,
    errors: FormErrors,
) -> WebResult<Html<String>> {
    let reasons: Vec<_> = RemovalReason::ALL
        .iter()
        .map(|r| crate::admin::Opt {
            value: r.as_str().into(),
            text: r.label().into(),
        })
        .collect();
    state
        .render(
            ctx,
            "field/conversation/remove.html",
            context! {
                care_stage => rec.item.care_stage,
                rating => rec.item.rating,
                unit_name => rec.item.unit_name,
                text => shown_words(state, ctx, rec, false).await?,
                reasons => reasons,
                form => form,
                errors => errors,
                ..heading(rec)
            },
        )
        .await
}

pub async fn confirm_removal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let rec = match correctable(&state, &ctx, id).await? {
        Ok(rec) => rec,
        Err(refused) => return Ok(refused),
    };
    let form = json!({ "form_key": new_form_key() });
    Ok(removal_page(&state, &ctx, &rec, form, FormErrors::new())
        .await?
        .into_response())
}

pub async fn remove_conversation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    form: Pairs,
) -> WebResult<Response> {
    let key = valid_form_key(&form.get("form_key")).map(str::to_lowercase);
    // The same form sent twice: the first removed it; say so rather than "not found".
    if let Some(k) = key.as_deref() {
        if let Some(r) = state.store.field_removal(k).await? {
            if r.mnvp_id != team_mnvp(&ctx)? {
                return Err(WebError::NotFound);
            }
            let back = session_path(&r.kind, r.session_id);
            return Ok(done(
                &state,
                &ctx,
                "That conversation was already removed.",
                &back,
            )
            .await);
        }
    }
    let rec = match correctable(&state, &ctx, id).await? {
        Ok(rec) => rec,
        Err(refused) => return Ok(refused),
    };
    let reason = match RemovalReason::parse(&form.get("reason")) {
        Ok(r) => r,
        Err(e) => {
            let mut errors = FormErrors::new();
            add_all(&mut errors, vec![("reason", e)]);
            let html = removal_page(&state, &ctx, &rec, form.echo(&[]), errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    };
    let removed = state
        .store
        .remove_conversation(id, reason, &ctx.actor(), key.as_deref())
        .await?;
    let lead = ctx.role() == Some(Role::MnvpLead);
    let back = session_path(&rec.session_kind, removed.session_id);
    Ok(done(&state, &ctx, &removed_message(removed, reason, lead), &back).await)
}

fn removed_message(removed: Removed, reason: RemovalReason, lead: bool) -> String {
    let mut m = String::from("Conversation removed.");
    if reason == RemovalReason::Withdrew {
        m.push_str(" They still count as someone you approached.");
    }
    if let (true, Some(c)) = (lead, removed.kept_for_case) {
        m.push_str(&format!(
            " Safeguarding case {c} refers to it, so its words are kept for that case only; \
             it no longer counts anywhere else."
        ));
    }
    m
}
