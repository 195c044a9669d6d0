-- Safeguarding at the door: every item's redacted text and disclosure flags are computed once,
-- when it arrives, so that every non-lead view, export and report reads the redacted text and
-- the lead's triage can find flagged items without re-scanning.
ALTER TABLE feedback ADD COLUMN body_redacted TEXT;
ALTER TABLE feedback ADD COLUMN safety_flagged BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE feedback ADD COLUMN safety_categories TEXT NOT NULL DEFAULT '';
CREATE INDEX feedback_flagged ON feedback(mnvp_id, safety_flagged);
