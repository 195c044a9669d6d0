-- The inbox search indexes the redacted text, not the original. The original is sealed at rest
-- (0030), and an index of its words would keep in the clear the very names and numbers the
-- redaction removed; those words are found through the keyed blind index (feedback_words).
-- PostgreSQL: the GIN index of 0011, rebuilt over feedback.body_redacted; queries use exactly
-- this expression so the index serves them.
DROP INDEX IF EXISTS feedback_search;
CREATE INDEX feedback_search ON feedback USING GIN (to_tsvector('english', COALESCE(body_redacted, '')));
