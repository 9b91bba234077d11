"""Quantities: amounts, ranges, bounds and units, normalised to comparable intervals.

``scanner`` finds them in plain text (no spaCy), ``counted`` adds what they count from the parse,
``component`` is the spaCy factory ``claimgraph_quantities_v1``.
"""
