"""The time benchmark writes our TIMEX3 values in Recognizers-Text's notation only where the
meaning is the same (benchmarks/time/ranges.py): a wrong value must stay wrong."""

from __future__ import annotations

import pytest
from benchmarks.time.ranges import decimal_duration, pair_ranges, period_range


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-Q4", "(2019-10-01,2020-01-01,P3M)"),
        ("2019-H2", "(2019-07-01,2020-01-01,P6M)"),
        ("XXXX-Q1", "(XXXX-01-01,XXXX-04-01,P3M)"),  # every first quarter
        ("XXXX-Q4", "(XXXX-10-01,XXXX-01-01,P3M)"),
        ("199", "(1990-01-01,2000-01-01,P10Y)"),
        ("14", "(1400-01-01,1500-01-01,P100Y)"),
        ("2019", None),  # a year is written as a year in the spec too
        ("2019-W02", None),
        ("2019-H3", None),
        ("000", None),
    ],
)
def test_period_range(value, expected):
    assert period_range(value) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("2014", "2018", "(2014-01-01,2018-01-01,P4Y)"),
        ("2014", "2018-05", "(2014-01-01,2018-05-01,P52M)"),
        ("2017-Q1", "2018-Q3", "(2017-01-01,2018-07-01,P18M)"),
        ("2019-01", "2020-04-26", "(2019-01-01,2020-04-26,P481D)"),
        ("2016-11-07T16:00", "2016-11-07T17:00", "(T16,T17,PT1H)"),
        ("2016-11-07T14:00", "2016-11-08T16:30", "(2016-11-07T14,2016-11-08T16:30,PT26H30M)"),
    ],
)
def test_pair_range(first, second, expected):
    assert expected in pair_ranges(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2018", "2014"),  # backwards
        ("2016-11-07T14:00", "2016-11-08T16:30"),  # no clock-only form across two days
        ("2018-05-31T10:30", "2015-01-01"),  # a time and a date
        ("PRESENT_REF", "2019-11-15"),
    ],
)
def test_pair_range_refuses(first, second):
    forms = pair_ranges(first, second)
    assert not forms or all(not f.startswith("(T") for f in forms)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("PT1H30M", "PT1.5H"), ("P1Y6M", "P1.5Y"), ("P1Y3M", "P1.25Y"), ("PT1H20M", None), ("P3Y", None)],
)
def test_decimal_duration(value, expected):
    assert decimal_duration(value) == expected
