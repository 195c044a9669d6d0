-- The always-open public feedback form (guidance 2.9).
--
-- An MNVP's form is open unless its lead closed it (an MNVP that stopped, merged or moved its
-- form elsewhere); a closed form answers "not found" with signposting instead of questions.
CREATE TABLE feedback_forms (
    mnvp_id    BIGINT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    closed_at  TEXT,
    updated_at TEXT NOT NULL
);

-- Answers in progress, against the visitor's anonymous session, so going back, changing an
-- answer or switching language loses nothing. They go with the session (at most a day) or as
-- soon as the feedback is sent or the person chooses to stop. No postcode is ever held here.
CREATE TABLE feedback_drafts (
    session_hash TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
    mnvp_id      BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    answers      TEXT NOT NULL,   -- JSON, see mnvp_domain::capture::Answers
    form_key     TEXT NOT NULL,   -- idempotency key of the eventual submission
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (session_hash, mnvp_id)
);

-- What the form adds to a stored item: the month the care happened, every stage of care it
-- covers (the item's care_stage holds the main one), the route taken (standard or bereaved)
-- and the language the form was filled in.
CREATE TABLE feedback_form_details (
    feedback_id BIGINT PRIMARY KEY REFERENCES feedback(id) ON DELETE CASCADE,
    care_month  TEXT,             -- 'YYYY-MM'
    care_stages TEXT NOT NULL DEFAULT '',  -- ';'-separated care stage codes
    journey     TEXT NOT NULL CHECK (journey IN ('standard', 'bereaved')),
    language    TEXT NOT NULL
);
