//! Newtypes that parse rather than validate: once a value has one of these types it is known
//! to be acceptable, so storage and templates never re-check it.

use serde::Serialize;
use std::fmt;

/// Why a value was refused, phrased for the person who typed it (shown in error summaries).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl ParseError {
    pub fn new(message: impl Into<String>) -> Self {
        ParseError(message.into())
    }
}

/// A human-readable name (organisation, person): trimmed, 1..=max characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 120;

    pub fn parse(what: &str, raw: &str) -> Result<Name, ParseError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ParseError::new(format!("Enter {what}")));
        }
        if trimmed.chars().count() > Self::MAX {
            return Err(ParseError::new(format!(
                "{} must be {} characters or fewer",
                capitalise(what),
                Self::MAX
            )));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(ParseError::new(format!(
                "{} must not contain control characters",
                capitalise(what)
            )));
        }
        Ok(Name(
            trimmed.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address, lower-cased so that sign-in is case-insensitive and duplicates are caught.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(raw: &str) -> Result<Email, ParseError> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(ParseError::new("Enter an email address"));
        }
        if value.len() > Self::MAX {
            return Err(ParseError::new(
                "Email address must be 254 characters or fewer",
            ));
        }
        let invalid = || {
            ParseError::new("Enter an email address in the correct format, like name@example.com")
        };
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c == '@' || c.is_control());
        if !(domain_ok && local_ok) {
            return Err(invalid());
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A URL-safe identifier for an MNVP (used in public links and QR codes, so it must stay short).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Slug, ParseError> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(ParseError::new("Enter a short web address name (slug)"));
        }
        if value.len() > 40 {
            return Err(ParseError::new("Slug must be 40 characters or fewer"));
        }
        let ok = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !value.starts_with('-')
            && !value.ends_with('-');
        if !ok {
            return Err(ParseError::new(
                "Slug must only include lower-case letters, numbers and hyphens, like north-mnvp",
            ));
        }
        Ok(Slug(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: long enough to resist guessing, short enough not to be a denial of service
/// against the password hasher.
pub fn check_new_password(raw: &str) -> Result<(), ParseError> {
    let n = raw.chars().count();
    if n < 12 {
        return Err(ParseError::new("Password must be 12 characters or more"));
    }
    if n > 256 {
        return Err(ParseError::new("Password must be 256 characters or fewer"));
    }
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_is_lowercased_and_checked() {
        assert_eq!(
            Email::parse(" Lead@Demo.Example ").unwrap().as_str(),
            "lead@demo.example"
        );
        for bad in [
            "",
            "no-at-sign",
            "a@b",
            "a@.com",
            "a b@c.com",
            "@c.com",
            "a@c..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn name_is_trimmed_and_bounded() {
        assert_eq!(
            Name::parse("a name", "  North   Trust ").unwrap().as_str(),
            "North Trust"
        );
        assert_eq!(Name::parse("a name", "  ").unwrap_err().0, "Enter a name");
        assert!(Name::parse("a name", &"x".repeat(121)).is_err());
        assert!(Name::parse("a name", "bad\u{7}name").is_err());
    }

    #[test]
    fn slug_rules() {
        assert_eq!(Slug::parse("Demo").unwrap().as_str(), "demo");
        for bad in ["", "-x", "x-", "a b", "ü", "a/b"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn password_length() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("long enough pass").is_ok());
        assert!(check_new_password(&"p".repeat(300)).is_err());
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in ".*") {
            let _ = Email::parse(&s);
            let _ = Name::parse("a name", &s);
            let _ = Slug::parse(&s);
        }

        #[test]
        fn accepted_names_are_within_limits(s in ".{0,200}") {
            if let Ok(name) = Name::parse("a name", &s) {
                prop_assert!(!name.as_str().is_empty());
                prop_assert!(name.as_str().chars().count() <= Name::MAX);
            }
        }
    }
}
