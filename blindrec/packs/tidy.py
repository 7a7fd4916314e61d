"""Tidy redacted blocks for reading: what redaction emptied goes, an address is one line.

A cover letter that opens with five lines of "[ADDRESS]" tells the panel nothing and makes
that candidate's pack read worse than one whose address sat in a page header.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from blindrec.model import Block

DEFAULT_ADDRESS_PLACEHOLDERS = ("[ADDRESS]", "[POSTCODE]")


def tidy_blocks(blocks: Sequence[Block],
                address_placeholders: Iterable[str] = DEFAULT_ADDRESS_PLACEHOLDERS) -> tuple[Block, ...]:
    """Blocks without empty lines and rows, and with each run of address lines made one line."""
    only_address = _only_placeholders(tuple(address_placeholders))
    address_line = next(iter(address_placeholders), "[ADDRESS]")
    tidied: list[Block] = []
    for block in blocks:
        if _is_empty(block):
            continue
        if block.kind != "table_row" and only_address.fullmatch(block.text):
            if tidied and tidied[-1].kind == block.kind and tidied[-1].text == address_line:
                continue  # the run's first line already stands for the whole address
            block = Block(block.kind, address_line, (), block.level, block.region)
        tidied.append(block)
    return tuple(tidied)


def _is_empty(block: Block) -> bool:
    return not any(segment.strip() for segment in block.segments)


def _only_placeholders(placeholders: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in placeholders if p)
    return re.compile(rf"[\s,.;]*(?:(?:{alternatives})[\s,.;]*)+" if alternatives else r"(?!)")
