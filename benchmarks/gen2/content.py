"""Everything in a gen2 document that is not a person: places, employers, roles, phrases, origin cues.

The name-word rule: no word of any name list occurs in these strings (any case), so a
name word found in the panel output is always a leak. `purity.py` checks it.
"""

from __future__ import annotations

# Towns shared by many candidates (issue 10: the same town in address blocks), with outward codes.
TOWNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Sutton Coldfield", ("B72", "B73", "B74", "B75")),
    ("West Bromwich", ("B70", "B71")),
    ("Hebden Bridge", ("HX7",)),
    ("Newton Abbot", ("TQ12",)),
    ("Market Harborough", ("LE16",)),
    ("Kings Norton", ("B30", "B38")),
)
STREETS = ("Alder Croft", "Mill Lane", "Tannery Row", "Orchard Way", "Kiln Close", "Chapel Walk", "Lock Keepers Lane",
           "Coppice Drive", "Weavers Yard", "Ropewalk Terrace", "Foundry Street", "Sandpiper Rise")
BUILDINGS = ("Riverside Apartments", "Beacon Court", "Canal Wharf House", "Sovereign Heights", "Linden Lodge",
             "Gasworks Mill")

# Employers: a short list so candidates share them (issue 10: the same employer).
EMPLOYERS = ("Northmoor Borough Council", "Calder Valley Housing Trust", "Ashgrove Academy Trust",
             "Midland Lift and Access Ltd", "Severn Community Care", "Tamworth Road Surgery",
             "Brightwater Leisure Services", "Eastgate Logistics Ltd")
UK_SCHOOLS = ("Kingsmead Sixth Form College", "Oakfield Community School", "Open University",
              "University of Central Lancashire", "Aston University", "Keele University")

# The council the applications go to; the recruitment mailbox every emailed letter is sent to.
COUNCIL = "Harrowgate Vale District Council"
MAILBOX = "recruitment@harrowgatevale.example.gov.uk"
MAILBOX_DISPLAY = "HVDC Recruitment"
AGENCY = "Keystone Talent Partners"
GENERIC_AUTHORS = ("user", "HP", "Candidate", "Owner", "Admin", "Windows User")

ROLES: tuple[dict, ...] = (
    {"title": "Housing Options Officer", "post": "HSG/2603/46",
     "skills": ("HHSRS", "homelessness prevention", "Jigsaw case management", "Housing Act 1996 Part 7"),
     "wins": ("cut temporary accommodation placements by 18%", "ran 40 prevention duty cases at a time")},
    {"title": "Environmental Health Officer", "post": "ENV/2602/11",
     "skills": ("food hygiene inspections", "Uniform", "statutory nuisance", "CIEH registration"),
     "wins": ("completed 310 food inspections in a year", "brought 12 premises to a rating of 5")},
    {"title": "Waste Contracts Officer", "post": "WST/2601/08",
     "skills": ("Bartec Collective", "contract monitoring", "NEBOSH General Certificate", "fleet routing"),
     "wins": ("reduced missed collections by 27%", "managed a £4.6m collection contract")},
    {"title": "Finance Business Partner", "post": "FIN/2603/02",
     "skills": ("CIPFA", "Agresso Unit4", "capital programme", "medium term financial plan"),
     "wins": ("closed the accounts two weeks early", "saved £310k on agency spend")},
    {"title": "Revenues Assessor", "post": "REV/2602/19",
     "skills": ("Civica OpenRevenues", "council tax reduction", "single person discount review", "NNDR"),
     "wins": ("cleared a backlog of 2,300 claims", "raised collection to 97.2%")},
    {"title": "Data Analyst", "post": "ICT/2601/30",
     "skills": ("Power BI", "SQL Server", "Python pandas", "GDPR"),
     "wins": ("built a dashboard used by 140 managers", "automated 26 monthly returns")},
    {"title": "Building Control Surveyor", "post": "BCS/2603/05",
     "skills": ("Approved Document B", "RICS", "dangerous structures", "AutoCAD LT"),
     "wins": ("signed off 420 completions", "cut plan checking time to 9 days")},
    {"title": "Senior Social Worker", "post": "ASC/2602/17",
     "skills": ("Liquidlogic LAS", "Mosaic", "Signs of Safety", "Care Act 2014"),
     "wins": ("held a caseload of 24 complex families", "chaired 60 strategy meetings")},
    {"title": "Customer Services Adviser", "post": "CSC/2602/44",
     "skills": ("Lagan CRM", "complaints handling", "first contact resolution", "BSL Level 1"),
     "wins": ("held 94% satisfaction over two years", "trained 11 new starters")},
)
QUALIFICATIONS = ("BSc Environmental Health", "CIH Level 4 Certificate in Housing", "AAT Level 3", "PRINCE2 Foundation",
                  "BA Social Policy", "HNC Construction", "IOSH Managing Safely", "MSc Data Science")
STRENGTHS = ("clear written reports", "partnership working", "budget monitoring", "safeguarding awareness",
             "stakeholder engagement", "risk assessment", "service improvement")

# Origin cues by group (issue 11, Spotlight on Inclusion 6.18). Each: kind, text as written, markers
# (words whose survival in the panel output gives the origin away). Levels: standard removes the
# statement kinds, strict also generalises the rest.
STANDARD_KINDS = frozenset({"place_of_birth", "nationality", "religion", "ethnicity", "moved_from"})
CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "sikh_punjabi": {"birth": ("Ludhiana", "India"), "nationality": ("Indian",), "religion": ("Sikh",),
                     "worship": ("gurdwara",), "languages": ("Punjabi", "Hindi"),
                     "school": ("Guru Nanak Public School, Ludhiana",), "employer": ("Ludhiana Municipal Corporation",)},
    "korean": {"birth": ("Daegu", "South Korea"), "nationality": ("South Korean",), "religion": ("Buddhist",),
               "worship": ("temple",), "languages": ("Korean",), "school": ("Daegu Foreign Language High School",),
               "employer": ("Seoul Metropolitan Government",)},
    "japanese": {"birth": ("Osaka", "Japan"), "nationality": ("Japanese",), "religion": ("Shinto",),
                 "worship": ("shrine",), "languages": ("Japanese",), "school": ("Osaka Prefectural Tennoji High School",),
                 "employer": ("Osaka Prefectural Government",)},
    "chinese": {"birth": ("Chengdu", "China"), "nationality": ("Chinese",), "religion": ("Buddhist",),
                "worship": ("temple",), "languages": ("Mandarin", "Cantonese"),
                "school": ("Chengdu No. 7 High School",), "employer": ("Shenzhen Housing Bureau",)},
    "arabic": {"birth": ("Amman", "Jordan"), "nationality": ("Jordanian",), "religion": ("Muslim",),
               "worship": ("mosque",), "languages": ("Arabic",), "school": ("Amman Baccalaureate School",),
               "employer": ("Dubai Municipality",)},
    "somali": {"birth": ("Hargeisa", "Somaliland"), "nationality": ("Somali",), "religion": ("Muslim",),
               "worship": ("mosque",), "languages": ("Somali",), "school": ("Sheikh Secondary School",),
               "employer": ("Hargeisa Water Agency",)},
    "eritrean_ethiopian": {"birth": ("Asmara", "Eritrea"), "nationality": ("Eritrean",), "religion": ("Orthodox Christian",),
                           "worship": ("Tewahedo",), "languages": ("Tigrinya", "Amharic"),
                           "school": ("Asmara Comprehensive Secondary School",), "employer": ("Addis Ababa City Administration",)},
    "welsh": {"birth": ("Bangor",), "nationality": ("Welsh",), "religion": ("Methodist",), "worship": ("chapel",),
              "languages": ("Cymraeg",), "school": ("Ysgol Friars",), "employer": ("Cyngor Gwynedd",)},
    "scottish_gaelic": {"birth": ("Stornoway",), "nationality": ("Scottish",), "religion": ("Free Church",),
                        "worship": ("Free Church",), "languages": ("Gàidhlig", "Gaelic"),
                        "school": ("Sgoil Lionacleit",), "employer": ("Comhairle nan Eilean Siar",)},
    "jewish": {"birth": ("Haifa", "Israel"), "nationality": ("Israeli",), "religion": ("Jewish",),
               "worship": ("synagogue",), "languages": ("Hebrew", "Yiddish"), "school": ("Hebrew Reali School",),
               "employer": ("Tel Aviv-Yafo Municipality",)},
    "caribbean": {"birth": ("Montego Bay", "Jamaica"), "nationality": ("Jamaican",), "religion": ("Pentecostal",),
                  "worship": ("Pentecostal",), "languages": ("Patois",), "school": ("Cornwall College, Montego Bay",),
                  "employer": ("National Water Commission, Kingston",)},
    "roma_traveller": {"birth": ("Cluj-Napoca", "Romania"), "nationality": ("Romanian",), "religion": ("Pentecostal",),
                       "worship": ("Pentecostal",), "languages": ("Romani", "Romanian"),
                       "school": ("Liceul Teoretic Avram Iancu",), "employer": ("Primăria Cluj-Napoca",)},
    "word_names": {"birth": ("Gloucester",), "nationality": ("British",), "religion": ("Anglican",),
                   "worship": ("parish",), "languages": ("French",), "school": ("Lycée Saint-Exupéry",),
                   "employer": ("Mairie de Lyon",)},
    "white_british": {"birth": ("Doncaster",), "nationality": ("British",), "religion": ("Church of England",),
                      "worship": ("parish",), "languages": ("Spanish",), "school": ("Colegio Británico de Valencia",),
                      "employer": ("Ayuntamiento de Valencia",)},
    "polish": {"birth": ("Kraków", "Poland"), "nationality": ("Polish",), "religion": ("Roman Catholic",),
               "worship": ("Polish Catholic Mission",), "languages": ("Polish",), "school": ("Liceum Ogólnokształcące nr V",),
               "employer": ("Urząd Miasta Krakowa",)},
    "west_african": {"birth": ("Lagos", "Nigeria"), "nationality": ("Nigerian",), "religion": ("Christian",),
                     "worship": ("Redeemed Christian Church of God",), "languages": ("Yoruba", "Igbo"),
                     "school": ("King's College, Lagos",), "employer": ("Lagos State Housing Corporation",)},
}
# Born in the UK: no "moved to the UK from" sentence. Regional: no school or employer abroad.
UK_BORN = frozenset({"welsh", "scottish_gaelic", "white_british", "word_names"})
REGIONAL = frozenset({"welsh", "scottish_gaelic"})
PLACE_OF_WORSHIP_WORDS = {"gurdwara": "gurdwara", "temple": "temple", "shrine": "shrine", "mosque": "mosque",
                          "synagogue": "synagogue", "chapel": "chapel", "parish": "parish church"}
EMAIL_DOMAINS_ORG = ("example.org", "example.net", "example.com")
