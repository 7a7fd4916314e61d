"""Applicants who share something with an earlier applicant: the traps of grouping.

Two different people may live in the same town, work for the same employer, give the same
referee, or share a first name, a surname or a whole name; one person may sign a letter
with a nickname. A tool that groups documents on any of these puts two people in one pack.
Every collision keeps the candidate a different person: their own email, phone, NI number
and date of birth stay theirs.
"""

from __future__ import annotations

import random
from dataclasses import replace

from benchmarks.identity import Candidate, make_email, make_postcode
from benchmarks.matching import fold
from benchmarks.names import GROUPS_BY_KEY, name_words

COLLISIONS = ("same_town", "same_employer", "same_referee", "same_first_name", "same_surname",
              "same_full_name", "nickname_signoff")
# About a third of applicants collide with someone; kinds are dealt in turn so each appears.
RATE = 0.35


def collide(rng: random.Random, candidate: Candidate, earlier: list[Candidate], turn: int) -> tuple[Candidate, str]:
    """The candidate, perhaps changed to share something with an earlier one, and the collision's kind ("" if none)."""
    if not earlier or rng.random() >= RATE:
        return candidate, ""
    kind = COLLISIONS[turn % len(COLLISIONS)]
    partner = rng.choice(earlier)
    changed = _APPLY[kind](rng, candidate, partner)
    if changed is None or changed.email == partner.email or not _referees_apart(changed):
        return candidate, ""
    return changed, kind


def _words(candidate: Candidate) -> set[str]:
    return {fold(w).lower() for w in name_words(" ".join(candidate.name.given) + " " + candidate.name.surname)}


def _referees_apart(candidate: Candidate) -> bool:
    """No referee shares a name word with the candidate (the truth would not know whose word it is)."""
    words = _words(candidate) | ({fold(candidate.name.known_as).lower()} if candidate.name.known_as else set())
    return not any({fold(w).lower() for w in r.name.split()} & words for r in candidate.referees)


def _renamed(rng: random.Random, candidate: Candidate, name) -> Candidate:
    return replace(candidate, name=name, email=make_email(rng, name, candidate.dob))


def _same_town(rng, c: Candidate, p: Candidate) -> Candidate:
    return replace(c, town=p.town, postcode=make_postcode(rng, p.town))


def _same_employer(rng, c: Candidate, p: Candidate) -> Candidate:
    return replace(c, jobs=(replace(c.jobs[0], employer=p.jobs[0].employer),) + c.jobs[1:])


def _same_referee(rng, c: Candidate, p: Candidate) -> Candidate:
    return replace(c, referees=(p.referees[0], c.referees[1]))


def _same_first_name(rng, c: Candidate, p: Candidate) -> Candidate | None:
    if p.name.first in c.name.given[1:]:
        return None
    given = (p.name.first,) + c.name.given[1:]
    return _renamed(rng, c, replace(c.name, given=given, known_as="" if c.name.known_as in given else c.name.known_as))


def _same_surname(rng, c: Candidate, p: Candidate) -> Candidate | None:
    return _renamed(rng, c, replace(c.name, surname=p.name.surname))


def _same_full_name(rng, c: Candidate, p: Candidate) -> Candidate | None:
    return _renamed(rng, c, replace(p.name, given=p.name.given[:1], title=c.name.title, known_as=""))


def _nickname_signoff(rng, c: Candidate, p: Candidate) -> Candidate | None:
    group = GROUPS_BY_KEY[c.group]
    pool = [g for g in (group.female if c.gender == "f" else group.male) if g not in c.name.given and len(g) <= 6]
    if not pool:
        return None
    nickname = c.name.known_as or rng.choice(pool)
    return replace(c, name=replace(c.name, known_as=nickname), signs_with_nickname=True)


_APPLY = {"same_town": _same_town, "same_employer": _same_employer, "same_referee": _same_referee,
          "same_first_name": _same_first_name, "same_surname": _same_surname, "same_full_name": _same_full_name,
          "nickname_signoff": _nickname_signoff}
