"""TIMEX3 values written in Recognizers-Text's notation: ranges "(start,end,duration)" and
durations with a decimal amount ("PT1.5H").

Recognizers-Text resolves a period ("next quarter", "the 1990s") and a span between two times
("from 2014 to 2018", "between 4pm and 5pm") as one range. TIMEX3, which claimgraph follows, says
the same with one value of the period's granularity ("2019-Q4", "199") or with two expressions
(DATE 2014, DATE 2018). These functions rewrite such values in the spec's notation so the scorer
can compare like with like; they add no information the values do not hold:

- a period: its first day, the first day after it, its length ("2019-Q4" ->
  "(2019-10-01,2020-01-01,P3M)");
- two points: the start of the first, the start of the second (the spec's own convention: "2014
  to 2018" is "(2014-01-01,2018-01-01,P4Y)"), and the difference in the finer unit of the two
  (years, months, days; hours and minutes for clock times);
- a duration of a unit and a part of the next smaller one: the amount of the larger unit as a
  decimal ("PT1H30M" -> "PT1.5H", "P1Y6M" -> "P1.5Y"), as the spec writes "one and a half hours".
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

# A quarter or half of a year, a decade ("199"), a century ("19").
# "XXXX-Q1" is any year's first quarter, written "(XXXX-01-01,XXXX-04-01,P3M)" in the spec.
_PERIOD = re.compile(
    r"^(?:(?P<year>\d{4}|XXXX)-(?P<part>[QH])(?P<n>[1-4])|(?P<decade>\d{3})|(?P<century>\d{2}))$"
)
_ANY_YEAR = 2000  # stands in for "XXXX" while the months are counted
_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2}))?)?)?)?$")
_PART = re.compile(r"^(\d{4})-([QH])([1-4])$")  # a quarter or half starts a month


def period_range(value: str) -> str | None:
    """A quarter, half, decade or century in range notation; ``None`` for anything else."""
    m = _PERIOD.match(value)
    if m is None:
        return None
    if m["year"]:
        months = 3 if m["part"] == "Q" else 6
        year, month, length, code = (
            _ANY_YEAR if m["year"] == "XXXX" else int(m["year"]),
            (int(m["n"]) - 1) * months + 1,
            relativedelta(months=months),
            f"P{months}M",
        )
    elif m["decade"]:
        year, month, length, code = int(m["decade"]) * 10, 1, relativedelta(years=10), "P10Y"
    else:
        year, month, length, code = int(m["century"]) * 100, 1, relativedelta(years=100), "P100Y"
    if year < 1 or month > 12:
        return None  # year 0 or "2019-H3"
    start = dt.date(year, month, 1)
    first, after = start.isoformat(), (start + length).isoformat()
    if m["year"] == "XXXX":
        first, after = f"XXXX{first[4:]}", f"XXXX{after[4:]}"
    return f"({first},{after},{code})"


def _point(value: str) -> tuple[dt.datetime, str] | None:
    """The start of a year, month (quarter, half), day or clock time and its unit (Y, M, D, T)."""
    if part := _PART.match(value):
        month = (int(part[3]) - 1) * (3 if part[2] == "Q" else 6) + 1
        return (dt.datetime(int(part[1]), month, 1), "M") if month <= 12 else None
    m = _POINT.match(value)
    if m is None:
        return None
    year, month, day, hour, minute = (int(g) if g else None for g in m.groups())
    try:
        when = dt.datetime(year, month or 1, day or 1, hour or 0, minute or 0)
    except ValueError:
        return None
    unit = "T" if hour is not None else "D" if day else "M" if month else "Y"
    return when, unit


def _clocks(when: dt.datetime) -> list[str]:
    """ "T16:30"; a full hour both as "T16" and "T16:00" (the spec writes either)."""
    if when.minute:
        return [f"T{when.hour:02d}:{when.minute:02d}"]
    return [f"T{when.hour:02d}", f"T{when.hour:02d}:00"]


def pair_ranges(first: str, second: str) -> set[str]:
    """The range from one point to another: with dates, and for clock times also without them
    (the spec leaves the day out when the text names none)."""
    a, b = _point(first), _point(second)
    if a is None or b is None or (a[1] == "T") != (b[1] == "T"):
        return set()
    (start, unit_a), (end, unit_b) = a, b
    units = {unit_a, unit_b}
    if "T" in units:
        minutes = int((end - start).total_seconds() // 60)
        if minutes <= 0:
            return set()
        hours, rest = divmod(minutes, 60)
        length = "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")
        day_a, day_b = start.date().isoformat(), end.date().isoformat()
        pairs = [(x, y) for x in _clocks(start) for y in _clocks(end)]
        forms = {f"({day_a}{x},{day_b}{y},{length})" for x, y in pairs}
        if day_a == day_b:
            forms |= {f"({x},{y},{length})" for x, y in pairs}
        return forms
    if end <= start:
        return set()
    gap = relativedelta(end, start)
    if units == {"Y"}:
        length = f"P{gap.years}Y"
    elif "D" in units:
        length = f"P{(end - start).days}D"
    else:
        length = f"P{gap.years * 12 + gap.months}M"
    return {f"({start.date().isoformat()},{end.date().isoformat()},{length})"}


_TWO_UNITS = re.compile(r"^P(T?)(\d+)([YHD])(\d+)([MH])$")
_PER = {("", "Y", "M"): 12, ("T", "H", "M"): 60, ("", "D", "H"): 24}


def decimal_duration(value: str) -> str | None:
    """ "PT1H30M" as "PT1.5H"; ``None`` when the value is not two units or the part is no clean
    decimal (a third of an hour)."""
    m = _TWO_UNITS.match(value)
    per = _PER.get((m[1], m[3], m[5])) if m else None
    if m is None or per is None:
        return None
    amount = int(m[2]) + int(m[4]) / per
    text = f"{amount:.4f}".rstrip("0").rstrip(".")
    return f"P{m[1]}{text}{m[3]}" if len(text.split(".")[-1]) <= 2 else None
