//! The rules of one case: which steps it still needs before it may close, when each stage is
//! due, and which are overdue. Pure functions of what has been recorded, so every layer agrees.

use super::deadline::add_working_days;
use super::procedure::Procedure;
use super::{Concern, Contact, Decision};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What has been recorded on a case so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub concerns: Vec<Concern>,
    pub opened_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub decision: Option<Decision>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: String,
    /// Each contact told, and when (as the lead recorded it).
    pub notified: Vec<(Contact, DateTime<Utc>)>,
    pub outcome_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// A step a case may still need before it can be closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Step {
    Review,
    Decision,
    NoActionReason,
    Notify(Contact),
    /// Escalated with no contact named by the procedure: someone must still be told.
    NotifyAnyone,
    Outcome,
}

impl Step {
    /// Words for the error that names what is missing.
    pub fn label(self) -> String {
        match self {
            Step::Review => "the review".into(),
            Step::Decision => "the decision (escalate, or no further action with a reason)".into(),
            Step::NoActionReason => "the reason for no further action".into(),
            Step::Notify(c) => format!("telling the {}", c.label().to_lowercase()),
            Step::NotifyAnyone => "telling at least one contact".into(),
            Step::Outcome => "the outcome".into(),
        }
    }
}

vocabulary!(
    /// A stage with a deadline; overdue stages raise alerts.
    Stage, "a stage" {
        Review => ("review", "Review and decision"),
        Notify => ("notify", "Telling the contacts"),
        Outcome => ("outcome", "Outcome"),
        Close => ("close", "Closure"),
    }
);

/// One stage's deadline and, once done, when it was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub stage: Stage,
    pub due: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

impl Deadline {
    /// Not done and past due at `now`.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.done_at.is_none() && now > self.due
    }

    /// Done after it was due.
    pub fn was_late(&self) -> bool {
        self.done_at.is_some_and(|d| d > self.due)
    }
}

impl CaseFacts {
    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }

    fn escalated(&self) -> bool {
        self.decision == Some(Decision::Escalate)
    }

    /// When every contact the procedure requires was told (the last of them), if all were.
    fn notified_all_at(&self, procedure: &Procedure) -> Option<DateTime<Utc>> {
        let required = procedure.required_for(&self.concerns);
        if required.is_empty() {
            return self.notified.iter().map(|(_, at)| *at).min();
        }
        required
            .iter()
            .map(|k| {
                self.notified
                    .iter()
                    .filter(|(c, _)| c == k)
                    .map(|(_, at)| *at)
                    .min()
            })
            .collect::<Option<Vec<_>>>()
            .and_then(|times| times.into_iter().max())
    }

    /// The steps still needed before the case may be closed, in the procedure's order.
    pub fn missing_for_closure(&self, procedure: &Procedure) -> Vec<Step> {
        let mut missing = Vec::new();
        if self.reviewed_at.is_none() {
            missing.push(Step::Review);
        }
        match self.decision {
            None => missing.push(Step::Decision),
            Some(Decision::NoAction) if self.decision_reason.trim().is_empty() => {
                missing.push(Step::NoActionReason)
            }
            Some(Decision::NoAction) => {}
            Some(Decision::Escalate) => {
                let required = procedure.required_for(&self.concerns);
                if required.is_empty() && self.notified.is_empty() {
                    missing.push(Step::NotifyAnyone);
                }
                for k in required {
                    if !self.notified.iter().any(|(c, _)| *c == k) {
                        missing.push(Step::Notify(k));
                    }
                }
                if self.outcome_at.is_none() {
                    missing.push(Step::Outcome);
                }
            }
        }
        missing
    }

    /// Every stage that applies to this case so far, with its deadline.
    pub fn deadlines(&self, procedure: &Procedure) -> Vec<Deadline> {
        let mut out = vec![Deadline {
            stage: Stage::Review,
            due: add_working_days(self.opened_at, procedure.review_days),
            done_at: self.decided_at,
        }];
        if let (true, Some(decided)) = (self.escalated(), self.decided_at) {
            out.push(Deadline {
                stage: Stage::Notify,
                due: add_working_days(decided, procedure.notify_days),
                done_at: self.notified_all_at(procedure),
            });
            out.push(Deadline {
                stage: Stage::Outcome,
                due: add_working_days(decided, procedure.outcome_days),
                done_at: self.outcome_at,
            });
        }
        out.push(Deadline {
            stage: Stage::Close,
            due: add_working_days(self.opened_at, procedure.close_days),
            done_at: self.closed_at,
        });
        out
    }

    /// Stages past their deadline at `now` (none once the case is closed).
    pub fn overdue(&self, procedure: &Procedure, now: DateTime<Utc>) -> Vec<Deadline> {
        if self.is_closed() {
            return Vec::new();
        }
        self.deadlines(procedure)
            .into_iter()
            .filter(|d| d.is_overdue(now))
            .collect()
    }

    /// Where the case stands, in a few words for the queue.
    pub fn status(&self, procedure: &Procedure) -> &'static str {
        if self.is_closed() {
            return "Closed";
        }
        let missing = self.missing_for_closure(procedure);
        match missing.first() {
            None => "Ready to close",
            Some(Step::Review) => "Awaiting review",
            Some(Step::Decision | Step::NoActionReason) => "Awaiting decision",
            Some(Step::Notify(_) | Step::NotifyAnyone) => "Escalating",
            Some(Step::Outcome) => "Awaiting outcome",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn fresh(concerns: &[Concern]) -> CaseFacts {
        CaseFacts {
            concerns: concerns.to_vec(),
            // A Tuesday.
            opened_at: at("2026-11-24T10:00:00Z"),
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
    fn a_new_case_cannot_close_and_says_why() {
        let p = Procedure::default();
        let c = fresh(&[Concern::SelfHarm]);
        assert_eq!(c.missing_for_closure(&p), [Step::Review, Step::Decision]);
        assert_eq!(c.status(&p), "Awaiting review");
    }

    #[test]
    fn an_escalated_case_needs_every_required_contact_and_an_outcome() {
        let p = Procedure::default();
        let mut c = fresh(&[Concern::PatientSafety]);
        c.reviewed_at = Some(at("2026-11-24T11:00:00Z"));
        c.decision = Some(Decision::Escalate);
        c.decided_at = Some(at("2026-11-24T11:00:00Z"));
        c.notified
            .push((Contact::PatientSafetyTeam, at("2026-11-24T12:00:00Z")));
        assert_eq!(
            c.missing_for_closure(&p),
            [Step::Notify(Contact::SafetyChampion), Step::Outcome]
        );
        assert_eq!(
            Step::Notify(Contact::SafetyChampion).label(),
            "telling the maternity and neonatal safety champion"
        );
        c.notified
            .push((Contact::SafetyChampion, at("2026-11-26T12:00:00Z")));
        c.outcome_at = Some(at("2026-11-30T09:00:00Z"));
        assert!(c.missing_for_closure(&p).is_empty());
        assert_eq!(c.status(&p), "Ready to close");
        let notify = c.deadlines(&p)[1];
        assert_eq!(notify.stage, Stage::Notify);
        assert_eq!(notify.done_at, Some(at("2026-11-26T12:00:00Z")));
        assert!(
            notify.was_late(),
            "the champion was told after a working day"
        );
    }

    #[test]
    fn no_action_needs_a_reason() {
        let p = Procedure::default();
        let mut c = fresh(&[Concern::Manual]);
        c.reviewed_at = Some(at("2026-11-24T11:00:00Z"));
        c.decision = Some(Decision::NoAction);
        c.decided_at = c.reviewed_at;
        assert_eq!(c.missing_for_closure(&p), [Step::NoActionReason]);
        c.decision_reason = "Historical, already known to the trust".into();
        assert!(c.missing_for_closure(&p).is_empty());
    }

    #[test]
    fn escalating_without_named_contacts_needs_someone_told() {
        let p = Procedure {
            required: Vec::new(),
            ..Procedure::default()
        };
        let mut c = fresh(&[Concern::OtherRisk]);
        c.reviewed_at = Some(c.opened_at);
        c.decision = Some(Decision::Escalate);
        c.decided_at = Some(c.opened_at);
        c.outcome_at = Some(c.opened_at);
        assert_eq!(c.missing_for_closure(&p), [Step::NotifyAnyone]);
    }

    #[test]
    fn stages_fall_overdue_and_closed_cases_never_are() {
        let p = Procedure::default();
        let mut c = fresh(&[Concern::SelfHarm]);
        let stages = |c: &CaseFacts, now: &str| -> Vec<Stage> {
            c.overdue(&p, at(now)).iter().map(|d| d.stage).collect()
        };
        assert!(stages(&c, "2026-11-25T09:59:00Z").is_empty());
        assert_eq!(stages(&c, "2026-11-25T10:01:00Z"), [Stage::Review]);
        c.reviewed_at = Some(at("2026-11-25T11:00:00Z"));
        c.decision = Some(Decision::Escalate);
        c.decided_at = c.reviewed_at;
        assert!(stages(&c, "2026-11-26T10:00:00Z").is_empty());
        assert_eq!(stages(&c, "2026-11-26T11:01:00Z"), [Stage::Notify]);
        assert_eq!(
            stages(&c, "2027-01-01T00:00:00Z"),
            [Stage::Notify, Stage::Outcome, Stage::Close]
        );
        c.closed_at = Some(at("2026-11-27T00:00:00Z"));
        assert!(stages(&c, "2027-01-01T00:00:00Z").is_empty());
    }
}
