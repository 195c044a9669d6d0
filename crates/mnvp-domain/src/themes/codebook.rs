//! A codebook (coding framework) as people write, import and export it: themes with optional
//! sub-themes, each with a description and indicative phrases. Checking happens here, once,
//! for every way a codebook arrives (form, CSV, JSON, built-in), so storage never holds a
//! codebook with blank or duplicate theme names.

use serde::{Deserialize, Serialize};

/// Longest theme name: it appears in tables, charts and CSV headers.
pub const MAX_NAME: usize = 80;
/// Longest description of a theme.
pub const MAX_DESCRIPTION: usize = 1_000;
/// Longest indicative phrase, and most phrases per theme.
pub const MAX_PHRASE: usize = 80;
pub const MAX_PHRASES: usize = 100;
/// Most themes (including sub-themes) in one codebook: beyond this coding by hand stops being
/// practical and the screen stops being fast.
pub const MAX_THEMES: usize = 300;

/// One theme or sub-theme. `parent` names the theme a sub-theme belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ThemeSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// A whole codebook: themes in display order, each sub-theme after its theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CodebookSpec {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub themes: Vec<ThemeSpec>,
}

/// Where in the source a problem was found: a line and column of a CSV, or a path in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// 1-based line in the file (0 when the problem is not tied to a line).
    pub line: u64,
    /// Column name (CSV) or field path (JSON); empty when not tied to a field.
    pub column: String,
    pub message: String,
}

impl Problem {
    pub fn new(line: u64, column: &str, message: impl Into<String>) -> Problem {
        Problem {
            line,
            column: column.to_string(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column.is_empty()) {
            (0, true) => write!(f, "{}", self.message),
            (0, false) => write!(f, "{}: {}", self.column, self.message),
            (l, true) => write!(f, "line {l}: {}", self.message),
            (l, false) => write!(f, "line {l}, column {}: {}", self.column, self.message),
        }
    }
}

/// Collapses inner whitespace and trims; the form every stored name and phrase takes.
pub fn tidy(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a theme name as typed; returns it tidied.
pub fn parse_theme_name(raw: &str) -> Result<String, String> {
    let name = tidy(raw);
    if name.is_empty() {
        return Err("Enter a theme name".into());
    }
    if name.chars().count() > MAX_NAME {
        return Err(format!(
            "Theme names must be {MAX_NAME} characters or fewer"
        ));
    }
    if name.chars().any(char::is_control) {
        return Err("Theme names must not contain control characters".into());
    }
    if name.contains(';') {
        // `;` separates themes in the CLI's CSV output and in exports.
        return Err("Theme names must not contain a semicolon (;)".into());
    }
    Ok(name)
}

pub fn parse_description(raw: &str) -> Result<String, String> {
    let d = raw.trim().to_string();
    if d.chars().count() > MAX_DESCRIPTION {
        return Err(format!(
            "Descriptions must be {MAX_DESCRIPTION} characters or fewer"
        ));
    }
    Ok(d)
}

/// Indicative phrases as typed in a text area (one per line) or a CSV cell (separated by `;`):
/// blank entries dropped, duplicates (ignoring case) dropped, each checked for length.
pub fn parse_phrases(raw: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for p in raw.split(['\n', ';']).map(tidy).filter(|p| !p.is_empty()) {
        if p.chars().count() > MAX_PHRASE {
            return Err(format!(
                "Each indicative phrase must be {MAX_PHRASE} characters or fewer (\"{}…\" is longer)",
                p.chars().take(30).collect::<String>()
            ));
        }
        if !out.iter().any(|q| q.eq_ignore_ascii_case(&p)) {
            out.push(p);
        }
    }
    if out.len() > MAX_PHRASES {
        return Err(format!(
            "A theme can have at most {MAX_PHRASES} indicative phrases"
        ));
    }
    Ok(out)
}

impl CodebookSpec {
    /// Every problem with the codebook's themes. `lines[i]` is where theme `i` came from (for
    /// messages); pass an empty slice when there are no lines.
    pub fn problems(&self, lines: &[u64]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let line = |i: usize| lines.get(i).copied().unwrap_or(0);
        if tidy(&self.name).is_empty() {
            problems.push(Problem::new(0, "name", "Enter a name for the codebook"));
        }
        if self.themes.len() > MAX_THEMES {
            problems.push(Problem::new(
                0,
                "",
                format!(
                    "A codebook can have at most {MAX_THEMES} themes and sub-themes; this one has {}",
                    self.themes.len()
                ),
            ));
        }
        let mut seen: Vec<String> = Vec::new();
        for (i, t) in self.themes.iter().enumerate() {
            if let Err(e) = parse_theme_name(&t.name) {
                problems.push(Problem::new(line(i), "theme", e));
                continue;
            }
            let key = tidy(&t.name).to_lowercase();
            if seen.contains(&key) {
                problems.push(Problem::new(
                    line(i),
                    "theme",
                    format!(
                        "\"{}\" appears more than once; theme names must be unique",
                        tidy(&t.name)
                    ),
                ));
            }
            seen.push(key);
            if let Err(e) = parse_description(&t.description) {
                problems.push(Problem::new(line(i), "description", e));
            }
            if let Err(e) = parse_phrases(&t.phrases.join("\n")) {
                problems.push(Problem::new(line(i), "indicative_phrases", e));
            }
            if let Some(parent) = &t.parent {
                let parent_key = tidy(parent).to_lowercase();
                match self
                    .themes
                    .iter()
                    .find(|p| tidy(&p.name).to_lowercase() == parent_key)
                {
                    None => problems.push(Problem::new(
                        line(i),
                        "sub_theme",
                        format!(
                            "the theme \"{}\" it belongs to is not in the codebook",
                            tidy(parent)
                        ),
                    )),
                    Some(p) if p.parent.is_some() => problems.push(Problem::new(
                        line(i),
                        "sub_theme",
                        format!(
                            "\"{}\" is itself a sub-theme; sub-themes cannot have sub-themes",
                            tidy(parent)
                        ),
                    )),
                    Some(_) => {}
                }
            }
        }
        problems
    }

    /// The codebook with every name, description and phrase tidied and sub-themes placed
    /// straight after their theme (the order the screens show).
    pub fn normalised(&self) -> CodebookSpec {
        let tidy_theme = |t: &ThemeSpec| ThemeSpec {
            name: tidy(&t.name),
            parent: t.parent.as_deref().map(tidy),
            description: t.description.trim().to_string(),
            phrases: parse_phrases(&t.phrases.join("\n")).unwrap_or_default(),
        };
        let mut themes = Vec::with_capacity(self.themes.len());
        for top in self.themes.iter().filter(|t| t.parent.is_none()) {
            let top = tidy_theme(top);
            let key = top.name.to_lowercase();
            themes.push(top);
            for sub in self.themes.iter().filter(|t| {
                t.parent
                    .as_deref()
                    .is_some_and(|p| tidy(p).to_lowercase() == key)
            }) {
                themes.push(tidy_theme(sub));
            }
        }
        CodebookSpec {
            name: tidy(&self.name),
            description: self.description.trim().to_string(),
            themes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(name: &str, parent: Option<&str>) -> ThemeSpec {
        ThemeSpec {
            name: name.into(),
            parent: parent.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn names_and_phrases_are_tidied_and_checked() {
        assert_eq!(parse_theme_name("  Pain   relief ").unwrap(), "Pain relief");
        assert!(parse_theme_name("   ").is_err());
        assert!(parse_theme_name("a;b").is_err());
        assert!(parse_theme_name(&"x".repeat(81)).is_err());
        assert_eq!(
            parse_phrases("epidural\n gas and  air ;Epidural\n\n").unwrap(),
            vec!["epidural", "gas and air"]
        );
        assert!(parse_phrases(&"y".repeat(81)).is_err());
    }

    #[test]
    fn problems_name_the_line_and_column() {
        let spec = CodebookSpec {
            name: "Test".into(),
            description: String::new(),
            themes: vec![
                theme("Food", None),
                theme("food", None),
                theme("", None),
                theme("Cold food", Some("Drink")),
                theme("Hot", Some("Cold food")),
            ],
        };
        let p = spec.problems(&[2, 3, 4, 5, 6]);
        let text: Vec<String> = p.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec![
                "line 3, column theme: \"food\" appears more than once; theme names must be unique",
                "line 4, column theme: Enter a theme name",
                "line 5, column sub_theme: the theme \"Drink\" it belongs to is not in the codebook",
                "line 6, column sub_theme: \"Cold food\" is itself a sub-theme; sub-themes cannot have sub-themes",
            ]
        );
    }

    #[test]
    fn normalised_puts_sub_themes_after_their_theme() {
        let spec = CodebookSpec {
            name: " X ".into(),
            description: String::new(),
            themes: vec![
                theme("Late", Some("Waiting")),
                theme("Food", None),
                theme("Waiting", None),
            ],
        };
        let names: Vec<String> = spec
            .normalised()
            .themes
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, vec!["Food", "Waiting", "Late"]);
    }
}
