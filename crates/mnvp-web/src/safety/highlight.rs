//! Showing the lead why an item was flagged: the words that triggered each kind of concern,
//! marked in the original text. Computed when the lead opens the case (the lead alone sees
//! the original), from the same detector that flagged the item at the door.

use mnvp_domain::safety::Concern;
use mnvp_text::safety::Detection;
use serde::Serialize;

/// A run of the text, marked when it is a cue.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Segment {
    pub text: String,
    /// The concern the cue points to, as words.
    pub concern: Option<&'static str>,
}

/// One cue: which words pointed to which concern.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Cue {
    pub concern: &'static str,
    pub words: String,
}

fn label(code: &str) -> &'static str {
    Concern::parse(code)
        .map(Concern::label)
        .unwrap_or("Possible concern")
}

/// The text cut into plain and marked runs (overlapping cues: the first one wins), and the cues.
pub(crate) fn mark(text: &str, found: &Detection) -> (Vec<Segment>, Vec<Cue>) {
    let mut segments = Vec::new();
    let mut cues = Vec::new();
    let mut at = 0;
    let mut reasons: Vec<_> = found.reasons.iter().collect();
    reasons.sort_by_key(|r| (r.start, r.end));
    for r in reasons {
        let concern = label(r.category.as_str());
        let cue = Cue {
            concern,
            words: r.cue.clone(),
        };
        if !cues.contains(&cue) {
            cues.push(cue);
        }
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        if r.start > at {
            segments.push(Segment {
                text: text[at..r.start].to_string(),
                concern: None,
            });
        }
        segments.push(Segment {
            text: text[r.start..r.end].to_string(),
            concern: Some(concern),
        });
        at = r.end;
    }
    if at < text.len() {
        segments.push(Segment {
            text: text[at..].to_string(),
            concern: None,
        });
    }
    (segments, cues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_marked_in_place_with_their_concern() {
        let text = "Since the birth I didn't want to be here anymore. The ward was nice.";
        let found = mnvp_text::safety::detect(text);
        let (segments, cues) = mark(text, &found);
        let rebuilt: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(rebuilt, text, "nothing lost or repeated");
        let marked: Vec<&Segment> = segments.iter().filter(|s| s.concern.is_some()).collect();
        assert!(!marked.is_empty());
        assert!(marked
            .iter()
            .all(|s| s.concern == Some("Self-harm or suicidal thoughts")));
        assert_eq!(cues[0].concern, "Self-harm or suicidal thoughts");
        let (plain, none) = mark("All good", &mnvp_text::safety::detect("All good"));
        assert_eq!(plain.len(), 1);
        assert!(none.is_empty());
    }
}
