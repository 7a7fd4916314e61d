"""The benchmark's corpus generator and scorer: deterministic, truthful, and counting leaks right."""

from __future__ import annotations

import csv
import json
import shutil
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from benchmarks.matching import fold, name_word_found  # noqa: E402
from benchmarks.names import GROUPS, all_name_words  # noqa: E402
from benchmarks.purity import name_word_problems  # noqa: E402
from benchmarks.score import score_run, summarise  # noqa: E402

N_DOCS = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small corpus (no LibreOffice variant, to stay fast)."""
    out = tmp_path_factory.mktemp("corpus")
    generate(out, N_DOCS, seed=11, libreoffice=False, log=lambda *_: None)
    return out


def _truth(corpus: Path) -> list[dict]:
    return json.loads((corpus / "truth.json").read_text(encoding="utf-8"))


def _raw_text(path: Path) -> str:
    """A document's text read with python-docx / pypdf directly (independent of the scorer's reader)."""
    if path.suffix == ".pdf":
        reader = PdfReader(str(path))
        parts = [page.extract_text() for page in reader.pages]
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                action = annotation.get_object().get("/A")
                if action is not None and "/URI" in action:
                    parts.append(str(action["/URI"]))
        parts.extend(str(v) for v in (reader.metadata or {}).values())
        return "\n".join(parts)
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    parts.extend(c.text for r in inner.rows for c in r.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
            parts.extend(c.text for t in part.tables for r in t.rows for c in r.cells)
    # Text boxes live inside runs; hyperlink targets in the relationships.
    body = document.element.body
    parts.extend("".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t")))
                 for p in body.iter(docx.oxml.ns.qn("w:p")))
    parts.extend(rel.target_ref for rel in document.part.rels.values() if rel.is_external)
    for section in document.sections:
        parts.extend(rel.target_ref for rel in section.header.part.rels.values() if rel.is_external)
    parts.append(document.core_properties.author or "")
    parts.append(document.core_properties.title or "")
    return "\n".join(parts)


def test_ordinary_text_has_no_name_words():
    assert name_word_problems() == []


def test_name_lists_cover_the_issue():
    assert len(GROUPS) >= 12
    for group in GROUPS:
        assert len(group.female) + len(group.male) >= 30 and len(group.surnames) >= 30, group.key
    hard = {w for g in GROUPS for w in g.female + g.male + g.surnames}
    for example in ("Hope", "Will", "Young", "Mary-Jane", "Smith-Jones", "O'Sullivan", "D'Souza", "van der Berg",
                    "bin Rashid", "Al-Hassan", "Zoë", "Łukasz", "Nguyễn"):
        assert example in hard


def test_same_seed_same_corpus(corpus, tmp_path):
    generate(tmp_path, N_DOCS, seed=11, libreoffice=False, log=lambda *_: None)
    assert _truth(tmp_path) == _truth(corpus)
    for entry in _truth(corpus):
        assert (tmp_path / "applications" / entry["file"]).read_bytes() == (corpus / "applications" / entry["file"]).read_bytes()


def test_truth_describes_every_file(corpus):
    truth = _truth(corpus)
    applications = corpus / "applications"
    files = sorted(p.relative_to(applications).as_posix() for p in applications.rglob("*") if p.is_file())
    assert sorted(e["file"] for e in truth) == files and len(files) == N_DOCS
    for entry in truth:
        assert entry["identifiers"]["name_tokens"], entry["file"]
        if entry["layout"] != "form":  # a form may give surname and forenames apart and sign with initials
            assert entry["identifiers"]["full_names"], entry["file"]
        if entry["format"] == "docx":
            zipfile.ZipFile(corpus / "applications" / entry["file"]).testzip()


def test_name_tokens_and_keep_phrases_are_in_the_documents(corpus):
    banned = {fold(w).lower() for words in all_name_words().values() for w in words}
    for entry in _truth(corpus):
        text = fold(_raw_text(corpus / "applications" / entry["file"]))
        squashed = " ".join(text.lower().split())
        for token in entry["identifiers"]["name_tokens"]:
            assert name_word_found(token, text), (entry["file"], token)
        assert 8 <= len(entry["keep"]) <= 15, entry["file"]
        for phrase in entry["keep"]:
            assert " ".join(fold(phrase).lower().split()) in squashed, (entry["file"], phrase)
            words = {w.strip(".,():;'").lower() for w in fold(phrase).replace("-", " ").split()}
            assert not words & banned, (entry["file"], phrase)


def _write_run(run: Path, panels: dict[str, list[str]], key_rows: list[tuple[str, str]]) -> None:
    """A fake blindrec output: one panel DOCX per candidate id, and hr/key.csv."""
    (run / "panel").mkdir(parents=True)
    (run / "hr").mkdir()
    for cid, paragraphs in panels.items():
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.core_properties.author = "blindrec"
        document.save(str(run / "panel" / f"{cid}.docx"))
    with (run / "hr" / "key.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("candidate_id", "source", "sha256"))
        writer.writerows((cid, source, "0" * 64) for cid, source in key_rows)


def test_scorer_counts_zero_for_a_clean_panel_and_a_planted_leak(corpus, tmp_path):
    truth = _truth(corpus)
    key_rows = [(f"C-{i:03d}", e["file"]) for i, e in enumerate(truth)]
    clean = {cid: ["[CANDIDATE]", "[EMAIL] [PHONE]", *truth[i]["keep"]] for i, (cid, _) in enumerate(key_rows)}
    _write_run(tmp_path / "clean", clean, key_rows)
    summary = summarise(score_run(corpus, tmp_path / "clean"))
    assert summary["name_leak"] == 0 and summary["any_leak_docs"] == 0
    assert summary["keep"] == 1.0 and summary["missing"] == 0

    # C-000 gets a name word in capitals; C-001 gets contact details in other spellings.
    surname = truth[0]["identifiers"]["name_tokens"][0]
    ids = truth[1]["identifiers"]
    phone = "".join(ch for ch in ids["phones"][0] if ch.isdigit())[-10:]
    leaky = dict(clean)
    leaky["C-000"] = clean["C-000"] + [f"Reporting to {surname.upper()} since 2019."]
    leaky["C-001"] = clean["C-001"] + [f"Call 0{phone[:4]}-{phone[4:]} or write to {ids['emails'][0].upper()}",
                                       ids["postcodes"][0].replace(" ", "").lower()]
    _write_run(tmp_path / "leaky", leaky, key_rows[:-1])  # and one document without a key row
    scores = score_run(corpus, tmp_path / "leaky")
    summary = summarise(scores)
    assert scores[0].leaks["name_tokens"] == [surname]
    assert summary["categories"]["emails"]["leaked"] == 1
    assert summary["categories"]["phones"]["leaked"] == 1
    assert summary["categories"]["postcodes"]["leaked"] == 1
    assert summary["any_leak_docs"] == 2 and summary["missing"] == 1
    assert summary["keep"] < 1.0  # the missing document's keep phrases count as lost


def test_source_documents_as_panel_leak_everything(corpus, tmp_path):
    """Scoring the untouched inputs finds every identifier the truth lists (truth and scorer agree)."""
    run = tmp_path / "identity"
    (run / "panel").mkdir(parents=True)
    (run / "hr").mkdir()
    rows = []
    for i, entry in enumerate(_truth(corpus)):
        source = corpus / "applications" / entry["file"]
        shutil.copy(source, run / "panel" / f"D{i:03d}{source.suffix}")
        rows.append((f"D{i:03d}", entry["file"]))
    with (run / "hr" / "key.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([("candidate_id", "source", "sha256"), *[(c, s, "") for c, s in rows]])
    summary = summarise(score_run(corpus, run))
    for category, row in summary["categories"].items():
        assert row["leaked"] == row["total"], category
    assert summary["keep"] == 1.0 and summary["any_leak_docs"] == N_DOCS


def test_hard_names_count_only_when_capitalised():
    assert not name_word_found("Young", "I mentor young people", capitalised_only=True)
    assert name_word_found("Young", "Signed: WILL YOUNG", capitalised_only=True)
    assert name_word_found("Łukasz", "Lukasz's report", capitalised_only=False)
    assert name_word_found("Okafor", "okafor85@example.com")
    assert not name_word_found("Ali", "Alison")
