"""The date of a holiday in a given year, from its ``times.yaml`` entry.

An entry is a fixed month and day, the nth weekday of a month (negative: from the end; ``offset``:
days after it), or a number of days from (Gregorian) Easter Sunday; ``every`` years counted from
``since`` when it does not come each year. A feast of another calendar (Islamic, Hebrew, Chinese,
Hindu) is looked up in the tables of the ``holidays`` package, which run from about 1925 to 2075;
Islamic days are its expected ones, which local sightings of the moon may move by a day.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from holidays.calendars import _ChineseLunisolar, _HebrewLunisolar, _HinduLunisolar, _IslamicLunar

from claimgraph.annotate.times import values as tv

# ``calendar`` names of times.yaml -> the holidays package's calendar of them (a private but
# stable part of it: the package is pinned)
_CALENDARS = {
    "islamic": _IslamicLunar,
    "hebrew": _HebrewLunisolar,
    "lunisolar": _ChineseLunisolar,
    "hindu": _HinduLunisolar,
}


def holiday_date(entry: dict, year: int) -> dt.date | None:
    if "every" in entry and (year - entry["since"]) % entry["every"]:
        return None  # not a year the holiday falls in ("Inauguration Day": every fourth year)
    if "feast" in entry:
        return _feast_date(entry["calendar"], entry["feast"], year)
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


def _feast_date(calendar: str, feast: str, year: int) -> dt.date | None:
    """The (first) Gregorian day in ``year`` of ``feast`` ("eid_al_adha", "lunar_new_year")."""
    table = _calendar(calendar)
    lookup = getattr(table, f"{feast}_date", None) or getattr(table, f"{feast}_dates")
    days = [day for day in _days(lookup(year)) if day.year == year]
    return min(days) if days else None


@functools.cache
def _calendar(name: str) -> object:
    return _CALENDARS[name]()


def _days(found: object) -> Iterable[dt.date]:
    """The days of a lookup's answer: a day, ``(day, estimated)``, or a set or list of either."""
    if isinstance(found, dt.date):
        return [found]
    if isinstance(found, tuple):
        return [found[0]] if isinstance(found[0], dt.date) else []
    if isinstance(found, Iterable):
        return [day for item in found for day in _days(item)]
    return []
