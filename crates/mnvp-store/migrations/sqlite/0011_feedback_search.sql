-- Full-text search of feedback for the MNVP lead: words are matched whatever their ending
-- ("waiting" finds "waited"), with an index rather than a scan of every comment.
-- SQLite: an FTS5 index over feedback.body, kept in step by triggers.
CREATE VIRTUAL TABLE feedback_search USING fts5(
    body,
    content = 'feedback',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO feedback_search (rowid, body) SELECT id, body FROM feedback WHERE body IS NOT NULL;

CREATE TRIGGER feedback_search_insert AFTER INSERT ON feedback WHEN new.body IS NOT NULL
BEGIN
    INSERT INTO feedback_search (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER feedback_search_delete AFTER DELETE ON feedback WHEN old.body IS NOT NULL
BEGIN
    INSERT INTO feedback_search (feedback_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER feedback_search_update AFTER UPDATE OF body ON feedback
BEGIN
    INSERT INTO feedback_search (feedback_search, rowid, body)
        SELECT 'delete', old.id, old.body WHERE old.body IS NOT NULL;
    INSERT INTO feedback_search (rowid, body) SELECT new.id, new.body WHERE new.body IS NOT NULL;
END;
