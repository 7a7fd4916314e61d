"""Each panellist reads each criterion's answers in their own shuffled order, reproducible from a seed.

The order of a (panellist, criterion) pair sorts candidates by a keyed hash of the seed and
the candidate ID: the same seed gives the same order whatever order candidates arrive in,
and a fresh seed gives an order that owes nothing to the IDs, file names or input order.
Seeds are drawn once per output folder and kept in hr/sift-seeds.json, so a rerun of the
sift gives every panellist the order they already have.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from pathlib import Path
from typing import Iterable, Sequence

from blindrec.sift.errors import SiftError

SEEDS_FILE = "sift-seeds.json"


def order_seed(master: str, panellist: str, criterion: str) -> str:
    """The seed of one panellist's order for one criterion, derived from the folder's master seed."""
    message = f"{panellist.casefold()}\x1f{criterion.casefold()}".encode("utf-8")
    return hmac.new(master.encode("ascii"), message, hashlib.sha256).hexdigest()


def shuffled_order(seed: str, candidate_ids: Iterable[str]) -> list[str]:
    """The candidates in the order this seed gives, whatever order they came in."""
    def rank(candidate_id: str) -> bytes:
        return hmac.new(seed.encode("ascii"), candidate_id.encode("utf-8"), hashlib.sha256).digest()

    return sorted(set(candidate_ids), key=lambda c: (rank(c), c))


def load_or_create_seeds(out_dir: Path, panellists: Sequence[str], criteria: Sequence[str]) -> dict:
    """hr/sift-seeds.json: the master seed (drawn once) and each panellist's seed per criterion."""
    from blindrec.output import write_private

    path = Path(out_dir) / "hr" / SEEDS_FILE
    try:
        master = json.loads(path.read_text(encoding="utf-8"))["master"]
        if not isinstance(master, str) or len(master) != 64:
            raise ValueError
    except FileNotFoundError:
        master = secrets.token_hex(32)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SiftError(f"{path}: is not a blindrec seed file; restore it from a backup (or delete it to draw new "
                        f"orders before any panellist has started).") from error
    seeds = {"master": master,
             "orders": {p: {c: order_seed(master, p, c) for c in criteria} for p in panellists}}
    write_private(path, json.dumps(seeds, indent=2) + "\n")
    return seeds
