//! The organisations MNVP Hub knows: ICB → LMNS → trust → unit, and MNVPs that cover units.
//! One instance can host many MNVPs (guidance 2.26–2.28 allows more than one per trust).

use crate::ParseError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Icb,
    Lmns,
    Trust,
    Unit,
    Mnvp,
}

impl OrgKind {
    pub const ALL: [OrgKind; 5] = [
        OrgKind::Icb,
        OrgKind::Lmns,
        OrgKind::Trust,
        OrgKind::Unit,
        OrgKind::Mnvp,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Icb => "icb",
            OrgKind::Lmns => "lmns",
            OrgKind::Trust => "trust",
            OrgKind::Unit => "unit",
            OrgKind::Mnvp => "mnvp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OrgKind::Icb => "Integrated Care Board (ICB)",
            OrgKind::Lmns => "Local Maternity and Neonatal System (LMNS)",
            OrgKind::Trust => "NHS trust",
            OrgKind::Unit => "Unit or site",
            OrgKind::Mnvp => "Maternity and Neonatal Voices Partnership (MNVP)",
        }
    }

    pub fn parse(raw: &str) -> Result<OrgKind, ParseError> {
        OrgKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or_else(|| ParseError::new("Select the type of organisation"))
    }

    /// The kind an organisation of this kind must sit under. MNVPs sit under the LMNS whose
    /// board they report to; the units they cover are recorded separately.
    pub fn parent_kind(self) -> Option<OrgKind> {
        match self {
            OrgKind::Icb => None,
            OrgKind::Lmns => Some(OrgKind::Icb),
            OrgKind::Trust => Some(OrgKind::Lmns),
            OrgKind::Unit => Some(OrgKind::Trust),
            OrgKind::Mnvp => Some(OrgKind::Lmns),
        }
    }
}

/// The type of a unit or site; neonatal units are their own kind so the neonatal voice is
/// never folded into maternity figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    MaternityUnit,
    BirthCentre,
    NeonatalUnit,
}

impl UnitType {
    pub const ALL: [UnitType; 3] = [
        UnitType::MaternityUnit,
        UnitType::BirthCentre,
        UnitType::NeonatalUnit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitType::MaternityUnit => "maternity_unit",
            UnitType::BirthCentre => "birth_centre",
            UnitType::NeonatalUnit => "neonatal_unit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UnitType::MaternityUnit => "Maternity unit",
            UnitType::BirthCentre => "Birth centre",
            UnitType::NeonatalUnit => "Neonatal unit",
        }
    }

    pub fn parse(raw: &str) -> Result<UnitType, ParseError> {
        UnitType::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or_else(|| ParseError::new("Select the type of unit"))
    }
}

/// Checks a proposed parent for an organisation, so that the hierarchy can never be built
/// upside down (a trust under a unit) whatever the form or API sends.
pub fn check_parent(kind: OrgKind, parent: Option<OrgKind>) -> Result<(), ParseError> {
    match (kind.parent_kind(), parent) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(ParseError::new(
            "An ICB cannot sit under another organisation",
        )),
        (Some(expected), None) => Err(ParseError::new(format!(
            "Select the {} this organisation belongs to",
            short(expected)
        ))),
        (Some(expected), Some(actual)) if expected == actual => Ok(()),
        (Some(expected), Some(_)) => Err(ParseError::new(format!(
            "A {} must belong to a {}",
            short(kind),
            short(expected)
        ))),
    }
}

fn short(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Icb => "ICB",
        OrgKind::Lmns => "LMNS",
        OrgKind::Trust => "trust",
        OrgKind::Unit => "unit",
        OrgKind::Mnvp => "MNVP",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy_is_enforced() {
        assert!(check_parent(OrgKind::Icb, None).is_ok());
        assert!(check_parent(OrgKind::Icb, Some(OrgKind::Icb)).is_err());
        assert!(check_parent(OrgKind::Trust, Some(OrgKind::Lmns)).is_ok());
        assert_eq!(
            check_parent(OrgKind::Unit, Some(OrgKind::Lmns))
                .unwrap_err()
                .0,
            "A unit must belong to a trust"
        );
        assert!(check_parent(OrgKind::Mnvp, None).is_err());
    }

    #[test]
    fn kinds_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()).unwrap(), k);
        }
        for u in UnitType::ALL {
            assert_eq!(UnitType::parse(u.as_str()).unwrap(), u);
        }
    }
}
