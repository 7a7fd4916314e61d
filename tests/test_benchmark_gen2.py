"""gen2, the second benchmark generator: truth matches the files, nothing real, same seed same corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.gen2 import generate
from benchmarks.gen2.purity import violations
from benchmarks.matching import (
    dob_found, email_found, fold, name_word_found, ni_found, phone_found, phrase_found, postcode_found, squash,
    street_found, unspaced, url_found,
)
from benchmarks.panel_text import file_text

DRAMA_PHONES = re.compile(r"^(?:\+44 |\()?0?(?:7700\)? 900|113\)? 496 ?0|20\)? 7946 ?0|29\)? 2018 ?0|191\)? 498 ?0|1632\)? 960)")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small gen2 corpus, made once for the module."""
    out = tmp_path_factory.mktemp("gen2")
    generate(out, 40, 5)
    return out


@pytest.fixture(scope="module")
def truth(corpus: Path) -> list[dict]:
    """The corpus's truth entries."""
    return json.loads((corpus / "truth.json").read_text(encoding="utf-8"))


def _found(category: str, value: str, text: str) -> bool:
    """Whether an identifier occurs in a source file's text, by the scorer's own matchers."""
    folded, squashed, nospace = fold(text), squash(text), unspaced(text)
    return {
        "name_tokens": lambda: name_word_found(value, folded),
        "referee_name_tokens": lambda: name_word_found(value, folded),
        "full_names": lambda: squash(value) in squashed,
        "emails": lambda: email_found(value, nospace),
        "phones": lambda: phone_found(value, folded),
        "postcodes": lambda: postcode_found(value, folded),
        "street_lines": lambda: street_found(value, squashed),
        "dob": lambda: dob_found(value, folded),
        "ni_numbers": lambda: ni_found(value, folded),
        "urls": lambda: url_found(value, nospace),
    }[category]()


def test_every_truth_identifier_is_in_its_document(corpus: Path, truth: list[dict]) -> None:
    missing = []
    for entry in truth:
        text = file_text(corpus / "applications" / entry["file"])
        for category, values in entry["identifiers"].items():
            missing += [f"{entry['file']}: {category} {v}" for v in values if not _found(category, v, text)]
    assert missing == []


def test_every_keep_phrase_and_origin_marker_is_in_its_document(corpus: Path, truth: list[dict]) -> None:
    missing = []
    for entry in truth:
        text = file_text(corpus / "applications" / entry["file"])
        squashed, nospace = squash(text), unspaced(text)
        missing += [f"{entry['file']}: keep {p}" for p in entry["keep"] if not phrase_found(p, squashed, nospace)]
        for cue in entry["origin_cues"]:
            missing += [f"{entry['file']}: cue {m}" for m in cue["markers"] if not phrase_found(m, squashed, nospace)]
    assert missing == []


def test_no_keep_phrase_holds_a_name_word_of_its_candidate(truth: list[dict]) -> None:
    clashes = [(e["file"], p, w) for e in truth for p in e["keep"] for w in e["identifiers"]["name_tokens"]
               if name_word_found(w, fold(p))]
    assert clashes == []


def test_contact_details_are_reserved_for_fiction(truth: list[dict]) -> None:
    emails = {v for e in truth for v in e["identifiers"]["emails"]}
    phones = {v for e in truth for v in e["identifiers"]["phones"]}
    assert all(re.search(r"@(?:[a-z]+\.)?example\.(?:com|org|net)$", v) for v in emails)
    assert [p for p in phones if not DRAMA_PHONES.match(p)] == []


def test_fixed_text_holds_no_name_word() -> None:
    assert violations() == []


def test_corpus_has_the_collisions_of_issue_10(truth: list[dict]) -> None:
    people: dict[str, set[str]] = {}
    for entry in truth:
        full = entry["identifiers"]["full_names"]
        people.setdefault(entry["candidate_key"], set()).update(full)
    names = [n for names in people.values() for n in names]
    assert len(names) > len(set(names)), "two candidates should share a full name"
    features = {f for e in truth for f in e["features"]}
    assert {"nickname_signoff", "separate_subfolder", "subfolder_generic_name", "meta_author_generic",
            "shared_mailbox"} <= features


def test_same_seed_gives_the_same_corpus(tmp_path: Path, corpus: Path) -> None:
    generate(tmp_path, 40, 5)
    assert (tmp_path / "truth.json").read_bytes() == (corpus / "truth.json").read_bytes()
    for entry in json.loads((corpus / "truth.json").read_text(encoding="utf-8"))[:12]:
        assert (tmp_path / "applications" / entry["file"]).read_bytes() == \
            (corpus / "applications" / entry["file"]).read_bytes(), entry["file"]


def _copy_run(corpus: Path, truth: list[dict], run: Path, keep_text: bool) -> None:
    """A fake run: one ID per candidate whose panel is its sources' text (keep_text) or empty."""
    (run / "hr").mkdir(parents=True)
    (run / "panel").mkdir()
    rows, texts = ["candidate_id,source,sha256"], {}
    for entry in truth:
        cid = "C" + entry["candidate_key"].split("-")[1]
        rows.append(f'{cid},"{entry["file"]}",0')
        texts.setdefault(cid, []).append(file_text(corpus / "applications" / entry["file"]) if keep_text else "")
    (run / "hr" / "key.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for cid, parts in texts.items():
        (run / "panel" / f"{cid}.md").write_text("\n".join(parts), encoding="utf-8")


def test_score_py_counts_an_untouched_copy_as_all_leaked(corpus: Path, truth: list[dict], tmp_path: Path) -> None:
    from benchmarks.score import score_run, summarise

    _copy_run(corpus, truth, tmp_path, keep_text=True)
    summary = summarise(score_run(corpus, tmp_path))
    assert (summary["name_leak"], summary["keep"], summary["missing"]) == (1.0, 1.0, 0)


def test_origin_scorer_sees_every_cue_survive_a_copy_and_none_an_empty_panel(corpus, truth, tmp_path: Path) -> None:
    from benchmarks.gen2.origin import cue_results, summarise

    _copy_run(corpus, truth, tmp_path / "copy", keep_text=True)
    _copy_run(corpus, truth, tmp_path / "empty", keep_text=False)
    copied = summarise(cue_results(corpus, tmp_path / "copy"))["levels"]
    emptied = summarise(cue_results(corpus, tmp_path / "empty"))["levels"]
    assert copied["strict"]["rate"] == 1.0 and copied["standard"]["rate"] == 1.0
    assert emptied["strict"]["survived"] == 0 and emptied["strict"]["cues"] > 0


def test_grouping_figures_count_one_id_per_candidate_as_no_merge(corpus, truth, tmp_path: Path) -> None:
    from benchmarks.gen2.grouping import grouping_figures

    _copy_run(corpus, truth, tmp_path, keep_text=False)
    figures = grouping_figures(corpus, tmp_path)
    assert (figures["merged_ids"], figures["split_people"]) == (0, 0)


def test_command_line_writes_the_corpus(tmp_path: Path, capsys) -> None:
    from benchmarks.gen2.__main__ import main

    assert main(["--out", str(tmp_path), "--n", "4", "--seed", "2"]) == 0
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(truth) == 4 and all((tmp_path / "applications" / e["file"]).is_file() for e in truth)
    assert "gen2: 4 documents" in capsys.readouterr().out


def test_corpus_spans_the_layouts_groups_and_one_file_per_entry(corpus: Path, truth: list[dict]) -> None:
    files = sorted(str(p.relative_to(corpus / "applications")) for p in (corpus / "applications").rglob("*") if p.is_file())
    assert files == sorted(e["file"] for e in truth)
    assert len({e["layout"] for e in truth}) >= 10


def test_every_origin_group_is_dealt_within_two_dozen_candidates() -> None:
    import random

    from benchmarks.gen2.generate import plan_people
    from benchmarks.gen2.people import GROUPS

    assert {p.group.key for p in plan_people(random.Random(1), 24)} == {g.key for g in GROUPS}


def test_documents_carry_no_author_but_a_generic_one_or_the_candidate(corpus: Path, truth: list[dict]) -> None:
    import docx
    from pypdf import PdfReader

    from benchmarks.gen2.content import GENERIC_AUTHORS

    strangers = []
    for entry in truth:
        path = corpus / "applications" / entry["file"]
        author = (docx.Document(str(path)).core_properties.author if entry["format"] == "docx"
                  else (PdfReader(str(path)).metadata or {}).get("/Author", ""))
        if author not in GENERIC_AUTHORS and not set(author.split()) <= set(entry["identifiers"]["name_tokens"]):
            strangers.append((entry["file"], author))
    assert strangers == []
