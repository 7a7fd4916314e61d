"""python -m benchmarks.gen2 --out DIR --n 150 --seed S"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.gen2.generate import generate


def main(argv: list[str] | None = None) -> int:
    """Command line: write DIR/applications and DIR/truth.json."""
    parser = argparse.ArgumentParser(description="Generate the gen2 benchmark corpus.")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--n", type=int, default=150, help="documents")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    truth = generate(args.out, args.n, args.seed)
    people = len({e["candidate_key"] for e in truth})
    print(f"gen2: {len(truth)} documents, {people} candidates in {args.out} ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
