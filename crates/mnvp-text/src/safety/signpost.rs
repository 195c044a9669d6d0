//! Signposting: which support to offer someone after they give feedback, most relevant
//! first.
//!
//! The guidance (2.6) asks MNVPs to signpost people to local and national support. Order
//! matters: someone who wrote about losing their baby should see bereavement support
//! first, not a breastfeeding group; someone at immediate risk should see crisis support
//! before anything else.

use std::sync::LazyLock;

use super::cues::{prepare, Pattern};
use super::negation::{is_negated, is_negator};
use super::text::tokenize;
use super::{detect, Category, SupportTopic};

/// Topic cues and the weight of each match. Bereavement weighs most: loss is the
/// experience that most needs the right support first.
const TOPIC_CUES: &[(SupportTopic, u32, &str)] = &[
    (SupportTopic::Bereavement, 50, "(lost|lose|losing|loss of) (our|my|the|a|her|his|their) ~1 (baby|son|daughter|twin|twins|little|boy|girl|pregnancy)"),
    (SupportTopic::Bereavement, 50, "(stillborn|stillbirth|miscarr*|neonatal death|bereave*|passed away|died|no heartbeat|angel baby|memory box|tfmr|termination for medical|ectopic|born sleeping|baby loss|our loss|after our loss|grief|grieving)"),
    (SupportTopic::PerinatalMentalHealth, 10, "(depress*|anxiety|anxious|panic*|low mood|felt low|very low|so low|struggl*|not coping|cope|coping|birth trauma|traumat*|ptsd|flashback*|intrusive|pnd|perinatal mental|mental health|crying all the time|overwhelmed|not myself|dark thoughts|isolated|lonely)"),
    (SupportTopic::InfantFeeding, 10, "(breastfe*|breast fe*|feeding|formula|latch*|tongue tie|bottle fe*|expressing|expressed|mastitis|milk supply|nipple*|infant feeding)"),
    (SupportTopic::Neonatal, 10, "(nicu|scbu|neonatal|special care|premature|prem|preterm|incubator|transitional care|weeks early|tube fe*|intensive care)"),
];

static COMPILED: LazyLock<Vec<(SupportTopic, u32, Pattern)>> = LazyLock::new(|| {
    TOPIC_CUES
        .iter()
        .map(|(t, w, p)| (*t, *w, Pattern::parse(p)))
        .collect()
});

/// Support topics relevant to the text, most relevant first. Crisis support leads when a
/// self-harm disclosure is detected and domestic-abuse support follows a disclosure of
/// abuse; other topics are ordered by how much of the text is about them.
pub fn signpost_topics(text: &str) -> Vec<SupportTopic> {
    let detection = detect(text);
    let mut scores: Vec<(SupportTopic, u32)> = Vec::new();
    let mut add = |topic: SupportTopic, w: u32| match scores.iter_mut().find(|(t, _)| *t == topic) {
        Some((_, s)) => *s += w,
        None => scores.push((topic, w)),
    };
    if detection.categories.contains(&Category::SelfHarm) {
        add(SupportTopic::Crisis, 1000);
        add(SupportTopic::PerinatalMentalHealth, 40);
    }
    if detection.categories.contains(&Category::DomesticAbuse) {
        add(SupportTopic::DomesticAbuse, 500);
    }
    let tokens = tokenize(text);
    let toks = prepare(&tokens);
    for (topic, weight, pattern) in COMPILED.iter() {
        for (start, _) in pattern.find_all(&toks) {
            if is_negator(&tokens[start].norm) || !is_negated(&tokens, start) {
                add(*topic, *weight);
            }
        }
    }
    scores.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scores.into_iter().map(|(t, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_comes_before_feeding_and_neonatal_support() {
        let topics = signpost_topics(
            "We lost our baby on the neonatal unit. The feeding team had been helping me express.",
        );
        assert_eq!(topics.first(), Some(&SupportTopic::Bereavement));
        assert!(topics.contains(&SupportTopic::Neonatal));
        assert!(topics.contains(&SupportTopic::InfantFeeding));
    }

    #[test]
    fn crisis_leads_when_self_harm_is_disclosed() {
        let topics =
            signpost_topics("Since she was stillborn I keep thinking about ending it all.");
        assert_eq!(topics.first(), Some(&SupportTopic::Crisis));
        assert_eq!(topics.get(1), Some(&SupportTopic::Bereavement));
    }

    #[test]
    fn abuse_disclosure_signposts_domestic_abuse_support() {
        let topics = signpost_topics("He checks my phone and I struggle with breastfeeding.");
        assert_eq!(topics.first(), Some(&SupportTopic::DomesticAbuse));
    }

    #[test]
    fn ordinary_feedback_gets_no_topics_and_negated_topics_are_skipped() {
        assert!(signpost_topics("Parking was expensive.").is_empty());
        assert!(!signpost_topics("I had no anxiety at all")
            .contains(&SupportTopic::PerinatalMentalHealth));
    }
}
