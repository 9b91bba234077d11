"""The date of a holiday in a given year, from its ``times.yaml`` entry.

An entry is a fixed month and day, the nth weekday of a month (negative: from the end; ``offset``:
days after it), or a number of days from (Gregorian) Easter Sunday; ``every`` years counted from
``since`` when it does not come each year.
"""

from __future__ import annotations

import datetime as dt

from claimgraph.annotate.times import values as tv


def holiday_date(entry: dict[str, int], year: int) -> dt.date | None:
    if "every" in entry and (year - entry["since"]) % entry["every"]:
        return None  # not a year the holiday falls in ("Inauguration Day": every fourth year)
    if "easter" in entry:
        return _easter(year) + dt.timedelta(days=entry["easter"])
    if "day" in entry:
        return tv.safe_date(year, entry["month"], entry["day"])
    first = dt.date(year, entry["month"], 1)
    nth, weekday = entry["nth"], entry["weekday"]
    after = dt.timedelta(days=entry.get("offset", 0))  # Black Friday: the day after Thanksgiving
    if nth > 0:
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1)) + after
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7) + after


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
