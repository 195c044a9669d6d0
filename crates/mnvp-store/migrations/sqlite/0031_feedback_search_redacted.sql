-- The inbox search indexes the redacted text, not the original. The original is sealed at rest
-- (0030), and an index of its words would keep in the clear the very names and numbers the
-- redaction removed; those words are found through the keyed blind index (feedback_words).
-- SQLite: the FTS5 index of 0011, rebuilt over feedback.body_redacted, kept in step by triggers.
DROP TRIGGER IF EXISTS feedback_search_insert;
DROP TRIGGER IF EXISTS feedback_search_delete;
DROP TRIGGER IF EXISTS feedback_search_update;
DROP TABLE IF EXISTS feedback_search;

CREATE VIRTUAL TABLE feedback_search USING fts5(
    body_redacted,
    content = 'feedback',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO feedback_search (rowid, body_redacted)
    SELECT id, body_redacted FROM feedback WHERE body_redacted IS NOT NULL;

CREATE TRIGGER feedback_search_insert AFTER INSERT ON feedback WHEN new.body_redacted IS NOT NULL
BEGIN
    INSERT INTO feedback_search (rowid, body_redacted) VALUES (new.id, new.body_redacted);
END;
CREATE TRIGGER feedback_search_delete AFTER DELETE ON feedback WHEN old.body_redacted IS NOT NULL
BEGIN
    INSERT INTO feedback_search (feedback_search, rowid, body_redacted) VALUES ('delete', old.id, old.body_redacted);
END;
CREATE TRIGGER feedback_search_update AFTER UPDATE OF body_redacted ON feedback
BEGIN
    INSERT INTO feedback_search (feedback_search, rowid, body_redacted)
        SELECT 'delete', old.id, old.body_redacted WHERE old.body_redacted IS NOT NULL;
    INSERT INTO feedback_search (rowid, body_redacted)
        SELECT new.id, new.body_redacted WHERE new.body_redacted IS NOT NULL;
END;
