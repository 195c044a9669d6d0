//! Each role's home page: the one screen that says where things stand for them.

use crate::auth::Ctx;
use crate::error::WebResult;
use crate::AppState;
use axum::extract::State;
use axum::response::Html;
use minijinja::context;
use mnvp_domain::organisation::OrgKind;
use mnvp_domain::role::Role;
use mnvp_domain::suppression::SuppressionRule;
use serde::Serialize;

#[derive(Serialize)]
struct ChannelRow {
    channel: String,
    count: String,
}

/// The MNVPs within an organisation's footprint: those under it, and those covering any of
/// its units (a trust's or commissioner's view).
pub(crate) async fn covering_mnvps(
    store: &mnvp_store::Store,
    org_id: i64,
) -> Result<Vec<mnvp_store::organisations::Org>, mnvp_store::StoreError> {
    let ids = store.org_subtree_ids(org_id).await?;
    let mut covering = Vec::new();
    for m in store.list_orgs_of_kind(OrgKind::Mnvp).await? {
        let units = store.mnvp_units(m.id).await?;
        if ids.contains(&m.id) || units.iter().any(|u| ids.contains(&u.id)) {
            covering.push(m);
        }
    }
    Ok(covering)
}

/// The MNVPs whose figures a person may see: every one for administrators, their own for
/// leads and volunteers, and those within or covering units of their organisation for trust
/// staff and commissioners.
pub(crate) async fn mnvps_in_view(
    store: &mnvp_store::Store,
    role: Role,
    org: Option<&mnvp_store::organisations::Org>,
) -> Result<Vec<mnvp_store::organisations::Org>, mnvp_store::StoreError> {
    Ok(match (role, org) {
        (Role::Administrator, _) => store.list_orgs_of_kind(OrgKind::Mnvp).await?,
        (Role::MnvpLead | Role::Volunteer, Some(o)) => vec![o.clone()],
        (Role::Commissioner | Role::TrustStaff, Some(o)) => covering_mnvps(store, o.id).await?,
        _ => Vec::new(),
    })
}

pub async fn get_home(State(state): State<AppState>, ctx: Ctx) -> WebResult<Html<String>> {
    let user = ctx.user()?.clone();
    let role = user.role();
    let store = &state.store;
    let org = match user.org_id {
        Some(id) => Some(store.get_org(id).await?),
        None => None,
    };
    let mnvps = mnvps_in_view(store, role, org.as_ref()).await?;
    let ids: Vec<i64> = mnvps.iter().map(|m| m.id).collect();
    let exact = matches!(role, Role::MnvpLead | Role::Administrator);
    let rule = SuppressionRule::default();
    let counts = store.feedback_counts(&ids).await?;
    let total: i64 = counts.iter().map(|c| c.n).sum();
    let show = |n: i64| {
        if exact {
            n.to_string()
        } else {
            rule.apply(n).text()
        }
    };
    let rows: Vec<ChannelRow> = counts
        .iter()
        .map(|c| ChannelRow {
            channel: c.channel.clone(),
            count: show(c.n),
        })
        .collect();
    let units = match (role, &org) {
        (Role::MnvpLead | Role::Volunteer, Some(o)) => store.mnvp_units(o.id).await?,
        _ => Vec::new(),
    };
    let admin_counts = if role == Role::Administrator {
        let orgs = store.list_orgs().await?;
        Some(context! {
            organisations => orgs.len(),
            mnvps => orgs.iter().filter(|o| o.kind == "mnvp").count(),
            users => store.count_users().await?,
        })
    } else {
        None
    };
    state
        .render(
            &ctx,
            "home.html",
            context! {
                role => role.as_str(),
                role_label => role.label(),
                org => org,
                mnvps => mnvps,
                units => units,
                rows => rows,
                total => show(total),
                suppressed_note => !exact,
                admin_counts => admin_counts,
                safety => crate::safety::dashboard_panel(&state, &ctx).await?,
            },
        )
        .await
}
