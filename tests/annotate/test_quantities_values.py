"""Quantity values: the scanner on plain text, and the component (with counted nouns) on sentences."""

from __future__ import annotations

import json
import math
import time

import pytest

from claimgraph.annotate.quantities.scanner import find_quantities
from conftest import load_cases

SCAN_CASES = load_cases("quantities_scan")
COUNTED_CASES = load_cases("quantities_counted")


def _close(actual: float | None, expected: float | None) -> bool:
    if actual is None or expected is None:
        return actual is expected
    return math.isclose(actual, expected, rel_tol=1e-6, abs_tol=1e-9)


@pytest.mark.parametrize("case", SCAN_CASES, ids=[c["text"][:40] for c in SCAN_CASES])
def test_quantities_scan(case):
    found = find_quantities(case["text"])
    got = [(case["text"][f.start : f.end], f.low, f.high, f.approximate, f.unit) for f in found]
    assert len(got) == len(case["expect"]), got
    for (surface, low, high, approximate, unit), expected in zip(got, case["expect"], strict=True):
        assert surface == expected[0], got
        assert _close(low, expected[1]) and _close(high, expected[2]), got
        assert approximate is expected[3], got
        assert unit == expected[4], got


@pytest.mark.parametrize("case", COUNTED_CASES, ids=[c["surface"] for c in COUNTED_CASES])
def test_quantities_counted(make_doc, case):
    doc = make_doc(case["text"])
    mentions = [m for m in doc._.mentions if m.kind == "quantity" and m.text == case["surface"]]
    assert len(mentions) == 1, [m.text for m in doc._.mentions if m.kind == "quantity"]
    m = mentions[0]
    low, high, approximate, unit, counted = case["expect"]
    assert _close(m.low, low) and _close(m.high, high)
    assert (m.approximate, m.unit, m.counted) == (approximate, unit, counted)
    assert case["text"][m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "1e999",
        "9" * 10_000,
        "1.1^99999 x 10^999 " * 50,
        "Привет, 五千 солдат и ١٢٣ танков",
        "- - -- ½/0 1/0 $ %",
    ],
    ids=["huge-exponent", "10k-nines", "powers", "other-scripts", "symbols"],
)
def test_quantities_bad_input(make_doc, text):
    doc = make_doc(text)
    payload = [m.to_dict() for m in doc._.mentions if m.kind == "quantity"]
    json.dumps(payload, allow_nan=False)  # raises on inf/NaN


@pytest.mark.parametrize(
    "text",
    ["one hundred and " * 3000, "twenty " * 10_000, "one in " * 5000, "more than " * 5000, "1 ± " * 5000],
    ids=["hundred-and", "twenty", "one-in", "more-than", "plus-minus"],
)
def test_quantities_scan_hostile_input_is_bounded(text):
    """Repetitive input neither recurses without end nor takes quadratic time."""
    started = time.perf_counter()
    find_quantities(text)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("with_time", [True, False], ids=["time-mention-present", "no-time-mention"])
def test_quantities_leave_time_mentions_alone(nlp, with_time):
    """Numbers inside a time mention already on the doc are the time annotator's; without one they count."""
    from claimgraph.model import TimeMention

    text = "The talks lasted three days."
    doc = nlp.make_doc(text)
    start = text.index("three days")
    doc._.mentions = (
        [TimeMention(doc="t", text="three days", start=start, end=start + 10, type="DURATION", value="P3D")]
        if with_time
        else []
    )
    nlp.get_pipe("quantities")(doc)
    quantities = [m for m in doc._.mentions if m.kind == "quantity"]
    assert [m.text for m in quantities] == ([] if with_time else ["three days"])
