//! Whose figures a person sees, and how: the MNVP lead their MNVP's, exactly; trust staff
//! their trust's units; commissioners every MNVP in their footprint, aggregated. Everyone but
//! the lead sees suppressed, rounded counts over whole financial quarters.

use crate::error::{WebError, WebResult};
use chrono::{Datelike, NaiveDate};
use mnvp_domain::organisation::OrgKind;
use mnvp_domain::role::Role;
use mnvp_domain::suppression::SuppressionRule;
use mnvp_domain::voices::representation::Audience;
use mnvp_store::voices::Scope;
use mnvp_store::Store;

/// A person's view: the scope, the audience and a name for it.
#[derive(Debug, Clone)]
pub struct View {
    pub scope: Scope,
    pub audience: Audience,
    /// "Riverside MNVP", or the footprint's MNVPs.
    pub label: String,
    /// The MNVP whose planner and annual report these are (leads only).
    pub mnvp_id: Option<i64>,
}

impl View {
    pub fn is_lead(&self) -> bool {
        self.audience == Audience::Lead
    }
}

/// The organisations whose imported population stands for an MNVP's footprint: the MNVP's own
/// rows if any were imported, otherwise the trusts running the units it covers.
async fn population_orgs(store: &Store, mnvp_id: i64) -> WebResult<Vec<i64>> {
    if !store.voices_population(&[mnvp_id]).await?.rows.is_empty() {
        return Ok(vec![mnvp_id]);
    }
    let mut trusts: Vec<i64> = store
        .mnvp_units(mnvp_id)
        .await?
        .into_iter()
        .filter_map(|u| u.parent_id)
        .collect();
    trusts.sort_unstable();
    trusts.dedup();
    Ok(trusts)
}

/// The MNVPs whose feedback falls in a footprint: inside it, or covering a unit inside it.
async fn covering_mnvps(store: &Store, footprint: &[i64]) -> WebResult<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for m in store.list_orgs_of_kind(OrgKind::Mnvp).await? {
        let units = store.mnvp_units(m.id).await?;
        if footprint.contains(&m.id) || units.iter().any(|u| footprint.contains(&u.id)) {
            out.push((m.id, m.name));
        }
    }
    Ok(out)
}

/// One MNVP as its lead sees it (also the CLI's `--as-lead`).
pub async fn for_mnvp(store: &Store, mnvp_id: i64, audience: Audience) -> WebResult<View> {
    let org = store.get_org(mnvp_id).await?;
    if org.kind() != OrgKind::Mnvp {
        return Err(WebError::NotFound);
    }
    Ok(View {
        scope: Scope {
            mnvp_ids: vec![mnvp_id],
            unit_ids: None,
            population_org_ids: population_orgs(store, mnvp_id).await?,
        },
        audience,
        label: org.name,
        mnvp_id: Some(mnvp_id),
    })
}

/// The view for a signed-in person with a role that may see representation figures.
pub async fn for_user(store: &Store, role: Role, org_id: Option<i64>) -> WebResult<View> {
    let org_id = org_id.ok_or(WebError::Forbidden)?;
    let protected = Audience::Protected(SuppressionRule::default());
    match role {
        Role::MnvpLead => for_mnvp(store, org_id, Audience::Lead).await,
        Role::Commissioner => {
            let footprint = store.org_subtree_ids(org_id).await?;
            let mnvps = covering_mnvps(store, &footprint).await?;
            let mut population = Vec::new();
            for (id, _) in &mnvps {
                population.extend(population_orgs(store, *id).await?);
            }
            population.sort_unstable();
            population.dedup();
            Ok(View {
                scope: Scope {
                    mnvp_ids: mnvps.iter().map(|(id, _)| *id).collect(),
                    unit_ids: None,
                    population_org_ids: population,
                },
                audience: protected,
                label: names(&mnvps),
                mnvp_id: None,
            })
        }
        Role::TrustStaff => {
            let footprint = store.org_subtree_ids(org_id).await?;
            let mnvps = covering_mnvps(store, &footprint).await?;
            let population = if store.voices_population(&[org_id]).await?.rows.is_empty() {
                let mut p = Vec::new();
                for (id, _) in &mnvps {
                    p.extend(population_orgs(store, *id).await?);
                }
                p.sort_unstable();
                p.dedup();
                p
            } else {
                vec![org_id]
            };
            let trust = store.get_org(org_id).await?;
            Ok(View {
                scope: Scope {
                    mnvp_ids: mnvps.iter().map(|(id, _)| *id).collect(),
                    unit_ids: Some(footprint),
                    population_org_ids: population,
                },
                audience: protected,
                label: format!("{} (feedback about its units)", trust.name),
                mnvp_id: None,
            })
        }
        _ => Err(WebError::Forbidden),
    }
}

fn names(mnvps: &[(i64, String)]) -> String {
    match mnvps.len() {
        0 => "No MNVPs in your footprint yet".into(),
        _ => mnvps
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The first day of the NHS financial quarter a date falls in.
fn quarter_start(d: NaiveDate) -> NaiveDate {
    let m = ((d.month() - 1) / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(d.year(), m, 1).unwrap_or(d)
}

/// The last day of the quarter a date falls in.
fn quarter_end(d: NaiveDate) -> NaiveDate {
    let start = quarter_start(d);
    let (y, m) = if start.month() >= 10 {
        (start.year() + 1, 1)
    } else {
        (start.year(), start.month() + 3)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(d)
}

/// A period as the audience may ask for it. Outside the lead role, dates are widened to whole
/// quarters, so that two overlapping periods cannot be differenced down to a few days.
pub fn period(
    audience: Audience,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match audience {
        Audience::Lead => (from, to),
        Audience::Protected(_) => (from.map(quarter_start), to.map(quarter_end)),
    }
}

/// A date typed in a form or on the command line: `YYYY-MM-DD`, or empty.
pub fn parse_date(raw: &str) -> Result<Option<NaiveDate>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("Enter a real date like 2026-04-01, not \"{raw}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_see_whole_quarters() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let p = Audience::Protected(SuppressionRule::default());
        assert_eq!(
            period(p, Some(d("2026-05-17")), Some(d("2026-11-02"))),
            (Some(d("2026-04-01")), Some(d("2026-12-31")))
        );
        assert_eq!(
            period(p, Some(d("2027-02-01")), None),
            (Some(d("2027-01-01")), None)
        );
        assert_eq!(
            period(Audience::Lead, Some(d("2026-05-17")), None).0,
            Some(d("2026-05-17"))
        );
        assert!(parse_date("17/05/2026").is_err());
        assert_eq!(parse_date(" ").unwrap(), None);
    }
}
