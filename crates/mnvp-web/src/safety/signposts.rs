//! Signposting: which support to show someone, most relevant first. Volunteers see the whole
//! directory; people who give feedback see it ordered by what they wrote, so that someone who
//! wrote about losing their baby sees bereavement support before anything else.

use crate::auth::Ctx;
use crate::error::{WebError, WebResult};
use crate::AppState;
use axum::extract::State;
use axum::response::Html;
use minijinja::context;
use mnvp_domain::safety::support::SupportTopic;
use mnvp_store::signposts::SupportOrg;
use serde::Serialize;

/// One organisation as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct Support {
    pub topic: &'static str,
    pub topic_label: &'static str,
    pub name: String,
    pub description: String,
    pub phone: Option<String>,
    /// The phone number as a `tel:` link target (digits only).
    pub phone_link: Option<String>,
    pub website: Option<String>,
    pub hours: Option<String>,
    /// Run by this MNVP's area rather than nationally.
    pub local: bool,
}

impl Support {
    fn from_row(row: SupportOrg) -> Option<Support> {
        let topic = SupportTopic::parse(&row.topic).ok()?;
        Some(Support {
            topic: topic.as_str(),
            topic_label: topic.label(),
            phone_link: row
                .phone
                .as_deref()
                .map(|p| p.chars().filter(|c| c.is_ascii_digit()).collect()),
            name: row.name,
            description: row.description,
            phone: row.phone,
            website: row.website,
            hours: row.hours,
            local: row.mnvp_id.is_some(),
        })
    }
}

/// The topics in the order to show them for this text: what the person wrote about first
/// (crisis support leads after a disclosure of risk), then every other topic in the
/// directory's own order, so nobody is left without a route to help.
pub fn topic_order(text: &str) -> Vec<SupportTopic> {
    let mut order: Vec<SupportTopic> = mnvp_text::safety::signpost_topics(text)
        .into_iter()
        .filter_map(|t| SupportTopic::parse(t.as_str()).ok())
        .collect();
    for t in SupportTopic::ALL {
        if !order.contains(t) {
            order.push(*t);
        }
    }
    order
}

/// The MNVP's directory ordered for someone who wrote `text` (empty text: the default order).
pub async fn matched(state: &AppState, mnvp_id: i64, text: &str) -> WebResult<Vec<Support>> {
    let rows = state.store.support_directory(Some(mnvp_id)).await?;
    let order = topic_order(text);
    let mut all: Vec<Support> = rows.into_iter().filter_map(Support::from_row).collect();
    // Stable: within a topic, the MNVP's own organisations stay before national ones.
    all.sort_by_key(|s| {
        order
            .iter()
            .position(|t| t.as_str() == s.topic)
            .unwrap_or(usize::MAX)
    });
    Ok(all)
}

/// Organisations under one topic heading.
#[derive(Debug, Serialize)]
pub struct SupportGroup {
    pub label: &'static str,
    pub topic: &'static str,
    pub items: Vec<Support>,
}

/// Groups an ordered list under its topics, keeping the order.
pub fn grouped(items: Vec<Support>) -> Vec<SupportGroup> {
    let mut groups: Vec<SupportGroup> = Vec::new();
    for s in items {
        match groups.iter_mut().find(|g| g.topic == s.topic) {
            Some(g) => g.items.push(s),
            None => groups.push(SupportGroup {
                label: s.topic_label,
                topic: s.topic,
                items: vec![s],
            }),
        }
    }
    groups
}

/// The directory for the volunteer's or lead's MNVP, to read out or hand over on a ward.
pub async fn list_support(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let user = ctx.user()?;
    let mnvp_id = user.org_id.ok_or(WebError::Forbidden)?;
    let items = matched(&state, mnvp_id, "").await?;
    state
        .render(
            &ctx,
            "safety/support.html",
            context! {
                groups => grouped(items),
                can_edit => user.role() == mnvp_domain::role::Role::MnvpLead,
            },
        )
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_puts_bereavement_first_and_every_topic_stays() {
        let order = topic_order("We lost our baby at 38 weeks and the midwives were kind");
        assert_eq!(order[0], SupportTopic::Bereavement);
        assert_eq!(order.len(), SupportTopic::ALL.len());
        let plain = topic_order("");
        assert_eq!(plain, SupportTopic::ALL);
        let risk = topic_order("I keep thinking everyone would be better off without me");
        assert_eq!(risk[0], SupportTopic::Crisis);
    }
}
