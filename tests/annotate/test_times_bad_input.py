"""Bad input never crashes and never yields a bogus value (tests/cases/times_bad.yaml)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from claimgraph.annotate.times.extract import find_times
from conftest import load_cases

CASES = load_cases("times_bad")
DCT = dt.date(2025, 7, 2)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] or "empty" for c in CASES])
def test_times_bad_input(make_doc, case):
    doc = make_doc(case["text"], DCT)
    times = [m for m in doc._.mentions or [] if m.kind == "time"]
    if "absent" in case:
        assert not [m for m in times if case["absent"] and case["absent"] in m.text]
    else:
        found = [m for m in times if m.text == case["expr"]]
        assert found and found[0].value == case["value"]


@pytest.mark.parametrize(
    "text", ["7" * 1_000_000, "2024 " * 200_000, "May 18 " * 150_000, "12:30 " * 150_000]
)
def test_times_huge_input_is_bounded(text):
    started = time.perf_counter()
    found = find_times(text, DCT)
    assert time.perf_counter() - started < 10
    assert all(f.resolution.value is None or f.resolution.value[:1] in "12P" for f in found)


@pytest.mark.parametrize("dct", [dt.date(1, 1, 1), dt.date(3000, 5, 5), dt.date(9999, 12, 30)])
def test_times_absurd_dct_anchors_nothing(dct):
    text = "He left last Friday, in December, two years ago; the deal closes next year."
    found = find_times(text, dct)
    assert [text[f.start : f.end] for f in found][:2] == ["last Friday", "December"]
    assert all(f.resolution.value is None or f.resolution.value[:1] in "XP" for f in found)
