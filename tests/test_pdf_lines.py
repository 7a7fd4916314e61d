"""PDF lines become paragraphs again: wrapped lines join, short lines never do."""

from __future__ import annotations

import pytest

from blindrec.extract.pdf_lines import page_blocks

FILLER = [  # full-width lines that set the page's usual line length
    "I have worked in housing management for nine years across two councils and",
    "a housing association, leading a team of six officers on tenancy enforcement.",
    "I have led the service's work on damp and mould after the national guidance.",
    "My team cut the average time to re-let an empty home from 41 days to 27 days.",
    "I chair the monthly partnership meeting with the police and social services.",
    "I am a member of the Chartered Institute of Housing and hold its Level 4 award.",
]


def _texts(lines: list[str]) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in page_blocks(["\n".join(lines)])]


@pytest.mark.parametrize("first, second, joined", [
    # Wrapped mid-sentence: the next line starts in lower case.
    ("I carry a caseload of nineteen planning applications, including major ones for",
     "residential schemes of up to 602 homes.", True),
    # Wrapped before a capitalised name after a short joining word.
    ("I am applying for the post of Senior Planning Officer in the development team with",
     "Warwickshire County Council and would bring seven years of experience.", True),
    # A long line that ends a phrase, then a heading: two blocks.
    ("MSc Spatial Planning, University of Warwick, 2019, with distinction in the thesis 2025",
     "Section 4 – Supporting statement", False),
    # A long criterion heading, then the answer starting with "I".
    ("Criterion: Chartered membership of the Royal Town Planning Institute or eligibility for it",
     "I give pre-application advice to developers and householders every week.", False),
    # A full line, then a field line: fields always start their own line.
    ("My contact details are below and I am happy to be contacted at any time during the day",
     "Email: someone@example.org", False),
])
def test_wrapped_lines(first, second, joined):
    blocks = _texts(FILLER + [first, second])[-2:]
    if joined:
        assert blocks[-1] == ("paragraph", f"{first} {second}")
    else:
        assert blocks == [("paragraph", first), ("paragraph", second)]


def test_short_lines_never_join():
    lines = ["Amara Okafor", "14 Larch Road", "Walsall", "WS2 9PL", "07700 900123"]
    assert _texts(FILLER + lines)[-5:] == [("paragraph", line) for line in lines]


def test_a_short_page_keeps_its_lines():
    lines = ["Dear Panel, I am writing about the post of Housing Officer advertised", "recently on your website."]
    assert len(_texts(lines)) == 2


def test_bullets_are_list_items_and_their_wrapped_lines_join_them():
    lines = FILLER + ["• Led the council's response to the new damp and mould guidance across all",
                      "tenures, with a team of six.", "• Chaired the partnership meeting."]
    assert _texts(lines)[-2:] == [
        ("list_item", "Led the council's response to the new damp and mould guidance across all tenures, "
                      "with a team of six."),
        ("list_item", "Chaired the partnership meeting."),
    ]


def test_word_symbol_bullets_become_list_items():
    assert _texts(["\uf0b7 Budget holder"]) == [("list_item", "Budget holder")]
