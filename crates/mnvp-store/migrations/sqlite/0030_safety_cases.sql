-- Safeguarding escalation (guidance 2.5-2.6) and the original text encrypted at rest.

-- The original text, sealed with a key kept outside the database. `body` is emptied once its
-- text is sealed (on the first start after this migration), so it holds no plaintext.
ALTER TABLE feedback ADD COLUMN body_sealed TEXT;

-- Keyed blind index of the words redaction removed (names, numbers), so the lead can still
-- search for them: an HMAC of each word, never the word.
CREATE TABLE feedback_words (
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    token       TEXT NOT NULL,
    PRIMARY KEY (feedback_id, token)
);
CREATE INDEX feedback_words_token ON feedback_words(token);

-- Which key sealed this database (a fingerprint, not the key), so a wrong key is refused.
CREATE TABLE data_key_check (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Each MNVP's escalation procedure. Saving makes a new version; a case keeps the version it
-- was opened under, so changing the procedure never rewrites what a past case required.
CREATE TABLE safety_procedures (
    id                  INTEGER PRIMARY KEY,
    mnvp_id             INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL,
    review_days         INTEGER NOT NULL CHECK (review_days BETWEEN 0 AND 60),
    notify_days         INTEGER NOT NULL CHECK (notify_days BETWEEN 0 AND 60),
    outcome_days        INTEGER NOT NULL CHECK (outcome_days BETWEEN 0 AND 60),
    close_days          INTEGER NOT NULL CHECK (close_days BETWEEN 0 AND 60),
    safeguarding_team   TEXT NOT NULL DEFAULT '',
    safety_champion     TEXT NOT NULL DEFAULT '',
    patient_safety_team TEXT NOT NULL DEFAULT '',
    required_contacts   TEXT NOT NULL,
    steps_text          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    UNIQUE (mnvp_id, version)
);

-- One case per flagged item: who did each step and when. The feedback may later be erased
-- under retention; the case (with no text in it) stays for governance.
CREATE TABLE safety_cases (
    id              INTEGER PRIMARY KEY,
    mnvp_id         INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    feedback_id     INTEGER REFERENCES feedback(id) ON DELETE SET NULL,
    procedure_id    INTEGER NOT NULL REFERENCES safety_procedures(id) ON DELETE RESTRICT,
    concerns        TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('detected', 'manual')),
    opened_at       TEXT NOT NULL,
    opened_by       TEXT NOT NULL,
    reviewed_at     TEXT,
    reviewed_by     TEXT,
    review_note     TEXT NOT NULL DEFAULT '',
    decision        TEXT CHECK (decision IN ('escalate', 'no_action')),
    decision_reason TEXT NOT NULL DEFAULT '',
    decided_at      TEXT,
    decided_by      TEXT,
    outcome         TEXT NOT NULL DEFAULT '',
    outcome_at      TEXT,
    outcome_by      TEXT,
    closed_at       TEXT,
    closed_by       TEXT,
    closing_note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX safety_cases_mnvp ON safety_cases(mnvp_id, closed_at);
CREATE INDEX safety_cases_feedback ON safety_cases(feedback_id);

-- Who was told about an escalated case, how and when.
CREATE TABLE safety_notifications (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES safety_cases(id) ON DELETE CASCADE,
    contact     TEXT NOT NULL,
    told        TEXT NOT NULL,
    method      TEXT NOT NULL,
    notified_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX safety_notifications_case ON safety_notifications(case_id);

-- Overdue stages, raised once each; the email about each is sent once.
CREATE TABLE safety_alerts (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES safety_cases(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    due          TEXT NOT NULL,
    raised_at    TEXT NOT NULL,
    email_status TEXT NOT NULL CHECK (email_status IN ('pending', 'sent', 'failed', 'off')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    emailed_at   TEXT,
    UNIQUE (case_id, stage)
);
