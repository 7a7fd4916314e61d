"""blindrec's own labelled benchmark: a synthetic corpus generator, a leak scorer and a runner."""
