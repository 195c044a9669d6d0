//! The governance report: how many cases, how quickly each was handled and what was decided,
//! by month and kind of concern, so the MNVP can show its escalation process is "always
//! followed and documented" (guidance 2.6). Leads see exact figures; figures leaving the lead
//! role go through [`SuppressionRule`].

use super::case::CaseFacts;
use super::procedure::Procedure;
use super::{Concern, Decision};
use crate::suppression::SuppressionRule;
use crate::uk_time::to_uk;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One line of the report: a month (or the whole period) and a concern (or all concerns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// "2026-11", or None for the whole period.
    pub month: Option<String>,
    /// None for every concern together (each case counted once).
    pub concern: Option<Concern>,
    pub cases: i64,
    pub escalated: i64,
    pub no_action: i64,
    pub undecided: i64,
    pub closed: i64,
    /// Cases with a stage past its deadline now.
    pub overdue_now: i64,
    /// Cases with a stage that was done after its deadline.
    pub late: i64,
    /// Medians, in days, over the cases where the step happened.
    pub days_to_review: Option<f64>,
    pub days_to_escalate: Option<f64>,
    pub days_to_close: Option<f64>,
}

fn days(from: DateTime<Utc>, to: Option<DateTime<Utc>>) -> Option<f64> {
    to.map(|t| (t - from).num_seconds().max(0) as f64 / 86_400.0)
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

fn row(
    month: Option<String>,
    concern: Option<Concern>,
    cases: &[&(CaseFacts, Procedure)],
    now: DateTime<Utc>,
) -> Row {
    let count = |f: &dyn Fn(&CaseFacts, &Procedure) -> bool| {
        cases.iter().filter(|(c, p)| f(c, p)).count() as i64
    };
    Row {
        month,
        concern,
        cases: cases.len() as i64,
        escalated: count(&|c, _| c.decision == Some(Decision::Escalate)),
        no_action: count(&|c, _| c.decision == Some(Decision::NoAction)),
        undecided: count(&|c, _| c.decision.is_none()),
        closed: count(&|c, _| c.is_closed()),
        overdue_now: count(&|c, p| !c.overdue(p, now).is_empty()),
        late: count(&|c, p| c.deadlines(p).iter().any(|d| d.was_late())),
        days_to_review: median(
            cases
                .iter()
                .filter_map(|(c, _)| days(c.opened_at, c.reviewed_at))
                .collect(),
        ),
        days_to_escalate: median(
            cases
                .iter()
                .filter(|(c, _)| c.decision == Some(Decision::Escalate))
                .filter_map(|(c, _)| days(c.opened_at, c.notified.iter().map(|(_, t)| *t).min()))
                .collect(),
        ),
        days_to_close: median(
            cases
                .iter()
                .filter_map(|(c, _)| days(c.opened_at, c.closed_at))
                .collect(),
        ),
    }
}

/// The report's rows: the whole period first, then each month (newest first); within each,
/// all concerns first, then each concern that occurred. A case with two concerns counts once
/// in "all" and once under each concern.
pub fn build(cases: &[(CaseFacts, Procedure)], now: DateTime<Utc>) -> Vec<Row> {
    let month_of = |c: &CaseFacts| to_uk(c.opened_at).format("%Y-%m").to_string();
    let mut months: Vec<String> = cases.iter().map(|(c, _)| month_of(c)).collect();
    months.sort();
    months.dedup();
    months.reverse();
    let mut out = Vec::new();
    let groups = std::iter::once(None).chain(months.into_iter().map(Some));
    for month in groups {
        let in_month: Vec<&(CaseFacts, Procedure)> = cases
            .iter()
            .filter(|(c, _)| month.as_deref().is_none_or(|m| month_of(c) == m))
            .collect();
        out.push(row(month.clone(), None, &in_month, now));
        for concern in Concern::ALL {
            let with: Vec<&(CaseFacts, Procedure)> = in_month
                .iter()
                .copied()
                .filter(|(c, _)| c.concerns.contains(concern))
                .collect();
            if !with.is_empty() {
                out.push(row(month.clone(), Some(*concern), &with, now));
            }
        }
    }
    out
}

/// A row as an audience may see it: every figure as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownRow {
    pub month: String,
    pub concern: String,
    pub cases: String,
    pub escalated: String,
    pub no_action: String,
    pub undecided: String,
    pub closed: String,
    pub overdue_now: String,
    pub late: String,
    pub days_to_review: String,
    pub days_to_escalate: String,
    pub days_to_close: String,
}

/// Column headings, in [`ShownRow::cells`] order (also the CSV header).
pub const HEADINGS: [&str; 12] = [
    "Month",
    "Concern",
    "Cases",
    "Escalated",
    "No further action",
    "Not yet decided",
    "Closed",
    "Overdue now",
    "With a step done late",
    "Median days to review",
    "Median days to first contact told",
    "Median days to close",
];

impl ShownRow {
    pub fn cells(&self) -> [&str; 12] {
        [
            &self.month,
            &self.concern,
            &self.cases,
            &self.escalated,
            &self.no_action,
            &self.undecided,
            &self.closed,
            &self.overdue_now,
            &self.late,
            &self.days_to_review,
            &self.days_to_escalate,
            &self.days_to_close,
        ]
    }
}

impl Row {
    /// Exact figures (`rule` None, the lead's report) or suppressed ones. A suppressed group
    /// also hides its timings: a median of a handful of cases could point to one of them.
    pub fn shown(&self, rule: Option<SuppressionRule>) -> ShownRow {
        let n = |v: i64| match rule {
            None => v.to_string(),
            Some(r) => r.apply(v).text(),
        };
        let hidden = rule.is_some_and(|r| r.apply(self.cases).text() == "suppressed");
        let d = |v: Option<f64>| match (v, hidden) {
            (_, true) => "suppressed".to_string(),
            (Some(x), false) => format!("{x:.1}"),
            (None, false) => "–".to_string(),
        };
        ShownRow {
            month: match &self.month {
                Some(m) => chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
                    .map(|d| d.format("%B %Y").to_string())
                    .unwrap_or_else(|_| m.clone()),
                None => "Whole period".into(),
            },
            concern: self
                .concern
                .map(|c| c.label().to_string())
                .unwrap_or_else(|| "All concerns".into()),
            cases: n(self.cases),
            escalated: n(self.escalated),
            no_action: n(self.no_action),
            undecided: n(self.undecided),
            closed: n(self.closed),
            overdue_now: n(self.overdue_now),
            late: n(self.late),
            days_to_review: d(self.days_to_review),
            days_to_escalate: d(self.days_to_escalate),
            days_to_close: d(self.days_to_close),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safety::Contact;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn case(opened: &str, concerns: &[Concern]) -> CaseFacts {
        CaseFacts {
            concerns: concerns.to_vec(),
            opened_at: at(opened),
            reviewed_at: None,
            decision: None,
            decided_at: None,
            decision_reason: String::new(),
            notified: Vec::new(),
            outcome_at: None,
            closed_at: None,
        }
    }

    #[test]
    fn months_concerns_timings_and_lateness() {
        let p = Procedure::default();
        let mut escalated = case(
            "2026-10-06T09:00:00Z",
            &[Concern::SelfHarm, Concern::ChildRisk],
        );
        escalated.reviewed_at = Some(at("2026-10-06T21:00:00Z"));
        escalated.decision = Some(Decision::Escalate);
        escalated.decided_at = escalated.reviewed_at;
        escalated.notified = vec![(Contact::SafeguardingTeam, at("2026-10-07T09:00:00Z"))];
        escalated.outcome_at = Some(at("2026-10-08T09:00:00Z"));
        escalated.closed_at = Some(at("2026-10-10T09:00:00Z"));
        let mut no_action = case("2026-10-20T09:00:00Z", &[Concern::Manual]);
        no_action.reviewed_at = Some(at("2026-10-23T09:00:00Z"));
        no_action.decision = Some(Decision::NoAction);
        no_action.decided_at = no_action.reviewed_at;
        no_action.decision_reason = "Not a disclosure".into();
        let open = case("2026-11-02T09:00:00Z", &[Concern::SelfHarm]);
        let cases: Vec<(CaseFacts, Procedure)> = [escalated, no_action, open]
            .into_iter()
            .map(|c| (c, p.clone()))
            .collect();
        let rows = build(&cases, at("2026-11-20T09:00:00Z"));
        let whole = &rows[0];
        assert_eq!((whole.month.as_deref(), whole.concern), (None, None));
        assert_eq!(
            (
                whole.cases,
                whole.escalated,
                whole.no_action,
                whole.undecided
            ),
            (3, 1, 1, 1)
        );
        assert_eq!(whole.closed, 1);
        assert_eq!(
            whole.overdue_now, 2,
            "the open case and the unclosed no-action case"
        );
        assert_eq!(
            whole.late, 1,
            "the no-action decision came after a working day"
        );
        assert_eq!(
            whole.days_to_review,
            Some(1.75),
            "median of half a day and three days"
        );
        assert_eq!(whole.days_to_escalate, Some(1.0));
        assert_eq!(whole.days_to_close, Some(4.0));
        let october: Vec<&Row> = rows
            .iter()
            .filter(|r| r.month.as_deref() == Some("2026-10"))
            .collect();
        assert_eq!(october.len(), 4, "all, self-harm, child risk, manual");
        let first_month = rows.iter().find_map(|r| r.month.as_deref());
        assert_eq!(first_month, Some("2026-11"), "newest month first");
        assert_eq!(
            rows.iter().filter(|r| r.month.is_none()).count(),
            4,
            "whole period: all and its 3 concerns"
        );
    }

    #[test]
    fn suppression_hides_small_groups_and_their_timings() {
        let r = Row {
            month: Some("2026-10".into()),
            concern: None,
            cases: 3,
            escalated: 1,
            no_action: 2,
            undecided: 0,
            closed: 3,
            overdue_now: 0,
            late: 0,
            days_to_review: Some(0.5),
            days_to_escalate: None,
            days_to_close: Some(2.0),
        };
        let lead = r.shown(None);
        assert_eq!(
            (lead.cases.as_str(), lead.days_to_review.as_str()),
            ("3", "0.5")
        );
        assert_eq!(lead.month, "October 2026");
        let public = r.shown(Some(SuppressionRule::default()));
        assert_eq!(public.cases, "suppressed");
        assert_eq!(public.days_to_review, "suppressed");
        assert_eq!(public.undecided, "0");
        let big = Row { cases: 23, ..r }.shown(Some(SuppressionRule::default()));
        assert_eq!(
            (big.cases.as_str(), big.days_to_close.as_str()),
            ("25", "2.0")
        );
    }
}
