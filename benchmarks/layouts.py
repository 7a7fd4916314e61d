"""Application layouts: a candidate becomes a CV, a council form or a cover letter.

Each layout returns the document and a Ledger of what it actually shows: the identifiers
(in the exact written form) and the job-relevant keep phrases. Every string literal here is
ordinary text and is checked by purity.py for name words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from benchmarks import phrasebook as pb
from benchmarks.docmodel import Application, Columns, Item, Para, Run, Table, TextBox, para
from benchmarks.identity import (
    DOB_STYLES, NI_STYLES, PHONE_STYLES, POSTCODE_STYLES, TODAY, Candidate, Qualification, Referee,
    domain_for, format_dob, format_month_year, format_ni, format_phone, format_postcode, make_other_name,
)
from benchmarks.matching import MONTHS, fold
from benchmarks.names import all_name_words, name_words

LAYOUTS = ("cv_plain", "cv_header", "cv_sidebar", "form", "cover")
CATEGORIES = ("emails", "phones", "postcodes", "street_lines", "dob", "ni_numbers", "urls", "referee_name_tokens")
SEPARATORS = (" | ", "  •  ", " · ", ", ")


@dataclass
class Ledger:
    """What one document shows: identifiers as written, name words, keep phrases, traps used."""

    name_tokens: list[str] = field(default_factory=list)
    full_names: list[str] = field(default_factory=list)
    identifiers: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    keep: list[str] = field(default_factory=list)
    features: set[str] = field(default_factory=set)

    def show(self, category: str, value: str) -> str:
        """Record that an identifier is shown; returns it for inline use."""
        if value not in self.identifiers[category]:
            self.identifiers[category].append(value)
        return value

    def names(self, text: str, words: list[str]) -> str:
        """Record the name words a rendering of the name shows; returns the rendering."""
        for word in words:
            if word not in self.name_tokens:
                self.name_tokens.append(word)
        return text

    def kept(self, phrase: str) -> str:
        """Record a job-relevant phrase the panel should still see; returns it."""
        if phrase not in self.keep:
            self.keep.append(phrase)
        return phrase


@dataclass(frozen=True)
class Styles:
    """How one document writes identifiers and names (chosen per document)."""

    phone: str
    postcode: str
    ni: str
    dob: str
    separator: str
    caps_headings: bool
    present: str

    @staticmethod
    def pick(rng: random.Random) -> "Styles":
        """Random styles for one document."""
        return Styles(rng.choice(PHONE_STYLES), rng.choice(POSTCODE_STYLES), rng.choice(NI_STYLES), rng.choice(DOB_STYLES),
                      rng.choice(SEPARATORS), rng.random() < 0.3, rng.choice(pb.PRESENT))


# ---- Names ----------------------------------------------------------------------------------

def render_name(c: Candidate, ledger: Ledger, variant: str) -> str:
    """The candidate's name written one way, recording the name words it shows."""
    n = c.name
    given_all = " ".join(n.given)
    first_words = list(name_words(n.first))
    surname_words = list(name_words(n.surname))
    forms = {
        "full": (n.full, first_words + surname_words),
        "full_middle": (f"{given_all} {n.surname}", [w for g in n.given for w in name_words(g)] + surname_words),
        "caps": (n.full.upper(), first_words + surname_words),
        "caps_surname": (f"{n.first} {n.surname.upper()}", first_words + surname_words),
        "surname_first": (f"{n.surname.upper()}, {n.first}", surname_words + first_words),
        "initial": (f"{n.first[0]}. {n.surname}", surname_words),
        "title_initial": (f"{n.title} {n.first[0]} {n.surname}", surname_words),
        "title_full": (f"{n.title} {n.full}", first_words + surname_words),
        "first": (n.first, first_words),
        "possessive": (f"{n.first}\u2019s", first_words),
    }
    text, words = forms[variant]
    # The whole name as it reads, for the full-name check (matched case-insensitively).
    shown_whole = {"full": n.full, "caps": n.full, "caps_surname": n.full, "title_full": n.full,
                   "full_middle": f"{given_all} {n.surname}", "surname_first": f"{n.surname}, {n.first}"}.get(variant)
    if shown_whole and shown_whole not in ledger.full_names:
        ledger.full_names.append(shown_whole)
    if variant in ("caps", "caps_surname", "surname_first"):
        ledger.features.add("caps_name")
    return ledger.names(text, words)


def known_as_sentence(c: Candidate, ledger: Ledger, rng: random.Random) -> str:
    """A sentence giving the name the candidate goes by."""
    ledger.features.add("known_as")
    ledger.names(c.name.known_as, list(name_words(c.name.known_as)))
    return rng.choice(pb.KNOWN_AS).format(known=c.name.known_as)


def title_para(c: Candidate, ledger: Ledger, rng: random.Random) -> Para:
    """The big name line at the top of a CV, sometimes split into two runs (bold first name)."""
    variant = rng.choice(("full", "full", "caps", "full_middle", "caps_surname"))
    text = render_name(c, ledger, variant)
    if variant == "full" and rng.random() < 0.4:
        ledger.features.add("split_runs")
        first, _, rest = text.partition(" ")
        return Para((Run(first, bold=True), Run(" "), Run(rest)), "title")
    return para(text, "title")


# ---- Identifiers ----------------------------------------------------------------------------

def phone_text(digits: str, st: Styles, ledger: Ledger) -> str:
    """A phone number written in the document's style."""
    return ledger.show("phones", format_phone(digits, st.phone))


def address_lines(c: Candidate, st: Styles, ledger: Ledger) -> list[str]:
    """Street line, town and postcode as separate lines."""
    return [ledger.show("street_lines", c.street_line), c.town.name,
            ledger.show("postcodes", format_postcode(c.postcode, st.postcode))]


def address_inline(c: Candidate, st: Styles, ledger: Ledger) -> str:
    """The address on one line."""
    street, town, postcode = address_lines(c, st, ledger)
    return f"{street}, {town} {postcode}"


def contact_runs(c: Candidate, st: Styles, ledger: Ledger, rng: random.Random, labelled: bool = True) -> list[tuple[str, str, str]]:
    """(kind, text, link) triples for contact details: address, phones, email, profile links."""
    parts: list[tuple[str, str, str]] = [("Address", address_inline(c, st, ledger), "")]
    mobile_label = rng.choice(("", "Mobile: ", "Tel: ", "M: ")) if labelled else ""
    parts.append(("Mobile", mobile_label + phone_text(c.mobile, st, ledger), ""))
    if c.landline and rng.random() < 0.5:
        home_label = rng.choice(("Home: ", "Tel: ", "")) if labelled else ""
        parts.append(("Telephone", home_label + phone_text(c.landline, st, ledger), ""))
    email = ledger.show("emails", c.email)
    parts.append(("Email", email, f"mailto:{email}" if rng.random() < 0.5 else ""))
    for url in c.urls:
        ledger.show("urls", url)
        if rng.random() < 0.3:
            # Only the link target carries the URL; the reader sees a label.
            ledger.features.add("url_in_link_only")
            parts.append(("Web", "LinkedIn profile" if "linkedin" in url else "Code portfolio", _absolute(url)))
        else:
            parts.append(("Web", url, _absolute(url) if rng.random() < 0.5 else ""))
    return parts


def _absolute(url: str) -> str:
    """A URL with a scheme, as a hyperlink target needs."""
    return url if url.startswith("http") else f"https://{url}"


def contact_paragraph(parts: list[tuple[str, str, str]], st: Styles, style: str = "body") -> Para:
    """Contact parts on one line, joined by the document's separator."""
    runs: list[Run] = []
    for i, (_, text, link) in enumerate(parts):
        if i:
            runs.append(Run(st.separator))
        runs.append(Run(text, link=link))
    return Para(tuple(runs), style)


def contact_lines(parts: list[tuple[str, str, str]], style: str = "body") -> list[Para]:
    """Contact parts one per line."""
    return [Para((Run(text, link=link),), style) for _, text, link in parts]


def referee_names(ref: Referee, ledger: Ledger) -> str:
    """A referee's name, recording its words."""
    for word in ref.name.split():
        if word not in ledger.identifiers["referee_name_tokens"]:
            ledger.identifiers["referee_name_tokens"].append(word)
    return ref.name


# ---- Job content ----------------------------------------------------------------------------

def heading(text: str, st: Styles) -> Para:
    """A section heading, in capitals when the document's style says so."""
    return para(text.upper() if st.caps_headings else text, "heading")


def employment_items(c: Candidate, st: Styles, ledger: Ledger, rng: random.Random) -> list[Item]:
    """Career history as CV paragraphs: title and employer, dates, duty bullets."""
    items: list[Item] = []
    order = rng.choice(("title_first", "employer_first", "two_lines"))
    for job in c.jobs:
        title, employer = ledger.kept(job.title), ledger.kept(job.employer)
        dates = f"{format_month_year(job.start, st.present)} – {format_month_year(job.end, st.present)}"
        if order == "title_first":
            items.append(para(f"{title} – {employer}", "subheading"))
            items.append(para(dates, "small"))
        elif order == "employer_first":
            items.append(para(f"{employer}, {dates}", "subheading"))
            items.append(para(title, "small", bold=True))
        else:
            items.append(para(title, "subheading"))
            items.append(para(f"{employer} | {dates}", "small"))
        items.extend(para(d, "bullet") for d in job.duties)
    return items


def qualification_line(q: Qualification, ledger: Ledger, rng: random.Random) -> str:
    """A qualification with its institution and year, recording what the panel needs."""
    if q.professional:
        return f"{ledger.kept(f'{q.title} ({q.year})')}, {q.institution}"
    title = ledger.kept(q.title)
    return rng.choice((f"{title}, {q.institution}, {q.year}", f"{q.year}: {title} – {q.institution}"))


def figure_sentences(c: Candidate, ledger: Ledger) -> list[str]:
    """Achievement sentences with their figures recorded as keep phrases."""
    return [sentence.format(figure=ledger.kept(figure)) for sentence, figure in c.figures]


def skills_items(c: Candidate, ledger: Ledger, rng: random.Random) -> list[Item]:
    """Skills as bullets or a comma list."""
    skills = [ledger.kept(s) for s in c.skills]
    if rng.random() < 0.6:
        return [para(s[0].upper() + s[1:], "bullet") for s in skills]
    return [para(", ".join(skills) + ".")]


def software_item(c: Candidate, ledger: Ledger) -> Para:
    """Systems and software on one line."""
    return para(", ".join(ledger.kept(s) for s in c.software))


def profile_sentences(c: Candidate, ledger: Ledger, rng: random.Random, third_person: bool) -> list[str]:
    """The opening summary of a CV, in the first or third person."""
    title = ledger.kept(c.jobs[0].title)
    skill = ledger.kept(c.skills[0])
    if third_person:
        ledger.features.add("third_person")
        first = render_name(c, ledger, "first")
        sentence = rng.choice(pb.THIRD_PERSON_SUMMARY).format(first=first, title=title, skill=skill, years=c.years_experience)
        return [sentence, f"Now looking for a post as {ledger.kept(c.post)}."]
    opener = rng.choice((
        "I am an experienced {title} with {years} years in the public sector and a strong record in {skill}.",
        "Experienced {title} with a strong record in {skill}, looking for a new challenge as {post}.",
        "A committed {title} with {years} years of experience, including {skill}.",
    ))
    post = ledger.kept(c.post) if "{post}" in opener else c.post
    return [opener.format(title=title, years=c.years_experience, skill=skill, post=post)]


def referee_block(ref: Referee, st: Styles, ledger: Ledger) -> list[str]:
    """A referee as CV lines."""
    return [referee_names(ref, ledger), f"{ref.position}, {ref.organisation}",
            ledger.show("emails", ref.email), phone_text(ref.phone, st, ledger)]


def references_items(c: Candidate, st: Styles, ledger: Ledger, rng: random.Random) -> list[Item]:
    """Referees in full, or 'available on request'."""
    items: list[Item] = [heading(rng.choice(pb.CV_HEADINGS["references"]), st)]
    if rng.random() < 0.45:
        ledger.features.add("refs_on_request")
        items.append(para(rng.choice(pb.REFERENCES_ON_REQUEST)))
        return items
    ledger.features.add("referees_listed")
    if rng.random() < 0.5:
        rows = tuple(zip(referee_block(c.referees[0], st, ledger), referee_block(c.referees[1], st, ledger)))
        items.append(Table(rows, borders=False))
    else:
        for ref in c.referees:
            items.extend(para(line) for line in referee_block(ref, st, ledger))
    return items


def personal_details_items(c: Candidate, st: Styles, ledger: Ledger, rng: random.Random) -> list[Item]:
    """The personal details some CVs still include: date of birth, NI number, licence."""
    lines = []
    if rng.random() < 0.35:
        ledger.show("dob", c.dob.isoformat())
        lines.append(f"Date of birth: {format_dob(c.dob, st.dob)}")
    if rng.random() < 0.15:
        lines.append(f"National Insurance number: {ledger.show('ni_numbers', format_ni(c.ni_number, st.ni))}")
    if rng.random() < 0.5:
        lines.append(rng.choice(pb.DRIVING))
    if not lines:
        return []
    return [heading(rng.choice(pb.CV_HEADINGS["details"]), st)] + [para(line) for line in lines]


def statement_paragraphs(c: Candidate, ledger: Ledger, rng: random.Random) -> list[str]:
    """A short supporting statement, sometimes quoting someone about the candidate by name."""
    paragraphs = [f"I would like to apply for the post of {ledger.kept(c.post)}. " + " ".join(c.statement[:2])]
    paragraphs.append(" ".join(figure_sentences(c, ledger)))
    if c.statement[2:]:
        paragraphs.append(" ".join(c.statement[2:]))
    if rng.random() < 0.3:
        ledger.features.add("possessive")
        quote = rng.choice(pb.THIRD_PERSON_QUOTES)
        first = render_name(c, ledger, "first")
        if "{last}" in quote:
            render_name(c, ledger, "full")
        paragraphs.append(quote.format(first=first, last=c.name.surname))
    if c.name.known_as and rng.random() < 0.7:
        paragraphs.append(known_as_sentence(c, ledger, rng))
    return paragraphs


def cv_sections(c: Candidate, st: Styles, ledger: Ledger, rng: random.Random, third_person: bool) -> list[Item]:
    """The body sections shared by every CV layout."""
    h = pb.CV_HEADINGS
    items: list[Item] = [heading(rng.choice(h["profile"]), st)]
    items.extend(para(s) for s in profile_sentences(c, ledger, rng, third_person))
    items.append(heading(rng.choice(h["skills"]), st))
    items.extend(skills_items(c, ledger, rng))
    items.append(heading(rng.choice(h["software"]), st))
    items.append(software_item(c, ledger))
    items.append(heading(rng.choice(h["achievements"]), st))
    items.extend(para(s, "bullet") for s in figure_sentences(c, ledger))
    items.append(heading(rng.choice(h["experience"]), st))
    items.extend(employment_items(c, st, ledger, rng))
    items.append(heading(rng.choice(h["education"]), st))
    items.extend(para(qualification_line(q, ledger, rng), "bullet") for q in c.qualifications)
    if rng.random() < 0.4:
        ledger.features.add("statement_in_cv")
        items.append(heading(rng.choice(h["statement"]), st))
        items.extend(para(p) for p in statement_paragraphs(c, ledger, rng))
    elif c.name.known_as and rng.random() < 0.5:
        items.append(para(known_as_sentence(c, ledger, rng)))
    items.extend(personal_details_items(c, st, ledger, rng))
    if rng.random() < 0.3:
        items.append(heading(rng.choice(h["interests"]), st))
        items.append(para(rng.choice(pb.INTERESTS)))
    items.extend(references_items(c, st, ledger, rng))
    return items


def properties(c: Candidate, ledger: Ledger, rng: random.Random, kind: str) -> dict[str, str]:
    """Document properties: the author is often the candidate, sometimes a generic account."""
    props = {}
    roll = rng.random()
    if roll < 0.35:
        ledger.features.add("meta_author")
        props["author"] = render_name(c, ledger, "full")
    elif roll < 0.55:
        props["author"] = rng.choice(("User", "Windows User", "Microsoft Office User", "Owner", "user", "HP",
                                      "Candidate", "Admin"))
    if rng.random() < 0.15:
        ledger.features.add("meta_title")
        props["title"] = f"{kind} - {render_name(c, ledger, 'full')}"
    return props


def footer_items(c: Candidate, ledger: Ledger, rng: random.Random, kind: str) -> tuple[Item, ...]:
    """A page footer that sometimes repeats the name or email."""
    roll = rng.random()
    if roll < 0.25:
        ledger.features.add("name_in_footer")
        return (para(f"{kind} – {render_name(c, ledger, 'full')}", "small"),)
    if roll < 0.35:
        ledger.features.add("email_in_footer")
        return (para(ledger.show("emails", c.email), "small"),)
    return ()


# ---- Layouts --------------------------------------------------------------------------------

def cv_plain(c: Candidate, rng: random.Random) -> tuple[Application, Ledger]:
    """A plain CV: the name as the first line, contact details under it."""
    ledger, st = Ledger(), Styles.pick(rng)
    body: list[Item] = [title_para(c, ledger, rng)]
    if rng.random() < 0.4:
        body.append(para(ledger.kept(c.jobs[0].title), "subtitle"))
    parts = contact_runs(c, st, ledger, rng)
    body.extend([contact_paragraph(parts, st)] if rng.random() < 0.5 else contact_lines(parts))
    body.extend(cv_sections(c, st, ledger, rng, third_person=rng.random() < 0.3))
    return Application(tuple(body), footer=footer_items(c, ledger, rng, "Curriculum vitae"),
                       properties=properties(c, ledger, rng, "CV")), ledger


def cv_header(c: Candidate, rng: random.Random) -> tuple[Application, Ledger]:
    """A CV whose name sits in the page header and contact details in a text box or table."""
    ledger, st = Ledger(), Styles.pick(rng)
    ledger.features.add("name_in_header")
    name = render_name(c, ledger, rng.choice(("full", "caps", "full_middle")))
    where = rng.choice(("header_table", "textbox", "details_table"))
    parts = contact_runs(c, st, ledger, rng, labelled=where != "details_table")
    header: list[Item]
    body: list[Item] = []
    ledger.features.add(f"contact_{where}")
    if where == "header_table":
        header = [Table(((name, "\n".join(text for _, text, _ in parts)),), borders=False, widths=(0.45, 0.55))]
    else:
        header = [para(name, "title"), para(ledger.kept(c.jobs[0].title), "subtitle")]
        if where == "textbox":
            body.append(TextBox(tuple(contact_lines(parts, "small"))))
        else:
            rows = tuple((kind, text) for kind, text, _ in parts)
            body.append(Table(rows, label_column=True, widths=(0.25, 0.75)))
    body.extend(cv_sections(c, st, ledger, rng, third_person=rng.random() < 0.3))
    return Application(tuple(body), header=tuple(header), footer=footer_items(c, ledger, rng, "CV"),
                       properties=properties(c, ledger, rng, "CV")), ledger


def cv_sidebar(c: Candidate, rng: random.Random) -> tuple[Application, Ledger]:
    """A two-column CV: name, contact and skills in a side column, career in the main column."""
    ledger, st = Ledger(), Styles.pick(rng)
    ledger.features.add("two_columns")
    side: list[Item] = [title_para(c, ledger, rng)]
    side.append(heading(rng.choice(pb.CV_HEADINGS["details"]), st))
    side.extend(contact_lines(contact_runs(c, st, ledger, rng), "small"))
    side.append(heading(rng.choice(pb.CV_HEADINGS["skills"]), st))
    side.extend(para(ledger.kept(s), "small") for s in c.skills)
    side.append(heading(rng.choice(pb.CV_HEADINGS["software"]), st))
    side.extend(para(ledger.kept(s), "small") for s in c.software)
    main: list[Item] = [heading(rng.choice(pb.CV_HEADINGS["profile"]), st)]
    main.extend(para(s) for s in profile_sentences(c, ledger, rng, third_person=rng.random() < 0.35))
    main.extend(para(s, "bullet") for s in figure_sentences(c, ledger))
    main.append(heading(rng.choice(pb.CV_HEADINGS["experience"]), st))
    main.extend(employment_items(c, st, ledger, rng))
    main.append(heading(rng.choice(pb.CV_HEADINGS["education"]), st))
    main.extend(para(qualification_line(q, ledger, rng), "bullet") for q in c.qualifications)
    main.extend(personal_details_items(c, st, ledger, rng))
    main.extend(references_items(c, st, ledger, rng))
    return Application((Columns(tuple(side), tuple(main)),), footer=footer_items(c, ledger, rng, "CV"),
                       properties=properties(c, ledger, rng, "CV")), ledger


def _form_date(when, present: str) -> str:
    """An employment date on a form: MM/YYYY."""
    return present if when is None else f"{when.month:02d}/{when.year}"


def form(c: Candidate, rng: random.Random) -> tuple[Application, Ledger]:
    """A council application form: personal details table, history tables, statement, referees."""
    ledger, st = Ledger(), Styles.pick(rng)
    ledger.features.add("form_tables")
    sections = {k: rng.choice(v) for k, v in pb.FORM_SECTIONS.items()}
    label = {k: rng.choice(v) for k, v in pb.FORM_LABELS.items()}
    n = c.name
    surname = n.surname.upper() if rng.random() < 0.5 else n.surname
    if surname != n.surname:
        ledger.features.add("caps_name")
    ledger.names(surname, list(name_words(n.surname)))
    forenames = " ".join(n.given)
    ledger.names(forenames, [w for g in n.given for w in name_words(g)])
    street, town, postcode = address_lines(c, st, ledger)
    details: list[tuple[str, str]] = [
        (label["title"], n.title), (label["surname"], surname), (label["forenames"], forenames),
    ]
    if n.known_as:
        details.append((label["preferred"], known_as_name(c, ledger)))
    details += [(label["address"], f"{street}\n{town}" if rng.random() < 0.5 else f"{street}, {town}"),
                (label["postcode"], postcode)]
    if c.landline:
        details.append((label["telephone"], phone_text(c.landline, st, ledger)))
        details.append((label["mobile"], phone_text(c.mobile, st, ledger)))
    else:
        details.append((label["telephone"], phone_text(c.mobile, st, ledger)))
    details.append((label["email"], ledger.show("emails", c.email)))
    ledger.show("dob", c.dob.isoformat())
    details.append((label["dob"], format_dob(c.dob, st.dob)))
    if rng.random() < 0.7:
        details.append((label["ni"], ledger.show("ni_numbers", format_ni(c.ni_number, st.ni))))
    if rng.random() < 0.5 and len(details) % 2 == 0:
        ledger.features.add("four_column_details")
        rows = tuple(details[i] + details[i + 1] for i in range(0, len(details), 2))
        details_table = Table(rows, label_column=True, widths=(0.18, 0.32, 0.18, 0.32))
    else:
        details_table = Table(tuple(details), label_column=True, widths=(0.35, 0.65))

    council = c.applying_to
    body: list[Item] = [
        para(rng.choice(pb.FORM_TITLE), "title"),
        para(f"Post applied for: {ledger.kept(c.post)}    Reference: {c.post_ref}"),
        para(rng.choice(pb.FORM_INSTRUCTIONS), "small"),
        heading(sections["personal"], st),
        details_table,
        heading(sections["employment"], st),
    ]
    jobs = tuple((ledger.kept(j.employer), ledger.kept(j.title), _form_date(j.start, st.present),
                  _form_date(j.end, st.present), " ".join(j.duties)) for j in c.jobs)
    body.append(Table((pb.EMPLOYMENT_COLUMNS,) + jobs, header=True, widths=(0.22, 0.2, 0.12, 0.12, 0.34)))
    body.append(heading(sections["education"], st))
    quals = []
    for q in c.qualifications:
        title = ledger.kept(q.title)
        quals.append((title, q.institution, str(q.year)))
    body.append(Table((pb.EDUCATION_COLUMNS,) + tuple(quals), header=True, widths=(0.45, 0.4, 0.15)))
    body.append(heading(sections["statement"], st))
    body.append(para(rng.choice(pb.STATEMENT_PROMPT), "small"))
    criteria = list(c.profile.criteria)
    statement = statement_paragraphs(c, ledger, rng)
    for i, text in enumerate(statement):
        if i < len(criteria) and rng.random() < 0.6:
            body.append(para(criteria[i], bold=True))
        body.append(para(text))
    skills = ", ".join(ledger.kept(s) for s in c.skills[:4] + c.software[:2])
    body.append(para(f"Skills and systems: {skills}."))
    body.append(heading(sections["references"], st))
    body.append(para(rng.choice(pb.REFEREE_INTRO), "small"))
    ref_rows = [("", "Referee 1", "Referee 2")]
    for row_label in pb.REFEREE_ROWS:
        values = []
        for ref in c.referees:
            values.append({
                "Name": referee_names(ref, ledger), "Job title": ref.position, "Organisation": ref.organisation,
                "Telephone": phone_text(ref.phone, st, ledger), "Email": ledger.show("emails", ref.email),
                "Relationship": ref.relationship, "May we contact before interview?": rng.choice(pb.YES_NO),
            }[row_label])
        ref_rows.append((row_label, *values))
    body.append(Table(tuple(ref_rows), header=True, label_column=True, widths=(0.3, 0.35, 0.35)))
    body.append(heading(sections["declaration"], st))
    body.append(para(rng.choice(pb.DECLARATION)))
    signed = render_name(c, ledger, rng.choice(("full", "title_initial", "initial", "caps")))
    ledger.features.add("signed")
    signed_on = TODAY.replace(day=rng.randint(1, TODAY.day))
    body.append(para(f"Signed: {signed}    Date: {signed_on:%d/%m/%Y}"))
    header = (para(f"{council} – {rng.choice(pb.FORM_TITLE)} – {c.post_ref}", "small"),)
    footer = (para("Part A is detached by HR before shortlisting.", "small"),) if rng.random() < 0.5 else ()
    return Application(tuple(body), header=header, footer=footer,
                       properties=properties(c, ledger, rng, "Application form")), ledger


def known_as_name(c: Candidate, ledger: Ledger) -> str:
    """The known-as name on its own, recorded."""
    ledger.features.add("known_as")
    return ledger.names(c.name.known_as, list(name_words(c.name.known_as)))


def cover(c: Candidate, rng: random.Random, fake=None) -> tuple[Application, Ledger]:
    """A cover letter: address blocks, salutation, body, sign-off and the name."""
    ledger, st = Ledger(), Styles.pick(rng)
    body: list[Item] = []
    letterhead = rng.random() < 0.4
    if letterhead:
        ledger.features.add("letterhead")
        body.append(para(render_name(c, ledger, rng.choice(("full", "caps"))), "title"))
        body.append(contact_paragraph(contact_runs(c, st, ledger, rng), st, "small"))
    else:
        lines = address_lines(c, st, ledger)
        lines.append(phone_text(c.mobile, st, ledger))
        lines.append(ledger.show("emails", c.email))
        body.extend(para(line, "right") for line in lines)
    body.append(para(f"{TODAY.day} {MONTHS[TODAY.month - 1]} {TODAY.year}", "right" if not letterhead else "body"))
    body.append(para(""))
    building, team = rng.choice(pb.COUNCIL_OFFICES)
    body.extend(para(line) for line in (team, c.applying_to, building))
    if rng.random() < 0.4:
        # Sent as an email to the council's mailbox: the same address in many people's letters.
        ledger.features.add("recruitment_mailbox")
        body.append(para(f"By email: {recruitment_mailbox(c)}"))
    body.append(para(""))
    body.append(para(rng.choice(pb.LETTER_RE).format(post=ledger.kept(c.post), ref=c.post_ref), bold=True))
    if fake is not None and rng.random() < 0.35:
        ledger.features.add("named_addressee")
        _, last = make_other_name(fake)
        body.append(para(f"Dear {rng.choice(('Mr', 'Ms', 'Mrs', 'Dr'))} {last},"))
        signoff = "Yours sincerely,"
    else:
        salutation = rng.choice(pb.SALUTATIONS_GENERIC)
        body.append(para(salutation))
        signoff = "Yours faithfully," if "Sir" in salutation else rng.choice(pb.SIGNOFFS)
    opening = rng.choice(pb.COVER_OPENINGS).format(post=c.post, ref=c.post_ref)
    if rng.random() < 0.2:
        ledger.features.add("named_opening")
        opening = f"My name is {render_name(c, ledger, 'full')}. " + opening
    body.append(para(opening))
    job = c.jobs[0]
    body.append(para(f"In my current role as {ledger.kept(job.title)} at {ledger.kept(job.employer)} I {job.duties[0][0].lower()}{job.duties[0][1:-1]}. "
                     + " ".join(figure_sentences(c, ledger))))
    body.append(para(" ".join(c.statement)))
    skills = [ledger.kept(s) for s in c.skills[:3]]
    body.append(para(f"I would bring particular strengths in {skills[0]}, {skills[1]} and {skills[2]}, and I am confident using {ledger.kept(c.software[0])}."))
    if rng.random() < 0.3:
        ledger.features.add("possessive")
        quote = rng.choice(pb.THIRD_PERSON_QUOTES)
        first = render_name(c, ledger, "first")
        if "{last}" in quote:
            render_name(c, ledger, "full")
        body.append(para(quote.format(first=first, last=c.name.surname)))
    if c.name.known_as and rng.random() < 0.6:
        body.append(para(known_as_sentence(c, ledger, rng)))
    body.append(para(rng.choice(pb.COVER_CLOSINGS)))
    body.append(para(signoff))
    body.append(para(""))
    ledger.features.add("signoff")
    if c.signs_with_nickname:
        ledger.features.add("nickname_signoff")
        body.append(para(known_as_name(c, ledger)))
    else:
        body.append(para(render_name(c, ledger, rng.choice(("full", "full", "title_full", "initial", "caps_surname")))))
    if rng.random() < 0.3:
        body.append(para("Enc. CV", "small"))
    if not ledger.full_names:
        # Every document names the candidate in full at least once (file names aside).
        body.append(para(render_name(c, ledger, "full"), "small"))
    return Application(tuple(body), footer=footer_items(c, ledger, rng, "Cover letter"),
                       properties=properties(c, ledger, rng, "Cover letter")), ledger


def recruitment_mailbox(c: Candidate) -> str:
    """The advertising council's recruitment mailbox (one per council, so shared by its applicants)."""
    local = ("recruitment", "resourcingteam", "jobs", "vacancies")[len(c.applying_to) % 4]
    return f"{local}@{domain_for(c.applying_to)}"


def build(layout: str, c: Candidate, rng: random.Random, fake=None) -> tuple[Application, Ledger]:
    """The document of a layout for a candidate."""
    if layout == "cover":
        return cover(c, rng, fake)
    return {"cv_plain": cv_plain, "cv_header": cv_header, "cv_sidebar": cv_sidebar, "form": form}[layout](c, rng)


def clean_keep(phrases: list[str], rng: random.Random, low: int = 8, high: int = 15) -> list[str]:
    """8-15 keep phrases with no name word in them (hard-group words included, in any case)."""
    banned = {fold(w).lower() for words in all_name_words().values() for w in words}
    usable = []
    for phrase in phrases:
        words = {w.lower() for w in fold(phrase).replace("-", " ").replace("'", " ").split()}
        words |= {w.strip(".,():;").lower() for w in fold(phrase).split()}
        if not words & banned and phrase not in usable:
            usable.append(phrase)
    count = min(len(usable), rng.randint(low, high))
    return sorted(rng.sample(usable, count), key=usable.index)
