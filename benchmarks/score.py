"""Score what an anonymisation run lets through to the panel, against the corpus truth.

    python benchmarks/score.py --corpus DIR --out RUN [--json FILE] [--details]

RUN/hr/key.csv maps each source file (relative to the input folder) to a candidate id;
RUN/panel/<candidate_id>.docx|.md|.pdf|.txt|.html is what the panel reads. The last
line printed is ``SUMMARY name_leak=... any_leak_docs=n/N keep=... missing=n merged_ids=n split_people=n``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.matching import (
    dob_found, email_found, fold, name_word_found, ni_found, phone_found, phrase_found, postcode_found,
    squash, street_found, unspaced, url_found,
)
from benchmarks.names import GROUPS_BY_KEY
from benchmarks.panel_text import file_text

PANEL_SUFFIXES = (".docx", ".md", ".pdf", ".txt", ".html")
# Report order; "name_tokens" is the headline figure.
CATEGORIES = ("name_tokens", "full_names", "emails", "phones", "postcodes", "street_lines", "dob", "ni_numbers",
              "urls", "referee_name_tokens")


@dataclass(frozen=True)
class PanelText:
    """One candidate's panel output in the forms the matchers need."""

    folded: str
    squashed: str
    nospace: str

    @staticmethod
    def of(text: str) -> "PanelText":
        """Prepare raw text for matching."""
        return PanelText(fold(text), squash(text), unspaced(text))


@dataclass(frozen=True)
class DocScore:
    """How one source document fared: identifiers found per category, keep phrases kept."""

    file: str
    group: str
    layout: str
    made_with: str
    candidate_id: str
    candidate_key: str = ""  # the truth's person
    missing: str = ""  # why it could not be scored, if so
    totals: dict[str, int] = field(default_factory=dict)
    leaks: dict[str, list[str]] = field(default_factory=dict)
    keep_total: int = 0
    keep_lost: tuple[str, ...] = ()

    @property
    def any_leak(self) -> bool:
        """Whether any identifier of any category reached the panel."""
        return any(self.leaks.get(c) for c in CATEGORIES)


def leaked_identifiers(entry: dict, panel: PanelText) -> dict[str, list[str]]:
    """The identifiers of a truth entry found in a candidate's panel text, by category."""
    ids = entry["identifiers"]
    group = GROUPS_BY_KEY.get(entry["group"])  # other generators (benchmarks/gen2) have their own groups
    capitalised_only = group.case_sensitive_leaks if group else False
    checks = {
        "name_tokens": lambda v: name_word_found(v, panel.folded, capitalised_only),
        "full_names": lambda v: squash(v) in panel.squashed,
        "emails": lambda v: email_found(v, panel.nospace),
        "phones": lambda v: phone_found(v, panel.folded),
        "postcodes": lambda v: postcode_found(v, panel.folded),
        "street_lines": lambda v: street_found(v, panel.squashed),
        "dob": lambda v: dob_found(v, panel.folded),
        "ni_numbers": lambda v: ni_found(v, panel.folded),
        "urls": lambda v: url_found(v, panel.nospace),
        "referee_name_tokens": lambda v: name_word_found(v, panel.folded),
    }
    return {c: [v for v in ids.get(c, []) if checks[c](v)] for c in CATEGORIES}


def read_key(run: Path) -> dict[str, str]:
    """source -> candidate_id from RUN/hr/key.csv, also indexed by bare file name."""
    key_file = run / "hr" / "key.csv"
    mapping: dict[str, str] = {}
    if not key_file.exists():
        return mapping
    with key_file.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            source, cid = (row.get("source") or "").strip(), (row.get("candidate_id") or "").strip()
            if source and cid:
                mapping[source] = cid
                mapping.setdefault(Path(source).name, cid)
    return mapping


def panel_files(run: Path, candidate_id: str) -> list[Path]:
    """The panel files of one candidate."""
    panel = run / "panel"
    if not panel.is_dir():
        return []
    return sorted(p for p in panel.iterdir() if p.is_file() and p.stem == candidate_id and p.suffix.lower() in PANEL_SUFFIXES)


def score_run(corpus: Path, run: Path) -> list[DocScore]:
    """A score for every document of the corpus."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    key = read_key(run)
    panels: dict[str, PanelText | str] = {}
    scores = []
    for entry in truth:
        cid = key.get(entry["file"]) or key.get(f"applications/{entry['file']}") or ""
        base = dict(file=entry["file"], group=entry["group"], layout=entry["layout"],
                    made_with=entry.get("made_with", entry.get("format", "")), candidate_id=cid,
                    candidate_key=entry.get("candidate_key", entry["file"]), keep_total=len(entry["keep"]))
        if not cid:
            scores.append(DocScore(**base, missing="no key.csv row", keep_lost=tuple(entry["keep"])))
            continue
        if cid not in panels:
            files = panel_files(run, cid)
            try:
                panels[cid] = PanelText.of("\n".join(file_text(f) for f in files)) if files else "no panel file"
            except Exception as error:  # an unreadable panel file is a missing document, not a crash
                panels[cid] = f"unreadable panel file ({type(error).__name__})"
        panel = panels[cid]
        if isinstance(panel, str):
            scores.append(DocScore(**base, missing=panel, keep_lost=tuple(entry["keep"])))
            continue
        totals = {c: len(entry["identifiers"].get(c, [])) for c in CATEGORIES}
        lost = tuple(p for p in entry["keep"] if not phrase_found(p, panel.squashed, panel.nospace))
        scores.append(DocScore(**base, totals=totals, leaks=leaked_identifiers(entry, panel), keep_lost=lost))
    return scores


def _rate(part: int, whole: int) -> float:
    """part/whole, 0 when there is nothing to count."""
    return part / whole if whole else 0.0


def grouping_figures(scores: list[DocScore]) -> dict:
    """merged_ids: candidate IDs holding two or more people (the worst error); split_people: people under 2+ IDs."""
    people_of: dict[str, set[str]] = defaultdict(set)
    ids_of: dict[str, set[str]] = defaultdict(set)
    for s in scores:
        if s.candidate_id:
            people_of[s.candidate_id].add(s.candidate_key)
            ids_of[s.candidate_key].add(s.candidate_id)
    merged = {cid: sorted(people) for cid, people in sorted(people_of.items()) if len(people) > 1}
    split = {key: sorted(ids) for key, ids in sorted(ids_of.items()) if len(ids) > 1}
    return {"people": len(ids_of), "ids": len(people_of), "merged_ids": len(merged),
            "people_in_merged_ids": sum(len(p) for p in merged.values()), "split_people": len(split),
            "merged": merged, "split": split}


def summarise(scores: list[DocScore]) -> dict:
    """The figures of a run: leak rates per category, group, layout and maker; keep; missing."""
    scored = [s for s in scores if not s.missing]
    categories = {}
    for c in CATEGORIES:
        total = sum(s.totals.get(c, 0) for s in scored)
        leaked = sum(len(s.leaks.get(c, [])) for s in scored)
        categories[c] = {"total": total, "leaked": leaked, "rate": round(_rate(leaked, total), 4)}

    def breakdown(attribute: str) -> dict:
        table: dict[str, dict] = defaultdict(lambda: {"docs": 0, "tokens": 0, "leaked": 0, "any_leak_docs": 0})
        for s in scored:
            row = table[getattr(s, attribute)]
            row["docs"] += 1
            row["tokens"] += s.totals.get("name_tokens", 0)
            row["leaked"] += len(s.leaks.get("name_tokens", []))
            row["any_leak_docs"] += int(s.any_leak)
        return {k: {**v, "rate": round(_rate(v["leaked"], v["tokens"]), 4)} for k, v in sorted(table.items())}

    keep_total = sum(s.keep_total for s in scores)
    keep_lost = sum(len(s.keep_lost) for s in scores)
    return {
        "documents": len(scores),
        "scored": len(scored),
        "missing": len(scores) - len(scored),
        "missing_files": [{"file": s.file, "reason": s.missing} for s in scores if s.missing],
        "name_leak": categories["name_tokens"]["rate"],
        "any_leak_docs": sum(int(s.any_leak) for s in scored),
        "keep": round(_rate(keep_total - keep_lost, keep_total), 4),
        "keep_counts": {"kept": keep_total - keep_lost, "total": keep_total},
        "categories": categories,
        "groups": breakdown("group"),
        "layouts": breakdown("layout"),
        "made_with": breakdown("made_with"),
        "grouping": grouping_figures(scores),
    }


def summary_line(summary: dict) -> str:
    """The one-line verdict, printed last."""
    return (f"SUMMARY name_leak={summary['name_leak']:.4f} any_leak_docs={summary['any_leak_docs']}/{summary['documents']} "
            f"keep={summary['keep']:.4f} missing={summary['missing']} "
            f"merged_ids={summary['grouping']['merged_ids']} split_people={summary['grouping']['split_people']}")


def render_report(summary: dict, title: str = "") -> str:
    """A readable table of a run's figures."""
    lines = [title] if title else []
    lines.append(f"documents {summary['documents']}   scored {summary['scored']}   missing {summary['missing']}")
    lines.append("")
    lines.append(f"{'identifier category':<22}{'in truth':>10}{'leaked':>9}{'rate':>9}")
    for c, row in summary["categories"].items():
        lines.append(f"{c:<22}{row['total']:>10}{row['leaked']:>9}{row['rate']:>9.4f}")
    for heading, key in (("origin group", "groups"), ("layout", "layouts"), ("made with", "made_with")):
        lines.append("")
        lines.append(f"{heading:<22}{'docs':>6}{'name words':>12}{'leaked':>8}{'rate':>9}{'docs w/ leak':>14}")
        for name, row in summary[key].items():
            lines.append(f"{name:<22}{row['docs']:>6}{row['tokens']:>12}{row['leaked']:>8}{row['rate']:>9.4f}"
                         f"{row['any_leak_docs']:>9}/{row['docs']}")
    lines.append("")
    keep = summary["keep_counts"]
    lines.append(f"documents with any leak: {summary['any_leak_docs']}/{summary['documents']}")
    lines.append(f"keep phrases kept:       {keep['kept']}/{keep['total']} = {summary['keep']:.4f}")
    g = summary["grouping"]
    lines.append(f"grouping: {g['people']} people, {g['ids']} candidate IDs; IDs holding 2+ people: "
                 f"{g['merged_ids']} ({g['people_in_merged_ids']} people); people under 2+ IDs: {g['split_people']}")
    lines += [f"  merged: {cid} holds {', '.join(people)}" for cid, people in g["merged"].items()]
    lines += [f"  split: {key} under {', '.join(ids)}" for key, ids in g["split"].items()]
    for missing in summary["missing_files"]:
        lines.append(f"missing: {missing['file']} ({missing['reason']})")
    return "\n".join(lines)


def render_details(scores: list[DocScore]) -> str:
    """Which identifiers and keep phrases each document lost or leaked (synthetic data only)."""
    lines = []
    for s in scores:
        leaks = {c: v for c, v in s.leaks.items() if v}
        if leaks or s.keep_lost or s.missing:
            lines.append(f"{s.file} [{s.candidate_id or '-'}] {s.group}/{s.layout}/{s.made_with}")
            if s.missing:
                lines.append(f"    missing: {s.missing}")
            for c, values in leaks.items():
                lines.append(f"    leaked {c}: {', '.join(values)}")
            if s.keep_lost and not s.missing:
                lines.append(f"    keep lost: {'; '.join(s.keep_lost)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: --corpus DIR --out RUN [--json FILE] [--details]."""
    parser = argparse.ArgumentParser(description="Score a blindrec (or other) run against the benchmark corpus.")
    parser.add_argument("--corpus", required=True, type=Path, help="corpus folder holding truth.json")
    parser.add_argument("--out", required=True, type=Path, help="run folder holding hr/key.csv and panel/")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--details", action="store_true", help="list what leaked or was lost, per document")
    args = parser.parse_args(argv)
    scores = score_run(args.corpus, args.out)
    summary = summarise(scores)
    if args.details:
        print(render_details(scores))
        print()
    print(render_report(summary, f"benchmark score: corpus {args.corpus}, run {args.out}"))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(summary_line(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
