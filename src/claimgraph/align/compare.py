"""Comparison rules for normalised values: quantity intervals, TIMEX3 dates, places.

Each rule answers with a ``Verdict``: ``same`` (equal, or intervals that overlap), ``contains``
(one is a more precise form of the other: 2024-FA contains 2024-11), ``near`` (different but both
can be true: two nearby towns), ``conflict`` (they cannot both be true), or ``None`` when the
values cannot be compared (unknown units, unresolved dates). Every verdict carries its reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Literal

from claimgraph import data
from claimgraph.model import PlaceMention, QuantityMention, TimeMention

Outcome = Literal["same", "contains", "near", "conflict"]


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    reason: str
    wider: Literal["a", "b"] | None = None  # for ``contains``: which argument is the less precise


# --- quantities -------------------------------------------------------------------------------


def quantity_interval(q: QuantityMention, approximate_share: float) -> tuple[float, float] | None:
    """[low, high] with open ends as ±inf; approximate values widened by ``approximate_share``."""
    if q.low is None and q.high is None:
        return None
    low = q.low if q.low is not None else -math.inf
    high = q.high if q.high is not None else math.inf
    if q.low is None and q.high is not None:
        low = 0.0 if q.high >= 0 else -math.inf  # "up to 400": counts are not negative
    if q.approximate:
        low = low - abs(low) * approximate_share if math.isfinite(low) else low
        high = high + abs(high) * approximate_share if math.isfinite(high) else high
    return low, high


def _fmt(q: QuantityMention) -> str:
    return q.text.strip() or f"{q.low}-{q.high}"


def compare_quantities(
    a: QuantityMention, b: QuantityMention, approximate_share: float = 0.1
) -> Verdict | None:
    """Equal amounts, or an open amount and one sharing its bound, are the same (11,000 and
    "over 11,000"); other overlapping intervals are compatible (``near``); disjoint ones conflict.

    Args:
        a: one quantity.
        b: the other quantity; its unit must match ``a``'s (both None counts as a match).
        approximate_share: how far "around N" reaches either side of N.
    """
    if (a.unit or None) != (b.unit or None):
        return None
    ia, ib = quantity_interval(a, approximate_share), quantity_interval(b, approximate_share)
    if ia is None or ib is None:
        return None
    if not (ia[0] <= ib[1] and ib[0] <= ia[1]):
        return Verdict("conflict", f"{_fmt(a)} and {_fmt(b)} do not overlap")
    if ia == ib:
        return Verdict("same", f"{_fmt(a)} and {_fmt(b)} are the same amount")
    if _open_match(a, b) or _open_match(b, a):
        return Verdict("same", f"{_fmt(a)} and {_fmt(b)} agree on the bound")
    return Verdict("near", f"{_fmt(a)} and {_fmt(b)} overlap")


def _open_match(a: QuantityMention, b: QuantityMention) -> bool:
    """An open amount whose bound is the other's bound: "over 11,000" and 11,000, "up to
    30,000" and "25,000 to 30,000"."""
    if a.low is None and a.high is not None:
        return a.high == b.high
    if a.high is None and a.low is not None:
        return a.low == b.low
    return False


# --- times ------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_YEAR_PART = re.compile(r"^(\d{4})-([A-Z]{2}|[QH]\d)$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DECADE = re.compile(r"^(\d{3})X?$")


def timex_interval(value: str, mod: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a TIMEX3 date value covers, widened by its mod; None if not a date.

    Args:
        value: a TIMEX3 value such as 2024, 2024-11, 2024-11-03, 2024-FA, 2024-Q3, 2024-W05, 199.
        mod: TIMEX3 mod; BEFORE/AFTER open the interval, APPROX widens it by its own length.
    """
    span = _calendar_span(value)
    if span is None:
        return None
    first, last = span
    if mod in {"BEFORE", "ON_OR_BEFORE", "LESS_THAN", "EQUAL_OR_LESS"}:
        first = dt.date.min
    elif mod in {"AFTER", "ON_OR_AFTER", "MORE_THAN", "EQUAL_OR_MORE"}:
        last = dt.date.max
    elif mod == "APPROX":
        width = (last - first).days + 1
        first = max(dt.date.min, first - dt.timedelta(days=width))
        last = min(dt.date.max, last + dt.timedelta(days=width))
    return first, last


def _calendar_span(value: str) -> tuple[dt.date, dt.date] | None:
    try:
        if match := _DATE.match(value):
            year, month, day = int(match[1]), match[2], match[3]
            if day:
                date = dt.date(year, int(month), int(day))
                return date, date
            if month:
                m = int(month)
                return dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if match := _YEAR_PART.match(value):
            part = data.load("align")["year_parts"].get(match[2])
            if part is None:
                return None
            year, (first, last) = int(match[1]), part
            end_year = year + 1 if last < first else year
            return dt.date(year, first, 1), dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
        if match := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if match := _DECADE.match(value):
            decade = int(match[1]) * 10
            return dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)
    except ValueError:
        return None
    return None


def _time_values(t: TimeMention) -> list[str]:
    return [v for v in [t.value, *t.alternatives] if v]


def compare_times(a: TimeMention, b: TimeMention) -> Verdict | None:
    """Equal or nested dates agree (2024-FA contains 2024-11); disjoint ones conflict.

    With alternatives ("July or August"), the values conflict only when no alternative of one
    can be true together with an alternative of the other.
    """
    if a.type != "DATE" or b.type != "DATE":
        return None
    spans_a = [(v, s) for v in _time_values(a) if (s := timex_interval(v, a.mod))]
    spans_b = [(v, s) for v in _time_values(b) if (s := timex_interval(v, b.mod))]
    if not spans_a or not spans_b:
        return None
    best: Verdict | None = None
    rank = {"same": 0, "contains": 1, "near": 2, "conflict": 3}
    for va, sa in spans_a:
        for vb, sb in spans_b:
            verdict = _compare_spans(va, sa, vb, sb)
            if best is None or rank[verdict.outcome] < rank[best.outcome]:
                best = verdict
    return best


def _compare_spans(va: str, sa: tuple[dt.date, dt.date], vb: str, sb: tuple[dt.date, dt.date]) -> Verdict:
    if sa == sb:
        return Verdict("same", f"{va} and {vb} are the same time")
    if sa[0] <= sb[0] and sb[1] <= sa[1]:
        return Verdict("contains", f"{va} contains {vb}", "a")
    if sb[0] <= sa[0] and sa[1] <= sb[1]:
        return Verdict("contains", f"{vb} contains {va}", "b")
    if sa[0] <= sb[1] and sb[0] <= sa[1]:
        return Verdict("near", f"{va} and {vb} overlap")
    return Verdict("conflict", f"{va} and {vb} do not overlap")


# --- places -----------------------------------------------------------------------------------

_EARTH_KM = 6371.0
_LEVELS = {
    "country": 0,
    "admin1": 1,
    "admin2": 2,
    "region": 1,
    "city": 3,
    "town": 3,
    "village": 4,
    "facility": 5,
}


def distance_km(a: PlaceMention, b: PlaceMention) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)  # type: ignore[arg-type]
    dphi, dlmb = phi2 - phi1, math.radians(b.lon - a.lon)  # type: ignore[operator]
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _place_name(p: PlaceMention) -> str:
    return (p.name or p.text).strip()


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    if a.geonames_id and b.geonames_id:
        return a.geonames_id == b.geonames_id
    na, nb = _place_name(a).lower(), _place_name(b).lower()
    return bool(na) and na == nb


def _contains(outer: PlaceMention, inner: PlaceMention) -> bool:
    """A country contains every place with its country code."""
    return (
        outer.level == "country"
        and inner.level != "country"
        and bool(outer.country_code)
        and outer.country_code == inner.country_code
    )


def compare_places(
    a: PlaceMention, b: PlaceMention, near_km: float = 250, conflict_km: float = 800
) -> Verdict | None:
    """Same place, containment (a country and a town in it), nearby (compatible) or far apart.

    Args:
        a: one place.
        b: the other place.
        near_km: places closer than this can both be right ("near A" / "near B").
        conflict_km: places farther apart than this (and neither containing the other) conflict.
    """
    name_a, name_b = _place_name(a), _place_name(b)
    if _same_place(a, b):
        return Verdict("same", f"{name_a} and {name_b} are the same place")
    if _contains(a, b):
        return Verdict("contains", f"{name_b} lies in {name_a}", "a")
    if _contains(b, a):
        return Verdict("contains", f"{name_a} lies in {name_b}", "b")
    km = distance_km(a, b)
    if km is None:
        return None
    if km <= near_km:
        return Verdict("near", f"{name_a} and {name_b} are {km:.0f} km apart")
    coarse = min(_LEVELS.get(a.level or "", 3), _LEVELS.get(b.level or "", 3)) <= 1
    if km > conflict_km and not coarse:  # a region or country may stretch that far
        return Verdict("conflict", f"{name_a} and {name_b} are {km:.0f} km apart")
    return None
