//! Behaviour of `detect`: direct, indirect and misspelt disclosures, negation, and talk
//! about services that is not a disclosure.

use super::*;

fn cats(text: &str) -> Vec<Category> {
    detect(text).categories
}

fn flags(text: &str) -> bool {
    detect(text).flagged
}

#[test]
fn self_harm_in_direct_and_indirect_words() {
    for text in [
        "I wanted to end it all",
        "I didn't want to be here anymore",
        "I thought everyone would be better off without me",
        "I felt like hurting myself",
        "I was sucidal after the birth",
        "Some days I want to disappear and never come back",
        "my baby deserves a better mum",
    ] {
        assert!(cats(text).contains(&Category::SelfHarm), "{text}");
    }
}

#[test]
fn domestic_abuse_and_coercion() {
    for text in [
        "my partner won't let me go out",
        "he controls the money",
        "I'm scared to go home",
        "he hit me",
        "I'm not allowed to see my family",
        "he checks my phone every night",
        "he contols the mony",
    ] {
        assert!(cats(text).contains(&Category::DomesticAbuse), "{text}");
    }
}

#[test]
fn risks_to_a_child() {
    for text in [
        "I shook the baby",
        "I left the baby alone for hours",
        "I'm worried someone will hurt my baby",
        "social services are involved",
        "the baby was dropped",
        // Neglect and a frightening home, in the words a relative or parent uses.
        "I'm worried about my sister's baby, there's never any food in the house and he's often left on his own.",
        "There's a lot of shouting at home and my toddler is frightened, I'm worried about the new baby too.",
        "My son is left by himself while she goes out drinking",
    ] {
        assert!(cats(text).contains(&Category::ChildRisk), "{text}");
    }
    // The same words without a child are not a child-risk concern.
    for text in [
        "There was no food in the house when I got home so my mum brought some",
        "I was left on my own for hours in labour",
    ] {
        assert!(!cats(text).contains(&Category::ChildRisk), "{text}");
    }
}

#[test]
fn harm_and_near_misses_in_care() {
    for text in [
        "I was given the wrong medication",
        "They gave me the wrong dose",
        "nobody checked the CTG",
        "I was left bleeding for hours",
        "baby's heart rate dropped and nobody came",
        "my tear was missed",
        "my sepsis wasn't spotted",
        "I fell in the shower",
        "I was nearly given penicillin",
    ] {
        assert!(cats(text).contains(&Category::PatientSafety), "{text}");
    }
}

#[test]
fn other_immediate_risks() {
    for text in [
        "we have no food and no money",
        "I'm homeless",
        "the flat has black mould and isn't safe",
    ] {
        assert!(cats(text).contains(&Category::OtherRisk), "{text}");
    }
}

#[test]
fn negation_cancels_nearby_cues_only() {
    for text in [
        "I never felt unsafe",
        "No concerns about my safety",
        "I didn't feel like harming myself at all",
        "Staff checked the monitor regularly",
        "Nobody forgot about us",
    ] {
        assert!(!flags(text), "{text}");
    }
    assert!(cats("I never told anyone he hits me").contains(&Category::DomesticAbuse));
    assert!(cats("He doesn't hit me but he controls everything").contains(&Category::DomesticAbuse));
}

#[test]
fn talk_about_services_and_resolved_past_is_not_a_disclosure() {
    for text in [
        "The domestic abuse posters in the toilets are a good idea",
        "The midwife asked if I had thoughts of harming myself and I said no",
        "Suicide prevention training should be mandatory",
        "My previous partner was controlling but I left him years ago and I'm happily married now",
        "I fell in love with my baby and fell asleep",
        "My feet were killing me and I was dying for a cup of tea",
        "We were left alone to bond with our baby",
    ] {
        assert!(!flags(text), "{text}");
    }
}

#[test]
fn reasons_point_at_the_cue() {
    let text = "All fine. But he hits me.";
    let d = detect(text);
    let r = d.reasons.first().expect("a reason");
    assert_eq!(text.get(r.start..r.end), Some(r.cue.as_str()));
    assert!(r.cue.contains("hits me"));
}

#[test]
fn empty_and_odd_input_is_not_flagged() {
    assert_eq!(detect(""), Detection::default());
    assert!(!flags("!!! ??? 123 ... \u{1F600}"));
}
