-- Foundation: organisations, accounts, sessions, login throttling, audit chain, feedback store.
-- Timestamps are UTC ISO-8601 text ('2026-11-23T10:00:00Z') in both engines so one query text serves both.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('icb','lmns','trust','unit','mnvp')),
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    unit_type   TEXT CHECK (unit_type IN ('maternity_unit','birth_centre','neonatal_unit')),
    slug        TEXT UNIQUE,
    ods_code    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, name)
);
CREATE INDEX organisations_parent ON organisations(parent_id);

CREATE TABLE mnvp_units (
    mnvp_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    PRIMARY KEY (mnvp_id, unit_id)
);
CREATE INDEX mnvp_units_unit ON mnvp_units(unit_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('administrator','mnvp_lead','volunteer','trust_staff','commissioner')),
    org_id        INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    password_hash TEXT NOT NULL,
    totp_secret   TEXT,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT NOT NULL,
    last_login_at TEXT
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER REFERENCES users(id) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    pending_totp  BOOLEAN NOT NULL DEFAULT FALSE,
    flash         TEXT,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE login_attempts (
    id      INTEGER PRIMARY KEY,
    email   TEXT NOT NULL,
    ip      TEXT NOT NULL,
    at      TEXT NOT NULL,
    success BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts(email, at);
CREATE INDEX login_attempts_ip ON login_attempts(ip, at);

-- A single row every write transaction touches first, so SQLite takes the write lock before
-- reading anything (no upgrade deadlocks between the server and the CLI).
CREATE TABLE write_lock (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO write_lock (id, n) VALUES (1, 0);

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor_id   INTEGER,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    detail     TEXT NOT NULL,
    ip         TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY,
    mnvp_id       INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    unit_id       INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    channel       TEXT NOT NULL,
    care_stage    TEXT,
    received_on   TEXT NOT NULL,
    rating        INTEGER CHECK (rating BETWEEN 1 AND 5),
    body          TEXT,
    client_id     TEXT UNIQUE,
    created_at    TEXT NOT NULL
);
CREATE INDEX feedback_mnvp_date ON feedback(mnvp_id, received_on);

-- A form submitted twice (double click, retry after a network drop) stores one record: the
-- key travels in the form and the first submission's record is returned for the second.
CREATE TABLE idempotency_keys (
    key         TEXT PRIMARY KEY,
    entity      TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
