"""How the combined pack's writing time grows with the number of candidates.

    python benchmarks/packs.py                 # 100, 200, 400, 800 candidates
    python benchmarks/packs.py --base 50

Prints, for each size, blindrec's writer and a baseline measured in the same run: the plain
python-docx calls the pack used before (add_heading / add_paragraph / add_table on the
document itself). Growth is shown as time per candidate relative to the smallest size:
linear writing stays near 1.0 as the batch grows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from blindrec.model import Block, RedactedDocument  # noqa: E402
from blindrec.packs.combined import write_combined_docx  # noqa: E402


@dataclass(frozen=True)
class _Pack:
    candidate_id: str
    documents: tuple[RedactedDocument, ...]


def synthetic_packs(count: int) -> list[_Pack]:
    """Candidates with a CV of headings, paragraphs, bullets and a table (no names: nothing real)."""
    blocks = []
    for section in range(6):
        blocks.append(Block("heading", f"Section {section}", level=1))
        blocks += [Block("paragraph", "Managed a caseload of tenancies and reported to the service lead. " * 3)] * 5
        blocks += [Block("list_item", "Delivered training to new starters")] * 4
    blocks += [Block("table_row", cells=("Qualification", "Year")), Block("table_row", cells=("NVQ Level 3", "2019"))]
    document = RedactedDocument("CV.docx", "0" * 64, tuple(blocks), {})
    return [_Pack(f"C-{i:04d}", (document,)) for i in range(count)]


def plain_python_docx(path: Path, packs: list[_Pack]) -> None:
    """The baseline: every block added straight to the growing document."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for pack in packs:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(f"Candidate {pack.candidate_id}", level=1)
        rows = []
        for block in pack.documents[0].blocks:
            if block.kind == "table_row":
                rows.append(block)
            elif block.kind == "heading":
                document.add_heading(block.text, level=2)
            elif block.kind == "list_item":
                document.add_paragraph(block.text, style="List Bullet")
            else:
                document.add_paragraph(block.text)
        table = document.add_table(rows=0, cols=2)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row.cells):
                cell.text = text
    document.save(str(path))


def _seconds(write, path: Path, packs: list[_Pack]) -> float:
    start = time.perf_counter()
    write(path, packs)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=int, default=100, help="candidates at 1x (default 100)")
    args = parser.parse_args()
    today = dt.date.today()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for factor in (1, 2, 4, 8):
            packs = synthetic_packs(args.base * factor)
            ours = _seconds(lambda p, k: write_combined_docx(p, k, "Benchmark role", today),
                            Path(folder) / "ours.docx", packs)
            plain = _seconds(plain_python_docx, Path(folder) / "plain.docx", packs)
            rows.append((factor, len(packs), ours, plain))
    first = rows[0]
    print(f"{'x':>3} {'candidates':>10} {'blindrec s':>10} {'growth':>7} {'plain s':>8} {'growth':>7} {'plain/ours':>10}")
    for factor, count, ours, plain in rows:
        print(f"{factor:>3} {count:>10} {ours:>10.2f} {ours / first[2] / factor:>7.2f} {plain:>8.2f} "
              f"{plain / first[3] / factor:>7.2f} {plain / ours:>10.2f}")
    print("growth = time per candidate relative to 1x (1.00 is linear)")


if __name__ == "__main__":
    main()
