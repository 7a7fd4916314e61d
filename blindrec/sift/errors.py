"""The one error the sift raises for input a user has to fix."""

from __future__ import annotations


class SiftError(Exception):
    """A sift config, output folder or score sheet the sift cannot use; the message says what to do."""
