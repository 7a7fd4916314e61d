"""Which documents belong to one candidate, and the random IDs the panel knows them by.

Documents join on strong evidence about the candidate (their own email, phone, NI number or
date of birth), or on the same full name together with a second, independent signal (the
same sub-folder, an email spelling the name, file names spelling it). They never join when
their own identifiers conflict, or when their full names share no word. An identifier many
people's documents carry (a recruitment mailbox, a switchboard number) is evidence of
nothing. When in doubt documents stay apart and HR is told: two packs for one person are a
nuisance HR sees; one pack for two people is a mistake nobody sees.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import PurePosixPath
from typing import Iterable, Mapping, Sequence

from blindrec.detect.evidence import email_spells
from blindrec.model import CandidateEvidence, RedactedDocument

# No 0/O, 1/I/L: IDs are read aloud and typed by people.
ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
ID_LENGTH = 4
# One person sends a CV, a form, a letter and a statement at most; a value in more documents
# than this belongs to an organisation.
MOST_DOCUMENTS_OF_ONE_PERSON = 4
_KINDS = ("emails", "phones", "ni_numbers", "dates_of_birth")
_KIND_NAMES = {"emails": "email", "phones": "phone", "ni_numbers": "NI number", "dates_of_birth": "date of birth"}


@dataclass(frozen=True)
class NearMiss:
    """Two documents that may belong to one candidate but were kept apart (or joined on little), and why."""

    sources: tuple[str, str]
    reason: str
    joined: bool = False  # joined on the full name alone: HR checks, and splits if they are two people


# A statement signed only in its declaration carries nothing but the name; kept apart, a
# candidate's evidence would be scored as another candidate's, so it joins the one candidate
# of the batch with that full name, and HR is told to check.
NAME_ONLY_JOIN = ("joined on the same full name alone: one of them has no contact details to confirm "
                  "or contradict it, and no other candidate has that name; if they are two people, "
                  "add `split: [one of the files]` to hr/overrides.yaml")


@dataclass(frozen=True)
class Grouping:
    """Documents grouped by candidate, and the pairs HR should look at."""

    groups: tuple[tuple[RedactedDocument, ...], ...]
    near_misses: tuple[NearMiss, ...] = ()


@dataclass(frozen=True)
class _Profile:
    """One document's evidence as grouping compares it: own identifiers and name keys."""

    own: Mapping[str, frozenset[str]]
    full_names: frozenset[frozenset[str]]  # {first, last} fold keys
    name_words: frozenset[str]
    short_only: bool  # names, but none of two words ("Kasia")
    named_emails: tuple[str, ...]
    folder: str
    file_words: frozenset[str]


def new_candidate_id(taken: set[str]) -> str:
    """A random candidate ID like C-7K2Q, unique within the run."""
    while True:
        candidate_id = "C-" + "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
        if candidate_id not in taken:
            taken.add(candidate_id)
            return candidate_id


def group_documents(documents: Sequence[RedactedDocument], joins: Sequence[Sequence[str]] = (),
                    splits: Sequence[str] = ()) -> Grouping:
    """Documents grouped by candidate; HR's joins and splits (by file name) win over the evidence."""
    profiles = _profiles([d.evidence for d in documents])
    split = {i for i, d in enumerate(documents) if _named(d.relative_source, splits)}
    groups = _Groups(profiles)
    near: dict[tuple[int, int], str] = {}
    pairs = [p for p in _pairs_sharing_a_key(profiles) if not set(p) & split]
    for i, j in pairs:
        if _strong(profiles[i], profiles[j]) and not groups.join(i, j):
            reason = _blocked(profiles[i], profiles[j]) or "other documents of theirs disagree"
            near[(i, j)] = f"a shared {_shared_kind(profiles[i], profiles[j])}, but {reason}"
    joined: dict[tuple[int, int], str] = {}
    _join_on_names(groups, pairs, near, joined)
    for listed in joins:
        members = [i for i, d in enumerate(documents) if _named(d.relative_source, listed)]
        for i in members[1:]:
            groups.join(members[0], i, force=True)
    by_root: dict[int, list[RedactedDocument]] = {}
    for i, document in enumerate(documents):
        by_root.setdefault(groups.find(i), []).append(document)
    misses = tuple(NearMiss((documents[i].relative_source, documents[j].relative_source), reason)
                   for (i, j), reason in sorted(near.items()) if groups.find(i) != groups.find(j))
    misses += tuple(NearMiss((documents[i].relative_source, documents[j].relative_source), reason, joined=True)
                    for (i, j), reason in sorted(joined.items()))
    return Grouping(tuple(tuple(g) for g in by_root.values()), misses)


def _named(relative_source: str, names: Iterable[str]) -> bool:
    """Whether HR's list names this document, by its path in the batch or its bare file name."""
    wanted = {str(n).strip().replace("\\", "/") for n in names}
    return relative_source in wanted or PurePosixPath(relative_source).name in wanted


def _profiles(evidence: Sequence[CandidateEvidence]) -> list[_Profile]:
    """Each document's profile, its identifiers less those the batch shows belong to no one person."""
    evidence = _whole_emails(evidence)
    names = [_name_keys(e) for e in evidence]
    holders: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(evidence):
        for kind in _KINDS:
            for value in getattr(e, kind):
                holders.setdefault((kind, value), []).append(i)
    common = {key for key, docs in holders.items()
              if len(docs) > MOST_DOCUMENTS_OF_ONE_PERSON or _clashing_names([names[i][0] for i in docs])}
    # A sub-folder says whose documents it holds only when it holds one applicant's few
    # ("applicant 12/"), not everyone's letters ("Cover letters/").
    folder_sizes = Counter(e.folder for e in evidence)
    profiles = []
    for i, e in enumerate(evidence):
        own = {kind: frozenset(v for v in getattr(e, kind) if (kind, v) not in common) for kind in _KINDS}
        # An address spelling the candidate's name is theirs; beside it, the others are someone
        # else's (a referee a form lists outside its references, the council's mailbox).
        named = own["emails"] & set(e.named_emails)
        own["emails"] = frozenset(named) or own["emails"]
        full, words = names[i]
        profiles.append(_Profile(own, full, words, bool(words) and not full,
                                 tuple(sorted(named)),
                                 e.folder if folder_sizes[e.folder] <= MOST_DOCUMENTS_OF_ONE_PERSON else "",
                                 frozenset(e.file_words)))
    return profiles


def _whole_emails(evidence: Sequence[CandidateEvidence]) -> list[CandidateEvidence]:
    """Evidence with each address a PDF cut short ("jo@mail.example.ne") replaced by the whole one."""
    from dataclasses import replace

    emails = sorted({x for e in evidence for x in e.emails})

    def whole(email: str) -> str:
        local, _, domain = email.partition("@")
        longer = [x for x in emails if x != email and x.startswith(f"{local}@{domain}") and len(x) - len(email) <= 3]
        return longer[0] if len(longer) == 1 else email

    if not any(whole(x) != x for x in emails):
        return list(evidence)
    return [replace(e, emails=tuple(dict.fromkeys(map(whole, e.emails))),
                    named_emails=tuple(dict.fromkeys(map(whole, e.named_emails)))) for e in evidence]


def _name_keys(evidence: CandidateEvidence) -> tuple[frozenset[frozenset[str]], frozenset[str]]:
    """Full names ({first, last}) and every name word a document states."""
    full = {frozenset((n.words[0], n.words[-1])) for n in evidence.names if len(set(n.words)) >= 2}
    # A form gives forename and surname in separate fields.
    singles = list(dict.fromkeys(n.words[0] for n in evidence.names if len(n.words) == 1 and n.signal == "form label"))
    if not full and 2 <= len(singles) <= 3:
        full = {frozenset(pair) for pair in combinations(singles, 2)}
    return frozenset(full), frozenset(w for n in evidence.names for w in n.words)


def _clashing_names(full_names: Sequence[frozenset[frozenset[str]]]) -> bool:
    """Whether documents state full names that share no word: two people."""
    stated = [frozenset().union(*f) for f in full_names if f]
    return any(not a & b for a, b in combinations(stated, 2))


def _pairs_sharing_a_key(profiles: Sequence[_Profile]) -> list[tuple[int, int]]:
    """Pairs of documents with any identifier or name word in common (the only ones worth comparing)."""
    index: dict[object, list[int]] = {}
    for i, p in enumerate(profiles):
        keys = {(kind, v) for kind in _KINDS for v in p.own[kind]} | {("name", w) for w in p.name_words}
        if p.folder:  # one applicant's sub-folder: a short name there may be a name's short form
            keys.add(("folder", p.folder))
        for key in keys:
            index.setdefault(key, []).append(i)
    pairs = {pair for docs in index.values() if len(docs) <= 50 for pair in combinations(docs, 2)}
    return sorted(pairs)


def _strong(a: _Profile, b: _Profile) -> bool:
    return any(a.own[kind] & b.own[kind] for kind in _KINDS)


def _shared_kind(a: _Profile, b: _Profile) -> str:
    return next(_KIND_NAMES[kind] for kind in _KINDS if a.own[kind] & b.own[kind])


def _conflict(a: Mapping[str, frozenset[str]], b: Mapping[str, frozenset[str]]) -> str:
    """The kind of identifier on which two documents (or groups) disagree, or ""."""
    for kind in _KINDS:
        if a[kind] and b[kind] and not (a[kind] <= b[kind] or b[kind] <= a[kind]):
            return _KIND_NAMES[kind]
    return ""


def _blocked(a: _Profile, b: _Profile) -> str:
    """Why two documents that share something must stay apart, or ""."""
    conflict = _conflict(a.own, b.own)
    if conflict:
        return f"different {conflict}s"
    if _clashing_names([a.full_names, b.full_names]):
        return "different names"
    return ""


def _join_on_names(groups: "_Groups", pairs: Sequence[tuple[int, int]], near: dict[tuple[int, int], str],
                   joined: dict[tuple[int, int], str]) -> None:
    """Joins on the same full name (or a short name) with a second signal, unless the name is ambiguous."""
    profiles = groups.profiles
    holders: dict[frozenset[str], set[int]] = {}
    name_documents: dict[frozenset[str], set[int]] = {}
    for i, p in enumerate(profiles):
        for name in p.full_names:
            holders.setdefault(name, set()).add(groups.find(i))
            name_documents.setdefault(name, set()).add(i)
    # A full name two incompatible candidates hold ("Maria Santos" twice) joins nothing on its own.
    ambiguous = {name for name, roots in holders.items()
                 if any(not groups.compatible(r, s) for r, s in combinations(sorted(roots), 2))}
    for i, j in pairs:
        if groups.find(i) == groups.find(j):
            continue
        a, b = profiles[i], profiles[j]
        shared = a.full_names & b.full_names
        if shared:
            second = _second_signal(a, b, shared)
            if shared & ambiguous:
                near.setdefault((i, j), "the same full name, which two different candidates in this batch have")
            elif not second and _unconfirmable(a, b) and max(len(name_documents[n]) for n in shared) <= \
                    MOST_DOCUMENTS_OF_ONE_PERSON and groups.join(i, j):
                joined[(i, j)] = NAME_ONLY_JOIN
            elif not second:
                near.setdefault((i, j), "the same full name, but nothing else in common")
            elif not groups.join(i, j):
                near.setdefault((i, j), f"the same full name and {second}, but {_blocked(a, b) or 'their packs disagree'}")
        elif a.short_only or b.short_only:
            short, other = (a, b) if a.short_only else (b, a)
            if _short_form_of(short.name_words, other.name_words):
                if short.folder and short.folder == other.folder and len(_holders_of(short, profiles, groups)) == 1:
                    groups.join(i, j)
                else:
                    near.setdefault((i, j), "a short name that matches, but nothing else in common")


def _unconfirmable(a: _Profile, b: _Profile) -> bool:
    """Whether exactly one of two documents holds no identifier of its own (a statement beside a CV).

    Two documents with none at all (two statements) could be two people's: they stay apart.
    """
    return any(a.own[kind] for kind in _KINDS) != any(b.own[kind] for kind in _KINDS)


def _short_form_of(short: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a short name is one of the name words, or the start of one ("Jas" of "Jaswinder")."""
    return any(s == w or (len(s) >= 2 and w.startswith(s)) for s in short for w in words)


def _holders_of(short: _Profile, profiles: Sequence[_Profile], groups: "_Groups") -> set[int]:
    """The candidates (group roots) outside the short-named document whose name words include its name in its folder."""
    return {groups.find(k) for k, p in enumerate(profiles)
            if p is not short and p.folder == short.folder and _short_form_of(short.name_words, p.name_words)
            and not p.short_only}


def _second_signal(a: _Profile, b: _Profile, shared: frozenset[frozenset[str]]) -> str:
    """An independent signal that two documents with the same full name are one person's, or ""."""
    if a.folder and a.folder == b.folder:
        return "the same sub-folder"
    for name in shared:
        if any(all(email_spells(e, [w]) for w in name) for e in a.named_emails + b.named_emails):
            return "an email spelling the name"
        if name <= a.file_words and name <= b.file_words:
            return "file names spelling the name"
    return ""


class _Groups:
    """Union-find over documents that refuses joins the groups' evidence contradicts."""

    def __init__(self, profiles: Sequence[_Profile]) -> None:
        self.profiles = profiles
        self.parent = list(range(len(profiles)))
        self.own = [dict(p.own) for p in profiles]
        self.full_names = [p.full_names for p in profiles]

    def find(self, i: int) -> int:
        """The root of a document's group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, r: int, s: int) -> bool:
        """Whether two groups (by root) could be one candidate."""
        return not _conflict(self.own[r], self.own[s]) and not _clashing_names([self.full_names[r], self.full_names[s]])

    def join(self, i: int, j: int, force: bool = False) -> bool:
        """Join the groups of two documents unless their evidence conflicts; whether they are one now."""
        r, s = self.find(i), self.find(j)
        if r == s:
            return True
        if not force and not self.compatible(r, s):
            return False
        self.parent[s] = r
        self.own[r] = {kind: self.own[r][kind] | self.own[s][kind] for kind in _KINDS}
        self.full_names[r] = self.full_names[r] | self.full_names[s]
        return True


def assign_candidates(documents: Sequence[RedactedDocument], previous_ids: Mapping[str, str],
                      joins: Sequence[Sequence[str]] = (), splits: Sequence[str] = ()):
    """CandidatePacks with IDs: an ID from an earlier run of the same files is kept."""
    return packs_for(group_documents(documents, joins, splits).groups, previous_ids)


def packs_for(groups: Sequence[Sequence[RedactedDocument]], previous_ids: Mapping[str, str]):
    """CandidatePacks for grouped documents, each earlier ID going to one pack only."""
    from blindrec.api import CandidatePack

    ids = _reused_ids(groups, previous_ids)
    taken = set(previous_ids.values())
    packs = [CandidatePack(ids.get(n) or new_candidate_id(taken), tuple(group))
             for n, group in enumerate(map(share_candidate_names, map(list, groups)))]
    # Sort by the random ID so nothing about input order survives.
    return sorted(packs, key=lambda p: p.candidate_id)


def _reused_ids(groups: Sequence[Sequence[RedactedDocument]], previous_ids: Mapping[str, str]) -> dict[int, str]:
    """Group number to its earlier ID: when a group was split, the part with most of its documents keeps it."""
    claims = []
    for n, group in enumerate(groups):
        for candidate_id, count in Counter(previous_ids[d.sha256] for d in group if d.sha256 in previous_ids).items():
            claims.append((-count, min(d.relative_source for d in group), candidate_id, n))
    ids: dict[int, str] = {}
    for _, _, candidate_id, n in sorted(claims):
        if n not in ids and candidate_id not in ids.values():
            ids[n] = candidate_id
    return ids


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
