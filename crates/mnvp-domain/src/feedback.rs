//! The vocabulary of the one feedback store: every channel the guidance names (2.7–2.12) and
//! every care stage, so that later capabilities can compare like with like.

vocabulary!(
    /// How a piece of feedback reached the MNVP.
    Channel, "how the feedback was gathered" {
        OnlineForm => ("online_form", "Online feedback form"),
        Survey => ("survey", "Focused survey"),
        WalkThePatch => ("walk_the_patch", "Walk the Patch"),
        FifteenSteps => ("fifteen_steps", "15 Steps"),
        Outreach => ("outreach", "Outreach session"),
        SocialMedia => ("social_media", "Social media insight"),
        ParentAdvisoryGroup => ("pag", "Neonatal Parent Advisory Group"),
        CqcSurvey => ("cqc_survey", "CQC Maternity Survey"),
        Fft => ("fft", "Friends and Family Test"),
    }
);

vocabulary!(
    /// Where in the journey the experience happened.
    CareStage, "a stage of care" {
        Antenatal => ("antenatal", "Antenatal"),
        LabourAndBirth => ("labour_birth", "Labour and birth"),
        PostnatalHospital => ("postnatal_hospital", "Postnatal care in hospital"),
        PostnatalHome => ("postnatal_home", "Postnatal care at home"),
        NeonatalUnit => ("neonatal", "Neonatal unit"),
        Bereavement => ("bereavement", "Bereavement care"),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknowns_are_refused() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()).unwrap(), *c);
        }
        for s in CareStage::ALL {
            assert_eq!(CareStage::parse(s.as_str()).unwrap(), *s);
        }
        assert_eq!(
            CareStage::parse("x").unwrap_err().0,
            "Select a stage of care"
        );
    }
}
