-- Full-text search of feedback for the MNVP lead: words are matched whatever their ending
-- ("waiting" finds "waited"), with an index rather than a scan of every comment.
-- PostgreSQL: a GIN index over the English text-search vector of feedback.body; queries use
-- exactly this expression so the index serves them.
CREATE INDEX feedback_search ON feedback USING GIN (to_tsvector('english', COALESCE(body, '')));
