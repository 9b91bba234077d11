"""The clause's tense picks the year or week of a bare month, day or weekday (tests/cases/times_tense.yaml).

No parse here: the tense is given, the text is only the expression.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.annotate.times.extract import _context
from claimgraph.annotate.times.finder import find_matches, select
from claimgraph.annotate.times.lexicon import lexicon
from claimgraph.annotate.times.normalise import resolve
from conftest import load_cases

CASES = load_cases("times_tense")


@pytest.mark.parametrize("case", CASES, ids=[f"{c['expr']}|{c['dct']}|{c['tense']}" for c in CASES])
def test_times_tense_decides(case):
    lex = lexicon()
    text = f"on {case['expr']}"  # "on" lets "the 2nd" count as a day of the month
    matches = select(list(find_matches(text, lex)))
    match = next(m for m in matches if text[m.start : m.end] == case["expr"])
    ctx = _context(match, text, lex, dt.date.fromisoformat(str(case["dct"])), None)
    ctx.tense = case["tense"]
    assert resolve(match.rule, match.groups, case["expr"], ctx).value == case["value"]
