-- Correcting the record of field work (issue 3): a Walk the Patch or outreach conversation
-- recorded wrongly (stage of care, a typo, the unit) is changed; one entered by mistake, twice,
-- or withdrawn by the person is removed. Every change goes through the one feedback store and
-- is screened again exactly as at insertion.

-- Who recorded each conversation: that volunteer may correct it while its session is open.
-- Conversations recorded before this migration take it from their audit entry.
ALTER TABLE feedback ADD COLUMN recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
UPDATE feedback SET recorded_by = (
    SELECT a.actor_id FROM audit_log a
    WHERE a.entity = 'feedback' AND a.action = 'create' AND a.entity_id = feedback.id
      AND a.actor_id IN (SELECT id FROM users)
    ORDER BY a.seq LIMIT 1)
WHERE capture_session_id IS NOT NULL;

-- A removed conversation is deleted, unless a safeguarding case refers to it: the lead still
-- needs what was said, so it is kept for the case and withdrawn instead. A withdrawn item
-- counts nowhere (sessions, inbox, dashboards, the representation tally), has no redacted
-- text (so themes and search never see it) and no equality answers, and only the lead reaches
-- it, through the case.
ALTER TABLE feedback ADD COLUMN withdrawn_at TEXT;
ALTER TABLE feedback ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IN ('mistake', 'withdrew', 'duplicate'));

-- Each removal (no words, only which entry and why): a device that resends a removed entry,
-- because its offline queue never heard the answer, stores nothing; a removal form sent twice
-- removes once.
CREATE TABLE field_removals (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES capture_sessions(id) ON DELETE CASCADE,
    feedback_id INTEGER NOT NULL,
    client_id   TEXT UNIQUE,
    form_key    TEXT UNIQUE,
    reason      TEXT NOT NULL CHECK (reason IN ('mistake', 'withdrew', 'duplicate')),
    removed_at  TEXT NOT NULL
);
CREATE INDEX field_removals_session ON field_removals(session_id);

-- A withdrawn item leaves the representation tally: its month is recounted.
CREATE TRIGGER voices_stale_feedback_withdrawn AFTER UPDATE OF withdrawn_at ON feedback BEGIN
    INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month) VALUES (NEW.mnvp_id, SUBSTR(NEW.received_on, 1, 7));
END;
