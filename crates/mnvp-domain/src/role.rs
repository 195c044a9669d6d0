//! The roles of MNVP Hub and the kind of organisation each is scoped to.

use crate::organisation::OrgKind;
use crate::ParseError;
use serde::Serialize;

/// What a person does in MNVP Hub. Every route declares which roles may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    MnvpLead,
    Volunteer,
    TrustStaff,
    Commissioner,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Administrator,
        Role::MnvpLead,
        Role::Volunteer,
        Role::TrustStaff,
        Role::Commissioner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::MnvpLead => "mnvp_lead",
            Role::Volunteer => "volunteer",
            Role::TrustStaff => "trust_staff",
            Role::Commissioner => "commissioner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::MnvpLead => "MNVP lead",
            Role::Volunteer => "Volunteer or MNVP member",
            Role::TrustStaff => "Trust staff",
            Role::Commissioner => "LMNS or ICB commissioner",
        }
    }

    pub fn parse(raw: &str) -> Result<Role, ParseError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw.trim())
            .ok_or_else(|| ParseError::new("Select a role"))
    }

    /// Which organisation kinds an account with this role may belong to. Scoping an account to
    /// the wrong level (a volunteer to a whole ICB) would show them more than their role needs.
    pub fn allowed_scopes(self) -> &'static [OrgKind] {
        match self {
            Role::Administrator => &[OrgKind::Icb, OrgKind::Lmns, OrgKind::Trust, OrgKind::Mnvp],
            Role::MnvpLead | Role::Volunteer => &[OrgKind::Mnvp],
            Role::TrustStaff => &[OrgKind::Trust],
            Role::Commissioner => &[OrgKind::Icb, OrgKind::Lmns],
        }
    }

    /// Administrators may exist without an organisation (they run the whole instance).
    pub fn requires_scope(self) -> bool {
        self != Role::Administrator
    }

    /// Staff roles may (and are encouraged to) use a second factor; all of ours are staff roles.
    pub fn sees_original_text(self) -> bool {
        self == Role::MnvpLead
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("superuser").is_err());
    }

    #[test]
    fn volunteers_are_scoped_to_an_mnvp_only() {
        assert_eq!(Role::Volunteer.allowed_scopes(), &[OrgKind::Mnvp]);
        assert!(!Role::Commissioner.allowed_scopes().contains(&OrgKind::Mnvp));
        assert!(Role::MnvpLead.requires_scope());
        assert!(!Role::Administrator.requires_scope());
    }
}
