//! Word lists that steer name detection: titles, roles and relations that introduce a
//! name, words that end a place name, and capitalised words that are not names.
//!
//! The list of non-names matters most for precision: feedback starts sentences with
//! "Parking was…", "Triage took…", names units ("Cedar ward", "the Rosie"), conditions
//! ("Down's syndrome", "Group B strep") and languages ("the Urdu interpreter"). Redacting
//! those would make feedback unreadable for the trust staff who must act on it.

/// Titles written before a name ("Dr Okafor", "Sister Jones").
pub(super) const TITLES: &[&str] = &[
    "dr",
    "doctor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "sister",
    "nurse",
    "midwife",
    "consultant",
    "rev",
    "sir",
    "dame",
    "matron",
    "auntie",
    "aunty",
    "uncle",
];

/// Roles and job titles after which a capitalised word is a name ("midwife Sarah").
pub(super) const ROLES: &[&str] = &[
    "midwife",
    "midwives",
    "nurse",
    "doctor",
    "consultant",
    "hca",
    "assistant",
    "visitor",
    "worker",
    "sonographer",
    "anaesthetist",
    "anesthetist",
    "paediatrician",
    "pediatrician",
    "obstetrician",
    "registrar",
    "porter",
    "receptionist",
    "interpreter",
    "translator",
    "physio",
    "physiotherapist",
    "counsellor",
    "counselor",
    "cleaner",
    "manager",
    "practitioner",
    "student",
    "surgeon",
    "sister",
    "matron",
    "volunteer",
    "chaplain",
    "pharmacist",
    "phlebotomist",
    "housekeeper",
    "lead",
    "champion",
    "advocate",
    "doula",
    "gp",
    "dr",
    "sho",
    "reg",
    "mca",
    "msw",
    "nursery",
    "officer",
    "coordinator",
    "specialist",
    "supervisor",
    "therapist",
    "psychologist",
    "psychiatrist",
    "radiographer",
    "technician",
    "paramedic",
    "healthcare",
    "paramedics",
    "driver",
    "drivers",
    "operator",
    "operators",
    "handler",
    "handlers",
    "crew",
    "dispatcher",
    "ot",
    "cpn",
    "carer",
    "carers",
    "technicians",
    "receptionists",
    "hcas",
];

/// Relations after which a capitalised word is a name ("my husband Tom").
pub(super) const RELATIONS: &[&str] = &[
    "husband",
    "partner",
    "wife",
    "son",
    "daughter",
    "mum",
    "mom",
    "mam",
    "mother",
    "dad",
    "father",
    "sister",
    "brother",
    "baby",
    "boy",
    "girl",
    "friend",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancé",
    "fiancee",
    "nan",
    "nana",
    "nanna",
    "gran",
    "granny",
    "grandma",
    "grandad",
    "grandmother",
    "grandfather",
    "aunt",
    "auntie",
    "aunty",
    "uncle",
    "cousin",
    "niece",
    "nephew",
    "twins",
    "twin",
    "child",
    "stepson",
    "stepdaughter",
    "stepdad",
    "stepmum",
    "law",
    "sibling",
    "toddler",
    "newborn",
    "bump",
    "angel",
    "rainbow",
    "grandson",
    "granddaughter",
];

/// Words that introduce a name directly ("a midwife called Priya", "we named her Amara").
pub(super) const NAMING: &[&str] = &["called", "named", "name", "names", "known", "nicknamed"];

/// Words after which a capitalised word is addressed or thanked ("thanks to Kwame").
pub(super) const THANKING: &[&str] = &[
    "thank", "thanks", "thankyou", "tell", "love", "cheers", "dear", "hi", "hello",
];

/// Words that end a place or unit name: the capitalised words before them are a place.
pub(super) const PLACE_SUFFIXES: &[&str] = &[
    "ward",
    "wards",
    "unit",
    "suite",
    "centre",
    "center",
    "hospital",
    "house",
    "clinic",
    "building",
    "wing",
    "road",
    "street",
    "lane",
    "avenue",
    "surgery",
    "practice",
    "trust",
    "foundation",
    "university",
    "college",
    "school",
    "park",
    "room",
    "rooms",
    "bay",
    "lodge",
    "hall",
    "station",
    "health",
    "maternity",
    "birth",
    "infirmary",
    "nhs",
    "group",
    "cafe",
    "café",
    "library",
    "church",
    "mosque",
    "temple",
    "gurdwara",
    "project",
    "network",
    "village",
    "court",
    "hub",
    "place",
    "square",
    "way",
    "close",
    "drive",
    "syndrome",
    "disease",
    "strep",
    "team",
    "pool",
    "memorial",
    "institute",
    "city",
    "county",
    "council",
    "service",
    "services",
];

/// Particles inside surnames ("van der Merwe", "Al Masri").
pub(super) const PARTICLES: &[&str] = &[
    "van", "von", "der", "de", "da", "di", "du", "le", "la", "al", "el", "bin", "ben", "ibn",
    "mac", "st",
];

/// Capitalised words that are not given names: function words, words that start
/// sentences in feedback, care vocabulary, days, months, languages, nationalities,
/// faiths, places and brands.
pub(super) const NON_NAMES: &str = "
a about above after again against all also although always am amazing an and another any anyone
anything are around as at away awful back bad be because been before being below best better
between both brilliant but by can cannot could dear did do does doing done down during each
either else even ever every everybody everyone everything excellent fab fabulous fantastic few
first for from further get getting gives given go going good great had has have having he her
here hers herself him himself his honestly how however i if in instead into is it its itself
just last later least less lovely many me meanwhile might mine more most much must my myself
neither never next no nobody none nor not nothing now of off often oh ok okay on once one only
or other others otherwise our ours ourselves out over overall own perhaps please plus quite
rather really she should since so some somebody someone something sometimes soon still such
than thank thanks that the their theirs them themselves then there therefore these they this
those though through thus to today together tomorrow too totally truly under unfortunately
unless until up upon us very was we well were what whatever when where whether which while who
whoever whole whom whose why will with within without would yes yesterday yet you your yours
yourself yourselves absolutely actually again also although anyway apart sadly luckily
thankfully hopefully generally despite especially twice once thrice whilst eventually finally
initially obviously basically apparently certainly clearly immediately quickly slowly also
after before during upon no-one x-ray input problem problems time times question questions phone
phones transport ambulance ambulances commentary felt saw got rang called ive you'd you've we've
they've she'd he'd we'd they'd i'd surely sure maybe probably possibly previously recently
currently constantly regularly eventually later earlier tonight nowadays anyway anyhow besides
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter ramadan eid diwali hanukkah
vaisakhi new year valentine valentines halloween bank holiday weekend weekday morning evening
night afternoon
english british welsh scottish irish polish romanian bulgarian lithuanian latvian ukrainian
russian turkish kurdish arabic urdu punjabi bengali bangla gujarati hindi tamil somali tigrinya
amharic portuguese spanish french italian german chinese mandarin cantonese vietnamese tagalog
pashto dari farsi persian albanian hungarian czech slovak african caribbean asian european
indian pakistani bangladeshi nigerian ghanaian zimbabwean kenyan somalian eritrean sudanese
syrian afghan iraqi iranian jamaican muslim christian hindu sikh jewish catholic jehovah
witness witnesses god allah jesus lord
england britain uk wales scotland ireland london norwich norfolk suffolk ipswich cambridge
lowestoft yarmouth kings lynn peterborough birmingham manchester leeds bristol liverpool
sheffield newcastle nottingham leicester lagos accra harare nairobi poland romania nigeria
ghana pakistan india bangladesh somalia turkey syria ukraine europe africa asia america
riverside lind cedar queen st saint mcdonald led
nhs nicu scbu hdu icu itu ctg gp hca mnvp lmns icb cqc pals ae ward wards unit hospital trust
midwife midwives doctor doctors nurse nurses consultant consultants staff team sister matron
student students registrar anaesthetist paediatrician sonographer receptionist porter porters
triage labour delivery birth born postnatal antenatal neonatal maternity community home
baby babies mum mums mother dad dads father partner partners husband wife son daughter parents
family families everyone people person women woman men man lady ladies girl boy twins
parking food car bed beds room rooms toilet toilets shower showers bathroom window ward
waiting wait induction epidural section caesarean c-section pain relief gas air pool
breastfeeding feeding formula bottle skin communication care treatment support service
discharge appointment appointments scan scans clinic clinics check checks visit visits visiting
test tests results letter letters phone call calls email emails number numbers
sepsis strep group b downs down syndrome hellp pre eclampsia jaundice diabetes covid
calpol paracetamol ibuprofen oramorph morphine entonox pethidine syntocinon
overall lots lot loads literally definitely special intensive transitional reflections
walk patch fifteen steps voices partnership survey feedback form
hi hello dear regards kind sincerely best wishes many ps note
mrs mr ms miss dr prof sir madam mx
thank thankyou cheers sorry wow yes no yeah
staffing signage security safeguarding equipment cleanliness privacy dignity respect kindness
information advice continuity consent choice choices options option plan plans
birthing pools water birth theatre recovery bay side room triage assessment day
queue queues traffic bus buses train trains taxi
heart blood pressure sugar sugars urine
would've could've should've i'm i've i'll i'd it's that's there's we're they're you're
didn't don't doesn't wasn't weren't isn't aren't can't couldn't wouldn't shouldn't won't
";
