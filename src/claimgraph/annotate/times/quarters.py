"""Quarters, halves and the year-ago periods of results reports ("the third quarter", "the
year-earlier period"), pinned to the quarter the report is about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from claimgraph.annotate.times import values as tv
from claimgraph.annotate.times.context import (
    Context,
    Groups,
    Resolution,
    month_number,
    relative_step,
    word_before,
    year_for,
    year_of,
)
from claimgraph.annotate.times.lexicon import normalise_key

_MONTH_IN = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?=-\d\d|$)")  # a month, or the month of a day
_PHRASE_END = re.compile(r"\s*(?:[.,;:)]|$|in\s+a\s+row\b|running\b)")


def _ends_phrase(ctx: Context) -> bool:
    """Nothing but punctuation or "in a row" follows ("for a second quarter."), as against a
    noun the quarter qualifies ("a second quarter loss", "a third-quarter charge")."""
    return bool(_PHRASE_END.match(ctx.after))


def quarter(g: Groups, text: str, ctx: Context) -> Resolution | None:
    year = year_of(g, ctx) or (int(g["year2"]) if g.get("year2") else None)
    word = normalise_key(g.get("q") or "")
    if word and " " in text and not year and word_before(ctx) in {"a", "an", "another"} and _ends_phrase(ctx):
        return None  # "profit fell for a second quarter": a count of quarters, not the second
    of_follows = ctx.after.lstrip().lower().startswith("of ")
    if g.get("qn") or g.get("qd"):
        number = int(g.get("qd") or (g.get("qn") or "Q0")[1])
    elif word in ctx.lexicon.relative and year is None and not g.get("yrel") and not of_follows:
        number = None  # "last quarter" alone is the one before the DCT's; "the last quarter of 2024" is Q4
    elif word:
        number = ctx.lexicon.quarter_ordinals[word]
    else:
        number = None
    if number is not None:
        end = ctx.lexicon.period_end_regex.match(ctx.after)
        if year is None and end and (last := _last_day(end, ctx)):
            year = last.year  # "the second quarter ended Oct. 31": a fiscal quarter, of its last day's year
        if year is None and ctx.dct is not None:
            now = tv.quarter_of(ctx.dct)
            year = ctx.dct.year
            if number > now and ctx.tense not in {"future", "modal"}:
                year -= 1  # "the fourth quarter" in a report of May: the last one
        return Resolution(value=f"{year:04d}-Q{number}" if year else f"XXXX-Q{number}")
    if g.get("x") and (end := ctx.lexicon.period_end_regex.match(ctx.after)):
        return _quarter_ending(end, ctx)
    if g.get("x") and (ctx.topic_quarter or tv.granularity(ctx.anchor) == "Q"):
        return Resolution(value=ctx.topic_quarter or ctx.anchor, anchored=True)
    if ctx.dct is None:
        return Resolution(value=None)
    rel = relative_step(g.get("rel") or g.get("q"), ctx)
    if rel == 0 and ctx.after.startswith(("'s ", "’s ")) and ctx.tense not in {"future", "modal"}:
        # "This quarter's loss includes charges" in a report on the quarter just ended: that one
        just_ended = tv.shift_date(ctx.dct, -1, "Q")
        if just_ended and ctx.topic_quarter == tv.value_at(just_ended, "Q"):
            return Resolution(value=ctx.topic_quarter, anchored=True)
    # "the quarter", "the latest period" with no quarter in view: in a report, the one just ended
    step = -1 if rel is None else rel
    moved = tv.shift_date(ctx.dct, step, "Q")
    return Resolution(value=tv.value_at(moved, "Q") if moved else None)


def _quarter_ending(end: re.Match[str], ctx: Context) -> Resolution | None:
    """ "the quarter ended July 31": the calendar quarter that holds most of the three months up
    to that day (May to July: the second)."""
    last = _last_day(end, ctx)
    if last is None:
        return Resolution(value=None)
    return Resolution(value=tv.value_at(last - dt.timedelta(days=45), "Q"))


def _last_day(end: re.Match[str], ctx: Context) -> dt.date | None:
    """The day of " ended Oct. 31" after a quarter: the last such day before the report, as the
    date itself reads (an ending is a finished event)."""
    month, day = month_number(end["month"], ctx), int(end["day"])
    year = year_for(month, day, replace(ctx, tense="past", past_event=True)) if month else None
    return tv.safe_date(year, month, day) if year and month else None


def month_quarter(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the June quarter": the quarter that ends in that month, the latest one ended by the
    report (the calendar quarter holding most of it when the month closes none: "the October
    quarter" is the third)."""
    month = month_number(g["month"], ctx)
    if month is None:
        return None
    year = year_of(g, ctx) or year_for(month, 28, replace(ctx, tense=ctx.tense or "past"))
    last = tv.safe_date(year, month, 28) if year else None
    if last is None:
        return Resolution(value=None)
    return Resolution(value=tv.value_at(last - dt.timedelta(days=42), "Q"))


def month_span_quarter(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the April-June quarter": the calendar quarter those three months make, in the year the
    last of them has (a results period: the latest one not after the report)."""
    first, last = month_number(g["month"], ctx), month_number(g["month2"], ctx)
    if first is None or last is None or first % 3 != 1 or last != first + 2:
        return None  # "the Feb.-April period" is no calendar quarter: the months stand alone
    year = year_of(g, ctx) or year_for(last, 28, replace(ctx, tense=ctx.tense or "past"))
    number = (first - 1) // 3 + 1
    return Resolution(value=f"{year:04d}-Q{number}" if year else f"XXXX-Q{number}")


def year_quarter(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the 1988 second quarter", "last year's quarter": a quarter of a named year; without its
    number, the quarter the text is about (the last one named), in that year."""
    year = year_of(g, ctx)
    if year is None:
        return Resolution(value=None)
    if g.get("q"):
        return Resolution(value=f"{year:04d}-Q{ctx.lexicon.quarter_ordinals[normalise_key(g['q'])]}")
    quarter = quarter_in_focus(ctx)
    if quarter:
        return Resolution(value=f"{year:04d}{quarter[4:]}", anchored=True)
    return Resolution(value=f"{year:04d}")


def _month_a_year_back(ctx: Context) -> Resolution:
    """ "up 5% from the same month last year": the month the text last named, a year back; with
    none named, only the year is known."""
    month = _MONTH_IN.match(ctx.anchor or "")
    if month:
        return Resolution(value=tv.shift(month[0], -1, "Y"), anchored=True)
    return Resolution(value=f"{ctx.dct.year - 1:04d}" if ctx.dct else None)


def quarter_in_focus(ctx: Context) -> str | None:
    """The quarter a results report is about: the first it named ("the third quarter ... the
    year-ago period" is the third quarter of last year, even after "a flat second quarter")."""
    if ctx.topic_quarter:
        return ctx.topic_quarter
    return ctx.anchor if tv.granularity(ctx.anchor) == "Q" else None


def half(g: Groups, text: str, ctx: Context) -> Resolution | None:
    code = g.get("hn") or g.get("hn2")  # "2019 H2", "H1 2020"
    # "the first half", "the first two quarters of 1990", "first-half results": H1
    word = normalise_key(g.get("h") or g.get("h2") or g.get("hadj") or "")
    number = int(code[1]) if code else int(g["hd"]) if g.get("hd") else ctx.lexicon.half_ordinals[word]
    year = year_of(g, ctx) or (int(g["year2"]) if g.get("year2") else None)
    if year is None and ctx.dct is not None:
        year = ctx.dct.year
        if g.get("hadj") and number == 2 and ctx.dct.month <= 6 and ctx.tense not in {"future", "modal"}:
            year -= 1  # "second-half results" in a report of March: last year's
    return Resolution(value=f"{year:04d}-H{number}" if year else f"XXXX-H{number}")


def year_ago_period(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the year-earlier quarter": the quarter (or half) just named, a year back; else last year.
    "The year-ago third quarter" names its quarter: the one "the third quarter" is, a year back."""
    if g.get("q"):
        named = quarter({"q": g["q"]}, text, ctx)
        if named is None or not named.value or not named.value[:1].isdigit():
            return Resolution(value=None)
        return Resolution(value=tv.shift(named.value, -1, "Y"))
    if ctx.anchor and tv.granularity(ctx.anchor) == "H":
        return Resolution(value=None, anchored=True)
    if g.get("per") == "month":
        return _month_a_year_back(ctx)
    in_focus = quarter_in_focus(ctx)
    if in_focus:
        return Resolution(value=tv.shift(in_focus, -1, "Y"), anchored=True)
    if ctx.dct is None:
        return Resolution(value=None)
    return Resolution(value=f"{ctx.dct.year - 1:04d}")
