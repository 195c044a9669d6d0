-- Other intelligence (guidance 2.12–2.13): insights from social media and from the neonatal
-- Parent Advisory Group and network, logged as feedback items (channels 'social_media' and
-- 'pag') with where they came from. The source names a place (a group, a meeting), never a
-- person; the link is kept without its query or fragment.
CREATE TABLE intelligence_sources (
    feedback_id  INTEGER PRIMARY KEY REFERENCES feedback(id) ON DELETE CASCADE,
    source       TEXT NOT NULL,
    link         TEXT
);
