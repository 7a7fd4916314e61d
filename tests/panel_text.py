"""Read back everything a panel member could see in panel/, for assertions."""

from __future__ import annotations

from pathlib import Path

from blindrec.hr.verify import panel_file_text


def panel_texts(out: Path) -> dict[str, str]:
    """File name -> all visible text (content, properties, name) of each panel file."""
    return {p.name: panel_file_text(p) for p in sorted((out / "panel").iterdir())}


def all_panel_text(out: Path) -> str:
    """Every panel file's visible text, joined."""
    return "\n".join(panel_texts(out).values())
