"""TIMEX3 values: build them from calendar dates and shift them by calendar units.

Values are plain TIMEX3 strings ("2025-06-17", "2024-10", "2025-W27", "2024-Q3", "2024-FA",
"199" for the 1990s, "19" for the 20th century). A value keeps its granularity when shifted:
"a year earlier" than 1989-Q3 is 1988-Q3.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

MIN_YEAR, MAX_YEAR = 1000, 2199  # beyond these a "year" is a misread number

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")

# Calendar units in months or days, for shifting: code -> (field, amount per unit).
_STEP = {"D": ("days", 1), "W": ("weeks", 1), "M": ("months", 1), "Q": ("months", 3), "Y": ("years", 1)}


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or ``None`` when it does not exist (February 30) or the year is absurd."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_value(date: dt.date) -> str:
    return date.isoformat()


def month_value(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 else None


def week_value(date: dt.date, weekend: bool = False) -> str:
    year, week, _ = date.isocalendar()
    return f"{year:04d}-W{week:02d}" + ("-WE" if weekend else "")


def quarter_of(date: dt.date) -> int:
    return (date.month - 1) // 3 + 1


def value_at(date: dt.date, code: str) -> str:
    """``date`` written at the granularity of a unit code (D, W, M, Q, Y, DE, CE)."""
    if code == "W":
        return week_value(date)
    if code == "M":
        return f"{date.year:04d}-{date.month:02d}"
    if code == "Q":
        return f"{date.year:04d}-Q{quarter_of(date)}"
    if code == "Y":
        return f"{date.year:04d}"
    if code == "DE":
        return f"{date.year // 10:03d}"
    if code == "CE":
        return f"{date.year // 100:02d}"
    return date.isoformat()


def representative(value: str) -> tuple[dt.date, str] | None:
    """A date inside the period ``value`` names and the unit code of its granularity."""
    if m := _DAY.match(value):
        date = safe_date(int(m[1]), int(m[2]), int(m[3]))
        return (date, "D") if date else None
    if m := _MONTH.match(value):
        date = safe_date(int(m[1]), int(m[2]), 1)
        return (date, "M") if date else None
    if m := _WEEK.match(value):
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1), "W"
        except ValueError:
            return None
    if m := _QUARTER.match(value):
        return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), "Q"
    if m := _YEAR.match(value):
        return dt.date(int(m[1]), 1, 1), "Y"
    if m := _DECADE.match(value):
        return dt.date(int(m[1]) * 10, 1, 1), "DE"
    return None


def granularity(value: str | None) -> str | None:
    """The unit code of a calendar value, ``None`` for references and durations."""
    if not value:
        return None
    if _HALF.match(value):
        return "H"
    if _SEASON.match(value):
        return "S"
    found = representative(value)
    return found[1] if found else None


def shift(value: str, amount: int, code: str) -> str | None:
    """``value`` moved by ``amount`` units (code D, W, M, Q, Y), keeping its granularity.

    Returns ``None`` when the unit is finer than the value ("two days after October" has no
    day to start from).
    """
    if m := _SEASON.match(value):
        return f"{int(m[1]) + amount:04d}-{m[2]}" if code == "Y" else None
    if m := _HALF.match(value):
        if code == "Y":
            return f"{int(m[1]) + amount:04d}-H{m[2]}"
        return None
    found = representative(value)
    if found is None or code not in _STEP:
        return None
    date, own = found
    order = ["D", "W", "M", "Q", "Y", "DE"]
    if own not in order or order.index(code) < order.index(own):
        return None
    field_name, per = _STEP[code]
    try:
        moved = date + relativedelta(**{field_name: amount * per})
    except (OverflowError, ValueError):
        return None
    if not MIN_YEAR <= moved.year <= MAX_YEAR:
        return None
    # a day counted from "Sunday evening" is that day, not its evening: "a day earlier" says the day
    return value_at(moved, own)


def shift_date(date: dt.date, amount: float, code: str) -> dt.date | None:
    """``date`` moved by ``amount`` units, or ``None`` when that leaves the calendar."""
    if code not in _STEP:
        return None
    field_name, per = _STEP[code]
    try:
        moved = date + relativedelta(**{field_name: int(amount * per)})
    except (OverflowError, ValueError):
        return None
    return moved if MIN_YEAR <= moved.year <= MAX_YEAR else None


def duration_value(amount: float | None, code: str, *, time: bool, smaller: dict[str, list]) -> str:
    """A TIMEX3 duration: P3Y, PT2H, P18M (a year and a half), PXW (several weeks)."""
    prefix = "PT" if time else "P"
    if amount is None:
        return f"{prefix}X{code}"
    if amount != int(amount):
        key = "MIN" if time and code == "M" else code
        if key in smaller:
            small, per = smaller[key]
            whole = int(amount)
            scaled = (amount - whole) * per
            if scaled == int(scaled):
                time_small = time or small == "H"
                if not whole:
                    return f"{'PT' if time_small else 'P'}{int(scaled)}{small}"
                # "2 1/2 years": P2Y6M; "a day and a half": P1DT12H (TIMEX3 mixes units)
                joint = "T" if time_small and not time else ""
                return f"{prefix}{whole}{code}{joint}{int(scaled)}{small}"
        return f"{prefix}{amount:g}{code}"
    return f"{prefix}{int(amount)}{code}"


_DURATION_PARTS = re.compile(
    r"^P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<H>\d+)H)?(?:(?P<MIN>\d+)M)?(?:(?P<S>\d+)S)?)?$"
)
_PART_ORDER = ("Y", "M", "W", "D", "H", "MIN", "S")  # largest first


def add_durations(longer: str, shorter: str) -> str | None:
    """The one duration of "three years and six months" (P3Y + P6M: P3Y6M), or ``None`` unless
    every unit of ``shorter`` is smaller than every unit of ``longer`` ("one week and three months"
    is a range, not a sum). Weeks joined to days count as days: "three weeks and a day" is P22D."""
    first, second = _DURATION_PARTS.match(longer), _DURATION_PARTS.match(shorter)
    if first is None or second is None:
        return None
    big = [k for k in _PART_ORDER if first[k]]
    small = [k for k in _PART_ORDER if second[k]]
    if not big or not small or _PART_ORDER.index(big[-1]) >= _PART_ORDER.index(small[0]):
        return None
    parts = {k: int(first[k] or second[k] or 0) for k in _PART_ORDER}
    if parts["W"] and any(parts[k] for k in ("Y", "M", "D", "H", "MIN", "S")):
        parts["D"], parts["W"] = parts["D"] + 7 * parts["W"], 0  # ISO 8601 has no weeks beside other units
    date = "".join(f"{parts[k]}{k}" for k in ("Y", "M", "W", "D") if parts[k])
    time = "".join(f"{parts[k]}{k[0]}" for k in ("H", "MIN", "S") if parts[k])
    return f"P{date}{'T' + time if time else ''}"


_CALENDAR_NAME = re.compile(r"^\d{4}(?P<name>-(?:Q[1-4]|H[12]|SP|SU|FA|WI|0[1-9]|1[0-2]))$")
_WEEKDAY = re.compile(r"^(?P<date>\d{4}-\d\d-\d\d)(?P<part>T[A-Z]{2})?$")  # a part of the day too ("TNI")


def recurring(value: str | None, weekday: bool) -> str | None:
    """The SET value of a calendar name that recurs: "1989-Q4" is every fourth quarter ("XXXX-Q4"),
    a weekday's date every such weekday ("XXXX-WXX-1"); ``None`` for a value that names no such
    unit ("1989-11-02" read from "Nov. 2")."""
    named = _CALENDAR_NAME.match(value or "")
    if named:
        return f"XXXX{named['name']}"
    day = _WEEKDAY.match(value or "") if weekday else None
    if day:
        date = dt.date.fromisoformat(day["date"])
        return f"XXXX-WXX-{date.isoweekday()}{day['part'] or ''}"
    return None
