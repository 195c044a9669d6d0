//! Languages of the public pages. Messages are Mozilla Fluent files under `locales/<code>/`,
//! plain text that anyone can edit (a translator needs no Rust), embedded in the binary so a
//! single file still runs the product. Adding a language is one row in [`LANGUAGES`] and one
//! file; a missing message falls back to English rather than failing the page.
//!
//! The language travels in the address (`?lang=ur`), so every page, link and form keeps it
//! without cookies or JavaScript; without one, the browser's preferred languages decide.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use minijinja::value::{Kwargs, Value};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One language the public pages are offered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Language {
    /// The code in addresses and stored with feedback ("en", "easy", "ur").
    pub code: &'static str,
    /// The BCP 47 tag for `<html lang>` (easy read English is English).
    pub tag: &'static str,
    /// "ltr" or "rtl", for `<html dir>`.
    pub dir: &'static str,
    /// The language's name in itself, for the switcher.
    pub name: &'static str,
}

/// Every language, in the switcher's order. English comes first and is the fallback.
pub const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        tag: "en",
        dir: "ltr",
        name: "English",
    },
    Language {
        code: "easy",
        tag: "en",
        dir: "ltr",
        name: "Easy read",
    },
    Language {
        code: "pl",
        tag: "pl",
        dir: "ltr",
        name: "Polski",
    },
    Language {
        code: "ro",
        tag: "ro",
        dir: "ltr",
        name: "Română",
    },
    Language {
        code: "bn",
        tag: "bn",
        dir: "ltr",
        name: "বাংলা",
    },
    Language {
        code: "ur",
        tag: "ur",
        dir: "rtl",
        name: "اردو",
    },
];

/// The message files, by language code.
const FILES: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en/feedback.ftl")),
    ("easy", include_str!("../locales/easy/feedback.ftl")),
    ("pl", include_str!("../locales/pl/feedback.ftl")),
    ("ro", include_str!("../locales/ro/feedback.ftl")),
    ("bn", include_str!("../locales/bn/feedback.ftl")),
    ("ur", include_str!("../locales/ur/feedback.ftl")),
];

pub const ENGLISH: &Language = &LANGUAGES[0];

impl Language {
    pub fn by_code(code: &str) -> Option<&'static Language> {
        LANGUAGES.iter().find(|l| l.code == code)
    }

    /// The language for a request: the one asked for in the address, else the first of the
    /// browser's preferences we have (`Accept-Language`), else English. Easy read is only
    /// ever chosen on purpose.
    pub fn negotiate(asked: Option<&str>, accept_language: Option<&str>) -> &'static Language {
        if let Some(l) = asked.and_then(Language::by_code) {
            return l;
        }
        let mut preferences: Vec<(f32, &str)> = accept_language
            .unwrap_or("")
            .split(',')
            .filter_map(|part| {
                let mut bits = part.trim().split(';');
                let tag = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (!tag.is_empty() && q > 0.0).then_some((q, tag))
            })
            .collect();
        preferences.sort_by(|a, b| b.0.total_cmp(&a.0));
        preferences
            .iter()
            .find_map(|(_, tag)| {
                let primary = tag.split('-').next()?.to_ascii_lowercase();
                LANGUAGES
                    .iter()
                    .find(|l| l.code != "easy" && l.tag == primary)
            })
            .unwrap_or(ENGLISH)
    }
}

/// Every language's messages, parsed once.
pub struct Catalogue {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl Catalogue {
    fn load() -> Catalogue {
        let mut bundles = HashMap::new();
        for (code, source) in FILES {
            let lang = Language::by_code(code).expect("every file has a language row");
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, e)| {
                // A file that does not parse is a build defect; the tests parse every file.
                panic!("locales/{code}/feedback.ftl does not parse: {e:?}")
            });
            let tag = lang.tag.parse().expect("language tags are valid");
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            // Right-to-left pages isolate inserted values (an English MNVP name inside Urdu)
            // so they do not reorder the sentence around them; left-to-right pages need not.
            bundle.set_use_isolating(lang.dir == "rtl");
            bundle
                .add_resource(resource)
                .unwrap_or_else(|e| panic!("locales/{code}/feedback.ftl: {e:?}"));
            bundles.insert(lang.code, bundle);
        }
        Catalogue { bundles }
    }

    /// The message `id` in `lang`, falling back to English, then to the id itself.
    pub fn message(&self, lang: &Language, id: &str, args: Option<&FluentArgs>) -> String {
        [lang.code, ENGLISH.code]
            .iter()
            .filter_map(|code| self.bundles.get(code))
            .find_map(|bundle| {
                let pattern = bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(id, lang = lang.code, ?errors, "message formatting");
                }
                Some(text.into_owned())
            })
            .unwrap_or_else(|| id.to_string())
    }
}

/// The catalogue, loaded on first use.
pub static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(Catalogue::load);

/// `t("id", name=value, …)` for templates, bound to one language.
pub fn translator(lang: &'static Language) -> Value {
    Value::from_function(
        move |id: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
            let mut args = FluentArgs::new();
            for key in kwargs.args() {
                let v: Value = kwargs.get(key)?;
                let value = match v.as_i64() {
                    Some(n) => FluentValue::from(n),
                    None => FluentValue::from(v.to_string()),
                };
                args.set(key.to_string(), value);
            }
            Ok(CATALOGUE.message(lang, id, Some(&args)))
        },
    )
}

/// The same, for Rust code (error messages built before rendering).
pub fn text(lang: &Language, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    let mut fluent = FluentArgs::new();
    for (k, v) in args {
        fluent.set(k.to_string(), v.clone());
    }
    CATALOGUE.message(lang, id, Some(&fluent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Message names defined in a file (lines like `name = …`).
    fn ids(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
            .collect()
    }

    /// The variables one message uses.
    fn variables(source: &str, id: &str) -> BTreeSet<String> {
        // The message's first line and its indented continuation lines (plural variants).
        let block: String = source
            .lines()
            .skip_while(|l| l.split_once('=').is_none_or(|(k, _)| k.trim() != id))
            .enumerate()
            .take_while(|(i, l)| *i == 0 || l.starts_with(' '))
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
            .join("\n");
        block
            .split("{ $")
            .skip(1)
            .filter_map(|rest| {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                    .next()
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_language_has_every_message_and_the_same_variables() {
        let english = ids(FILES[0].1);
        assert!(english.len() > 200, "the English file is the reference");
        for (code, source) in FILES {
            let these = ids(source);
            let missing: Vec<_> = english.difference(&these).collect();
            let extra: Vec<_> = these.difference(&english).collect();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
            assert!(extra.is_empty(), "{code} has unknown messages {extra:?}");
            for id in &english {
                assert_eq!(
                    variables(source, id),
                    variables(FILES[0].1, id),
                    "{code}: message {id} must use the same variables as English"
                );
            }
            assert!(
                source.contains("native speaker") || *code == "en" || *code == "easy",
                "{code} must say it needs review by a native speaker"
            );
        }
        // Every file parses and every language has a row (loading panics otherwise).
        assert_eq!(CATALOGUE.bundles.len(), LANGUAGES.len());
    }

    #[test]
    fn messages_format_with_plurals_and_fall_back_to_english() {
        let pl = Language::by_code("pl").unwrap();
        let few = text(
            pl,
            "error-too-long",
            &[("max", 5000.into()), ("count", 5002.into())],
        );
        assert!(few.contains("5002"), "{few}");
        let en = text(
            ENGLISH,
            "progress",
            &[("number", 3.into()), ("total", 9.into())],
        );
        assert_eq!(en, "Question 3 of 9");
        assert_eq!(text(pl, "no-such-message", &[]), "no-such-message");
        let ur = text(
            Language::by_code("ur").unwrap(),
            "service-name",
            &[("mnvp", "Riverside MNVP".into())],
        );
        assert!(ur.contains('\u{2068}'), "RTL pages isolate inserted names");
    }

    #[test]
    fn the_language_comes_from_the_address_then_the_browser() {
        assert_eq!(Language::negotiate(Some("ur"), Some("pl")).code, "ur");
        assert_eq!(Language::negotiate(Some("xx"), None).code, "en");
        assert_eq!(
            Language::negotiate(None, Some("de-DE,ro;q=0.8,pl;q=0.9")).code,
            "pl"
        );
        assert_eq!(Language::negotiate(None, Some("bn-BD")).code, "bn");
        assert_eq!(Language::negotiate(None, Some("fr, *;q=0.1")).code, "en");
        assert_eq!(Language::negotiate(None, None).code, "en");
        assert_eq!(Language::negotiate(Some("easy"), None).tag, "en");
        assert_eq!(
            Language::by_code("ur").unwrap().dir,
            "rtl",
            "Urdu is right to left"
        );
    }
}
