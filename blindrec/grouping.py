"""Which documents belong to one candidate, and the random IDs the panel knows them by.

Documents are grouped when they share the candidate's email address, or at least two
words of the candidate's name (a CV and its cover letter). Anything less certain stays
apart: two packs for one person are a nuisance; one pack for two people is a mistake.
"""

from __future__ import annotations

import secrets
from typing import Mapping, Sequence

from blindrec.model import RedactedDocument

# No 0/O, 1/I/L: IDs are read aloud and typed by people.
ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ID_LENGTH = 4


def new_candidate_id(taken: set[str]) -> str:
    """A random candidate ID like C-7K2Q, unique within the run."""
    while True:
        candidate_id = "C-" + "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
        if candidate_id not in taken:
            taken.add(candidate_id)
            return candidate_id


def group_documents(documents: Sequence[RedactedDocument]) -> list[list[RedactedDocument]]:
    """Documents grouped by candidate (shared email, or two shared name words)."""
    parent = list(range(len(documents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(documents)):
        for j in range(i + 1, len(documents)):
            if _same_candidate(documents[i], documents[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[RedactedDocument]] = {}
    for i, document in enumerate(documents):
        groups.setdefault(find(i), []).append(document)
    return list(groups.values())


def _same_candidate(a: RedactedDocument, b: RedactedDocument) -> bool:
    names_a = set(a.found_identifiers.get("CANDIDATE_NAME", ()))
    names_b = set(b.found_identifiers.get("CANDIDATE_NAME", ()))
    emails_a = {e.casefold() for e in a.found_identifiers.get("CANDIDATE_EMAIL", ())}
    emails_b = {e.casefold() for e in b.found_identifiers.get("CANDIDATE_EMAIL", ())}
    return bool(emails_a & emails_b) or len(names_a & names_b) >= 2


def assign_candidates(documents: Sequence[RedactedDocument], previous_ids: Mapping[str, str]):
    """CandidatePacks with IDs: an ID from an earlier run of the same file is kept."""
    from blindrec.api import CandidatePack

    taken = set(previous_ids.values())
    packs = []
    for group in map(share_candidate_names, group_documents(documents)):
        reused = next((previous_ids[d.sha256] for d in group if d.sha256 in previous_ids), None)
        candidate_id = reused or new_candidate_id(taken)
        packs.append(CandidatePack(candidate_id, tuple(group)))
    # Sort by the random ID so nothing about input order survives.
    return sorted(packs, key=lambda p: p.candidate_id)


def share_candidate_names(group: list[RedactedDocument]) -> list[RedactedDocument]:
    """Redact, in each document of a candidate, the name words another of their documents revealed.

    A middle name found only in the CV must not survive in the cover letter of the same pack.
    """
    if len(group) < 2:
        return group
    words = frozenset(w for d in group for w in d.found_identifiers.get("CANDIDATE_NAME", ()))
    return [_redact_names(document, words) for document in group]


def _redact_names(document: RedactedDocument, words: frozenset[str]) -> RedactedDocument:
    from dataclasses import replace

    from blindrec.detect.propagate import capitalised_name_spans
    from blindrec.redact import redact_text

    placeholder = "[CANDIDATE]"
    blocks, added = [], 0
    for block in document.blocks:
        segments = []
        for segment in block.segments:
            spans = capitalised_name_spans(segment, words, "CANDIDATE", placeholder)
            added += len(spans)
            segments.append(redact_text(segment, spans) if spans else segment)
        blocks.append(block.with_segments(tuple(segments)))
    if not added:
        return document
    counts = dict(document.redaction_counts)
    counts["CANDIDATE"] = counts.get("CANDIDATE", 0) + added
    return replace(document, blocks=tuple(blocks), redaction_counts=counts)
