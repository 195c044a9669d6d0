//! Full-text search of feedback, the one place where the two engines are asked different SQL:
//! each has its own text index (SQLite FTS5, PostgreSQL `tsvector` + GIN), and a `LIKE` over
//! every comment would not scale to a region's feedback.
//!
//! The index is over the redacted text (migration 0031): the original is sealed at rest, and an
//! index of its words would hold the very names and numbers the redaction removed. Words that
//! redaction removed are found through the keyed blind index instead (see `feedback`).
//!
//! Every word the person typed must appear (in any form: "waiting" finds "waited"), and the
//! last letters may be left off ("breastfe" finds "breastfeeding"). Only letters and digits
//! reach the query, so nothing typed can change its syntax.

use crate::Engine;

/// Most words taken from one search (the rest are ignored).
const MAX_WORDS: usize = 12;

/// The condition that an item's redacted text matches the one-word term bound at `param`.
pub(crate) fn condition(engine: Engine, param: &str) -> String {
    match engine {
        Engine::Sqlite => format!(
            "f.id IN (SELECT rowid FROM feedback_search WHERE feedback_search MATCH {param})"
        ),
        Engine::Postgres => format!(
            "to_tsvector('english', COALESCE(f.body_redacted, '')) @@ to_tsquery('english', {param})"
        ),
    }
}

/// The words of what was typed, lower-cased: letters and digits only.
pub(crate) fn words(typed: &str) -> Vec<String> {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_lowercase)
        .collect()
}

/// The engine's query term for one word, matching any word it begins.
pub(crate) fn term(engine: Engine, word: &str) -> String {
    match engine {
        Engine::Sqlite => format!("\"{word}\"*"),
        Engine::Postgres => format!("{word}:*"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_reach_the_query() {
        let sqlite: Vec<String> = words("Night-time  \"noise\" OR *")
            .iter()
            .map(|w| term(Engine::Sqlite, w))
            .collect();
        assert_eq!(sqlite, ["\"night\"*", "\"time\"*", "\"noise\"*", "\"or\"*"]);
        let pg: Vec<String> = words("Car park's & (fees)")
            .iter()
            .map(|w| term(Engine::Postgres, w))
            .collect();
        assert_eq!(pg, ["car:*", "park:*", "s:*", "fees:*"]);
        assert!(words(" !!! ").is_empty());
        assert!(words("").is_empty());
        assert_eq!(term(Engine::Sqlite, &words("położna")[0]), "\"położna\"*");
    }
}
