//! Encryption at rest of what people wrote. The original feedback text is kept sealed with
//! XChaCha20-Poly1305 (random 192-bit nonces, so no nonce bookkeeping) under a key that never
//! enters the database: a database file, dump or backup on its own does not reveal what anyone
//! wrote. Only the MNVP lead's views open it, and those views are audited.
//!
//! What people typed is sealed while it waits too, under the same key: the public form's
//! answers in progress (`feedback_drafts.answers`), a survey's answers in progress
//! (`survey_progress.answers`) and an uploaded import file kept between its dry run and its
//! import (`import_uploads.content`). Each field binds its own associated data into the
//! ciphertext ([`Field`]), so a value cannot be moved from one field into another (a draft's
//! sealed answers copied over an item's body does not open as that item's text). Rows from
//! before these were sealed are sealed on the next start (`capture::waiting`).
//!
//! Searching sealed text: the lead's inbox search matches words against the redacted text
//! (which is stored in the clear, because every other role sees it anyway) and, for the words
//! that redaction removed (names, numbers), against a keyed blind index: an HMAC of each such
//! word, stored beside the item. A search for "Sarah" computes the same HMAC and finds the
//! item without the database ever holding the name. What this reveals to someone holding the
//! database alone is which items share a redacted word, not the word itself.

use crate::StoreError;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeSet;

type HmacSha256 = Hmac<Sha256>;

/// Marks the format of a sealed value, so a later format can live beside this one.
const PREFIX: &str = "x1:";
/// The random nonce that starts every sealed value.
const NONCE_LEN: usize = 24;

/// Which field a sealed value belongs to. Its associated data binds every sealed value to its
/// purpose: ciphertext cannot be moved into another field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// `feedback.body_sealed`: the original text of a feedback item.
    FeedbackBody,
    /// `feedback_drafts.answers`: the public form's answers in progress (JSON).
    FormDraft,
    /// `survey_progress.answers`: a survey's answers in progress (JSON).
    SurveyProgress,
    /// `import_uploads.content`: a file kept between its dry run and its import.
    ImportUpload,
}

impl Field {
    fn aad(self) -> &'static [u8] {
        match self {
            Field::FeedbackBody => b"mnvp-hub feedback.body v1",
            Field::FormDraft => b"mnvp-hub feedback_drafts.answers v1",
            Field::SurveyProgress => b"mnvp-hub survey_progress.answers v1",
            Field::ImportUpload => b"mnvp-hub import_uploads.content v1",
        }
    }

    /// What the field holds, for error messages.
    pub(crate) fn what(self) -> &'static str {
        match self {
            Field::FeedbackBody => "stored feedback text",
            Field::FormDraft => "the answers in progress",
            Field::SurveyProgress => "the survey answers in progress",
            Field::ImportUpload => "the uploaded file",
        }
    }
}

/// A LIKE pattern matching sealed text values (the prefix holds no wildcard).
pub(crate) const SEALED_TEXT_LIKE: &str = "x1:%";

/// Whether a text field's value is sealed (rather than written in the clear before sealing).
pub(crate) fn is_sealed_text(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// The 256-bit secret that seals feedback text. `Debug` never shows it.
#[derive(Clone)]
pub struct DataKey([u8; 32]);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DataKey({})", self.fingerprint())
    }
}

impl DataKey {
    /// A new random key.
    pub fn generate() -> DataKey {
        DataKey(rand::random())
    }

    /// Reads a key written as 64 hexadecimal digits or as standard base64 of 32 bytes.
    pub fn parse(text: &str) -> Result<DataKey, StoreError> {
        let t = text.trim();
        let bytes = if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(t).ok()
        } else {
            base64::engine::general_purpose::STANDARD.decode(t).ok()
        };
        match bytes.and_then(|b| <[u8; 32]>::try_from(b).ok()) {
            Some(k) => Ok(DataKey(k)),
            None => Err(StoreError::Invalid(
                "the data key must be 32 random bytes written as 64 hexadecimal digits \
                 (for example the output of `openssl rand -hex 32`) or as base64"
                    .into(),
            )),
        }
    }

    /// The key as written to a key file: 64 hexadecimal digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    fn derive(&self, purpose: &[u8]) -> [u8; 32] {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.0).expect("HMAC takes any key");
        mac.update(purpose);
        mac.finalize().into_bytes().into()
    }

    /// A short public name for the key, recorded in the database so that starting with the
    /// wrong key is refused before anything is written with it.
    pub fn fingerprint(&self) -> String {
        hex::encode(&self.derive(b"mnvp-hub key fingerprint")[..8])
    }
}

/// Seals, opens and indexes text under one key (separate derived keys for each purpose).
pub(crate) struct Sealer {
    cipher: XChaCha20Poly1305,
    index: [u8; 32],
    pub(crate) fingerprint: String,
}

impl Sealer {
    pub(crate) fn new(key: &DataKey) -> Sealer {
        let enc = key.derive(b"mnvp-hub feedback encryption v1");
        Sealer {
            cipher: XChaCha20Poly1305::new(Key::from_slice(&enc)),
            index: key.derive(b"mnvp-hub blind index v1"),
            fingerprint: key.fingerprint(),
        }
    }

    /// Seals the original text of a feedback item.
    pub(crate) fn seal(&self, plain: &str) -> Result<String, StoreError> {
        self.seal_text(Field::FeedbackBody, plain)
    }

    /// Opens the original text of a feedback item.
    pub(crate) fn open(&self, sealed: &str) -> Result<String, StoreError> {
        self.open_text(Field::FeedbackBody, sealed)
    }

    /// Seals text for a text column: the format prefix, then base64 of nonce and ciphertext.
    pub(crate) fn seal_text(&self, field: Field, plain: &str) -> Result<String, StoreError> {
        let bytes = self.encrypt(field, plain.as_bytes())?;
        Ok(format!(
            "{PREFIX}{}",
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
        ))
    }

    pub(crate) fn open_text(&self, field: Field, sealed: &str) -> Result<String, StoreError> {
        let body = sealed
            .strip_prefix(PREFIX)
            .ok_or_else(|| unreadable(field))?;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(body)
            .map_err(|_| unreadable(field))?;
        String::from_utf8(self.decrypt(field, &bytes)?).map_err(|_| unreadable(field))
    }

    /// Seals bytes for a binary column: the format prefix, nonce and ciphertext, without the
    /// third that base64 would add to a large file.
    pub(crate) fn seal_bytes(&self, field: Field, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        let mut out = PREFIX.as_bytes().to_vec();
        out.extend(self.encrypt(field, plain)?);
        Ok(out)
    }

    pub(crate) fn open_bytes(&self, field: Field, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        let body = sealed
            .strip_prefix(PREFIX.as_bytes())
            .ok_or_else(|| unreadable(field))?;
        self.decrypt(field, body)
    }

    /// A fresh nonce followed by the ciphertext (with its tag).
    fn encrypt(&self, field: Field, msg: &[u8]) -> Result<Vec<u8>, StoreError> {
        let nonce: [u8; NONCE_LEN] = rand::random();
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg,
                    aad: field.aad(),
                },
            )
            .map_err(|_| StoreError::Other(format!("could not encrypt {}", field.what())))?;
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        Ok(bytes)
    }

    fn decrypt(&self, field: Field, bytes: &[u8]) -> Result<Vec<u8>, StoreError> {
        if bytes.len() < NONCE_LEN {
            return Err(unreadable(field));
        }
        let (nonce, msg) = bytes.split_at(NONCE_LEN);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg,
                    aad: field.aad(),
                },
            )
            .map_err(|_| unreadable(field))
    }

    /// The blind-index entry for one normalised word.
    pub(crate) fn token(&self, word: &str) -> String {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.index).expect("HMAC takes any key");
        mac.update(word.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// Index entries for the words of `original` that its redaction removed (names, numbers),
    /// which the clear redacted text cannot match. Without a redaction, every word is indexed.
    pub(crate) fn index_tokens(&self, original: &str, redacted: Option<&str>) -> Vec<String> {
        let kept: BTreeSet<String> = redacted.map(words).unwrap_or_default();
        words(original)
            .into_iter()
            .filter(|w| !kept.contains(w))
            .map(|w| self.token(&w))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

fn unreadable(field: Field) -> StoreError {
    StoreError::Other(format!(
        "{} could not be decrypted: it was changed, or sealed with another data key",
        field.what()
    ))
}

/// Lower-cased words of two or more letters or digits, plus each run of digit groups joined
/// ("07700 900123" also gives "07700900123"), so a number is found however it was typed.
pub(crate) fn words(text: &str) -> BTreeSet<String> {
    let lower = text.to_lowercase();
    let mut out = BTreeSet::new();
    let mut digits = String::new();
    let mut pending_gap = false;
    for part in lower.split(|c: char| !c.is_alphanumeric()) {
        if !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()) {
            digits.push_str(part);
            pending_gap = false;
        } else if part.is_empty() && !pending_gap {
            // One separator (space, dash) between digit groups keeps the run going.
            pending_gap = true;
            continue;
        } else {
            flush_digits(&mut digits, &mut out);
            pending_gap = false;
        }
        if part.chars().count() >= 2 {
            out.insert(part.to_string());
        }
    }
    flush_digits(&mut digits, &mut out);
    out
}

fn flush_digits(digits: &mut String, out: &mut BTreeSet<String>) {
    if digits.len() >= 2 {
        out.insert(std::mem::take(digits));
    }
    digits.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealing_round_trips_and_hides_the_text() {
        let key = DataKey::generate();
        let s = Sealer::new(&key);
        let sealed = s.seal("Midwife Sarah was kind").unwrap();
        assert!(sealed.starts_with("x1:") && !sealed.contains("Sarah"));
        assert_ne!(
            sealed,
            s.seal("Midwife Sarah was kind").unwrap(),
            "fresh nonce each time"
        );
        assert_eq!(s.open(&sealed).unwrap(), "Midwife Sarah was kind");
        let other = Sealer::new(&DataKey::generate());
        assert!(other.open(&sealed).is_err(), "another key cannot open it");
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(s.open(&tampered).is_err(), "a changed value is refused");
        assert!(s.open("plain words").is_err());
    }

    #[test]
    fn each_field_opens_only_its_own_values() {
        let s = Sealer::new(&DataKey::generate());
        let draft = s
            .seal_text(Field::FormDraft, r#"{"went_well":"Midwife Sarah"}"#)
            .unwrap();
        assert!(is_sealed_text(&draft) && !draft.contains("Sarah"));
        assert_eq!(
            s.open_text(Field::FormDraft, &draft).unwrap(),
            r#"{"went_well":"Midwife Sarah"}"#
        );
        for other in [Field::FeedbackBody, Field::SurveyProgress] {
            let err = s.open_text(other, &draft).unwrap_err();
            assert!(err.to_string().contains("could not be decrypted"), "{err}");
        }
        assert!(s.open(&draft).is_err(), "a draft is not a feedback body");

        let file = b"rating,comment\n5,Midwife Sarah\n".to_vec();
        let sealed = s.seal_bytes(Field::ImportUpload, &file).unwrap();
        assert!(sealed.starts_with(b"x1:"));
        assert!(!sealed.windows(5).any(|w| w == b"Sarah"));
        assert_eq!(s.open_bytes(Field::ImportUpload, &sealed).unwrap(), file);
        assert!(s.open_bytes(Field::FormDraft, &sealed).is_err());
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(s.open_bytes(Field::ImportUpload, &tampered).is_err());
        assert!(s.open_bytes(Field::ImportUpload, b"x1:short").is_err());
        assert!(s.open_bytes(Field::ImportUpload, &file).is_err());
    }

    #[test]
    fn keys_parse_from_hex_or_base64_and_never_print() {
        let key = DataKey::generate();
        let again = DataKey::parse(&key.to_hex()).unwrap();
        assert_eq!(again.fingerprint(), key.fingerprint());
        let b64 = base64::engine::general_purpose::STANDARD.encode(key.0);
        assert_eq!(
            DataKey::parse(&b64).unwrap().fingerprint(),
            key.fingerprint()
        );
        assert!(DataKey::parse("too short").is_err());
        assert!(!format!("{key:?}").contains(&key.to_hex()));
    }

    #[test]
    fn only_redacted_words_are_indexed() {
        let s = Sealer::new(&DataKey::generate());
        let tokens = s.index_tokens(
            "Midwife Sarah, call 07700 900123",
            Some("Midwife [NAME], call [PHONE]"),
        );
        let expected: BTreeSet<String> = ["sarah", "07700", "900123", "07700900123"]
            .iter()
            .map(|w| s.token(w))
            .collect();
        assert_eq!(tokens.into_iter().collect::<BTreeSet<_>>(), expected);
        assert_ne!(
            s.token("sarah"),
            Sealer::new(&DataKey::generate()).token("sarah")
        );
    }

    #[test]
    fn words_join_digit_groups() {
        let w = words("NHS no. 943 476 5919, or 943-476-5919; Zoë");
        assert!(w.contains("9434765919") && w.contains("943") && w.contains("zoë"));
        assert!(!w.contains("no9434765919"));
    }
}
