"""When was a report published? From the dateline, with the year taken from the text when the
dateline has none."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from claimgraph import data

_YEAR = r"(?:19|20)\d{2}"
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_DATELINE_WINDOW = 200  # characters: a dateline is a short opening, never a whole sentence


@dataclass(frozen=True, slots=True)
class Dateline:
    end: int  # where the dateline stops in the text
    place: str | None
    agency: str | None
    month: int | None
    day: int | None
    year: int | None


@functools.cache
def _patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    months = data.month_pattern(lang)
    return tuple(
        re.compile(p.replace("{month}", months), re.IGNORECASE if "{month}" in p else 0)
        for p in data.load("datelines", lang)["patterns"]
    )


@functools.cache
def _dated_phrase(lang: str) -> re.Pattern[str]:
    """'November 2024', 'fall of 2024', 'March 4, 2024'. A bare year ('since 2019') says too
    little: an article may look back years, and a wrong year is worse than none."""
    months = data.month_pattern(lang)
    seasons = "|".join(data.load("calendar", lang)["seasons"])
    return re.compile(
        rf"\b(?:(?P<month>{months})\.?\s+(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?"
        rf"|(?P<season>{seasons})\s+(?:of\s+)?)(?P<year>{_YEAR})\b",
        re.IGNORECASE,
    )


def _line_starts(text: str) -> list[int]:
    """Where a dateline may start: the text, and the next line when the first is a bare headline."""
    first_end = text.find("\n")
    if first_end == -1 or _SENTENCE_END.search(text[:first_end].rstrip()):
        return [0]
    rest = len(text) - len(text[first_end:].lstrip())
    return [0, rest]


def parse_dateline(text: str, lang: str = "en") -> Dateline | None:
    """The dateline opening the text (or the paragraph under its headline), or ``None``."""
    for start in _line_starts(text):
        found = _match_dateline(text[start : start + _DATELINE_WINDOW], start, lang)
        if found:
            return found
    return None


def _match_dateline(head: str, offset: int, lang: str) -> Dateline | None:
    for pattern in _patterns(lang):
        match = pattern.match(head)
        if not match:
            continue
        groups = match.groupdict()
        month = data.month_number(groups["month"], lang) if groups.get("month") else None
        return Dateline(
            end=offset + match.end(),
            place=(groups.get("place") or "").strip() or None,
            agency=(groups.get("agency") or "").strip() or None,
            month=month,
            day=int(groups["day"]) if groups.get("day") else None,
            year=int(groups["year"]) if groups.get("year") else None,
        )
    return None


def _sentence_around(text: str, index: int) -> str:
    start = max(text.rfind(". ", 0, index), text.rfind("\n", 0, index)) + 1
    ends = [e for e in (text.find(". ", index), text.find("\n", index)) if e != -1]
    return text[start : min(ends) if ends else len(text)]


def infer_year(month: int, day: int, text: str, lang: str = "en") -> int | None:
    """The year of a dateline that gives only month and day.

    The latest dated reference in a past-tense sentence must lie before publication: take its
    year, and the next year when that reference falls later in the year than the dateline.
    """
    seasons = data.load("calendar", lang)["seasons"]
    future = {w.lower() for w in data.load("datelines", lang)["future_markers"]}
    latest: tuple[int, int, int] | None = None
    for match in _dated_phrase(lang).finditer(text):
        words = set(re.findall(r"[\w']+", _sentence_around(text, match.start()).lower()))
        if words & future:
            continue
        if match["month"]:
            month_of = data.month_number(match["month"], lang) or 1
            reference = (int(match["year"]), month_of, int(match["day"] or 1))
        else:
            reference = (int(match["year"]), int(seasons[match["season"].lower()]["month"]), 1)
        latest = max(latest or reference, reference)
    if latest is None:
        return None
    year, first_month, first_day = latest
    return year + 1 if (month, day) < (first_month, first_day) else year


def date_from_dateline(dateline: Dateline, text: str, lang: str = "en") -> dt.date | None:
    if dateline.month is None or dateline.day is None:
        return None
    year = dateline.year or infer_year(dateline.month, dateline.day, text, lang)
    if year is None:
        return None
    try:
        return dt.date(year, dateline.month, dateline.day)
    except ValueError:
        return None
