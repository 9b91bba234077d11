"""Quantities: amounts, ranges, bounds and units, normalised to comparable intervals.

``lexer`` cuts text into number/word/symbol tokens, ``numbers`` and ``words`` read one number
(digits, words, fractions, ratios), ``scanner`` applies the quantity grammar (bounds, hedges,
ranges, units, years left out) on plain text, ``counted`` adds what is counted from the spaCy
parse, and ``component`` is the spaCy factory ``claimgraph_quantities_v1``. The language lives in
``data/en/quantities.yaml`` and ``data/en/units.yaml``.
"""
