//! Other intelligence (guidance 2.12–2.13): insights the MNVP gathers second-hand — from its
//! social media, and from the neonatal Parent Advisory Group (PAG) and Operational Delivery
//! Network — logged as feedback with where it came from. The source describes a place (a
//! group, a meeting), never a person: usernames, @handles and email addresses are refused, and
//! links are kept without anything after `?` or `#`, where profile and tracking ids live.

use super::{optional_text, required_text};
use crate::feedback::Channel;
use crate::ParseError;

pub const SOURCE_MAX: usize = 200;
pub const LINK_MAX: usize = 500;

/// The channels logged here.
pub const CHANNELS: [Channel; 2] = [Channel::SocialMedia, Channel::ParentAdvisoryGroup];

pub fn parse_channel(raw: &str) -> Result<Channel, ParseError> {
    Channel::parse(raw)
        .ok()
        .filter(|c| CHANNELS.contains(c))
        .ok_or_else(|| ParseError::new("Select where the insight came from"))
}

const NO_PEOPLE: &str =
    "Describe the source without usernames, @handles or email addresses, like \"MNVP Facebook group\"";

/// Where the insight came from, described without identifying anyone.
pub fn parse_source(raw: &str) -> Result<String, ParseError> {
    let source = required_text("where the insight came from", raw, SOURCE_MAX)?;
    if source.split_whitespace().any(names_a_person) {
        return Err(ParseError::new(NO_PEOPLE));
    }
    Ok(source)
}

/// A word that is an @handle ("@jo_smith"), an email address, or a u/ or /u/ username.
fn names_a_person(word: &str) -> bool {
    let w =
        word.trim_matches(|c: char| matches!(c, '(' | ')' | '"' | '\'' | ',' | '.' | ';' | ':'));
    let handle = w.find('@').is_some_and(|i| {
        w[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    });
    let reddit = (w.starts_with("u/") || w.starts_with("/u/")) && w.len() > 3;
    handle || reddit
}

/// A link to the group, page or public post: http(s) only, kept without query or fragment,
/// and refused when it points at a person's profile by handle.
pub fn parse_link(raw: &str) -> Result<Option<String>, ParseError> {
    let Some(link) = optional_text("the link", raw, LINK_MAX)? else {
        return Ok(None);
    };
    let bad = || ParseError::new("Enter a web address starting with https://, or leave it blank");
    let lower = link.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(bad)?;
    if link.chars().any(char::is_whitespace) || rest.is_empty() || rest.starts_with('/') {
        return Err(bad());
    }
    let cut = link.find(['?', '#']).unwrap_or(link.len());
    let kept = link[..cut].to_string();
    let scheme_len = link.find("://").map(|i| i + 3).unwrap_or(0);
    let after_scheme = &kept[scheme_len..];
    if after_scheme.contains('@') {
        return Err(ParseError::new(
            "Link to the group or page, not to a person's profile (remove the @username)",
        ));
    }
    Ok(Some(kept))
}

/// What replaces a username in an insight's text.
pub const USERNAME: &str = "[USERNAME]";

/// Replaces @handles ("@jo_smith", "@mum.of.3") and u/names in free text with [`USERNAME`];
/// email addresses (a word before the @) are left for the redactor, which knows them.
pub fn redact_handles(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let starts_word = |i: usize| i > 0 && (word(chars[i - 1]) || chars[i - 1] == '.');
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let after = match chars[i] {
            '@' if !starts_word(i) => i + 1,
            'u' if !starts_word(i) && chars.get(i + 1) == Some(&'/') => i + 2,
            _ => 0,
        };
        if after > 0 && chars.get(after).is_some_and(|c| word(*c)) {
            let mut j = after;
            while j < chars.len()
                && (word(chars[j])
                    || (chars[j] == '.' && chars.get(j + 1).is_some_and(|c| word(*c))))
            {
                j += 1;
            }
            out.push_str(USERNAME);
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_never_name_people() {
        assert_eq!(
            parse_source(" MNVP Facebook group ").unwrap(),
            "MNVP Facebook group"
        );
        assert_eq!(
            parse_source("Regional neonatal PAG meeting (March)").unwrap(),
            "Regional neonatal PAG meeting (March)"
        );
        for bad in [
            "Comment by @jo_smith",
            "Tweet from @MumOf3",
            "email from jo@example.com",
            "reddit u/sleepless_dad",
            "(@someone)",
        ] {
            assert_eq!(parse_source(bad).unwrap_err().0, NO_PEOPLE, "{bad}");
        }
        assert!(
            parse_source("Instagram @ the baby cafe").is_ok(),
            "a lone @ is not a handle"
        );
        assert!(parse_source("").is_err());
    }

    #[test]
    fn usernames_in_the_text_are_replaced() {
        assert_eq!(
            redact_handles("Thanks @jo_smith and (@mum.of.3), see u/sleepy_dad."),
            "Thanks [USERNAME] and ([USERNAME]), see [USERNAME]."
        );
        assert_eq!(redact_handles("mail jo@example.com"), "mail jo@example.com");
        assert_eq!(redact_handles("meet @ 3pm, menu/ux"), "meet @ 3pm, menu/ux");
        assert_eq!(redact_handles("émoji 👶 @ok"), "émoji 👶 [USERNAME]");
    }

    #[test]
    fn links_are_web_addresses_without_queries_or_handles() {
        assert_eq!(
            parse_link("https://www.facebook.com/groups/riversidemnvp/posts/123?fbclid=abc#x")
                .unwrap()
                .as_deref(),
            Some("https://www.facebook.com/groups/riversidemnvp/posts/123")
        );
        assert_eq!(parse_link("").unwrap(), None);
        assert!(parse_link("javascript:alert(1)").is_err());
        assert!(parse_link("https://").is_err());
        assert!(parse_link("https://www.tiktok.com/@someone/video/1").is_err());
        assert!(parse_link("https://user:pass@example.com/").is_err());
        assert!(parse_link("https://example.com/a b").is_err());
        assert_eq!(parse_channel("pag").unwrap(), Channel::ParentAdvisoryGroup);
        assert!(parse_channel("online_form").is_err());
    }
}
