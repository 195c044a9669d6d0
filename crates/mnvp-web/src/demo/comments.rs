//! Fictional feedback for the demo, written by the MNVP Hub team. Deterministic (a fixed-seed
//! generator) so that screenshots and tests see the same demo every time.

use super::new_feedback;
use mnvp_domain::feedback::{CareStage, Channel};
use mnvp_store::feedback::NewFeedback;

/// (care stage, rating 1–5, comment). Names in comments are invented on purpose: redaction
/// has real work to do in the demo.
const MATERNITY: &[(CareStage, i32, &str)] = &[
    (CareStage::Antenatal, 5, "My community midwife was brilliant, she always had time for my questions and never rushed me."),
    (CareStage::Antenatal, 2, "I saw a different midwife at every appointment and had to repeat my history each time."),
    (CareStage::Antenatal, 3, "The scan department was lovely but I waited over an hour past my appointment time."),
    (CareStage::Antenatal, 1, "When I said I was worried about reduced movements I felt I was being a nuisance."),
    (CareStage::Antenatal, 4, "Antenatal classes were really useful, especially the session on feeding."),
    (CareStage::Antenatal, 2, "Nobody explained why I needed an induction or what the other options were."),
    (CareStage::Antenatal, 5, "The interpreter at my booking appointment made me feel understood for the first time."),
    (CareStage::LabourAndBirth, 5, "Midwife Sarah on the labour ward was calm and kind and I felt safe the whole time."),
    (CareStage::LabourAndBirth, 1, "I asked for pain relief many times and was told to wait. I felt completely ignored."),
    (CareStage::LabourAndBirth, 4, "The birth centre pool room was beautiful and my birth plan was respected."),
    (CareStage::LabourAndBirth, 2, "The induction took three days and the ward was so busy nobody checked on me overnight."),
    (CareStage::LabourAndBirth, 3, "My partner was sent home at night and I was left on my own, which was frightening."),
    (CareStage::LabourAndBirth, 5, "Everything was explained before the caesarean and the theatre team made us laugh."),
    (CareStage::LabourAndBirth, 2, "I did not feel listened to when I said something was wrong."),
    (CareStage::PostnatalHospital, 2, "The postnatal ward was noisy and hot and I could not get any help with breastfeeding."),
    (CareStage::PostnatalHospital, 4, "The infant feeding team were amazing and came back three times to help."),
    (CareStage::PostnatalHospital, 1, "I waited eight hours to be discharged and nobody told us why."),
    (CareStage::PostnatalHospital, 3, "The food was cold and there was nothing suitable for my diet."),
    (CareStage::PostnatalHospital, 5, "The healthcare assistants were so gentle with me after a difficult birth."),
    (CareStage::PostnatalHospital, 2, "My partner could not stay and I struggled to lift the baby after my section."),
    (CareStage::PostnatalHome, 4, "The health visitor checked on my mood as well as the baby, which meant a lot."),
    (CareStage::PostnatalHome, 2, "The discharge letter said a midwife would visit but nobody came for four days."),
    (CareStage::PostnatalHome, 3, "Support with feeding at home was good but hard to reach by phone."),
    (CareStage::PostnatalHome, 5, "The perinatal mental health team were quick to see me and really helped."),
    (CareStage::Bereavement, 4, "The bereavement midwife gave us time with our daughter and never hurried us."),
    (CareStage::Bereavement, 2, "We were put in a room where we could hear other babies crying. It was very hard."),
];

const NEONATAL: &[(CareStage, i32, &str)] = &[
    (CareStage::NeonatalUnit, 5, "The neonatal nurses explained every machine and made us feel like his parents, not visitors."),
    (CareStage::NeonatalUnit, 2, "There was nowhere for parents to sleep and the car park cost us a fortune over six weeks."),
    (CareStage::NeonatalUnit, 4, "Being included in ward rounds helped us understand what was happening."),
    (CareStage::NeonatalUnit, 3, "Support with expressing milk was good, but the pump room was often full."),
    (CareStage::NeonatalUnit, 1, "We were told about the transfer to another hospital with no time to ask questions."),
    (CareStage::NeonatalUnit, 5, "The family room and kitchen made long days bearable."),
    (CareStage::NeonatalUnit, 2, "Different doctors told us different things about her breathing."),
    (CareStage::Bereavement, 4, "The unit's chaplain and the nurses helped us make memories with our son."),
];

/// Channels weighted roughly as an active MNVP hears from them.
const CHANNELS: &[(Channel, u32)] = &[
    (Channel::OnlineForm, 40),
    (Channel::WalkThePatch, 20),
    (Channel::Outreach, 15),
    (Channel::Survey, 10),
    (Channel::SocialMedia, 5),
    (Channel::Fft, 8),
    (Channel::ParentAdvisoryGroup, 2),
];

/// A small linear congruential generator: deterministic and dependency-free.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

pub fn generate(mnvp_id: i64, units: &[i64], neonatal: bool, count: usize) -> Vec<NewFeedback> {
    let pool = if neonatal { NEONATAL } else { MATERNITY };
    let mut rng = Lcg(0x4d4e_5650 ^ mnvp_id as u64);
    let today = chrono::Utc::now().date_naive();
    let total_weight: u32 = CHANNELS.iter().map(|(_, w)| w).sum();
    (0..count)
        .map(|_| {
            let (stage, rating, text) = pool[rng.next(pool.len() as u64) as usize];
            let mut pick = rng.next(total_weight as u64) as u32;
            let channel = CHANNELS
                .iter()
                .find(|(_, w)| {
                    if pick < *w {
                        true
                    } else {
                        pick -= w;
                        false
                    }
                })
                .map(|(c, _)| *c)
                .unwrap_or(Channel::OnlineForm);
            let channel = if neonatal && channel == Channel::Fft {
                Channel::ParentAdvisoryGroup
            } else {
                channel
            };
            let unit = units[rng.next(units.len() as u64) as usize];
            let days_ago = rng.next(365) as i64;
            let date = (today - chrono::Duration::days(days_ago))
                .format("%Y-%m-%d")
                .to_string();
            new_feedback(mnvp_id, unit, channel, stage, date, rating, text)
        })
        .collect()
}
