"""Run the benchmark: generate the corpus, anonymise it with blindrec and with plain Presidio, compare.

    python benchmarks/run.py [--n 200] [--seed 7] [--jobs N]

Corpus in benchmarks/.corpus/, runs in benchmarks/.runs/{blindrec,presidio}/ (both ignored by git).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

# Before anything imports tldextract (see presidio_baseline.py).
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate
from benchmarks.presidio_baseline import run_presidio
from benchmarks.score import CATEGORIES, score_run, summarise, summary_line

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".corpus"
RUNS = HERE / ".runs"


def _fresh(folder: Path) -> Path:
    """An empty folder (only ever one of ours under benchmarks/.runs)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def run_blindrec(applications: Path, out_dir: Path, jobs: int | None) -> dict:
    """blindrec through its library API; returns documents, seconds and any note."""
    try:
        from blindrec.api import RunOptions, anonymise_batch
        from blindrec.settings import load_settings
    except ImportError as error:
        return {"skipped": f"blindrec API not importable ({error})"}
    documents = sum(1 for p in applications.rglob("*") if p.suffix.lower() in (".docx", ".pdf"))
    started = time.perf_counter()
    result = anonymise_batch([applications], out_dir, load_settings(()), RunOptions(jobs=jobs, show_progress=False))
    seconds = time.perf_counter() - started
    failures = getattr(result, "failures", ()) or ()
    rate = documents / seconds if seconds else 0.0
    return {"documents": documents, "seconds": seconds, "failures": len(failures),
            "docs_per_second": rate, "end_to_end_docs_per_second": rate}


def _cell(summary: dict | None, getter) -> str:
    """One table cell, or a dash for a tool that did not run."""
    return "-" if summary is None else getter(summary)


def comparison_table(results: dict) -> str:
    """blindrec and Presidio side by side: leak rates, groups, layouts, keep, speed."""
    tools = ("blindrec", "presidio")
    summaries = {t: results[t].get("summary") for t in tools}
    width = 24
    lines = [f"{'':<{width}}" + "".join(f"{t:>22}" for t in tools)]

    def row(label: str, getter) -> None:
        lines.append(f"{label:<{width}}" + "".join(f"{_cell(summaries[t], getter):>22}" for t in tools))

    lines.append("leak rate by identifier category (leaked/in truth)")
    for c in CATEGORIES:
        row(f"  {c}", lambda s, c=c: f"{s['categories'][c]['rate']:.4f} ({s['categories'][c]['leaked']}/{s['categories'][c]['total']})")
    for title, key in (("name-word leak rate by origin group", "groups"), ("name-word leak rate by layout", "layouts"),
                       ("name-word leak rate by how the file was made", "made_with")):
        lines.append(title)
        names = sorted({n for s in summaries.values() if s for n in s[key]})
        for name in names:
            row(f"  {name}", lambda s, n=name, k=key: f"{s[k][n]['rate']:.4f} ({s[k][n]['leaked']}/{s[k][n]['tokens']})" if n in s[k] else "-")
    row("docs with any leak", lambda s: f"{s['any_leak_docs']}/{s['documents']}")
    row("keep rate", lambda s: f"{s['keep']:.4f}")
    row("missing documents", lambda s: str(s["missing"]))
    row("IDs holding 2+ people", lambda s: str(s["grouping"]["merged_ids"]))
    row("people under 2+ IDs", lambda s: str(s["grouping"]["split_people"]))
    speeds = {t: results[t].get("docs_per_second") for t in tools}
    whole = {t: results[t].get("end_to_end_docs_per_second") for t in tools}
    lines.append(f"{'documents/second':<{width}}" + "".join(f"{(f'{speeds[t]:.2f}' if speeds[t] else '-'):>22}" for t in tools))
    lines.append(f"{'  end to end':<{width}}" + "".join(f"{(f'{whole[t]:.2f}' if whole[t] else '-'):>22}" for t in tools))
    if speeds["blindrec"] and speeds["presidio"]:
        lines.append(f"speed ratio blindrec/presidio: {speeds['blindrec'] / speeds['presidio']:.3f} "
                     "(blindrec: whole run incl. extraction and writing; presidio: analysis + anonymisation only)")
        lines.append(f"end-to-end ratio blindrec/presidio: {whole['blindrec'] / whole['presidio']:.3f} "
                     "(both: engine loading, extraction, analysis and writing)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate, run both tools, score, compare."""
    parser = argparse.ArgumentParser(description="blindrec vs plain Presidio on the synthetic benchmark corpus.")
    parser.add_argument("--n", type=int, default=200, help="documents in the corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=None, help="blindrec worker processes (default: its own)")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the LibreOffice PDF variant")
    parser.add_argument("--skip-blindrec", action="store_true")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--generator", choices=("gen1", "gen2"), default="gen1",
                        help="corpus generator: gen1 (benchmarks/corpus.py) or gen2 (benchmarks/gen2, independent)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.generator == "gen2":
        from benchmarks.gen2 import generate as generate_gen2

        truth = generate_gen2(CORPUS, args.n, args.seed)
    else:
        truth = generate(CORPUS, args.n, args.seed, libreoffice=not args.no_libreoffice)
    print(f"corpus: {len(truth)} documents in {CORPUS} ({time.perf_counter() - started:.1f}s)")
    applications = CORPUS / "applications"
    results: dict[str, dict] = {"blindrec": {}, "presidio": {}, "corpus": {"n": len(truth), "seed": args.seed}}

    if args.skip_blindrec:
        results["blindrec"] = {"skipped": "--skip-blindrec"}
    else:
        out = _fresh(RUNS / "blindrec")
        results["blindrec"] = run_blindrec(applications, out, args.jobs)
        if "skipped" not in results["blindrec"]:
            results["blindrec"]["summary"] = summarise(score_run(CORPUS, out))
    if args.skip_presidio:
        results["presidio"] = {"skipped": "--skip-presidio"}
    else:
        out = _fresh(RUNS / "presidio")
        baseline = run_presidio(applications, out)
        results["presidio"] = {"documents": baseline.documents, "seconds": baseline.analysis_seconds,
                               "total_seconds": baseline.total_seconds,
                               "end_to_end_docs_per_second": baseline.documents / baseline.total_seconds,
                               "failures": len(baseline.failures), "docs_per_second": baseline.docs_per_second,
                               "extractor": baseline.extractor, "summary": summarise(score_run(CORPUS, out))}
        for failure in baseline.failures:
            print(f"presidio baseline could not read {failure}")

    print()
    for tool in ("blindrec", "presidio"):
        if "skipped" in results[tool]:
            print(f"{tool}: skipped: {results[tool]['skipped']}")
    print(comparison_table(results))
    RUNS.mkdir(parents=True, exist_ok=True)
    (RUNS / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\nfigures written to {RUNS / 'results.json'}")
    for tool in ("blindrec", "presidio"):
        if results[tool].get("summary"):
            print(f"{tool:<9} {summary_line(results[tool]['summary'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
