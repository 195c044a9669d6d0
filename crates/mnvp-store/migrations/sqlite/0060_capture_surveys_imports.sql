-- Focused surveys (guidance 2.9) and file imports (2.12–2.13: FFT, CQC Maternity Survey, any
-- spreadsheet through a saved column mapping). Free-text survey answers and imported comments
-- are feedback items in the one store; these tables hold what is particular to each channel.

-- A survey's questions are a JSON definition (mnvp_domain::capture::survey), so the builder,
-- the public pages and the FHIR export read one structure.
CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    mnvp_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    slug        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    definition  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('draft','live','closed')),
    opens_on    TEXT,
    closes_on   TEXT,
    unit_id     INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    care_stage  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX surveys_mnvp ON surveys(mnvp_id);

-- One row per submission; `response_key` makes a double-submitted survey store once.
CREATE TABLE survey_responses (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    submitted_at TEXT NOT NULL,
    response_key TEXT NOT NULL UNIQUE
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id);

-- One row per answer value (several for multiple choice), so counts are one GROUP BY. A
-- free-text answer keeps no text here: it is a feedback item (screened, redacted, erasable),
-- linked by feedback_id.
CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    survey_id   INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    question    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    value       TEXT,
    feedback_id INTEGER REFERENCES feedback(id) ON DELETE SET NULL,
    PRIMARY KEY (response_id, question, position)
);
CREATE INDEX survey_answers_question ON survey_answers(survey_id, question, value);

-- Answers in progress, kept server-side against the visitor's anonymous session so that back
-- links and "change" links never lose anything; gone when the session expires.
CREATE TABLE survey_progress (
    session_hash TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
    survey_id    INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    answers      TEXT NOT NULL,
    response_key TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (session_hash, survey_id)
);

-- Which column of a lead's spreadsheet holds which field, saved once by name and reused.
CREATE TABLE import_mappings (
    id         INTEGER PRIMARY KEY,
    mnvp_id    INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    columns    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (mnvp_id, name)
);

-- A file uploaded for a dry run, kept until it is imported or discarded (or a day passes),
-- so that the import that follows reads exactly the file the lead checked.
CREATE TABLE import_uploads (
    id          INTEGER PRIMARY KEY,
    mnvp_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    mapping_id  INTEGER REFERENCES import_mappings(id) ON DELETE SET NULL,
    file_name   TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX import_uploads_user ON import_uploads(user_id);

-- Each import that committed: what came in, what was already there and what was skipped.
CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    mnvp_id         INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    kind            TEXT NOT NULL,
    source          TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    rows_read       INTEGER NOT NULL,
    imported        INTEGER NOT NULL,
    already_present INTEGER NOT NULL,
    skipped         INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX import_batches_mnvp ON import_batches(mnvp_id, created_at);

-- CQC Maternity Survey trust results: one score per question and year. Aggregates, not
-- anyone's words, so they sit beside the feedback store rather than in it.
CREATE TABLE cqc_results (
    id            INTEGER PRIMARY KEY,
    mnvp_id       INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    survey_year   INTEGER NOT NULL,
    organisation  TEXT NOT NULL,
    question      TEXT NOT NULL,
    question_text TEXT NOT NULL,
    section       TEXT NOT NULL,
    care_stage    TEXT,
    score         REAL,
    respondents   INTEGER,
    comparison    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (mnvp_id, survey_year, organisation, question)
);
