"""blindrec: anonymised (blind) recruitment packs for council recruiting panels."""

__version__ = "0.1.0"
