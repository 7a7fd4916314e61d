"""Did blind shortlisting work? Stage decisions, monitoring kept apart, outcomes by group, retention.

Everything here reads and writes HR's side of a campaign folder (DIR/hr/); nothing in
it prints or writes a row about a person except the HR-only files it keeps (decisions,
monitoring), and the reports hold suppressed counts only.
"""

from __future__ import annotations


class OutcomesError(Exception):
    """Bad input to an outcomes command; the message names the file and what to do."""


class PurgeRefused(OutcomesError):
    """A purge that must not run yet: a legal hold, or the retention period has not passed."""
