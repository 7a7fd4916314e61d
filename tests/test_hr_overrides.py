"""hr/overrides.yaml: loading with clear errors, extra redactions, and kept strings restored safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from blindrec.hr.overrides import OverridesError, apply_overrides, load_overrides, restore_kept
from blindrec.model import Block, Document, RedactedDocument
from blindrec.settings import load_settings


@pytest.fixture(scope="module")
def settings():
    """The default rules."""
    return load_settings()


def overrides_in(tmp_path: Path, text: str):
    """Load overrides from a freshly written hr/overrides.yaml."""
    (tmp_path / "hr").mkdir(exist_ok=True)
    (tmp_path / "hr" / "overrides.yaml").write_text(text, encoding="utf-8")
    return load_overrides(tmp_path)


def redacted(*texts: str, found: dict | None = None) -> RedactedDocument:
    """A redacted document of plain paragraphs."""
    return RedactedDocument("cv.docx", "ab" * 32, tuple(Block("paragraph", t) for t in texts),
                            {"PERSON": 1}, (), found or {})


def test_no_file_means_no_overrides(tmp_path):
    assert load_overrides(tmp_path).by_candidate == {}


@pytest.mark.parametrize("text, message", [
    ("C-AAAA: [unclosed\n", "not valid YAML at line"),
    ("- just a list\n", "must map candidate IDs"),
    ("C-AAAA:\n  remove: [x]\n", "may only have 'redact' and 'keep'"),
    ("C-AAAA:\n  redact: Ludlow\n", "'redact' must be a list"),
    ("C-AAAA:\n  redact:\n    - pattern: '(unclosed'\n", "is not a valid regular expression"),
    ("C-AAAA:\n  redact:\n    - pattern: 'x*'\n", "matches empty text"),
    ("C-AAAA:\n  redact:\n    - text: Ludlow\n      placeholder: town\n", "must look like [CAPITALS]"),
])
def test_a_broken_file_is_named_with_what_to_fix(tmp_path, text, message):
    with pytest.raises(OverridesError) as error:
        overrides_in(tmp_path, text)
    assert "overrides.yaml" in str(error.value) and message in str(error.value)


def test_strings_are_redacted_as_whole_words_in_any_case_and_accent(tmp_path, settings):
    overrides = overrides_in(tmp_path, "C-AAAA:\n  redact: [Ludlow Rugby Club, Renée]\n")
    result = apply_overrides(redacted("Captain of LUDLOW rugby club; coached by Renee.", "Ludlowshire stays."),
                             "C-AAAA", overrides, settings)
    assert [b.text for b in result.blocks] == ["Captain of [REDACTED]; coached by [REDACTED].", "Ludlowshire stays."]
    assert result.redaction_counts["HR_OVERRIDE"] == 2
    assert set(result.found_identifiers["HR_OVERRIDE"]) == {"LUDLOW rugby club", "Renee"}


def test_patterns_use_their_own_placeholder_and_never_touch_placeholders(tmp_path, settings):
    overrides = overrides_in(tmp_path, "all:\n  redact:\n    - pattern: '[A-Z]{3,}'\n      placeholder: '[CODE]'\n")
    result = apply_overrides(redacted("[CANDIDATE] ran project ABC for [PERSON 1]."), "C-AAAA", overrides, settings)
    assert result.blocks[0].text == "[CANDIDATE] ran project [CODE] for [PERSON 1]."


def test_other_candidates_overrides_do_not_apply(tmp_path, settings):
    overrides = overrides_in(tmp_path, "C-BBBB:\n  redact: [Ludlow]\n")
    document = redacted("Ludlow")
    assert apply_overrides(document, "C-AAAA", overrides, settings) is document


def test_kept_strings_are_restored_where_they_were_replaced_exactly():
    original = (Block("heading", "Jo Bloggs"), Block("paragraph", "Trained in Excel by Excel Smith."))
    after = (Block("heading", "[CANDIDATE]"), Block("paragraph", "Trained in [PERSON 1] by [PERSON 2]."))
    blocks, restored = restore_kept(after, original, ["excel"])
    assert blocks[1].text == "Trained in Excel by [PERSON 2]."
    assert restored == [("[PERSON 1]", "Excel")]


def test_blocks_that_do_not_line_up_are_left_alone():
    original = (Block("paragraph", "She trained in Excel."),)
    after = (Block("paragraph", "They trained in [PERSON 1]."),)  # a pronoun was rewritten
    assert restore_kept(after, original, ["Excel"]) == (after, [])


def test_dropped_blocks_do_not_shift_the_alignment():
    original = (Block("paragraph", "Mr"), Block("table_row", cells=("Software", "Excel")))
    after = (Block("table_row", cells=("Software", "[PERSON 1]")),)
    blocks, _ = restore_kept(after, original, ["Excel"])
    assert blocks[0].cells == ("Software", "Excel")


def test_contact_details_are_never_restored(tmp_path, settings):
    from blindrec.hr.overrides import CandidateOverrides, Overrides

    # The file refuses a keep shaped like one; this is the second line of defence.
    overrides = Overrides({"C-AAAA": CandidateOverrides(keep=("jo@example.com", "Excel"))})
    original = Document(Path("cv.docx"), "cv.docx", (Block("paragraph", "Email jo@example.com, skills Excel"),))
    document = redacted("Email [EMAIL], skills [PERSON 1]",
                        found={"EMAIL_ADDRESS": ("jo@example.com",), "PERSON_NAME": ("excel",)})
    result = apply_overrides(document, "C-AAAA", overrides, settings, original)
    assert result.blocks[0].text == "Email [EMAIL], skills Excel"
    assert result.found_identifiers == {"EMAIL_ADDRESS": ("jo@example.com",), "PERSON_NAME": ()}
    assert "PERSON" not in result.redaction_counts
