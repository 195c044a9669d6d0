//! An MNVP's escalation procedure: how quickly each step is due, who must be told about each
//! kind of concern and how to reach them, and the written procedure staff and volunteers
//! follow. The default is written from guidance 2.5–2.6; each MNVP adapts it to its trust.

use super::{Concern, Contact};
use crate::ParseError;
use serde::Serialize;

/// One MNVP's procedure, as a lead configures it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Procedure {
    /// Working days from a case opening to the lead's review and decision.
    pub review_days: u32,
    /// Working days from a decision to escalate to telling every required contact
    /// (0 = the same working day).
    pub notify_days: u32,
    /// Working days from a decision to escalate to recording the outcome.
    pub outcome_days: u32,
    /// Working days from a case opening to its closure.
    pub close_days: u32,
    /// How to reach each contact (team or person, telephone, email), in [`Contact::ALL`] order.
    pub contacts: Vec<(Contact, String)>,
    /// Which contacts must be told when a case of each concern is escalated.
    pub required: Vec<(Concern, Contact)>,
    /// The written procedure, in plain paragraphs.
    pub text: String,
}

/// The default written procedure, from NHS England's MNVP guidance 2.5–2.6.
pub const DEFAULT_TEXT: &str = "\
If anyone is in immediate danger, call 999 before doing anything else.

1. Review. The MNVP lead reads every flagged item within 1 working day of it being flagged, in a \
private place, and decides whether it discloses an immediate safeguarding or patient safety concern. \
Volunteers and staff who hear a disclosure in person tell the lead the same day and flag the item.

2. Decide. Record the decision: escalate, or no further action with the reason (for example: not a \
disclosure, historical and already known to the trust, or the screening misread the words).

3. Escalate. Tell the named contacts for the kind of concern within 1 working day of deciding, and \
record who you spoke to, how and when. Safeguarding concerns (self-harm or suicidal thoughts, domestic \
abuse or coercion, risk to a baby or child, other immediate risk) go to the trust safeguarding team. \
Patient safety concerns (harm or a near miss in care) go to the patient safety team and the maternity \
and neonatal safety champion.

4. Outcome. Record what the contact tells you has happened, within 10 working days. If you have not \
heard, ask them.

5. Close. Close the case once every step is recorded. Every step is kept in the audit log.

Take a trauma-informed approach throughout: do not contact the person who gave feedback unless they \
asked to be contacted, and never ask them to repeat their story. Offer support organisations from the \
signposting directory.";

impl Default for Procedure {
    fn default() -> Self {
        use Concern as C;
        use Contact as K;
        Procedure {
            review_days: 1,
            notify_days: 1,
            outcome_days: 10,
            close_days: 20,
            contacts: Contact::ALL.iter().map(|c| (*c, String::new())).collect(),
            required: vec![
                (C::SelfHarm, K::SafeguardingTeam),
                (C::DomesticAbuse, K::SafeguardingTeam),
                (C::ChildRisk, K::SafeguardingTeam),
                (C::OtherRisk, K::SafeguardingTeam),
                (C::Manual, K::SafeguardingTeam),
                (C::PatientSafety, K::PatientSafetyTeam),
                (C::PatientSafety, K::SafetyChampion),
            ],
            text: DEFAULT_TEXT.to_string(),
        }
    }
}

/// The longest a step may be given, so a typo cannot turn a day into a year.
pub const MAX_DAYS: u32 = 60;
/// The longest written procedure and contact details kept.
pub const MAX_TEXT: usize = 10_000;
pub const MAX_CONTACT: usize = 500;

impl Procedure {
    /// The contacts a case with these concerns must tell when escalated, in [`Contact::ALL`]
    /// order and without repeats.
    pub fn required_for(&self, concerns: &[Concern]) -> Vec<Contact> {
        Contact::ALL
            .iter()
            .copied()
            .filter(|k| {
                self.required
                    .iter()
                    .any(|(c, rk)| rk == k && concerns.contains(c))
            })
            .collect()
    }

    /// How to reach a contact, as the lead wrote it ("" when not written yet).
    pub fn reach(&self, contact: Contact) -> &str {
        self.contacts
            .iter()
            .find(|(c, _)| *c == contact)
            .map(|(_, s)| s.as_str())
            .unwrap_or("")
    }

    /// The stored form of `required`: `concern:contact` pairs separated by `;`.
    pub fn required_code(&self) -> String {
        self.required
            .iter()
            .map(|(c, k)| format!("{}:{}", c.as_str(), k.as_str()))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Reads the stored form of `required`, skipping pairs it does not know.
    pub fn parse_required(code: &str) -> Vec<(Concern, Contact)> {
        code.split(';')
            .filter_map(|pair| pair.split_once(':'))
            .filter_map(|(c, k)| Some((Concern::parse(c).ok()?, Contact::parse(k).ok()?)))
            .collect()
    }
}

/// The procedure form as typed, every field text, so a form with mistakes is shown back
/// with what was typed.
#[derive(Debug, Clone, Default)]
pub struct RawProcedure<'a> {
    pub review_days: &'a str,
    pub notify_days: &'a str,
    pub outcome_days: &'a str,
    pub close_days: &'a str,
    /// (contact code, how to reach them)
    pub contacts: Vec<(&'a str, &'a str)>,
    /// `concern:contact` codes of ticked boxes.
    pub required: Vec<&'a str>,
    pub text: &'a str,
}

impl Procedure {
    /// Parses the form, collecting every problem as (field, message) for the error summary.
    pub fn parse(raw: &RawProcedure) -> Result<Procedure, Vec<(&'static str, ParseError)>> {
        let mut errors = Vec::new();
        let mut days = |field: &'static str, what: &str, value: &str, min: u32| -> u32 {
            match value.trim().parse::<u32>() {
                Ok(n) if (min..=MAX_DAYS).contains(&n) => n,
                _ => {
                    errors.push((
                        field,
                        ParseError::new(format!(
                            "Enter the working days for {what} as a whole number from {min} to {MAX_DAYS}"
                        )),
                    ));
                    0
                }
            }
        };
        let review_days = days("review_days", "review and decision", raw.review_days, 0);
        let notify_days = days("notify_days", "telling the contacts", raw.notify_days, 0);
        let outcome_days = days("outcome_days", "the outcome", raw.outcome_days, 1);
        let close_days = days("close_days", "closing the case", raw.close_days, 1);
        if errors.is_empty() && close_days < review_days {
            errors.push((
                "close_days",
                ParseError::new(
                    "The days for closing the case must be at least the days for review and decision",
                ),
            ));
        }
        let mut contacts = Vec::new();
        for k in Contact::ALL {
            let text = raw
                .contacts
                .iter()
                .find(|(code, _)| *code == k.as_str())
                .map(|(_, t)| t.trim())
                .unwrap_or("");
            if text.chars().count() > MAX_CONTACT {
                errors.push((
                    contact_field(*k),
                    ParseError::new(format!(
                        "How to reach the {} must be {MAX_CONTACT} characters or fewer",
                        k.label().to_lowercase()
                    )),
                ));
            }
            contacts.push((*k, text.to_string()));
        }
        let mut required = Vec::new();
        for code in &raw.required {
            match Procedure::parse_required(code).first() {
                Some(pair) if !required.contains(pair) => required.push(*pair),
                Some(_) => {}
                None => errors.push((
                    "required",
                    ParseError::new("Select who must be told from the list"),
                )),
            }
        }
        let text = raw.text.trim();
        if text.is_empty() {
            errors.push((
                "text",
                ParseError::new("Enter the written procedure that staff and volunteers follow"),
            ));
        } else if text.chars().count() > MAX_TEXT {
            errors.push((
                "text",
                ParseError::new(format!(
                    "The written procedure must be {MAX_TEXT} characters or fewer"
                )),
            ));
        }
        if errors.is_empty() {
            Ok(Procedure {
                review_days,
                notify_days,
                outcome_days,
                close_days,
                contacts,
                required,
                text: text.replace("\r\n", "\n"),
            })
        } else {
            Err(errors)
        }
    }
}

/// The form field that holds how to reach a contact.
pub fn contact_field(contact: Contact) -> &'static str {
    match contact {
        Contact::SafeguardingTeam => "contact_safeguarding_team",
        Contact::SafetyChampion => "contact_safety_champion",
        Contact::PatientSafetyTeam => "contact_patient_safety_team",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_sends_safeguarding_and_patient_safety_to_the_right_people() {
        let p = Procedure::default();
        assert_eq!(
            p.required_for(&[Concern::DomesticAbuse]),
            [Contact::SafeguardingTeam]
        );
        assert_eq!(
            p.required_for(&[Concern::PatientSafety, Concern::ChildRisk]),
            [
                Contact::SafeguardingTeam,
                Contact::SafetyChampion,
                Contact::PatientSafetyTeam
            ]
        );
        assert_eq!(
            Procedure::parse_required(&p.required_code()),
            p.required,
            "the stored form round-trips"
        );
    }

    fn raw<'a>() -> RawProcedure<'a> {
        RawProcedure {
            review_days: "1",
            notify_days: "0",
            outcome_days: "10",
            close_days: "20",
            contacts: vec![("safeguarding_team", " Safeguarding hub, 01632 960000 ")],
            required: vec!["self_harm:safeguarding_team", "bogus:thing"],
            text: "Call 999 first.\r\nThen review.",
        }
    }

    #[test]
    fn a_form_is_parsed_with_every_problem_named() {
        let errs = Procedure::parse(&raw()).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].0, "required");
        let ok = Procedure::parse(&RawProcedure {
            required: vec!["self_harm:safeguarding_team", "self_harm:safeguarding_team"],
            ..raw()
        })
        .unwrap();
        assert_eq!(
            ok.reach(Contact::SafeguardingTeam),
            "Safeguarding hub, 01632 960000"
        );
        assert_eq!(ok.required.len(), 1, "a repeated tick counts once");
        assert_eq!(ok.text, "Call 999 first.\nThen review.");
        let errs = Procedure::parse(&RawProcedure {
            review_days: "one",
            outcome_days: "0",
            close_days: "999",
            text: "  ",
            required: vec![],
            ..raw()
        })
        .unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            ["review_days", "outcome_days", "close_days", "text"]
        );
    }
}
