"""Score origin cues (issue 11): which phrases saying where a candidate is from reach the panel.

    python -m benchmarks.gen2.origin --corpus DIR --out RUN [--json FILE]

A cue survives when any of its markers (the words that give the origin away, e.g. "gurdwara",
"Ludhiana", "Punjabi") is found in the candidate's panel text. Each cue carries the least level
that must remove it: `standard` (place of birth, nationality, religion, ethnicity, "moved to the
UK from") or `strict` (also worship volunteering, languages, schools and employers abroad).
The figure for a level is surviving cues / cues that level must remove.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from benchmarks.matching import phrase_found, squash, unspaced
from benchmarks.panel_text import file_text
from benchmarks.score import panel_files, read_key

LEVELS = ("standard", "strict")


def cue_results(corpus: Path, run: Path) -> list[dict]:
    """One row per cue in the truth: group, kind, level, and whether it survived (None: document missing)."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    key = read_key(run)
    texts: dict[str, tuple[str, str] | None] = {}
    rows = []
    for entry in truth:
        cid = key.get(entry["file"]) or ""
        if cid and cid not in texts:
            files = panel_files(run, cid)
            raw = "\n".join(file_text(f) for f in files) if files else None
            texts[cid] = (squash(raw), unspaced(raw)) if raw is not None else None
        panel = texts.get(cid)
        for cue in entry.get("origin_cues", []):
            survived = None if panel is None else any(phrase_found(m, *panel) for m in cue["markers"])
            rows.append({"file": entry["file"], "group": entry["group"], "kind": cue["kind"], "level": cue["level"],
                         "survived": survived})
    return rows


def summarise(rows: list[dict]) -> dict:
    """Survival per level, kind and group."""
    scored = [r for r in rows if r["survived"] is not None]

    def rate(selected: list[dict]) -> dict:
        survived = sum(r["survived"] for r in selected)
        return {"cues": len(selected), "survived": survived,
                "rate": round(survived / len(selected), 4) if selected else 0.0}

    levels = {"standard": rate([r for r in scored if r["level"] == "standard"]), "strict": rate(scored)}
    by: dict[str, dict] = {}
    for attribute in ("kind", "group"):
        table = defaultdict(list)
        for r in scored:
            table[r[attribute]].append(r)
        by[attribute] = {k: rate(v) for k, v in sorted(table.items())}
    return {"levels": levels, "kinds": by["kind"], "groups": by["group"], "missing_cues": len(rows) - len(scored)}


def render(summary: dict) -> str:
    """A readable table, ending with the ORIGIN line."""
    lines = [f"{'origin cues':<24}{'cues':>6}{'survived':>10}{'rate':>9}"]
    for title, key in (("level (must remove)", "levels"), ("kind", "kinds"), ("group", "groups")):
        lines.append(title)
        for name, row in summary[key].items():
            lines.append(f"  {name:<22}{row['cues']:>6}{row['survived']:>10}{row['rate']:>9.4f}")
    s, t = summary["levels"]["standard"], summary["levels"]["strict"]
    lines.append(f"ORIGIN standard={s['rate']:.4f} ({s['survived']}/{s['cues']}) "
                 f"strict={t['rate']:.4f} ({t['survived']}/{t['cues']}) missing_cues={summary['missing_cues']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: --corpus DIR --out RUN [--json FILE]."""
    parser = argparse.ArgumentParser(description="Score origin cues that reach the panel.")
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    summary = summarise(cue_results(args.corpus, args.out))
    print(render(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
