"""The one error the checklist raises for input a user has to fix."""

from __future__ import annotations


class ChecklistInputError(Exception):
    """A panel, policy or HR report file the checklist cannot use; the message names the file and field."""
