-- Hearing all voices: the local birthing population, a pre-aggregated tally of who gave
-- feedback, and the Addressing Inequalities annual report.

-- Postcodes roll up to their district (outward code) and areas carry their names, so that
-- births by LSOA can be shown by district and areas can be named on screen.
ALTER TABLE postcode_areas ADD COLUMN district TEXT;
UPDATE postcode_areas SET district = SUBSTR(postcode, 1, LENGTH(postcode) - 3) WHERE district IS NULL;
CREATE INDEX postcode_areas_district ON postcode_areas(district);
CREATE INDEX postcode_areas_lsoa21 ON postcode_areas(lsoa21);
ALTER TABLE area_deprivation ADD COLUMN lsoa_name TEXT;
ALTER TABLE area_deprivation ADD COLUMN local_authority TEXT;

-- Births (and neonatal admissions, losses) in a trust's or MNVP's footprint, by dimension and
-- group, as imported from files in the maternity statistics layout. A re-import of the same
-- organisation, period and dimension replaces its rows.
CREATE TABLE voices_population (
    org_id       INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    dimension    TEXT NOT NULL,
    grp          TEXT NOT NULL,
    count_of     TEXT NOT NULL DEFAULT '',
    value        INTEGER NOT NULL CHECK (value >= 0),
    suppressed   BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (org_id, period_start, period_end, dimension, grp)
);

-- What was imported, when and by whom, for the reference data page.
CREATE TABLE voices_reference_imports (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    detail        TEXT NOT NULL,
    rows_imported INTEGER NOT NULL,
    rows_skipped  INTEGER NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL
);

-- Feedback counted per month, unit, channel, dimension and group, so that the representation
-- report reads thousands of rows instead of millions. New items and answers add themselves to
-- the counts (the triggers below, in step with `tally.rs`); a change or removal marks its month
-- stale instead, and the month is recounted from the items before the next report.
CREATE TABLE voices_tally (
    mnvp_id   INTEGER NOT NULL,
    month     TEXT NOT NULL,
    unit_id   INTEGER NOT NULL,
    channel   TEXT NOT NULL,
    dimension TEXT NOT NULL,
    grp       TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (mnvp_id, month, unit_id, channel, dimension, grp)
);
CREATE TABLE voices_tally_stale (
    mnvp_id INTEGER NOT NULL,
    month   TEXT NOT NULL,
    PRIMARY KEY (mnvp_id, month)
);
INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month)
    SELECT DISTINCT mnvp_id, SUBSTR(received_on, 1, 7) FROM feedback;

-- An item counts in 'all', and as a neonatal or bereaved voice from what it is about; its
-- answers (inserted just after it) add the rest, and the experience the person named when the
-- item itself did not already count so.
CREATE TRIGGER voices_tally_feedback_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'all', 'all', 1 FROM feedback f WHERE f.id = NEW.id
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'neonatal', 'yes', 1 FROM feedback f WHERE f.id = NEW.id AND (COALESCE(f.care_stage, '') = 'neonatal' OR f.channel = 'pag' OR EXISTS (SELECT 1 FROM organisations u WHERE u.id = f.unit_id AND u.unit_type = 'neonatal_unit'))
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'bereavement', 'yes', 1 FROM feedback f WHERE f.id = NEW.id AND COALESCE(f.care_stage, '') = 'bereavement'
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
END;
CREATE TRIGGER voices_tally_demographics_insert AFTER INSERT ON feedback_demographics BEGIN
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'ethnic_category', NEW.ethnic_category, 1 FROM feedback f WHERE f.id = NEW.feedback_id AND NEW.ethnic_category IS NOT NULL
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'age_band', NEW.age_band, 1 FROM feedback f WHERE f.id = NEW.feedback_id AND NEW.age_band IS NOT NULL
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'imd_decile', CAST(NEW.imd_decile AS TEXT), 1 FROM feedback f WHERE f.id = NEW.feedback_id AND NEW.imd_decile IS NOT NULL
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'district', NEW.postcode_district, 1 FROM feedback f WHERE f.id = NEW.feedback_id AND NEW.postcode_district IS NOT NULL
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'ethnic_imd', NEW.ethnic_category || ':' || CAST(NEW.imd_decile AS TEXT), 1 FROM feedback f WHERE f.id = NEW.feedback_id AND NEW.ethnic_category IS NOT NULL AND NEW.imd_decile IS NOT NULL
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'neonatal', 'yes', 1 FROM feedback f WHERE f.id = NEW.feedback_id AND NEW.experiences LIKE '%neonatal%' AND NOT (COALESCE(f.care_stage, '') = 'neonatal' OR f.channel = 'pag' OR EXISTS (SELECT 1 FROM organisations u WHERE u.id = f.unit_id AND u.unit_type = 'neonatal_unit'))
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
    INSERT INTO voices_tally (mnvp_id, month, unit_id, channel, dimension, grp, n)
        SELECT f.mnvp_id, SUBSTR(f.received_on, 1, 7), COALESCE(f.unit_id, 0), f.channel, 'bereavement', 'yes', 1 FROM feedback f WHERE f.id = NEW.feedback_id AND NEW.experiences LIKE '%bereavement%' AND COALESCE(f.care_stage, '') <> 'bereavement'
        ON CONFLICT (mnvp_id, month, unit_id, channel, dimension, grp) DO UPDATE SET n = voices_tally.n + excluded.n;
END;

-- Changes and removals: the month is recounted.
CREATE TRIGGER voices_stale_feedback_delete AFTER DELETE ON feedback BEGIN
    INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month) VALUES (OLD.mnvp_id, SUBSTR(OLD.received_on, 1, 7));
END;
CREATE TRIGGER voices_stale_feedback_update AFTER UPDATE OF mnvp_id, unit_id, channel, care_stage, received_on ON feedback BEGIN
    INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month) VALUES (OLD.mnvp_id, SUBSTR(OLD.received_on, 1, 7));
    INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month) VALUES (NEW.mnvp_id, SUBSTR(NEW.received_on, 1, 7));
END;
CREATE TRIGGER voices_stale_demographics_delete AFTER DELETE ON feedback_demographics BEGIN
    INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month)
        SELECT mnvp_id, SUBSTR(received_on, 1, 7) FROM feedback WHERE id = OLD.feedback_id;
END;
CREATE TRIGGER voices_stale_demographics_update AFTER UPDATE ON feedback_demographics BEGIN
    INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month)
        SELECT mnvp_id, SUBSTR(received_on, 1, 7) FROM feedback WHERE id IN (OLD.feedback_id, NEW.feedback_id);
END;
-- A unit that becomes (or stops being) a neonatal unit changes who counts as a neonatal voice.
CREATE TRIGGER voices_stale_unit_type AFTER UPDATE OF unit_type ON organisations BEGIN
    INSERT OR IGNORE INTO voices_tally_stale (mnvp_id, month)
        SELECT DISTINCT mnvp_id, month FROM voices_tally WHERE unit_id = NEW.id;
END;

-- The Addressing Inequalities annual report (seed 003), one row per line per year; the line
-- 'improved' holds "What has been improved?".
CREATE TABLE voices_annual_reports (
    mnvp_id    INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    line       TEXT NOT NULL,
    answer     TEXT CHECK (answer IN ('yes', 'no', 'working_on_it')),
    notes      TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (mnvp_id, year, line)
);
