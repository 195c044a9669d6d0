-- Thematic analysis (guidance 2.13): codebooks of themes and sub-themes, people's coding of
-- feedback against them (several coders per item, the lead's resolution as the gold label),
-- versioned models with the snapshot of coding they learnt from, and the models' suggestions.

-- A codebook belongs to one MNVP, or (mnvp_id NULL) is shared by the administrator for every
-- MNVP to copy. `version` goes up with every change to its themes, so a model records which
-- version of the codebook it was trained on.
CREATE TABLE codebooks (
    id             INTEGER PRIMARY KEY,
    mnvp_id        INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    -- A model applies a theme on its own only at or above this confidence (and the theme's own
    -- calibrated threshold); below it, themes are only suggested to a person.
    auto_threshold REAL NOT NULL DEFAULT 0.6 CHECK (auto_threshold >= 0.5 AND auto_threshold <= 1.0),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX codebooks_name ON codebooks(COALESCE(mnvp_id, 0), name);

CREATE TABLE codebook_themes (
    id          INTEGER PRIMARY KEY,
    codebook_id INTEGER NOT NULL REFERENCES codebooks(id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES codebook_themes(id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    phrases     TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX codebook_themes_name ON codebook_themes(codebook_id, lower(name));
CREATE INDEX codebook_themes_parent ON codebook_themes(parent_id);

-- Volunteers the lead has asked to code with a codebook (leads always may).
CREATE TABLE codebook_coders (
    codebook_id INTEGER NOT NULL REFERENCES codebooks(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (codebook_id, user_id)
);

-- One person's coding of one item; `is_gold` marks the lead's resolution of a disagreement.
-- Themes are kept RESTRICTed: a theme that coding uses cannot disappear (merge it instead).
CREATE TABLE theme_codings (
    id          INTEGER PRIMARY KEY,
    codebook_id INTEGER NOT NULL REFERENCES codebooks(id) ON DELETE RESTRICT,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    coder_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
    is_gold     BOOLEAN NOT NULL DEFAULT FALSE,
    sentiment   INTEGER CHECK (sentiment BETWEEN 1 AND 5),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX theme_codings_one ON theme_codings(codebook_id, feedback_id, coder_id, is_gold);
CREATE INDEX theme_codings_item ON theme_codings(feedback_id);
CREATE TABLE theme_coding_themes (
    coding_id INTEGER NOT NULL REFERENCES theme_codings(id) ON DELETE CASCADE,
    theme_id  INTEGER NOT NULL REFERENCES codebook_themes(id) ON DELETE RESTRICT,
    PRIMARY KEY (coding_id, theme_id)
);
CREATE INDEX theme_coding_themes_theme ON theme_coding_themes(theme_id);

-- Every attempt to build a model, kept: the ready ones with their bytes, the training-data
-- snapshot (which items with which labels), the codebook version and cross-validated figures;
-- the failed ones with the reason. The newest ready model that loads is the one in use.
CREATE TABLE theme_models (
    id               INTEGER PRIMARY KEY,
    codebook_id      INTEGER NOT NULL REFERENCES codebooks(id) ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('ready', 'failed')),
    kind             TEXT NOT NULL CHECK (kind IN ('phrases', 'trained')),
    codebook_version INTEGER NOT NULL,
    coded_items      INTEGER NOT NULL,
    trained_on       INTEGER NOT NULL,
    snapshot         TEXT NOT NULL,
    theme_ids        TEXT NOT NULL,
    metrics          TEXT NOT NULL,
    message          TEXT NOT NULL DEFAULT '',
    model            BLOB,
    created_at       TEXT NOT NULL,
    UNIQUE (codebook_id, version)
);

-- The model's view of each item: how certain it is overall (lower = less certain, coded
-- first), its sentiment, and per theme its confidence and whether it applies the theme.
CREATE TABLE theme_scores (
    codebook_id          INTEGER NOT NULL REFERENCES codebooks(id) ON DELETE CASCADE,
    feedback_id          INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    model_id             INTEGER NOT NULL REFERENCES theme_models(id) ON DELETE CASCADE,
    certainty            REAL NOT NULL,
    sentiment            INTEGER,
    sentiment_confidence REAL NOT NULL DEFAULT 0,
    scored_at            TEXT NOT NULL,
    PRIMARY KEY (codebook_id, feedback_id)
);
CREATE INDEX theme_scores_queue ON theme_scores(codebook_id, certainty);
CREATE TABLE theme_suggestions (
    codebook_id INTEGER NOT NULL REFERENCES codebooks(id) ON DELETE CASCADE,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    theme_id    INTEGER NOT NULL REFERENCES codebook_themes(id) ON DELETE CASCADE,
    confidence  REAL NOT NULL,
    assigned    BOOLEAN NOT NULL,
    PRIMARY KEY (codebook_id, feedback_id, theme_id)
);
CREATE INDEX theme_suggestions_theme ON theme_suggestions(theme_id);
