"""Time expressions normalised against a DCT: one row per construction (tests/cases/times_values.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import load_cases

CASES = load_cases("times_values")


def _times(doc):
    return [m for m in doc._.mentions if m.kind == "time"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['expr']}|{c['dct']}" for c in CASES])
def test_times_value(make_doc, case):
    dct = dt.date.fromisoformat(str(case["dct"])) if case["dct"] else None
    doc = make_doc(case["text"], dct)
    start = case["text"].index(case["expr"])
    found = [m for m in _times(doc) if (m.start, m.end) == (start, start + len(case["expr"]))]
    assert found, f"{case['expr']!r} not found; got {[(m.text, m.value) for m in _times(doc)]}"
    mention = found[0]
    assert mention.value == case["value"]
    assert mention.type == case.get("type", "DATE")
    assert mention.mod == case.get("mod")
    if "alternatives" in case:
        assert mention.alternatives == case["alternatives"]
