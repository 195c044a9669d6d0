//! Full-text search of feedback, the one place where the two engines are asked different SQL:
//! each has its own text index (SQLite FTS5, PostgreSQL `tsvector` + GIN; migration 0011), and
//! a `LIKE` over every comment would not scale to a region's feedback.
//!
//! Every word the person typed must appear (in any form: "waiting" finds "waited"), and the
//! last letters may be left off ("breastfe" finds "breastfeeding"). Only letters and digits
//! reach the query, so nothing typed can change its syntax.

use crate::Engine;

/// Most words taken from one search (the rest are ignored).
const MAX_WORDS: usize = 12;

/// The condition that an item's text matches the query bound at `param`.
pub(crate) fn condition(engine: Engine, param: &str) -> String {
    match engine {
        Engine::Sqlite => format!(
            "f.id IN (SELECT rowid FROM feedback_search WHERE feedback_search MATCH {param})"
        ),
        Engine::Postgres => format!(
            "to_tsvector('english', COALESCE(f.body, '')) @@ to_tsquery('english', {param})"
        ),
    }
}

/// The engine's query for what was typed; None when it holds no word at all.
pub(crate) fn query(engine: Engine, typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(match engine {
        Engine::Sqlite => words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
        Engine::Postgres => words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_reach_the_query() {
        assert_eq!(
            query(Engine::Sqlite, "Night-time  \"noise\" OR *").as_deref(),
            Some("\"night\"* \"time\"* \"noise\"* \"or\"*")
        );
        assert_eq!(
            query(Engine::Postgres, "Car park's & (fees)").as_deref(),
            Some("car:* & park:* & s:* & fees:*")
        );
        assert_eq!(query(Engine::Sqlite, " !!! "), None);
        assert_eq!(query(Engine::Postgres, ""), None);
        assert_eq!(
            query(Engine::Sqlite, "położna").as_deref(),
            Some("\"położna\"*")
        );
    }
}
