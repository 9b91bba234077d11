"""Translate the unit names the test sets (and quantulum3) use into claimgraph's unit codes.

A name is looked up among the unit names in claimgraph's ``units.yaml`` ("Kilometer" -> "km",
"degree Celsius" -> "°C"); the few names written differently there are listed below. A name that
maps to nothing stays as it is, so a system can only match it by producing that same unit, which
claimgraph never does: such golds count as misses, not as skipped.
"""

from __future__ import annotations

import functools

from claimgraph.annotate.quantities.lexer import lex
from claimgraph.annotate.quantities.lexicon import load_lexicon

DIMENSIONLESS = frozenset({"dimensionless", "number", ""})
ALIASES = {
    "pound-mass": "lb",
    "pound sterling": "GBP",
    "metric ton": "t",
    "percentage": "%",
    "percent": "%",
    "c": "°C",
    "f": "°F",
    "mile per hour": "mph",
    "kilometer per hour": "km/h",
    "kilometre per hour": "km/h",
    "cubic centimetre": "ml",
    "degree fahrenheit": "°F",
    "united states dollar": "USD",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "hong kong dollar": "HKD",
    "pence": "penny",
    "minute of arc": "arcmin",
    "second of arc": "arcsec",
}
# Recognizers-Text names currencies without saying which country's ("Dollar", "Pound").
CURRENCY_ALIASES = {"dollar": "USD", "pound": "GBP", "euro": "EUR", "cent": "cent", "penny": "penny"}


@functools.cache
def unit_code(name: str | None, *, currency: bool = False) -> str | None:
    """claimgraph's code for a unit name from a test set; None for a plain number."""
    key = (name or "").strip().lower()
    if key in DIMENSIONLESS:
        return None
    if currency and key in CURRENCY_ALIASES:
        return CURRENCY_ALIASES[key]
    if key in ALIASES:
        return ALIASES[key]
    lexicon = load_lexicon()
    words = tuple(t.lower for t in lex(key))
    for table in (lexicon.unit_names, lexicon.unit_symbols):
        for candidate in (words, (*words[:-1], words[-1] + "s") if words else words):
            unit = table.get(candidate)
            if unit is not None:
                return unit.name
    return name
