//! The route through the public form. Most people answer the standard questions; a family
//! whose baby died, or who lost a pregnancy, can choose a separate, gentler route near the
//! start, with fewer questions, no rating to give and bereavement support shown first
//! (guidance 2.5: protect people from re-traumatisation). The equality-monitoring questions
//! are only shown to someone who has agreed to answer them.

use super::answers::Answers;
use serde::{Deserialize, Serialize};

/// Which route a person chose on the first question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Journey {
    Standard,
    Bereaved,
}

impl Journey {
    pub fn as_str(self) -> &'static str {
        match self {
            Journey::Standard => "standard",
            Journey::Bereaved => "bereaved",
        }
    }

    pub fn parse(raw: &str) -> Option<Journey> {
        match raw.trim() {
            "standard" => Some(Journey::Standard),
            "bereaved" => Some(Journey::Bereaved),
            _ => None,
        }
    }
}

/// One page of questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Journey,
    Unit,
    Stages,
    When,
    Rating,
    WentWell,
    Better,
    AnythingElse,
    YourCare,
    WouldHaveHelped,
    AboutYou,
    YouFirst,
    YouSecond,
}

const STANDARD: &[Step] = &[
    Step::Journey,
    Step::Unit,
    Step::Stages,
    Step::When,
    Step::Rating,
    Step::WentWell,
    Step::Better,
    Step::AnythingElse,
    Step::AboutYou,
];

const BEREAVED: &[Step] = &[
    Step::Journey,
    Step::Unit,
    Step::When,
    Step::YourCare,
    Step::WouldHaveHelped,
    Step::AboutYou,
];

/// The monitoring questions, shown only after the person agreed to answer them.
const ABOUT_YOU: &[Step] = &[Step::YouFirst, Step::YouSecond];

impl Step {
    pub const ALL: &'static [Step] = &[
        Step::Journey,
        Step::Unit,
        Step::Stages,
        Step::When,
        Step::Rating,
        Step::WentWell,
        Step::Better,
        Step::AnythingElse,
        Step::YourCare,
        Step::WouldHaveHelped,
        Step::AboutYou,
        Step::YouFirst,
        Step::YouSecond,
    ];

    /// The page's name in its web address.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Journey => "your-experience",
            Step::Unit => "where",
            Step::Stages => "care",
            Step::When => "when",
            Step::Rating => "rating",
            Step::WentWell => "went-well",
            Step::Better => "could-be-better",
            Step::AnythingElse => "anything-else",
            Step::YourCare => "your-care",
            Step::WouldHaveHelped => "what-would-have-helped",
            Step::AboutYou => "about-you",
            Step::YouFirst => "about-you-1",
            Step::YouSecond => "about-you-2",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.iter().copied().find(|s| s.slug() == slug)
    }

    /// Pages whose wording mentions neonatal care or the loss of a baby: a content note comes
    /// first so nobody meets those words unwarned.
    pub fn needs_content_note(self) -> bool {
        matches!(self, Step::Journey | Step::Stages)
    }

    /// The page's name in the language files (`step-…`).
    pub fn id(self) -> &'static str {
        match self {
            Step::Journey => "journey",
            Step::Unit => "unit",
            Step::Stages => "stages",
            Step::When => "when",
            Step::Rating => "rating",
            Step::WentWell => "went-well",
            Step::Better => "better",
            Step::AnythingElse => "anything-else",
            Step::YourCare => "your-care",
            Step::WouldHaveHelped => "would-have-helped",
            Step::AboutYou => "about-you",
            Step::YouFirst => "you-first",
            Step::YouSecond => "you-second",
        }
    }
}

/// Where a step sits in the person's route, for "Question 3 of 9" and the back link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub number: usize,
    pub total: usize,
    /// The page before (None: the start page).
    pub previous: Option<Step>,
    /// The page after (None: check your answers).
    pub next: Option<Step>,
}

impl Answers {
    /// The route chosen so far: skipping the first question means the standard route.
    pub fn journey(&self) -> Journey {
        self.journey.unwrap_or(Journey::Standard)
    }

    /// Every page this person will see, in order, given what they have said so far.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = match self.journey() {
            Journey::Standard => STANDARD.to_vec(),
            Journey::Bereaved => BEREAVED.to_vec(),
        };
        if self.consent == Some(true) {
            steps.extend_from_slice(ABOUT_YOU);
        }
        steps
    }

    /// Where `step` sits in this person's route; None if it is not on their route (a page of
    /// the other route, or the monitoring questions without consent).
    pub fn position(&self, step: Step) -> Option<Position> {
        let steps = self.steps();
        let i = steps.iter().position(|s| *s == step)?;
        Some(Position {
            number: i + 1,
            total: steps.len(),
            previous: i.checked_sub(1).map(|p| steps[p]),
            next: steps.get(i + 1).copied(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for s in Step::ALL {
            assert_eq!(Step::from_slug(s.slug()), Some(*s));
        }
        let mut slugs: Vec<_> = Step::ALL.iter().map(|s| s.slug()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), Step::ALL.len());
        assert_eq!(Step::from_slug("nope"), None);
    }

    #[test]
    fn the_bereaved_route_is_shorter_and_asks_no_rating() {
        let standard = Answers::default();
        let bereaved = Answers {
            journey: Some(Journey::Bereaved),
            ..Default::default()
        };
        assert!(bereaved.steps().len() < standard.steps().len());
        assert!(!bereaved.steps().contains(&Step::Rating));
        assert!(!bereaved.steps().contains(&Step::Stages));
        assert_eq!(bereaved.position(Step::Rating), None);
        assert_eq!(
            standard.position(Step::When),
            Some(Position {
                number: 4,
                total: 9,
                previous: Some(Step::Stages),
                next: Some(Step::Rating)
            })
        );
    }

    #[test]
    fn monitoring_questions_appear_only_with_consent() {
        let mut a = Answers::default();
        assert_eq!(a.position(Step::YouFirst), None);
        assert_eq!(a.position(Step::AboutYou).unwrap().next, None);
        a.consent = Some(false);
        assert_eq!(a.position(Step::YouFirst), None);
        a.consent = Some(true);
        let p = a.position(Step::AboutYou).unwrap();
        assert_eq!(p.next, Some(Step::YouFirst));
        assert_eq!(p.total, 11);
        assert_eq!(a.position(Step::YouSecond).unwrap().next, None);
        assert_eq!(a.position(Step::Journey).unwrap().previous, None);
    }
}
