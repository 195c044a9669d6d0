-- Fifteen Steps (guidance 2.7): a visit to a unit by a small team of service users and staff,
-- first-impression observations per area under the toolkit's four headings, and the outcome
-- report: a summary, recommended actions, and a record of whom it was shared with and when.
-- Observations are feedback items (channel 'fifteen_steps'); this table places each one in
-- the toolkit (area, heading, works well / could improve).
CREATE TABLE fifteen_steps_visits (
    session_id    INTEGER PRIMARY KEY REFERENCES capture_sessions(id) ON DELETE CASCADE,
    areas         TEXT NOT NULL,
    other_area    TEXT,
    team          TEXT NOT NULL,
    summary       TEXT,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final')),
    finalised_at  TEXT
);
CREATE TABLE fifteen_steps_observations (
    feedback_id   INTEGER PRIMARY KEY REFERENCES feedback(id) ON DELETE CASCADE,
    session_id    INTEGER NOT NULL REFERENCES capture_sessions(id) ON DELETE CASCADE,
    area          TEXT NOT NULL,
    heading       TEXT NOT NULL CHECK (heading IN ('welcoming','safe','caring_involving','organised_calm')),
    finding       TEXT NOT NULL CHECK (finding IN ('works_well','could_improve'))
);
CREATE INDEX fifteen_steps_observations_session ON fifteen_steps_observations(session_id);
CREATE TABLE fifteen_steps_actions (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES capture_sessions(id) ON DELETE CASCADE,
    area          TEXT,
    action        TEXT NOT NULL,
    owner         TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX fifteen_steps_actions_session ON fifteen_steps_actions(session_id);
CREATE TABLE fifteen_steps_shares (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES capture_sessions(id) ON DELETE CASCADE,
    audience      TEXT NOT NULL CHECK (audience IN ('trust_governance','safety_champions','lmns_board','other')),
    shared_on     TEXT NOT NULL,
    note          TEXT,
    recorded_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX fifteen_steps_shares_session ON fifteen_steps_shares(session_id);
