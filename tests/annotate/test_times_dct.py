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
    # a day named without its month, in a report of the run: that day of the run's month
    ("On the 2nd (local time), CNN reported the plan.", SHARED, [(D("2025-07-03"), SHARED)], D("2025-07-02")),
    (
        "Russia denied it on the 3rd, CNN said.",
        SHARED,
        [(D("2025-07-09"), SHARED), (D("2025-07-04"), SHARED)],
        D("2025-07-03"),
    ),
    # the day written after the run's date: the month before
    (
        "On the 30th, CNN reported that North Korea agreed.",
        SHARED,
        [(D("2025-07-02"), SHARED)],
        D("2025-06-30"),
    ),
    ("On the fifth, CNN reported the plan.", SHARED, [(D("2025-07-08"), SHARED)], D("2025-07-05")),
    # a future day says nothing about when the report was written
    ("CNN says they will meet on the 9th.", SHARED, [(D("2025-07-02"), SHARED)], D("2025-07-02")),
    # "the 17th of last month" names its month: no day of the run's month
    (
        "He met them on the 17th of last month, CNN said.",
        SHARED,
        [(D("2025-07-02"), SHARED)],
        D("2025-07-02"),
    ),
    # a full date the text names still sets the floor
    ("On the 2nd, CNN cited a May 18, 2025 decree.", SHARED, [(D("2025-05-10"), SHARED)], D("2025-05-18")),
    # without related reports the month is unknown: no guess from the day alone
    ("On the 2nd, CNN reported the plan.", SHARED, [], None),
]


@pytest.mark.parametrize(("text", "entities", "others", "expected"), CASES)
def test_times_infer_dct(text, entities, others, expected):
    assert infer_dct(text, entities=entities, others=others) == expected
