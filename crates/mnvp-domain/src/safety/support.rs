//! The kinds of support an MNVP signposts people to (guidance 2.6). The codes match the text
//! engine's signposting topics, so what someone wrote can be matched to the directory.

vocabulary!(
    /// What a support organisation helps with.
    SupportTopic, "what the organisation helps with" {
        Crisis => ("crisis", "Urgent help if you are in crisis"),
        Bereavement => ("bereavement", "After the loss of a baby"),
        PerinatalMentalHealth => ("perinatal_mental_health", "Mental health in pregnancy and after birth"),
        DomesticAbuse => ("domestic_abuse", "Domestic abuse"),
        Neonatal => ("neonatal", "Families with a baby in neonatal care"),
        InfantFeeding => ("infant_feeding", "Feeding your baby"),
        General => ("general", "Other support and advice"),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_and_crisis_comes_first() {
        assert_eq!(SupportTopic::ALL[0], SupportTopic::Crisis);
        for t in SupportTopic::ALL {
            assert_eq!(SupportTopic::parse(t.as_str()).unwrap(), *t);
        }
        assert!(SupportTopic::parse("astrology").is_err());
    }
}
