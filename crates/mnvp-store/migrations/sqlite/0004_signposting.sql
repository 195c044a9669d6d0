-- The signposting directory (guidance 2.6): local and national support organisations shown to
-- volunteers and to people who give feedback, matched to what they wrote. A row without an MNVP
-- is national and shown to every MNVP; an MNVP's own rows are shown to it first.
CREATE TABLE support_organisations (
    id          INTEGER PRIMARY KEY,
    mnvp_id     INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    topic       TEXT NOT NULL CHECK (topic IN ('crisis','bereavement','perinatal_mental_health','domestic_abuse','neonatal','infant_feeding','general')),
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    phone       TEXT,
    website     TEXT,
    hours       TEXT,
    position    INTEGER NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    checked_on  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX support_organisations_mnvp ON support_organisations(mnvp_id, topic);

-- National organisations every MNVP starts with. Administrators must check these details before
-- going live (checked_on stays empty until someone has).
INSERT INTO support_organisations (mnvp_id, topic, name, description, phone, website, hours, position, created_at, updated_at) VALUES
 (NULL, 'crisis', 'Emergency services', 'If you or your baby are in immediate danger, or someone has been badly hurt, call 999.', '999', NULL, '24 hours, every day', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'crisis', 'NHS 111, mental health option', 'Call 111 and choose the mental health option for urgent help for yourself or someone you care for.', '111', 'https://111.nhs.uk', '24 hours, every day', 2, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'crisis', 'Samaritans', 'Free, confidential support, day or night, for anyone who is struggling to cope.', '116 123', 'https://www.samaritans.org', '24 hours, every day', 3, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'crisis', 'Shout', 'Free, confidential support by text message: text SHOUT to 85258.', NULL, 'https://giveusashout.org', '24 hours, every day', 4, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'bereavement', 'Sands', 'Support for anyone affected by the death of a baby before, during or shortly after birth.', '0808 164 3332', 'https://www.sands.org.uk', NULL, 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'bereavement', 'Tommy''s', 'Information and support after miscarriage, stillbirth or premature birth, from midwives.', NULL, 'https://www.tommys.org', NULL, 2, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'bereavement', 'The Miscarriage Association', 'Support and information for anyone affected by the loss of a pregnancy.', NULL, 'https://www.miscarriageassociation.org.uk', NULL, 3, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'perinatal_mental_health', 'PANDAS Foundation', 'Support for parents and families affected by perinatal mental illness.', NULL, 'https://pandasfoundation.org.uk', NULL, 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'perinatal_mental_health', 'Action on Postpartum Psychosis', 'Information and peer support for women and families affected by postpartum psychosis.', NULL, 'https://www.app-network.org', NULL, 2, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'perinatal_mental_health', 'Birth Trauma Association', 'Support for anyone affected by a difficult or traumatic birth.', NULL, 'https://www.birthtraumaassociation.org.uk', NULL, 3, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'domestic_abuse', 'National Domestic Abuse Helpline', 'Free, confidential support for women experiencing domestic abuse, run by Refuge.', '0808 2000 247', 'https://www.nationaldahelpline.org.uk', '24 hours, every day', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'neonatal', 'Bliss', 'Information and support for families of babies born premature or sick.', NULL, 'https://www.bliss.org.uk', NULL, 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'infant_feeding', 'National Breastfeeding Helpline', 'Independent, confidential support with breastfeeding from trained volunteers.', '0300 100 0212', 'https://www.nationalbreastfeedinghelpline.org.uk', NULL, 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'),
 (NULL, 'general', 'NHS 111', 'Medical help and advice when it is not an emergency.', '111', 'https://111.nhs.uk', '24 hours, every day', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z');
