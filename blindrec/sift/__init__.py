"""Sift by criterion: each panellist scores one criterion across every candidate, in their own order.

config.py reads SIFT.yaml; answers.py finds each criterion's answer in the anonymised packs;
order.py shuffles candidates per panellist and criterion; documents.py and sheets.py write
DIR/sift/; returns.py checks returned score sheets; moderate.py summarises the scores;
records.py tells the checklist what the run's records show.
"""
