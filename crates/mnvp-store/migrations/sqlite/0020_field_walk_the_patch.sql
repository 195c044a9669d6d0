-- Field work (guidance 2.7–2.12): a session is one piece of in-person listening — a Walk the
-- Patch on a unit, a Fifteen Steps visit or an outreach session — kept beside the feedback it
-- gathered. Feedback items point at their session, so every channel still lands in the one
-- feedback store and reports can say which session a voice came from.
CREATE TABLE capture_sessions (
    id          INTEGER PRIMARY KEY,
    mnvp_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    kind        TEXT NOT NULL CHECK (kind IN ('walk_the_patch','fifteen_steps','outreach')),
    unit_id     INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    held_on     TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX capture_sessions_mnvp ON capture_sessions(mnvp_id, kind, held_on);
CREATE INDEX capture_sessions_unit ON capture_sessions(unit_id);

ALTER TABLE feedback ADD COLUMN capture_session_id INTEGER REFERENCES capture_sessions(id) ON DELETE RESTRICT;
CREATE INDEX feedback_capture_session ON feedback(capture_session_id);

-- Walk the Patch (2.8): who walked, and everyone approached who did not give feedback. Each tap
-- on the tablet is one row with the device's id for it, so a tally resent from an offline queue
-- counts once; a mistaken tap is taken back with a -1 row, never by deleting.
CREATE TABLE walk_sessions (
    session_id  INTEGER PRIMARY KEY REFERENCES capture_sessions(id) ON DELETE CASCADE,
    volunteers  TEXT NOT NULL
);
CREATE TABLE walk_tallies (
    client_id   TEXT PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES capture_sessions(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('declined','not_now')),
    delta       INTEGER NOT NULL CHECK (delta IN (-1, 1)),
    recorded_at TEXT NOT NULL
);
CREATE INDEX walk_tallies_session ON walk_tallies(session_id);
