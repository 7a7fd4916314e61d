"""The ordinary (non-identifying) text of the corpus: places, employers, job content and wording.

Nothing here may contain a name word from benchmarks/names.py (benchmarks/purity.py checks
every string literal of this module and of layouts.py). Words that are also "hard" names
appear only in lower case ("young people", "food banks", "I will"): those are traps for
detectors that redact every capitalised-looking name word.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    """A town with its postcode area, the outward-code numbers used there and a dialling code."""

    name: str
    area: str
    districts: tuple[int, ...]
    dialling_code: str


TOWNS: tuple[Town, ...] = (
    Town("Wolverhampton", "WV", (1, 2, 3, 4, 6, 10, 11, 14), "01902"),
    Town("Walsall", "WS", (1, 2, 3, 4, 5, 8, 9), "01922"),
    Town("Dudley", "DY", (1, 2, 3), "01384"),
    Town("West Bromwich", "B", (70, 71), "0121"),
    Town("Solihull", "B", (90, 91, 92), "0121"),
    Town("Sutton Coldfield", "B", (72, 73, 74, 75, 76), "0121"),
    Town("Halesowen", "B", (62, 63), "0121"),
    Town("Stourbridge", "DY", (7, 8, 9), "01384"),
    Town("Oldbury", "B", (68, 69), "0121"),
    Town("Smethwick", "B", (66, 67), "0121"),
    Town("Tipton", "DY", (4,), "0121"),
    Town("Wednesbury", "WS", (10,), "0121"),
    Town("Bilston", "WV", (14,), "01902"),
    Town("Brierley Hill", "DY", (5,), "01384"),
    Town("Kidderminster", "DY", (10, 11), "01562"),
    Town("Redditch", "B", (97, 98), "01527"),
    Town("Bromsgrove", "B", (60, 61), "01527"),
    Town("Lichfield", "WS", (13, 14), "01543"),
    Town("Tamworth", "B", (77, 78, 79), "01827"),
    Town("Cannock", "WS", (11, 12), "01543"),
    Town("Stafford", "ST", (16, 17, 18), "01785"),
    Town("Telford", "TF", (1, 2, 3, 4, 7), "01952"),
    Town("Shrewsbury", "SY", (1, 2, 3), "01743"),
    Town("Nuneaton", "CV", (10, 11), "024"),
    Town("Coventry", "CV", (1, 2, 3, 4, 5, 6), "024"),
    Town("Leamington Spa", "CV", (31, 32), "01926"),
    Town("Worcester", "WR", (1, 2, 3, 4, 5), "01905"),
    Town("Hereford", "HR", (1, 2, 4), "01432"),
    Town("Burton upon Trent", "DE", (13, 14, 15), "01283"),
    Town("Birmingham", "B", (5, 11, 13, 14, 17, 20, 23, 27, 29, 30, 31, 44), "0121"),
)

STREET_STEMS = (
    "Alder", "Kestrel", "Foxglove", "Bramble", "Larch", "Heron", "Linnet", "Chestnut", "Juniper",
    "Sycamore", "Hawthorn", "Laburnum", "Poplar", "Sorrel", "Thistle", "Quarry", "Tannery",
    "Foundry", "Chapel", "Vicarage", "Station", "Coppice", "Beacon", "Canal", "Sandpit",
    "Lime Kiln", "Cherry Tree", "Nailers", "Glassworks", "Willowbank", "Badger", "Kingfisher",
    "Ashdown", "Elmstead", "Furnace", "Lockside", "Tiverton", "Holloway", "Brookfield", "Beech",
)
STREET_TYPES = (
    "Road", "Street", "Avenue", "Lane", "Close", "Way", "Crescent", "Grove", "Drive", "Croft",
    "Rise", "Mews", "Gardens", "Terrace", "Walk", "Row", "Court", "Place", "View", "Fold",
    "Grange", "Paddock", "Glade", "Meadows", "Gate",
)
FLAT_WORDS = ("Flat", "Apartment")

EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.com", "inbox.example.net", "post.example.org")
REFEREE_EMAIL_SUFFIX = "example.gov.uk"

COUNCILS = (
    "Sandwell Metropolitan Borough Council", "Walsall Council", "City of Wolverhampton Council",
    "Dudley Metropolitan Borough Council", "Birmingham City Council", "Solihull Metropolitan Borough Council",
    "Coventry City Council", "Telford & Wrekin Council", "Shropshire Council", "Staffordshire County Council",
    "Worcestershire County Council", "Warwickshire County Council", "Herefordshire Council",
    "Lichfield District Council", "Redditch Borough Council", "Bromsgrove District Council",
    "Nuneaton and Bedworth Borough Council", "Stafford Borough Council", "Tamworth Borough Council",
    "Wyre Forest District Council", "West Midlands Combined Authority",
)

# Where a council's recruitment team sits, for cover-letter address blocks (fictional).
COUNCIL_OFFICES = (
    ("Civic Centre", "Human Resources"), ("Council House", "People Services"), ("Town Hall", "Recruitment Team"),
    ("Municipal Offices", "HR and Organisational Development"), ("County Buildings", "Resourcing Team"),
)

UK_UNIVERSITIES = (
    "University of Wolverhampton", "Aston University", "Birmingham City University", "University of Birmingham",
    "Coventry University", "Keele University", "Staffordshire University", "University of Worcester",
    "Newman University", "University of Warwick", "Harper Adams University", "De Montfort University",
)
OVERSEAS_UNIVERSITIES = {
    "irish": ("University College Cork", "Trinity College Dublin", "University of Galway"),
    "indian": ("University of Mumbai", "Panjab University", "Anna University"),
    "pakistani": ("University of the Punjab", "Quaid-i-Azam University", "University of Karachi"),
    "bangladeshi": ("University of Dhaka", "Shahjalal University of Science and Technology", "Jahangirnagar University"),
    "chinese": ("Fudan University", "Sun Yat-sen University", "Wuhan University"),
    "vietnamese": ("Vietnam National University, Hanoi", "Hue University", "Can Tho University"),
    "nigerian": ("University of Lagos", "Obafemi Awolowo University", "University of Nigeria, Nsukka"),
    "ghanaian": ("University of Ghana", "Ashesi University", "University of Cape Coast"),
    "somali": ("Amoud University", "Somali National University", "University of Hargeisa"),
    "polish": ("Jagiellonian University", "University of Warsaw", "Poznań University of Technology"),
    "romanian": ("University of Bucharest", "Babeș-Bolyai University", "Alexandru Ioan Cuza University"),
    "arabic": ("Cairo University", "University of Jordan", "American University of Beirut"),
    "caribbean": ("University of the West Indies", "University of Technology, Jamaica", "University of Guyana"),
}
COLLEGES = (
    "Dudley College of Technology", "City of Wolverhampton College", "Walsall College", "Sandwell College",
    "South and City College Birmingham", "Solihull College", "Telford College", "Heart of Worcestershire College",
)


@dataclass(frozen=True)
class JobProfile:
    """One kind of council post: its titles, employers, skills, tools, qualifications and typical sentences."""

    key: str
    posts: tuple[str, ...]            # posts applied for
    ladder: tuple[str, ...]           # earlier job titles, most senior first
    employers: tuple[str, ...]        # non-council employers in this field
    skills: tuple[str, ...]
    software: tuple[str, ...]
    degrees: tuple[str, ...]          # university qualifications
    professional: tuple[tuple[str, str], ...]  # (qualification, awarding body)
    figures: tuple[tuple[str, str], ...]       # (sentence with {figure}, figure phrase)
    duties: tuple[str, ...]           # bullet points for a role
    statement: tuple[str, ...]        # first-person sentences for statements and letters
    criteria: tuple[str, ...]         # person-specification criteria on forms


PROFILES: tuple[JobProfile, ...] = (
    JobProfile(
        "finance",
        ("Principal Accountant", "Finance Business Partner", "Senior Accountant (Capital)"),
        ("Senior Accountant", "Accountant", "Assistant Accountant", "Finance Officer"),
        ("Accord Housing", "Midland Heart", "Black Country Healthcare NHS Foundation Trust", "Mazars LLP"),
        ("budget monitoring", "statement of accounts", "medium-term financial planning", "capital programme monitoring",
         "treasury management", "external audit liaison", "VAT reconciliation", "grant claims"),
        ("Oracle Fusion", "Agresso Business World", "Microsoft Excel (advanced)", "Power Query"),
        ("BSc (Hons) Accounting and Finance", "BA (Hons) Economics", "MSc Finance and Investment"),
        (("CIPFA Professional Accountancy Qualification", "CIPFA"), ("ACCA", "ACCA"), ("CIMA Diploma in Management Accounting", "CIMA"),
         ("AAT Level 4 Diploma in Professional Accounting", "AAT")),
        (("I managed a {figure} across adult social care and public health.", "£2.4m revenue budget"),
         ("I led the closedown of the {figure} to an unqualified audit opinion.", "2023/24 statement of accounts"),
         ("My work on debtor recovery brought in {figure} of aged debt.", "£640,000"),
         ("I produced the monthly forecast for a {figure}.", "£38m capital programme"),
         ("We cut the month-end close from nine working days to {figure}.", "five working days")),
        ("Prepared monthly budget monitoring reports for budget holders.", "Reconciled balance sheet control accounts.",
         "Supported the annual closedown and external audit.", "Trained non-finance managers in forecasting.",
         "Prepared grant claims and returns to government departments."),
        ("I enjoy turning complex financial information into clear advice that budget holders can act on.",
         "I have a long-standing interest in public sector finance and the value it brings to residents.",
         "I will bring sound judgement and a calm approach to year-end deadlines.",
         "When spending pressures rose in the winter months, I worked with service leads to find savings without cutting front-line services.",
         "I am used to frank conversations with senior managers when forecasts show an overspend."),
        ("Experience of producing a statement of accounts", "Knowledge of local government finance",
         "Ability to explain financial information to non-specialists", "Experience of medium-term financial planning"),
    ),
    JobProfile(
        "social_work",
        ("Senior Social Worker (Children's Services)", "Advanced Practitioner", "Social Worker (Adults)"),
        ("Social Worker", "Family Support Worker", "Social Work Assistant", "Residential Care Officer"),
        ("Barnardo's", "Action for Children", "Birmingham Children's Trust", "NSPCC"),
        ("child protection", "Section 47 enquiries", "care planning", "signs of safety", "court statements",
         "multi-agency working", "direct work with children", "supervision of newly qualified social workers"),
        ("Mosaic case management", "LiquidLogic", "Microsoft Teams"),
        ("BA (Hons) Social Work", "MA Social Work", "BSc (Hons) Psychology"),
        (("Social Work England registration", "Social Work England"), ("Practice Educator Professional Standards Stage 2", "University of Wolverhampton"),
         ("Post-qualifying Award in Child Care", "Coventry University")),
        (("I hold a caseload of {figure}, several in pre-proceedings.", "18 families"),
         ("I supervise {figure} in their assessed and supported year.", "three newly qualified social workers"),
         ("Our team completed {figure} on time last year.", "94% of assessments"),
         ("I chaired {figure} for children on child protection plans.", "core group meetings")),
        ("Completed child and family assessments within timescales.", "Prepared reports for court and child protection conferences.",
         "Worked with schools, health and police colleagues.", "Recorded visits and decisions on the case management system.",
         "Supported young people leaving care to plan their next steps."),
        ("I am committed to hearing the voice of the child in every assessment I write.",
         "I have worked with young people, their families and faith groups to build support around a child.",
         "I will use reflective supervision to keep my practice safe and curious.",
         "I hope to use my experience to support colleagues through complex cases.",
         "Working with patience and persistence, I have helped families make long-term changes."),
        ("Social Work England registration", "Experience of child protection work", "Ability to write clear court reports",
         "Experience of multi-agency working"),
    ),
    JobProfile(
        "planning",
        ("Senior Planning Officer", "Principal Planning Officer (Development Management)", "Planning Policy Officer"),
        ("Planning Officer", "Assistant Planning Officer", "Planning Technician", "Enforcement Officer"),
        ("Lichfields", "Savills", "Turley", "Canal & River Trust"),
        ("development management", "Section 106 agreements", "planning appeals", "pre-application advice",
         "heritage impact assessment", "local plan examination", "enforcement investigations", "committee reports"),
        ("Uniform planning system", "ArcGIS Pro", "Idox Document Management", "QGIS"),
        ("BA (Hons) Town and Country Planning", "MSc Spatial Planning", "BSc (Hons) Geography"),
        (("Chartered Member of the RTPI (MRTPI)", "RTPI"), ("Postgraduate Certificate in Urban Design", "Birmingham City University")),
        (("I determine around {figure} a year, most of them major applications.", "140 planning applications"),
         ("I negotiated {figure} in Section 106 contributions for school places.", "£1.2m"),
         ("I defended {figure} at appeal, winning all but one.", "nine refusals"),
         ("I kept {figure} determined within the statutory period.", "92% of major applications")),
        ("Assessed planning applications against local and national policy.", "Wrote delegated and committee reports.",
         "Gave pre-application advice to developers and householders.", "Represented the council at informal hearings.",
         "Carried out site visits and field surveys with conservation colleagues."),
        ("I enjoy balancing the needs of developers, residents and the wider community.",
         "I will bring a practical, solutions-focused approach to complex schemes.",
         "I am used to presenting recommendations to planning committee and answering members' questions.",
         "I have built good working relationships with highways, drainage and heritage consultees.",
         "I hope to help shape places that people are proud to live in."),
        ("Chartered membership of the RTPI or working towards it", "Experience of major planning applications",
         "Knowledge of the National Planning Policy Framework", "Ability to present to planning committee"),
    ),
    JobProfile(
        "housing",
        ("Housing Options Team Leader", "Tenancy Sustainment Officer", "Homelessness Prevention Officer"),
        ("Housing Officer", "Housing Options Officer", "Lettings Officer", "Customer Services Adviser"),
        ("Wolverhampton Homes", "Midland Heart", "Accord Housing", "St Basils", "Shelter"),
        ("homelessness prevention", "Housing Act 1996 Part 7", "personal housing plans", "temporary accommodation",
         "tenancy sustainment", "choice-based lettings", "domestic abuse referrals", "rent arrears recovery"),
        ("Northgate Housing", "Jigsaw homelessness case management", "Abritas"),
        ("BA (Hons) Housing Studies", "BSc (Hons) Social Policy", "FdA Community Studies"),
        (("CIH Level 4 Certificate in Housing", "Chartered Institute of Housing"), ("CIH Level 3 Certificate in Housing Practice", "Chartered Institute of Housing")),
        (("We prevented homelessness for {figure} last year.", "412 households"),
         ("I reduced the use of bed and breakfast by {figure} over two years.", "37%"),
         ("I manage a patch of {figure} across two estates.", "620 tenancies"),
         ("Our arrears recovery work brought in {figure} without a single eviction.", "£185,000")),
        ("Carried out homelessness assessments and wrote personal housing plans.", "Negotiated with landlords to keep tenancies going.",
         "Referred households to food banks and debt advice.", "Managed temporary accommodation placements.",
         "Worked with probation and hospital discharge teams."),
        ("I will always treat people in crisis with dignity and patience.",
         "I have built links with food banks, faith groups and advice agencies across the borough.",
         "I am confident applying homelessness legislation and the code of guidance.",
         "When demand rose sharply in the winter months, I reorganised the duty rota so no one waited more than a day.",
         "I hope to lead a team that gets things right first time for residents."),
        ("Knowledge of homelessness legislation", "Experience of casework with vulnerable people",
         "Ability to lead and motivate a team", "Experience of managing temporary accommodation"),
    ),
    JobProfile(
        "environmental_health",
        ("Environmental Health Officer", "Senior Environmental Health Officer (Food Safety)", "Commercial Team Manager"),
        ("Environmental Health Officer", "Food Safety Officer", "Technical Officer (Pollution)", "Licensing Officer"),
        ("Food Standards Agency", "UK Health Security Agency", "Bureau Veritas"),
        ("food hygiene inspections", "infectious disease investigation", "statutory nuisance", "private sector housing",
         "health and safety at work", "HHSRS assessments", "licensing enforcement", "PACE interviews"),
        ("Uniform regulatory system", "Tascomi", "APP Civica"),
        ("BSc (Hons) Environmental Health", "MSc Environmental Health", "BSc (Hons) Biology"),
        (("EHRB registration", "Environmental Health Registration Board"), ("Higher Certificate in Food Control", "CIEH"),
         ("Level 4 Award in Food Safety", "CIEH")),
        (("I carry out about {figure} a year across all risk categories.", "220 food hygiene inspections"),
         ("I led an outbreak investigation affecting {figure}.", "46 people"),
         ("I brought {figure} to a successful conclusion.", "four prosecutions"),
         ("Our targeted work cut non-compliant premises by {figure}.", "28%")),
        ("Inspected food businesses and rated them under the national scheme.", "Investigated complaints about noise and odour.",
         "Served improvement and prohibition notices.", "Took samples and arranged laboratory analysis.",
         "Carried out field visits to houses in multiple occupation."),
        ("I will bring a firm but fair approach to regulation.",
         "I believe in helping small businesses get it right before moving to enforcement.",
         "I am confident interviewing under caution and preparing prosecution files.",
         "I have worked long hours during outbreaks and kept clear records throughout.",
         "I hope to share my knowledge with newer officers in the team."),
        ("EHRB registration or equivalent", "Experience of food law enforcement", "Knowledge of PACE",
         "Ability to manage a varied caseload"),
    ),
    JobProfile(
        "digital",
        ("ICT Service Desk Manager", "Senior Infrastructure Engineer", "Data Analyst (Business Intelligence)"),
        ("Infrastructure Engineer", "Second Line Support Analyst", "IT Support Technician", "Reporting Analyst"),
        ("Capita", "Sopra Steria", "Dudley Group NHS Foundation Trust", "Agilisys"),
        ("Microsoft 365 administration", "Azure Active Directory", "incident management", "change management",
         "cyber security incident response", "SQL reporting", "dashboard design", "data quality"),
        ("ServiceNow", "Microsoft Intune", "Power BI", "Python", "SQL Server"),
        ("BSc (Hons) Computer Science", "BSc (Hons) Business Information Systems", "MSc Data Science"),
        (("ITIL 4 Foundation", "AXELOS"), ("Microsoft Certified: Azure Administrator Associate", "Microsoft"),
         ("CompTIA Security+", "CompTIA"), ("PRINCE2 Foundation", "AXELOS")),
        (("I lead a service desk that handles around {figure}.", "3,200 calls a month"),
         ("I migrated {figure} to Microsoft 365 with no loss of service.", "2,800 mailboxes"),
         ("First-time fix rose to {figure} after I rewrote our knowledge articles.", "78%"),
         ("My reporting work saved about {figure} of manual effort.", "40 hours a month")),
        ("Managed incidents and problems to agreed service levels.", "Built Power BI dashboards for directors.",
         "Patched and monitored servers and endpoints.", "Wrote knowledge articles for first line staff.",
         "Supported staff moving to hybrid working."),
        ("I will bring a calm, methodical approach to major incidents.",
         "I enjoy explaining technical problems in plain language to colleagues.",
         "I am keen on making services accessible to every resident.",
         "I have a long record of improving processes through automation.",
         "I hope to develop the team's skills in cloud services."),
        ("Experience of ITIL service management", "Knowledge of Microsoft 365", "Ability to lead a technical team",
         "Experience of reporting to senior managers"),
    ),
    JobProfile(
        "revenues",
        ("Revenues Team Leader", "Council Tax Recovery Officer", "Benefits Quality Officer"),
        ("Revenues Officer", "Benefits Assessor", "Recovery Officer", "Customer Services Adviser"),
        ("Capita Revenues and Benefits", "Liberata", "Citizens Advice Dudley and Wyre Forest"),
        ("council tax recovery", "business rates", "council tax reduction", "housing benefit overpayments",
         "discretionary housing payments", "liability orders", "quality checking", "debt advice referrals"),
        ("Civica OpenRevenues", "Northgate Revenues and Benefits", "Academy"),
        ("BA (Hons) Business Management", "FdA Public Services", "BA (Hons) Accounting"),
        (("IRRV Technician (Revenues and Benefits)", "IRRV"), ("IRRV Diploma in Local Taxation", "IRRV"), ("AAT Level 3 Diploma", "AAT")),
        (("In-year council tax collection reached {figure} under my leadership.", "97.3%"),
         ("I reduced the backlog of new claims from six weeks to {figure}.", "eleven days"),
         ("I recovered {figure} of overpaid housing benefit.", "£310,000"),
         ("I supervise a team of {figure}.", "14 revenues officers")),
        ("Processed new claims and changes of circumstance.", "Dealt with recovery of unpaid council tax and business rates.",
         "Checked the accuracy of colleagues' assessments.", "Answered complex queries from residents and landlords.",
         "Prepared cases for the magistrates' court."),
        ("I will treat residents in debt fairly and refer them for advice early.",
         "I have worked with food banks and advice agencies to help people on low incomes.",
         "I understand the legislation and the importance of getting every bill right first time.",
         "I hope to build a team that residents trust.",
         "Collection rose year on year while complaints fell."),
        ("Knowledge of council tax and business rates legislation", "Experience of leading a team",
         "Ability to analyse performance data", "Commitment to fair debt collection"),
    ),
    JobProfile(
        "highways",
        ("Highways Engineer", "Senior Traffic Engineer", "Street Works Coordinator"),
        ("Assistant Highways Engineer", "Highways Technician", "Highway Inspector", "Graduate Engineer"),
        ("Amey", "Kier Group", "Balfour Beatty", "Tarmac", "WSP"),
        ("highway maintenance", "Traffic Management Act 2004", "NRSWA coordination", "road safety schemes",
         "traffic regulation orders", "drainage design", "winter service", "asset management"),
        ("AutoCAD Civil 3D", "Confirm asset management", "Symology", "Keysoft"),
        ("BEng (Hons) Civil Engineering", "HNC Civil Engineering", "MSc Transport Planning"),
        (("Incorporated Engineer (IEng)", "ICE"), ("NRSWA Supervisor", "City & Guilds"), ("Highway Inspector Competency", "LANTRA")),
        (("I delivered a {figure} of resurfacing and footway schemes.", "£6.8m capital programme"),
         ("Casualties at the treated junctions fell by {figure}.", "41%"),
         ("I coordinate about {figure}.", "9,000 street works permits a year"),
         ("I managed the gritting of {figure} during the winter service.", "860 km of priority routes")),
        ("Designed minor improvement and road safety schemes.", "Inspected the highway network and ordered repairs.",
         "Coordinated utility works under the permit scheme.", "Managed contractors and checked their valuations.",
         "Answered enquiries from councillors and residents."),
        ("I enjoy seeing a scheme through from early design to completion on site.",
         "I will bring strong technical skills and a practical approach to site problems.",
         "I am used to working in the field with contractors in all weathers.",
         "I have kept long stretches of the network open during flooding and snow.",
         "I hope to develop into a chartered engineer with the council's support."),
        ("Degree or HNC in civil engineering", "Experience of highway design", "Knowledge of the Traffic Management Act",
         "Ability to manage contractors"),
    ),
    JobProfile(
        "libraries",
        ("Library Services Manager", "Community Library Officer", "Reader Development Librarian"),
        ("Library Assistant", "Senior Library Assistant", "Learning and Engagement Officer", "Archives Assistant"),
        ("Libraries Connected", "The Reading Agency", "Arts Council England", "Birmingham Museums Trust"),
        ("reader development", "stock management", "events programming", "digital inclusion", "volunteer coordination",
         "children's reading activities", "community engagement", "local studies enquiries"),
        ("Spydus library management system", "Microsoft Publisher", "Eventbrite", "Canva"),
        ("BA (Hons) English Literature", "MA Library and Information Studies", "BA (Hons) History"),
        (("Chartered Member of CILIP", "CILIP"), ("Level 3 Award in Education and Training", "City & Guilds")),
        (("The summer reading challenge reached {figure} under my coordination.", "2,700 children"),
         ("I recruited and supported {figure}.", "45 volunteers"),
         ("Visits to our branches rose by {figure} after the refurbishment.", "19%"),
         ("I ran {figure} for adults learning to use the internet.", "weekly digital drop-in sessions")),
        ("Planned and delivered events for children and families.", "Managed stock rotation across three branches.",
         "Supported residents with online forms and job searches.", "Recruited, trained and supported volunteers.",
         "Answered local and family history enquiries."),
        ("I believe a library is one of the few places where everyone is welcome.",
         "I have worked with young people, schools and faith groups to widen our reach.",
         "I will bring energy and new ideas to the programme of events.",
         "I hope to keep our libraries at the heart of the community.",
         "I have a long-standing interest in helping adults improve their literacy."),
        ("Experience of reader development", "Ability to plan events", "Experience of managing volunteers",
         "Commitment to digital inclusion"),
    ),
    JobProfile(
        "hr",
        ("HR Business Partner", "Senior HR Adviser", "Learning and Development Officer"),
        ("HR Adviser", "HR Officer", "HR Assistant", "Payroll Officer"),
        ("West Midlands Employers", "Serco", "Severn Trent", "Birmingham Women's and Children's NHS Foundation Trust"),
        ("employee relations casework", "absence management", "TUPE transfers", "organisational change",
         "job evaluation", "recruitment and selection", "policy development", "employment law"),
        ("iTrent", "Oracle HCM", "SelectHR", "Microsoft Forms"),
        ("BA (Hons) Human Resource Management", "MSc Human Resource Management", "BA (Hons) Business Studies"),
        (("CIPD Level 7 Advanced Diploma", "CIPD"), ("CIPD Level 5 Associate Diploma", "CIPD"), ("Mental Health First Aid", "MHFA England")),
        (("I manage a caseload of around {figure} at any one time.", "30 employee relations cases"),
         ("Sickness absence in my directorates fell by {figure} over two years.", "1.8 days per employee"),
         ("I supported the transfer of {figure} under TUPE.", "210 staff"),
         ("I redesigned recruitment so that time to hire dropped to {figure}.", "29 days")),
        ("Advised managers on disciplinary, grievance and capability cases.", "Supported restructures and consultation.",
         "Wrote and reviewed HR policies.", "Delivered training for managers.", "Analysed workforce data for directors."),
        ("I will give managers clear, practical advice that is fair to staff.",
         "I enjoy building trust with trade union colleagues.",
         "I am committed to fair recruitment and to making our workforce reflect the communities we serve.",
         "I have a long record of resolving cases informally where possible.",
         "I hope to lead the council's work on wellbeing."),
        ("CIPD qualification", "Knowledge of employment law", "Experience of employee relations casework",
         "Ability to influence senior managers"),
    ),
)

POST_REFERENCE_PREFIXES = ("REF", "HR", "JOB", "VAC")

# Headings are sometimes shown in capitals, so they must not hold any hard-group word at all.
CV_HEADINGS = {
    "profile": ("Profile", "Personal Profile", "Professional Summary", "About Me", "Summary"),
    "skills": ("Key Skills", "Core Skills", "Skills", "Areas of Expertise"),
    "software": ("Systems and Software", "IT Skills", "Technical Skills"),
    "experience": ("Employment History", "Career History", "Professional Experience", "Work Experience"),
    "education": ("Education", "Education and Qualifications", "Qualifications", "Education and Training"),
    "achievements": ("Key Achievements", "Selected Achievements", "Highlights"),
    "statement": ("Statement in Support", "Supporting Statement", "Why I am applying"),
    "references": ("References", "Referees"),
    "details": ("Personal Details", "Contact Details", "Contact"),
    "interests": ("Interests", "Outside Work"),
}
INTERESTS = (
    "I volunteer at a community allotment and enjoy walking in the Clent Hills.",
    "Outside work I coach an under-12s football team and enjoy cooking.",
    "I am a keen cyclist and a member of a local running club.",
    "I sing with a community choir and enjoy photography.",
    "I volunteer as a school governor and enjoy reading crime fiction.",
)
REFERENCES_ON_REQUEST = ("References available on request.", "References are available on request.")
DRIVING = ("Full UK driving licence and access to a car for work.", "I hold a full UK driving licence.")
PRESENT = ("present", "Present", "date", "now")

FORM_TITLE = ("Application for Employment", "Job Application Form", "Application Form")
FORM_INSTRUCTIONS = (
    "Please complete all sections. CVs are not accepted on their own.",
    "Please complete every section in full. Information in sections 1 and 6 is removed before shortlisting.",
    "Please type or write clearly in black ink.",
)
FORM_SECTIONS = {
    "personal": ("Section 1 – Personal details", "Part A: About you", "1. Personal information"),
    "employment": ("Section 2 – Employment history", "Part B: Employment history", "2. Employment"),
    "education": ("Section 3 – Education and qualifications", "Part C: Qualifications and training", "3. Education"),
    "statement": ("Section 4 – Supporting statement", "Part D: Supporting information", "4. Supporting statement"),
    "references": ("Section 5 – References", "Part E: Referees", "5. References"),
    "declaration": ("Section 6 – Declaration", "Part F: Declaration", "6. Declaration"),
}
FORM_LABELS = {
    "title": ("Title",),
    "surname": ("Surname", "Last name", "Family name"),
    "forenames": ("Forename(s)", "First name(s)", "Forenames"),
    "preferred": ("Preferred name", "Known as"),
    "address": ("Address", "Home address"),
    "postcode": ("Postcode", "Post code"),
    "telephone": ("Telephone", "Home telephone", "Daytime telephone"),
    "mobile": ("Mobile", "Mobile telephone"),
    "email": ("Email", "Email address", "E-mail"),
    "dob": ("Date of birth", "DOB"),
    "ni": ("National Insurance number", "NI number", "National Insurance No."),
}
EMPLOYMENT_COLUMNS = ("Employer", "Job title", "From", "To", "Main duties")
EDUCATION_COLUMNS = ("Qualification", "Institution", "Year")
STATEMENT_PROMPT = (
    "Please explain how you meet each of the criteria in the person specification.",
    "Using the person specification, tell us about your skills and experience.",
)
REFEREE_INTRO = (
    "Please give two referees, one of whom must be your current or most recent employer.",
    "Referees will not be contacted without your permission.",
)
REFEREE_ROWS = ("Name", "Job title", "Organisation", "Telephone", "Email", "Relationship", "May we contact before interview?")
RELATIONSHIPS = ("Current line manager", "Previous line manager", "Head of service", "Team manager", "Former manager")
REFEREE_POSITIONS = ("Service Manager", "Head of Service", "Team Manager", "Assistant Director", "Principal Officer", "Operations Manager")
DECLARATION = (
    "I confirm that the information I have given is true and complete. I understand that false information may lead to dismissal.",
    "I declare that the details given on this form are correct to the best of my knowledge.",
)
YES_NO = ("Yes", "No")

COVER_OPENINGS = (
    "I am writing to apply for the post of {post} (reference {ref}), as advertised on your website.",
    "Please accept this letter and my CV as my application for the role of {post}, reference {ref}.",
    "I was pleased to see the vacancy for {post} (ref. {ref}) and would like to be considered for it.",
)
COVER_CLOSINGS = (
    "Thank you for considering my application. I would welcome the chance to discuss it with you at interview.",
    "I enclose my CV and look forward to hearing from you.",
    "Thank you for your time. I am available for interview at short notice.",
)
SALUTATIONS_GENERIC = ("Dear Recruiting Manager,", "Dear Sir or Madam,", "Dear Hiring Panel,", "Dear recruitment team,")
SIGNOFFS = ("Yours sincerely,", "Yours faithfully,", "Kind regards,", "With best wishes,", "Many thanks,")
LETTER_RE = ("Re: {post} – {ref}", "Application for {post}", "Ref: {ref}")

# Sentences that mention the candidate by name in the third person (appraisals, summaries).
THIRD_PERSON_SUMMARY = (
    "{first} is an experienced {title} with a strong record in {skill}.",
    "{first} has worked in local government for over {years} years, most recently as {title}.",
)
THIRD_PERSON_QUOTES = (
    "In my last appraisal my manager wrote: \u201c{first}\u2019s reports are the clearest in the directorate.\u201d",
    "A colleague described me in a nomination as \u201cthe person everyone asks\u201d, and {first}\u2019s name is on most of our process guides.",
    "My director\u2019s feedback was that \u201c{first} {last} has transformed how the team works\u201d.",
)
KNOWN_AS = ("Most colleagues know me as {known}.", "I usually go by {known}.")
