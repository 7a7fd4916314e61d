"""ATS export throughput and memory: rows per second and peak memory at several export sizes.

    python benchmarks/ats.py                       # 2,000 and 20,000 rows, every core
    python benchmarks/ats.py --rows 500 5000 --jobs 1

Each size runs in a fresh process, so each peak is its own. In that process a plain
csv read + write of the same file is timed first (the baseline the ratio is against), then
``anonymise_batch`` on the export (verification off: it is timed separately with
``--verify``, as ``anonymise`` runs it: `blindrec verify` on the output folder). Peak memory
is the resident set (ru_maxrss) of the main process and of the largest worker; the detection
model (spaCy) alone is a few hundred MB of it, so what matters is whether the figure moves
with the row count. With ``--verify`` the main process's peak is taken twice: after the
anonymising run ("run") and after verification too ("peak main MB").
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEADER = ["applicant_ref", "title", "first_name", "last_name", "email", "phone", "address_line_1", "town",
          "postcode", "date_of_birth", "gender", "ethnicity", "disability", "sexual_orientation", "religion",
          "current_employer", "current_job_title", "qualifications", "supporting_statement"]
_OPENINGS = ("My name is {first} and I would like to be considered for this post.",
             "I am applying because I want to develop my career in local government.",
             "In my current post I lead on {topic} and I have a strong record of meeting targets.")
_TOPICS = ("void property management", "safeguarding adults", "major planning applications",
           "statement of accounts", "data quality assurance", "customer complaints")


def write_export(path: Path, rows: int, seed: int = 11) -> None:
    """A synthetic export: Faker identities, mostly short free text, as councils' ATSs give."""
    from faker import Faker

    fake, pick = Faker("en_GB"), random.Random(seed)
    fake.seed_instance(seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            first, last, town = fake.first_name(), fake.last_name(), fake.city()
            statement = " ".join(s.format(first=first, topic=pick.choice(_TOPICS))
                                 for s in pick.sample(_OPENINGS, k=pick.randint(1, 3)))
            if pick.random() < 0.3:
                statement += f" I have lived in {town} for {pick.randint(2, 30)} years."
            writer.writerow([f"APP-{i:06d}", pick.choice(["Mr", "Ms", "Mrs", "Dr"]), first, last,
                             f"{first}.{last}{i}@example.com".lower(), fake.numerify("07### ######"),
                             fake.street_address().replace("\n", ", "), town, fake.postcode(),
                             fake.date_of_birth().strftime("%d/%m/%Y"), pick.choice(["Female", "Male"]),
                             pick.choice(["White - British", "Asian or Asian British - Indian"]),
                             pick.choice(["No known disability", "Yes"]), "Prefer not to say",
                             pick.choice(["No religion", "Christian", "Muslim"]), fake.company(),
                             pick.choice(["Planning Officer", "Housing Officer", "Accountant"]),
                             "BSc (Hons) Economics; CIPFA", statement])


def baseline(path: Path, out: Path) -> float:
    """Seconds for a plain csv read + write of the same file: the floor any tool starts from."""
    start = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as source, open(out, "w", newline="", encoding="utf-8") as sink:
        csv.writer(sink).writerows(csv.reader(source))
    return time.perf_counter() - start


def measure(rows: int, jobs: int | None, verify: bool) -> dict:
    """One size, in this process: baseline, then the real run; figures as a mapping."""
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="blindrec-bench-") as name:
        folder = Path(name)
        export = folder / "export.csv"
        write_export(export, rows)
        plain = baseline(export, folder / "copy.csv")
        start = time.perf_counter()
        result = anonymise_batch([export], folder / "out", load_settings(), RunOptions(jobs=jobs, verify=False))
        seconds = time.perf_counter() - start
        run_peak = _peak_mb(resource.RUSAGE_SELF)
        extra = {}
        if verify:
            from blindrec.output import verify_after_run

            start = time.perf_counter()
            extra["verify_leaks"] = len(verify_after_run(result))
            extra["verify_seconds"] = round(time.perf_counter() - start, 1)
        # Peaks read last, so they include verification's.
        return {**_figures(rows, seconds, plain, export, result.exit_code), "peak_rss_mb_main_run": run_peak,
                **extra}


def _figures(rows: int, seconds: float, plain: float, export: Path, exit_code: int) -> dict:
    return {"rows": rows, "seconds": round(seconds, 1), "rows_per_second": round(rows / seconds, 1),
            "baseline_rows_per_second": round(rows / plain), "slowdown_vs_csv_copy": round(seconds / plain),
            "peak_rss_mb_main": _peak_mb(resource.RUSAGE_SELF),
            "peak_rss_mb_worker": _peak_mb(resource.RUSAGE_CHILDREN),
            "export_mb": round(export.stat().st_size / 2**20, 1), "exit_code": exit_code}


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: every core)")
    parser.add_argument("--verify", action="store_true", help="also time the leak check of panel/")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child run of one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.jobs, args.verify)))
        return
    print(f"{'rows':>7} {'rows/s':>8} {'csv copy rows/s':>16} {'x slower':>9} {'peak main MB':>13} "
          f"{'peak worker MB':>15} {'seconds':>8}"
          + (f" {'run main MB':>12} {'verify s':>9} {'leaks':>6}" if args.verify else ""))
    for rows in args.rows:
        command = [sys.executable, __file__, "--one", str(rows)] + (["--jobs", str(args.jobs)] if args.jobs else [])
        output = subprocess.run(command + (["--verify"] if args.verify else []), check=True, capture_output=True,
                                text=True).stdout
        f = json.loads(output.strip().splitlines()[-1])
        print(f"{f['rows']:>7} {f['rows_per_second']:>8} {f['baseline_rows_per_second']:>16} "
              f"{f['slowdown_vs_csv_copy']:>9} {f['peak_rss_mb_main']:>13} {f['peak_rss_mb_worker']:>15} "
              f"{f['seconds']:>8}"
              + (f" {f['peak_rss_mb_main_run']:>12} {f['verify_seconds']:>9} {f['verify_leaks']:>6}"
                 if args.verify else ""), flush=True)


if __name__ == "__main__":
    main()
