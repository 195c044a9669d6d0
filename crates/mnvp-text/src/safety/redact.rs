//! Redaction of personal details before feedback leaves the MNVP.
//!
//! Trust staff, commissioners and reports see feedback, but must not see who gave it or
//! which staff member it names: redaction protects service users (data protection, 2.4 of
//! the guidance) and keeps feedback about care rather than about individuals. Each
//! detector finds spans; overlaps are resolved by a fixed priority (structured identifiers
//! before names, since a checksum or format is stronger evidence than capitalisation) and
//! each span is replaced by its typed placeholder.

mod address;
mod dates;
mod email;
mod hospital;
mod name_list;
mod name_tokens;
mod names;
mod nhs_number;
mod non_names;
mod phone;
mod postcode;

use regex::Regex;
use std::sync::LazyLock;

use super::{Entity, EntityKind, Redacted};

pub(crate) use names::is_common_given_name;
pub(crate) use nhs_number::is_valid as is_valid_nhs_number;

static PLACEHOLDER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"\[(?:NAME|NHS NUMBER|PHONE|EMAIL|POSTCODE|DATE OF BIRTH|ADDRESS|HOSPITAL NUMBER)\]",
    )
    .ok()
});

/// Replaces personal details with typed placeholders such as `[NAME]` and `[NHS NUMBER]`.
///
/// Idempotent: placeholders already in the text are left alone, so redacting twice gives
/// the same text. Never panics.
pub fn redact(text: &str) -> Redacted {
    let spans = find_entities(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in &spans {
        out.push_str(&text[at..e.start]);
        out.push_str(e.kind.placeholder());
        at = e.end;
    }
    out.push_str(&text[at..]);
    Redacted { text: out, spans }
}

/// A structured-identifier detector: byte spans in the text.
type Finder = fn(&str) -> Vec<(usize, usize)>;

/// All entity spans, sorted and non-overlapping.
fn find_entities(text: &str) -> Vec<Entity> {
    let placeholders: Vec<(usize, usize)> = PLACEHOLDER
        .as_ref()
        .map(|re| re.find_iter(text).map(|m| (m.start(), m.end())).collect())
        .unwrap_or_default();
    // Detectors see placeholders as neutral bytes, so a placeholder's words ("DATE OF
    // BIRTH", "NAME") never act as context on a second pass: redaction stays idempotent.
    let masked: String = if placeholders.is_empty() {
        text.to_string()
    } else {
        let mut bytes = text.as_bytes().to_vec();
        for &(s, e) in &placeholders {
            bytes[s..e].fill(1);
        }
        String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
    };
    let text = masked.as_str();
    // Highest priority first.
    let structured: [(EntityKind, Finder); 7] = [
        (EntityKind::Email, email::find),
        (EntityKind::NhsNumber, nhs_number::find),
        (EntityKind::HospitalNumber, hospital::find),
        (EntityKind::Phone, phone::find),
        (EntityKind::Postcode, postcode::find),
        (EntityKind::DateOfBirth, dates::find),
        (EntityKind::Address, address::find),
    ];
    let mut taken: Vec<(usize, usize)> = placeholders;
    let mut spans = Vec::new();
    for (kind, find) in structured {
        for (start, end) in find(text) {
            if accept(&mut taken, start, end) {
                spans.push(Entity { kind, start, end });
            }
        }
    }
    for (start, end) in names::find(text, &taken) {
        if accept(&mut taken, start, end) {
            spans.push(Entity {
                kind: EntityKind::Name,
                start,
                end,
            });
        }
    }
    spans.retain(|e| {
        text.is_char_boundary(e.start) && text.is_char_boundary(e.end) && e.start < e.end
    });
    spans.sort_by_key(|e| e.start);
    spans
}

/// Claims a span unless it overlaps one already taken.
fn accept(taken: &mut Vec<(usize, usize)>, start: usize, end: usize) -> bool {
    if start >= end || taken.iter().any(|&(s, e)| start < e && s < end) {
        return false;
    }
    taken.push((start, end));
    true
}

#[cfg(test)]
mod tests;

/// The text of each (start, end) span, for the finders' unit tests.
#[cfg(test)]
fn spans_text(text: &str, spans: Vec<(usize, usize)>) -> Vec<&str> {
    spans
        .into_iter()
        .filter_map(|(s, e)| text.get(s..e))
        .collect()
}
