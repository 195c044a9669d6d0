-- Outreach (guidance 2.10–2.11): sessions out in the community across the whole patch. Where
-- each was (postcode district and/or a named area) and the type of venue are plain columns so
-- that representation analysis can read geographic coverage directly; who was reached is kept
-- only as aggregate tallies in the demographics vocabulary (no row is about a person).
CREATE TABLE outreach_sessions (
    session_id         INTEGER PRIMARY KEY REFERENCES capture_sessions(id) ON DELETE CASCADE,
    venue_type         TEXT NOT NULL CHECK (venue_type IN ('antenatal_clinic','postnatal_clinic','health_visitor_clinic',
                           'baby_group','community_event','vcse_session','online')),
    venue_name         TEXT,
    postcode_district  TEXT,
    area_name          TEXT,
    people_reached     INTEGER NOT NULL CHECK (people_reached >= 0),
    notes              TEXT
);
CREATE INDEX outreach_sessions_district ON outreach_sessions(postcode_district);

-- Voluntary, community and social enterprise partners and other organisations present.
CREATE TABLE outreach_partners (
    session_id  INTEGER NOT NULL REFERENCES capture_sessions(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    PRIMARY KEY (session_id, name)
);

-- How many of the people reached were in each group: dimension 'ethnic_group' (2021 census
-- headings: asian, black, mixed, white, other, not_stated), 'age_band' (the demographics age
-- bands), 'language' (group 'not_english': first language not English) and 'experience'
-- ('neonatal', 'bereavement'). A group left blank was not counted; 0 means counted, none.
CREATE TABLE outreach_tallies (
    session_id  INTEGER NOT NULL REFERENCES capture_sessions(id) ON DELETE CASCADE,
    dimension   TEXT NOT NULL CHECK (dimension IN ('ethnic_group','age_band','language','experience')),
    group_code  TEXT NOT NULL,
    people      INTEGER NOT NULL CHECK (people >= 0),
    PRIMARY KEY (session_id, dimension, group_code)
);
