"""Grouping figures on a gen2 corpus (issue 10): merged IDs, split people, and what merged people share.

    python -m benchmarks.gen2.grouping --corpus DIR --out RUN

A merged ID holds documents of two or more candidates; a split person has documents under two
or more IDs. For every pair of candidates under one ID the report counts what they share
(same full name, first name, surname, short name, town, or nothing but the batch's shared
mailbox, employers and referees), so a fix can be aimed at the collision that caused it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from benchmarks.score import read_key


def grouping_figures(corpus: Path, run: Path) -> dict:
    """merged_ids, split_people and shared attributes of merged pairs."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    key = read_key(run)
    by_id: dict[str, set[str]] = defaultdict(set)
    by_person: dict[str, set[str]] = defaultdict(set)
    about: dict[str, dict] = {}
    for entry in truth:
        cid = key.get(entry["file"])
        about[entry["candidate_key"]] = entry
        if cid:
            by_id[cid].add(entry["candidate_key"])
            by_person[entry["candidate_key"]].add(cid)
    merged = {cid: people for cid, people in by_id.items() if len(people) > 1}
    shared: Counter[str] = Counter()
    for people in merged.values():
        for a, b in combinations(sorted(people), 2):
            reasons = _shared(about[a], about[b])
            shared.update(reasons or ["nothing_of_their_own"])
    return {"people": len(by_person), "ids": len(by_id), "merged_ids": len(merged),
            "people_in_merged_ids": sum(len(p) for p in merged.values()),
            "largest_merged_id": max((len(p) for p in merged.values()), default=0),
            "split_people": sum(1 for ids in by_person.values() if len(ids) > 1),
            "merged_pairs_share": dict(shared.most_common())}


def _shared(a: dict, b: dict) -> list[str]:
    """What two candidates' truth entries have in common."""
    reasons = []
    full_a, full_b = set(a["identifiers"]["full_names"]), set(b["identifiers"]["full_names"])
    tokens_a, tokens_b = set(a["identifiers"]["name_tokens"]), set(b["identifiers"]["name_tokens"])
    if full_a & full_b:
        reasons.append("same_full_name")
    elif tokens_a & tokens_b:
        reasons.append("a_shared_name_word")
    if a.get("town") and a.get("town") == b.get("town"):
        reasons.append("same_town")
    return reasons


def main(argv: list[str] | None = None) -> int:
    """Command line: --corpus DIR --out RUN."""
    parser = argparse.ArgumentParser(description="Merged IDs and split people on a gen2 corpus.")
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    figures = grouping_figures(args.corpus, args.out)
    print(json.dumps(figures, indent=1))
    people = max(figures["people"], 1)
    print(f"GROUPING merged_ids={figures['merged_ids']} people_in_merged_ids={figures['people_in_merged_ids']} "
          f"split_people={figures['split_people']}/{figures['people']} ({figures['split_people'] / people:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
