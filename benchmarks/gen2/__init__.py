"""gen2: a second, independent synthetic corpus generator for blindrec's benchmark (issues 10 and 11)."""

from benchmarks.gen2.generate import generate

__all__ = ["generate"]
