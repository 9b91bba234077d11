"""DCT inference for undated reports: own dates and related dated reports (infer_dct)."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.annotate.times.dct import infer_dct

D = dt.date.fromisoformat
SHARED = ["CNN", "North Korea", "Russia"]

CASES = [
    # text, entities, others [(date, entities)], expected
    ("On the 2nd, CNN reported the plan.", SHARED, [(D("2025-07-02"), SHARED)], D("2025-07-02")),
    ("The deal was signed on March 3, 2024.", [], [], D("2024-03-03")),
    ("Talks began on 2024-05-01 and ended on May 9, 2024.", [], [], D("2024-05-09")),
    # the report names a later day than the related report's date: it cannot predate it
    ("The ship docked on July 20, 2025.", SHARED, [(D("2025-07-02"), SHARED)], D("2025-07-20")),
    # one shared name is not enough to call two reports the same story
    ("Nothing dated here.", ["Russia"], [(D("2025-07-02"), SHARED)], None),
    ("Nothing dated here.", [], [], None),
    ("It happened on February 30, 2024.", [], [], None),
    ("", [], [], None),
]


@pytest.mark.parametrize(("text", "entities", "others", "expected"), CASES)
def test_times_infer_dct(text, entities, others, expected):
    assert infer_dct(text, entities=entities, others=others) == expected
