-- What people typed is sealed while it waits, like an item's original text (0030): answers in
-- progress on the public form (feedback_drafts.answers, 0010) and on surveys
-- (survey_progress.answers, 0060) now hold "x1:..." sealed JSON, and an uploaded import file
-- (import_uploads.content, 0060) holds sealed bytes, so neither is kept in the clear any more.
-- The text columns need no change. Rows written before this are sealed on the next start (the
-- key never enters the database, so SQL cannot seal them); until then they read as they are.

-- Whether an upload's content is sealed: a file's own bytes could begin like a sealed value,
-- so the store is told rather than left to guess.
ALTER TABLE import_uploads ADD COLUMN content_sealed BOOLEAN NOT NULL DEFAULT FALSE;
