//! More varied fictional comments for the thematic-analysis demo, built from clauses whose
//! themes the MNVP Hub team coded, so the demo model has real variety to learn from and the
//! demo coders know what each comment is about. Deterministic, like the rest of the demo.

use super::new_feedback;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_store::feedback::NewFeedback;

/// (clause, themes, positive?, stage). Clauses read as the middle of a sentence.
type Clause = (&'static str, &'static [&'static str], bool, CareStage);

const MATERNITY: &[Clause] = &[
    (
        "the midwife who looked after me in labour was calm and kind",
        &["Kindness and compassion", "Labour and birth"],
        true,
        CareStage::LabourAndBirth,
    ),
    (
        "the staff always took time to explain what was happening",
        &["Information and explanations"],
        true,
        CareStage::LabourAndBirth,
    ),
    (
        "I felt listened to and my birth plan was respected",
        &["Choice and consent"],
        true,
        CareStage::LabourAndBirth,
    ),
    (
        "I had the same midwife for most of my appointments, which made a huge difference",
        &["Continuity of carer"],
        true,
        CareStage::Antenatal,
    ),
    (
        "the epidural was sorted quickly once I asked for it",
        &["Pain relief"],
        true,
        CareStage::LabourAndBirth,
    ),
    (
        "the infant feeding support worker helped me get breastfeeding going",
        &["Infant feeding support"],
        true,
        CareStage::PostnatalHospital,
    ),
    (
        "my partner was made to feel welcome and could stay with us",
        &["Partner and family involvement"],
        true,
        CareStage::PostnatalHospital,
    ),
    (
        "an interpreter was booked for every appointment",
        &["Language and interpreting"],
        true,
        CareStage::Antenatal,
    ),
    (
        "the birth centre room was clean, calm and private",
        &["Environment and facilities", "Labour and birth"],
        true,
        CareStage::LabourAndBirth,
    ),
    (
        "the perinatal mental health team saw me within a week",
        &["Mental health"],
        true,
        CareStage::PostnatalHome,
    ),
    (
        "the community midwife visited the day after we got home",
        &["Community midwife and health visitor"],
        true,
        CareStage::PostnatalHome,
    ),
    (
        "the food on the ward was hot and there was plenty of choice",
        &["Food"],
        true,
        CareStage::PostnatalHospital,
    ),
    (
        "my worries about reduced movements were taken seriously straight away",
        &["Safety concerns", "Listened to and involved in decisions"],
        true,
        CareStage::Antenatal,
    ),
    (
        "the induction was explained clearly, along with the other options",
        &["Induction", "Information and explanations"],
        true,
        CareStage::Antenatal,
    ),
    (
        "the theatre team made the caesarean feel calm and safe",
        &["Caesarean birth"],
        true,
        CareStage::LabourAndBirth,
    ),
    (
        "staff respected our religious and cultural needs",
        &["Cultural and religious needs"],
        true,
        CareStage::PostnatalHospital,
    ),
    (
        "the scans were on time and the sonographer explained everything",
        &["Antenatal care", "Information and explanations"],
        true,
        CareStage::Antenatal,
    ),
    (
        "I waited over four hours for an epidural",
        &["Pain relief", "Waiting times"],
        false,
        CareStage::LabourAndBirth,
    ),
    (
        "nobody explained why the plan for my induction changed",
        &["Induction", "Information and explanations"],
        false,
        CareStage::Antenatal,
    ),
    (
        "I was induced and then waited two days for a bed on the labour ward",
        &["Induction", "Waiting times"],
        false,
        CareStage::Antenatal,
    ),
    (
        "the ward was so short staffed that the call bell went unanswered",
        &["Staff too busy"],
        false,
        CareStage::PostnatalHospital,
    ),
    (
        "I saw a different midwife every time and kept repeating my history",
        &["Continuity of carer"],
        false,
        CareStage::Antenatal,
    ),
    (
        "when I said something felt wrong I was told I was overreacting",
        &["Concerns dismissed", "Safety concerns"],
        false,
        CareStage::LabourAndBirth,
    ),
    (
        "my partner was sent home at night and I was left alone with the baby",
        &["Partners staying overnight"],
        false,
        CareStage::PostnatalHospital,
    ),
    (
        "there was no help with breastfeeding on the postnatal ward",
        &["Infant feeding support", "Care on the postnatal ward"],
        false,
        CareStage::PostnatalHospital,
    ),
    (
        "the postnatal ward was noisy and far too hot to sleep",
        &["Environment and facilities", "Care on the postnatal ward"],
        false,
        CareStage::PostnatalHospital,
    ),
    (
        "we waited all day to be discharged",
        &["Discharge delays"],
        false,
        CareStage::PostnatalHospital,
    ),
    (
        "nobody came to visit once we were home",
        &["Community midwife and health visitor"],
        false,
        CareStage::PostnatalHome,
    ),
    (
        "one midwife was rude to me and made me feel stupid",
        &["Staff attitude"],
        false,
        CareStage::LabourAndBirth,
    ),
    (
        "there was no interpreter, so my husband had to translate everything",
        &["Language and interpreting"],
        false,
        CareStage::Antenatal,
    ),
    (
        "I felt I was treated differently because of the colour of my skin",
        &["Discrimination, equity and cultural safety"],
        false,
        CareStage::LabourAndBirth,
    ),
    (
        "the food was cold and there was nothing I could eat for my diet",
        &["Food"],
        false,
        CareStage::PostnatalHospital,
    ),
    (
        "nobody asked how I was feeling after a traumatic birth",
        &["Birth trauma"],
        false,
        CareStage::PostnatalHome,
    ),
    (
        "the car park was full and cost a fortune",
        &["Environment and facilities"],
        false,
        CareStage::Antenatal,
    ),
    (
        "after our loss we were put next to a room with crying babies",
        &["Bereavement care", "Environment and facilities"],
        false,
        CareStage::Bereavement,
    ),
    (
        "the bereavement midwife gave us all the time we needed",
        &["Bereavement care"],
        true,
        CareStage::Bereavement,
    ),
];

const NEONATAL: &[Clause] = &[
    (
        "the neonatal team included us in every ward round",
        &["Parents as partners in care"],
        true,
        CareStage::NeonatalUnit,
    ),
    (
        "the nurses showed us how to do his cares ourselves",
        &["Parents as partners in care"],
        true,
        CareStage::NeonatalUnit,
    ),
    (
        "the family room meant we could stay close to her",
        &["Facilities for parents"],
        true,
        CareStage::NeonatalUnit,
    ),
    (
        "the infant feeding team helped me express milk for him",
        &["Infant feeding support"],
        true,
        CareStage::NeonatalUnit,
    ),
    (
        "the doctors explained every change in her treatment",
        &["Information and explanations", "Neonatal unit care"],
        true,
        CareStage::NeonatalUnit,
    ),
    (
        "there was nowhere for parents to sleep near the unit",
        &["Facilities for parents"],
        false,
        CareStage::NeonatalUnit,
    ),
    (
        "we were moved to another hospital with no warning",
        &["Transfers between units"],
        false,
        CareStage::NeonatalUnit,
    ),
    (
        "different doctors told us different things about our baby",
        &["Conflicting information"],
        false,
        CareStage::NeonatalUnit,
    ),
    (
        "the pump room was always full so I could not express",
        &["Infant feeding support", "Facilities for parents"],
        false,
        CareStage::NeonatalUnit,
    ),
    (
        "we felt like visitors rather than his parents",
        &["Parents as partners in care"],
        false,
        CareStage::NeonatalUnit,
    ),
    (
        "nobody checked on how we were coping",
        &["Mental health"],
        false,
        CareStage::NeonatalUnit,
    ),
];

const OPENERS: [&str; 6] = [
    "",
    "Overall, ",
    "Honestly, ",
    "On the whole, ",
    "",
    "To be fair, ",
];

/// A generated comment and how the team coded it.
pub struct Generated {
    pub item: NewFeedback,
    pub themes: Vec<&'static str>,
    pub sentiment: u8,
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// `count` comments of one or two clauses for an MNVP, spread over the last year.
pub fn generate(mnvp_id: i64, units: &[i64], neonatal: bool, count: usize) -> Vec<Generated> {
    let pool = if neonatal { NEONATAL } else { MATERNITY };
    let mut rng = Lcg(0x7468_656d ^ mnvp_id as u64);
    let today = chrono::Utc::now().date_naive();
    let channels = [
        Channel::OnlineForm,
        Channel::OnlineForm,
        Channel::Survey,
        Channel::WalkThePatch,
        Channel::Outreach,
    ];
    (0..count)
        .map(|_| {
            let first = &pool[rng.next(pool.len())];
            let second = (rng.next(3) > 0)
                .then(|| &pool[rng.next(pool.len())])
                .filter(|s| s.0 != first.0);
            let opener = OPENERS[rng.next(OPENERS.len())];
            let (text, sentiment) = match second {
                None => (
                    format!("{}.", capitalise(&format!("{opener}{}", first.0))),
                    if first.2 { 2 } else { 4 },
                ),
                Some(s) => {
                    let joint = if s.2 == first.2 { ", and " } else { ", but " };
                    let sentiment = match (first.2, s.2) {
                        (true, true) => 1,
                        (false, false) => 5,
                        _ => 3,
                    };
                    (
                        format!(
                            "{}{joint}{}.",
                            capitalise(&format!("{opener}{}", first.0)),
                            s.0
                        ),
                        sentiment,
                    )
                }
            };
            let mut themes: Vec<&'static str> = first.1.to_vec();
            if let Some(s) = second {
                themes.extend(s.1.iter().filter(|t| !first.1.contains(t)));
            }
            let date = (today - chrono::Duration::days(rng.next(365) as i64))
                .format("%Y-%m-%d")
                .to_string();
            let channel = channels[rng.next(channels.len())];
            let unit = units[rng.next(units.len())];
            let rating = 6 - i32::from(sentiment);
            Generated {
                item: new_feedback(mnvp_id, unit, channel, first.3, date, rating, &text),
                themes,
                sentiment,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_vary_and_carry_their_coding() {
        let g = generate(7, &[1, 2], false, 200);
        let texts: std::collections::BTreeSet<&str> =
            g.iter().filter_map(|x| x.item.body.as_deref()).collect();
        assert!(texts.len() > 150, "only {} distinct comments", texts.len());
        assert!(g
            .iter()
            .all(|x| !x.themes.is_empty() && (1..=5).contains(&x.sentiment)));
        let names: Vec<String> = mnvp_domain::themes::builtin::maternity_neonatal()
            .themes
            .into_iter()
            .map(|t| t.name)
            .collect();
        for c in MATERNITY.iter().chain(NEONATAL) {
            for t in c.1 {
                assert!(
                    names.iter().any(|n| n == t),
                    "{t} is not in the default codebook"
                );
            }
        }
    }
}
