"""Guessing an ATS column's role from headers that councils' systems really use."""

from __future__ import annotations

import pytest

from blindrec.settings import rules_dir
from blindrec.tabular.columns import guess_role, load_guesses


@pytest.fixture(scope="module")
def guesses():
    return load_guesses(rules_dir() / "columns" / "default.yaml")


@pytest.mark.parametrize("header, role", [
    ("Candidate Forename", "first_name"), ("Family Name", "last_name"), ("E-mail Address", "email"),
    ("Contact Number", "phone"), ("House Number and Street", "address"), ("Home Postcode", "postcode"),
    ("Correspondence Post Code", "postcode"), ("Age Band", "monitoring"), ("Disabled?", "monitoring"),
    ("Religion or Belief", "monitoring"), ("Current Organisation", "free_text"),
    ("Previous Company", "free_text"), ("Why do you want this job?", "free_text"),
    ("Vacancy Reference", "pass_through"), ("Source", "drop"),
])
def test_common_header_variants_are_recognised(header, role, guesses):
    assert guess_role(header, guesses) == role


def test_a_header_nothing_claims_stays_unknown(guesses):
    assert guess_role("Favourite colour", guesses) is None
