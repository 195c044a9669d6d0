//! Behaviour of `redact` on the forms personal details take in feedback.

use super::*;

fn redacted(text: &str) -> String {
    redact(text).text
}

fn kinds(text: &str) -> Vec<EntityKind> {
    redact(text).spans.into_iter().map(|e| e.kind).collect()
}

#[test]
fn names_with_titles_keep_the_title() {
    assert_eq!(
        redacted("Dr Okafor explained everything."),
        "Dr [NAME] explained everything."
    );
    assert_eq!(
        redacted("Sister Jones was kind."),
        "Sister [NAME] was kind."
    );
    assert_eq!(
        redacted("Nurse Kelly taught us."),
        "Nurse [NAME] taught us."
    );
    assert_eq!(
        redacted("consultant Mr Harris was abrupt"),
        "consultant Mr [NAME] was abrupt"
    );
    assert_eq!(redacted("Thanks Dr. Adebayo-Smith!"), "Thanks Dr. [NAME]!");
}

#[test]
fn names_introduced_by_roles_and_relations() {
    assert_eq!(
        redacted("midwife Sarah was brilliant"),
        "midwife [NAME] was brilliant"
    );
    assert_eq!(
        redacted("a midwife called Priya stayed"),
        "a midwife called [NAME] stayed"
    );
    assert_eq!(
        redacted("my husband Tom cut the cord"),
        "my husband [NAME] cut the cord"
    );
    assert_eq!(
        redacted("my daughter Lily was born"),
        "my daughter [NAME] was born"
    );
    assert_eq!(
        redacted("Sarah the healthcare assistant"),
        "[NAME] the healthcare assistant"
    );
    assert_eq!(
        redacted("Our health visitor Mel rang"),
        "Our health visitor [NAME] rang"
    );
    assert_eq!(
        redacted("Thanks to Kwabena on reception"),
        "Thanks to [NAME] on reception"
    );
    assert_eq!(
        redacted("Tell Gloria on nights she's a star"),
        "Tell [NAME] on nights she's a star"
    );
}

#[test]
fn full_names_are_one_span() {
    let r = redact("Please thank Sarah O'Neill and Joanne Fletcher.");
    assert_eq!(r.text, "Please thank [NAME] and [NAME].");
    assert_eq!(r.spans.len(), 2);
}

#[test]
fn sentence_initial_names_from_the_list_but_not_capitalised_words() {
    assert_eq!(redacted("Jess was amazing."), "[NAME] was amazing.");
    assert_eq!(
        redacted("Ngozi stayed late to help."),
        "[NAME] stayed late to help."
    );
}

#[test]
fn ordinary_words_after_my_are_kept() {
    assert_eq!(redacted("my husband was great"), "my husband was great");
    assert_eq!(
        redacted("My son will be two in May."),
        "My son will be two in May."
    );
    assert_eq!(
        redacted("Parking was awful. Induction took days."),
        "Parking was awful. Induction took days."
    );
}

#[test]
fn units_places_and_conditions_are_kept() {
    for text in [
        "The Riverside Birth Centre was calm.",
        "Transferred to Norfolk and Norwich.",
        "Thank you to everyone at the Rosie.",
        "Jenny Lind ward was noisy.",
        "Cedar ward was short staffed.",
        "Grace Ward is the worst place.",
        "I had Down's syndrome screening and Group B strep tests, then HELLP.",
        "We stayed in the Ronald McDonald house.",
        "St Mary's was better.",
        "I have hope. By the grace of God we are home. Will someone fix the chairs?",
        "On Monday 12 March the Urdu interpreter came.",
    ] {
        assert_eq!(redacted(text), text);
    }
}

#[test]
fn ambiguous_names_need_context() {
    assert_eq!(
        redacted("Our daughter Hope was stillborn."),
        "Our daughter [NAME] was stillborn."
    );
    assert_eq!(
        redacted("Summer was hot on the ward."),
        "Summer was hot on the ward."
    );
    assert_eq!(
        redacted("The midwife Grace noticed."),
        "The midwife [NAME] noticed."
    );
}

#[test]
fn nhs_numbers_only_with_a_valid_check_digit() {
    assert_eq!(
        redacted("NHS number 943 476 5919."),
        "NHS number [NHS NUMBER]."
    );
    assert_eq!(redacted("NHS number 9434765919"), "NHS number [NHS NUMBER]");
    assert_eq!(redacted("ref 943 476 5918."), "ref 943 476 5918.");
}

#[test]
fn each_phone_format() {
    for phone in [
        "07700 900123",
        "07700900123",
        "+44 7700 900456",
        "+447700900634",
        "(01632) 960123",
        "0161 496 0000",
        "020 7946 0000",
        "0808 157 0192",
        "07700-900-873",
    ] {
        assert_eq!(
            redacted(&format!("Call {phone} please")),
            "Call [PHONE] please",
            "{phone}"
        );
    }
    assert_eq!(redacted("I have kids aged 3 4 5"), "I have kids aged 3 4 5");
}

#[test]
fn emails_postcodes_addresses_and_hospital_numbers() {
    assert_eq!(redacted("jo@example.org"), "[EMAIL]");
    assert_eq!(
        redacted("at 12 Acacia Avenue, NR4 7UY."),
        "at [ADDRESS], [POSTCODE]."
    );
    assert_eq!(redacted("Flat 3, 45 High Street"), "[ADDRESS]");
    assert_eq!(
        redacted("hospital number RGT123456"),
        "hospital number [HOSPITAL NUMBER]"
    );
    assert_eq!(redacted("MRN 12345678"), "MRN [HOSPITAL NUMBER]");
    assert_eq!(kinds("postcode nr47uy"), vec![EntityKind::Postcode]);
}

#[test]
fn dates_of_birth_but_not_other_dates() {
    assert_eq!(redacted("DOB 12/03/1990"), "DOB [DATE OF BIRTH]");
    assert_eq!(
        redacted("born on 3rd March 2021"),
        "born on [DATE OF BIRTH]"
    );
    let ordinary = "On 12 March my appointment was cancelled";
    assert_eq!(redacted(ordinary), ordinary);
}

#[test]
fn spans_point_at_the_original_text() {
    let text = "Midwife Chloe rang 07700 900123.";
    let r = redact(text);
    let found: Vec<&str> = r
        .spans
        .iter()
        .filter_map(|e| text.get(e.start..e.end))
        .collect();
    assert_eq!(found, ["Chloe", "07700 900123"]);
}

#[test]
fn redaction_is_idempotent_on_examples() {
    let text = "Dr Okafor, my husband Tom, NHS 943 476 5919, DOB 1/2/97, 07700 900123, nr4 7uy";
    let once = redacted(text);
    assert_eq!(redacted(&once), once);
    assert!(!once.contains("Okafor") && !once.contains("Tom") && !once.contains("5919"));
}
