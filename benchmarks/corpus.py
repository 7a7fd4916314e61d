"""Generate the labelled synthetic corpus: DIR/applications/*.docx|*.pdf and DIR/truth.json.

    python benchmarks/corpus.py --out DIR --n 200 --seed 7

Same seed, same corpus (the LibreOffice PDFs aside, whose bytes carry a timestamp).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faker import Faker

from benchmarks.collisions import collide
from benchmarks.identity import Candidate, make_candidate
from benchmarks.layouts import CATEGORIES, build, clean_keep
from benchmarks.matching import fold, phrase_found, squash, unspaced
from benchmarks.names import GROUPS
from benchmarks.panel_text import pdf_text
from benchmarks.purity import name_word_problems
from benchmarks.render_docx import render_docx
from benchmarks.render_pdf import render_pdf

PRIMARY_LAYOUTS = (("cv_plain", 0.28), ("cv_header", 0.26), ("cv_sidebar", 0.16), ("form", 0.30))
MADE_WITH = (("docx", 0.55), ("fpdf2", 0.30), ("libreoffice", 0.15))
KIND_WORDS = {
    "cv": ("CV", "cv", "Resume", "CV"),
    "form": ("Application Form", "application form", "application", "ApplicationForm"),
    "cover": ("Cover Letter", "covering letter", "Cover letter", "covering_letter"),
}


@dataclass(frozen=True)
class DocPlan:
    """One document to write: whose it is, its layout, how it is made and how its file is named."""

    index: int
    candidate: Candidate
    layout: str
    made_with: str
    file_style: int
    folder: str = ""     # sub-folder of applications/ ("" at its top)
    collision: str = ""  # what this candidate shares with an earlier one (benchmarks/collisions.py)


@dataclass(frozen=True)
class TruthEntry:
    """The ground truth for one file."""

    file: str
    candidate_key: str
    group: str
    layout: str
    format: str
    made_with: str
    identifiers: dict
    keep: list
    features: list


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    """One option, drawn by weight."""
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def plan_corpus(n: int, seed: int) -> list[DocPlan]:
    """n document plans: candidates round-robin over origin groups, some with a CV/form and a cover letter."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    plans: list[DocPlan] = []
    groups: list[str] = []
    earlier: list[Candidate] = []
    number = collisions = 0
    while len(plans) < n:
        if not groups:
            groups = [g.key for g in GROUPS]
            rng.shuffle(groups)
        number += 1
        candidate = make_candidate(rng, fake, f"b-{number:03d}", groups.pop())
        candidate, collision = collide(rng, candidate, earlier, collisions)
        collisions += bool(collision)
        earlier.append(candidate)
        layouts = [_weighted(rng, PRIMARY_LAYOUTS)]
        roll = rng.random()
        if roll < 0.3:
            layouts.append("cover")
        elif roll < 0.38:
            layouts = ["cover"]
        # Some HR teams file CVs and letters apart: one person's documents in two sub-folders.
        apart = len(layouts) == 2 and rng.random() < 0.25
        for layout in layouts[: n - len(plans)]:
            folder = ("Cover letters" if layout == "cover" else "CVs and forms") if apart else ""
            plans.append(DocPlan(len(plans), candidate, layout, _weighted(rng, MADE_WITH), rng.randrange(9),
                                 folder, collision))
    return plans


def _kind(layout: str) -> str:
    """cv, form or cover."""
    return "cover" if layout == "cover" else "form" if layout == "form" else "cv"


def file_stem(plan: DocPlan) -> str:
    """The file name (without extension) an applicant might have given this document."""
    n = plan.candidate.name
    first, last = n.first, n.surname
    kind = KIND_WORDS[_kind(plan.layout)]
    joined_last = last.replace(" ", "")
    styles = (
        f"{kind[0]} - {first} {last}",
        f"{last}, {first} - {kind[0]}",
        f"{first.lower()}.{joined_last.lower()}.{kind[1].replace(' ', '.')}",
        f"{last.upper()} {first.lower()} {kind[1]}",
        f"{kind[2]} {first} {last}",
        f"{first}_{joined_last}_{kind[3]}_2026",
        f"{first}{joined_last}-{kind[0].replace(' ', '')}",
        f"{kind[0].replace(' ', '_')}_{joined_last}_{fold(first)[0]}",
        f"{kind[0]} final v{plan.index % 4 + 2}",
    )
    return styles[plan.file_style].replace("/", "-")


def _unique(name: str, taken: set[str]) -> str:
    """A file name not yet used ("CV - A B (2).docx" on a clash)."""
    stem, dot, ext = name.rpartition(".")
    candidate, k = name, 2
    while candidate.lower() in taken:
        candidate = f"{stem} ({k}){dot}{ext}"
        k += 1
    taken.add(candidate.lower())
    return candidate


def _truth(plan: DocPlan, file_name: str, made_with: str, ledger, keep: list[str]) -> TruthEntry:
    """The truth entry of a written document."""
    identifiers = {"name_tokens": list(ledger.name_tokens), "full_names": list(ledger.full_names)}
    identifiers.update({c: list(ledger.identifiers[c]) for c in CATEGORIES})
    features = sorted(ledger.features | ({f"collision_{plan.collision}"} if plan.collision else set())
                      | ({"sub_folder"} if plan.folder else set()))
    return TruthEntry(file_name, plan.candidate.key, plan.candidate.group, plan.layout,
                      "pdf" if made_with != "docx" else "docx", made_with, identifiers, keep, features)


def soffice_path() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(docx_files: list[Path], out_dir: Path) -> None:
    """DOCX -> PDF with LibreOffice headless, in one batch, using a private profile."""
    with tempfile.TemporaryDirectory(prefix="bench-lo-profile-") as profile:
        subprocess.run(
            [soffice_path(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), *map(str, docx_files)],
            check=True, capture_output=True, timeout=60 + 10 * len(docx_files),
        )


def _keep_for(plan: DocPlan, seed: int, ledger, path: Path) -> list[str]:
    """8-15 keep phrases; for PDFs only those that survive text extraction (a table row split over a page may not)."""
    phrases = list(ledger.keep)
    if path.suffix == ".pdf":
        text = pdf_text(path)
        nospace, squashed = unspaced(text), squash(text)
        phrases = [p for p in phrases if phrase_found(p, squashed, nospace)]
    return clean_keep(phrases, random.Random(f"{seed}:{plan.index}:keep"))


def generate(out_dir: Path, n: int, seed: int, libreoffice: bool = True, log=print) -> list[TruthEntry]:
    """Write the corpus and truth.json; returns the truth entries."""
    problems = name_word_problems()
    if problems:
        raise SystemExit("name words in ordinary text:\n" + "\n".join(problems[:20]))
    apps = out_dir / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    for old in list(apps.rglob("*.docx")) + list(apps.rglob("*.pdf")):
        old.unlink()
    use_lo = libreoffice and soffice_path() is not None
    if libreoffice and not use_lo:
        log("note: soffice not on PATH; the 'PDF made from DOCX by LibreOffice' variant is written with fpdf2 instead")
    fake = Faker("en_GB")
    taken: set[str] = set()
    written: list[tuple[DocPlan, str, object, Path]] = []  # (plan, made_with, ledger, final path)
    pending: list[tuple[Path, Path]] = []  # (temporary docx, final pdf)
    with tempfile.TemporaryDirectory(prefix="bench-lo-") as tmp:
        for plan in plan_corpus(n, seed):
            rng = random.Random(f"{seed}:{plan.index}")
            fake.seed_instance(f"{seed}:{plan.index}")
            app, ledger = build(plan.layout, plan.candidate, rng, fake)
            made_with = plan.made_with if (plan.made_with != "libreoffice" or use_lo) else "fpdf2"
            ext = "docx" if made_with == "docx" else "pdf"
            folder = apps / plan.folder
            folder.mkdir(exist_ok=True)
            target = folder / _unique(f"{file_stem(plan)}.{ext}", taken)
            written.append((plan, made_with, ledger, target))
            if made_with == "docx":
                target.write_bytes(render_docx(app))
            elif made_with == "fpdf2":
                target.write_bytes(render_pdf(app))
            else:
                source = Path(tmp) / f"doc{plan.index:04d}.docx"
                source.write_bytes(render_docx(app))
                pending.append((source, target))
        if pending:
            started = time.perf_counter()
            converted = Path(tmp) / "pdf"
            converted.mkdir()
            try:
                convert_with_libreoffice([source for source, _ in pending], converted)
            except (subprocess.SubprocessError, OSError) as error:
                log(f"note: LibreOffice conversion failed ({error}); those documents are left out")
            for source, target in pending:
                made = converted / f"{source.stem}.pdf"
                if made.exists():
                    shutil.move(str(made), target)
            log(f"LibreOffice converted {sum(1 for _, t in pending if t.exists())} of {len(pending)} documents "
                f"in {time.perf_counter() - started:.1f}s")
    truth = [_truth(plan, target.relative_to(apps).as_posix(), made_with, ledger, _keep_for(plan, seed, ledger, target))
             for plan, made_with, ledger, target in written if target.exists()]
    (out_dir / "truth.json").write_text(json.dumps([asdict(e) for e in truth], indent=1, ensure_ascii=False), encoding="utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    """Command line: --out DIR --n N --seed S [--no-libreoffice]."""
    parser = argparse.ArgumentParser(description="Generate blindrec's labelled synthetic application corpus.")
    parser.add_argument("--out", required=True, type=Path, help="output folder (applications/ and truth.json)")
    parser.add_argument("--n", type=int, default=200, help="number of documents")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the DOCX->PDF LibreOffice variant")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    truth = generate(args.out, args.n, args.seed, libreoffice=not args.no_libreoffice)
    print(f"wrote {len(truth)} documents and truth.json to {args.out} in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
