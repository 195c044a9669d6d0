//! Safeguarding escalation (guidance 2.5–2.6): "a clear escalation process … that should always
//! be followed and documented if an immediate safeguarding or patient safety concern is
//! disclosed". Every flagged feedback item becomes a case; each case follows its MNVP's
//! procedure step by step, and these pure rules say which steps a case still needs, which are
//! overdue and when each falls due, so the store, the web pages, the alert mailer and the
//! governance report all agree. Signposting's rules (support topics) live beside them.

pub mod case;
pub mod deadline;
pub mod procedure;
pub mod report;
pub mod support;

vocabulary!(
    /// Why an item needs the lead's review: a kind of disclosure found at the door, or a
    /// team member's judgement.
    Concern, "a kind of concern" {
        SelfHarm => ("self_harm", "Self-harm or suicidal thoughts"),
        DomesticAbuse => ("domestic_abuse", "Domestic abuse or coercion"),
        ChildRisk => ("child_risk", "Risk to a baby or child"),
        PatientSafety => ("patient_safety", "Patient safety"),
        OtherRisk => ("other_risk", "Other immediate risk"),
        Manual => ("manual", "Flagged by a team member"),
    }
);

vocabulary!(
    /// The people an escalated concern goes to, as the guidance and trusts name them.
    Contact, "who was told" {
        SafeguardingTeam => ("safeguarding_team", "Trust safeguarding team"),
        SafetyChampion => ("safety_champion", "Maternity and neonatal safety champion"),
        PatientSafetyTeam => ("patient_safety_team", "Patient safety team"),
    }
);

vocabulary!(
    /// What the lead decided after reviewing a case.
    Decision, "escalate or no further action" {
        Escalate => ("escalate", "Escalate"),
        NoAction => ("no_action", "No further action"),
    }
);

vocabulary!(
    /// How a contact was told.
    Method, "how they were told" {
        Phone => ("phone", "Telephone"),
        Email => ("email", "Email"),
        InPerson => ("in_person", "In person"),
        IncidentReport => ("incident_report", "Incident reporting system (for example LFPSE)"),
        Other => ("other", "Another way"),
    }
);

impl Concern {
    /// Parses a stored `;`-separated list (as screening writes it), skipping unknown codes.
    pub fn parse_list(codes: &str) -> Vec<Concern> {
        let mut out: Vec<Concern> = codes
            .split(';')
            .filter_map(|c| Concern::parse(c).ok())
            .collect();
        out.dedup();
        out
    }

    /// The stored form of a list of concerns.
    pub fn join(concerns: &[Concern]) -> String {
        concerns
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concern_lists_round_trip_and_skip_unknown_codes() {
        let list = Concern::parse_list("self_harm;;manual;bogus");
        assert_eq!(list, [Concern::SelfHarm, Concern::Manual]);
        assert_eq!(Concern::join(&list), "self_harm;manual");
        assert!(Concern::parse_list("").is_empty());
    }
}
