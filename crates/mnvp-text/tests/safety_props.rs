//! Property tests: redaction and detection never panic on any text, spans are sound,
//! redaction is idempotent, and no valid NHS number or email survives redaction.

use mnvp_text::safety::{detect, is_valid_nhs_number, redact, EntityKind};
use proptest::prelude::*;

/// A valid NHS number from nine digits (first non-zero), or None when the check digit
/// would be 10 (such numbers are never issued).
fn nhs_from(nine: &[u8]) -> Option<String> {
    let sum: u32 = nine
        .iter()
        .zip((2..=10u32).rev())
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return None,
        c => c,
    };
    Some(
        nine.iter()
            .map(|d| char::from(b'0' + d))
            .chain(std::iter::once(char::from(b'0' + check as u8)))
            .collect(),
    )
}

fn nhs_number() -> impl Strategy<Value = String> {
    (1u8..=9, proptest::collection::vec(0u8..=9, 8), 0usize..3).prop_filter_map(
        "check digit 10",
        |(first, rest, style)| {
            let mut nine = vec![first];
            nine.extend(rest);
            let n = nhs_from(&nine)?;
            Some(match style {
                0 => n,
                1 => format!("{} {} {}", &n[..3], &n[3..6], &n[6..]),
                _ => format!("{}-{}-{}", &n[..3], &n[3..6], &n[6..]),
            })
        },
    )
}

fn email() -> impl Strategy<Value = String> {
    (
        "[a-z][a-z0-9.]{0,10}[a-z0-9]",
        "[a-z]{2,10}",
        prop::sample::select(vec!["org", "co.uk", "com", "nhs.uk"]),
    )
        .prop_map(|(user, domain, tld)| format!("{user}@{domain}.{tld}"))
}

/// Feedback-like text: words, names, titles, numbers and punctuation in random order.
fn feedback() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "midwife",
        "Sarah",
        "Dr",
        "Okafor",
        "my",
        "husband",
        "Tom",
        "was",
        "great",
        "the",
        "Rosie",
        "ward",
        "Cedar",
        "NHS",
        "07700",
        "900123",
        "born",
        "on",
        "12/03/1990",
        "DOB",
        "MRN",
        "12345678",
        "12",
        "Acacia",
        "Avenue",
        "NR4",
        "7UY",
        ",",
        ".",
        "\n",
        "[NAME]",
        "called",
        "Priya",
        "and",
        "Grace",
        "Ward",
        "he",
        "hits",
        "me",
        "never",
        "felt",
        "unsafe",
        "Flat",
        "3",
        "(01632)",
        "960123",
        "+44",
        "Jess",
        "thanks",
        "to",
        "Kwame",
        "on",
        "reception",
        "[PHONE]",
        "O'Neill",
        "Adebayo-Smith",
        "é",
        "😀",
        "St",
        "Mary's",
        "-",
        "'s",
    ]);
    proptest::collection::vec(piece, 0..40).prop_map(|words| words.join(" "))
}

fn assert_sound(text: &str) {
    let r = redact(text);
    let mut last_end = 0;
    for e in &r.spans {
        assert!(e.start < e.end, "empty span in {text:?}");
        assert!(e.start >= last_end, "overlapping spans in {text:?}");
        assert!(
            text.get(e.start..e.end).is_some(),
            "span off char boundary in {text:?}"
        );
        last_end = e.end;
    }
    let d = detect(text);
    for reason in &d.reasons {
        assert!(
            text.get(reason.start..reason.end).is_some(),
            "reason off char boundary in {text:?}"
        );
    }
    assert_eq!(d.flagged, !d.categories.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_and_spans_are_sound(text in any::<String>()) {
        assert_sound(&text);
    }

    #[test]
    fn never_panics_on_feedback_like_text(text in feedback()) {
        assert_sound(&text);
    }

    #[test]
    fn idempotent_on_arbitrary_text(text in any::<String>()) {
        let once = redact(&text).text;
        prop_assert_eq!(redact(&once).text, once);
    }

    #[test]
    fn idempotent_on_feedback_like_text(text in feedback()) {
        let once = redact(&text).text;
        prop_assert_eq!(redact(&once).text, once);
    }

    #[test]
    fn no_valid_nhs_number_or_email_survives(
        before in feedback(), nhs in nhs_number(), middle in feedback(), mail in email(), after in feedback()
    ) {
        prop_assert!(is_valid_nhs_number(&nhs));
        let text = format!("{before} {nhs} {middle} {mail} {after}");
        let out = redact(&text).text;
        prop_assert!(!out.contains(&nhs), "NHS number left in {}", out);
        prop_assert!(!out.contains(&mail), "email left in {}", out);
        let again = redact(&out);
        prop_assert!(again.spans.iter().all(|e| e.kind != EntityKind::NhsNumber && e.kind != EntityKind::Email));
    }
}
