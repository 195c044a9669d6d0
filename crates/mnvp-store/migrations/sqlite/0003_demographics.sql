-- Who was heard, lawfully (guidance 2.4): optional equality-monitoring answers for a feedback
-- item, kept only with the person's consent and apart from the feedback itself so that they can
-- be withheld, erased or reported on without touching what was said. The home postcode is cut
-- to its district at the door; the LSOA and deprivation decile are derived from reference data.
CREATE TABLE feedback_demographics (
    feedback_id          INTEGER PRIMARY KEY REFERENCES feedback(id) ON DELETE CASCADE,
    ethnic_category      TEXT,
    age_band             TEXT,
    first_language       TEXT,
    interpreter_needed   TEXT,
    disability           TEXT,
    sexual_orientation   TEXT,
    gender_same_as_birth TEXT,
    religion             TEXT,
    experiences          TEXT NOT NULL DEFAULT '',
    postcode_district    TEXT,
    lsoa21               TEXT,
    imd_decile           INTEGER CHECK (imd_decile BETWEEN 1 AND 10),
    consent_version      TEXT NOT NULL,
    consented_at         TEXT NOT NULL
);
CREATE INDEX feedback_demographics_lsoa ON feedback_demographics(lsoa21);

-- Reference data the lead imports (ONS postcode directory, English Indices of Deprivation): where
-- a postcode lies and how deprived that area is. Looked up once, when feedback arrives, so that
-- only the area and decile are kept with the answers, never the postcode.
CREATE TABLE postcode_areas (
    postcode TEXT PRIMARY KEY,   -- upper case without spaces, e.g. 'NR13SR'
    lsoa21   TEXT,
    lsoa11   TEXT
);
CREATE TABLE area_deprivation (
    lsoa       TEXT PRIMARY KEY, -- 2021 LSOA code (IoD2025) or 2011 LSOA code (IoD2019)
    imd_decile INTEGER NOT NULL CHECK (imd_decile BETWEEN 1 AND 10),
    edition    TEXT NOT NULL     -- 'IoD2025' or 'IoD2019'
);
