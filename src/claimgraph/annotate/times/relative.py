"""Times relative to the DCT or to the last time the text named: weekdays, "today", "this
morning", "last week", "the following year", "three days later", "the year".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from claimgraph.annotate.times import amounts
from claimgraph.annotate.times import values as tv
from claimgraph.annotate.times.context import (
    CONCRETE_GRAN,
    GRAN_ORDER,
    Context,
    Groups,
    Resolution,
    clock_suffix,
    point_mod,
    relative_step,
    starts_after_report,
    word_before,
    year_of,
)
from claimgraph.annotate.times.lexicon import normalise_key
from claimgraph.annotate.times.quarters import quarter_in_focus
from claimgraph.annotate.times.tense import Tense


def weekday_date(weekday: int, ctx: Context, rel: int | None) -> dt.date | None:
    if ctx.dct is None:
        return None
    diff = weekday - ctx.dct.isoweekday()
    if rel == -1:
        diff = diff if diff < 0 else diff - 7
    elif rel == 1:
        diff = diff if diff > 0 else diff + 7
    elif ctx.tense == "future":
        diff = diff if diff >= 0 else diff + 7
    elif ctx.tense in {"modal", "present"}:
        diff = diff - 7 if diff > 3 else diff + 7 if diff < -3 else diff
    else:  # news mostly reports the days just past
        diff = diff if diff <= 0 else diff - 7
    return ctx.dct + dt.timedelta(days=diff)


def weekday(g: Groups, text: str, ctx: Context) -> Resolution | None:
    number = ctx.lexicon.weekdays[normalise_key(g["wd"]).rstrip(".")]
    rel = relative_step(g.get("rel") or g.get("arel"), ctx)
    # "Friday night": 1998-08-07TNI, typed DATE as the TempEval-3 (AQUAINT) annotators did.
    suffix = clock_suffix(g, ctx) or ""
    if g.get("arel") and tv.granularity(ctx.anchor) == "D":
        # "the previous Friday": the one before the day the text last named, not before the DCT
        anchor = tv.representative(ctx.anchor or "")
        if anchor is not None:
            date = weekday_date(number, replace(ctx, dct=anchor[0], tense=None), rel)
            return Resolution(value=date.isoformat() if date else None, anchored=True)
    if word_before(ctx) in {"a", "an"} and not g.get("rel") and not ctx.modifies_noun:
        # "on May 2, a Thursday": the day named; "on a Friday night" alone is no one Friday
        anchor = tv.representative(ctx.anchor or "") if tv.granularity(ctx.anchor) == "D" else None
        if anchor is not None and anchor[0].isoweekday() == number:
            return Resolution(value=anchor[0].isoformat() + suffix, anchored=True)
        return Resolution(value=f"XXXX-WXX-{number}{suffix}")
    if g.get("arel") and ctx.tense == "past":
        # "had scheduled a return call for the next Saturday" after no day: a Saturday of the
        # story, which the report's week does not give
        return Resolution(value=f"XXXX-WXX-{number}{suffix}")
    if ctx.after.startswith(("'s ", "’s ")):
        ctx = replace(ctx, tense=_event_day_tense(ctx))
    date = weekday_date(number, ctx, rel)
    if date is None:
        return Resolution(value=f"XXXX-WXX-{number}{suffix}")
    return Resolution(value=date.isoformat() + suffix, mod=point_mod(g, ctx))


def _event_day_tense(ctx: Context) -> Tense:
    """ "Monday's decision", "Thursday's debate": the day of an event the clause's verb does not
    date ("said Monday's decision will make ..."). In a clause that looks ahead it is the nearest
    such day ("will air during Sunday's final"); else one of the days just gone by, unless a word
    looks ahead ("polls show him trailing ahead of Tuesday's vote")."""
    if ctx.tense == "past":
        return "past"
    if ctx.lexicon.event_ahead_regex.search(ctx.before):
        return "future"
    return "present" if ctx.tense in {"future", "modal"} else "past"


def week_weekday(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "next week Monday", "Tuesday of the previous week", "Wednesday evening next week": that day
    of the named week."""
    number = ctx.lexicon.weekdays[normalise_key(g["wd"])]
    if ctx.dct is None:
        return Resolution(value=f"XXXX-WXX-{number}")
    monday = ctx.dct - dt.timedelta(days=ctx.dct.isoweekday() - 1)
    date = monday + dt.timedelta(weeks=relative_step(g["rel"], ctx) or 0, days=number - 1)
    return Resolution(value=date.isoformat() + (clock_suffix(g, ctx) or ""))


def unit_before_after(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "He had arrived the day before.": a unit on from the last time the text named (or the DCT)."""
    code = UNIT_CODE[normalise_key(g["unit"])]
    return _anchored_unit(code, -1 if normalise_key(g["dir"]) == "before" else 1, ctx, None)


def after_next(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the week after next": two units on from the DCT's; "the year before last": two back, as
    is "the weekend before last"."""
    unit = normalise_key(g.get("unit") or g["unit2"])
    code = UNIT_CODE[unit]
    moved = tv.shift_date(ctx.dct, -2 if g.get("last") else 2, code) if ctx.dct else None
    if moved and unit == "weekend":
        return Resolution(value=tv.week_value(moved, weekend=True))
    return Resolution(value=tv.value_at(moved, code) if moved else None)


def nth_unit_now(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "(today) is the eighth day of the operation": the day (week, ...) of the report; "it was a
    great day": the day the text last named (else the report's)."""
    if g.get("ord") is None and not ctx.lexicon.naming_copula_regex.search(ctx.before):
        return None  # "spent a quiet day at home": a day of the story, not named as one
    if g.get("ord") is None and ctx.tense == "past" and tv.granularity(ctx.anchor) == "D":
        if not ctx.anchor_known:
            return Resolution(value=None)  # screening: decided once the anchor is known
        return Resolution(value=(ctx.anchor or "")[:10], anchored=True)
    if ctx.dct is None:
        return Resolution(value=None)
    return Resolution(value=tv.value_at(ctx.dct, UNIT_CODE[normalise_key(g["unit"])]))


def apposed_day(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "Oct. 12, the day before the plunge", "on Monday, the day of the vote": the day just named."""
    words = ctx.before.rstrip(", ").split()
    last = normalise_key(words[-1]).rstrip(".") if words else ""
    if not (last.isdigit() or last in ctx.lexicon.weekdays or last in ctx.lexicon.months):
        return None
    if not ctx.anchor_known:
        return Resolution(value=None)  # screening: decided once the anchor is known
    if tv.granularity(ctx.anchor) != "D":
        return None
    return Resolution(value=(ctx.anchor or "")[:10], anchored=True)


def elided_unit(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """The "last" of "this year as last", the "next" of "this week and next": that unit before or
    after the DCT's."""
    code = UNIT_CODE[normalise_key(g["unit"])]
    moved = tv.shift_date(ctx.dct, relative_step(g["rel"], ctx) or 0, code) if ctx.dct else None
    return Resolution(value=tv.value_at(moved, code) if moved else None)


def week_number(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "week 31": the ISO week of the year given, else of the DCT's year."""
    year = year_of(g, ctx) or (ctx.dct.year if ctx.dct else None)
    number = int(g["wn"])
    if year is None:
        return Resolution(value=f"XXXX-W{number:02d}")
    last = tv.safe_date(year, 12, 28)  # always in the year's last ISO week
    if last is None or last.isocalendar()[1] < number:
        return Resolution(value=None)
    return Resolution(value=f"{year:04d}-W{number:02d}")


def deictic(g: Groups, text: str, ctx: Context) -> Resolution | None:
    offset = ctx.lexicon.deictic_days[normalise_key(g["deictic"])]
    after = normalise_key(ctx.after)
    noun = after[2:].split(maxsplit=1)[0].strip(".,;:!?\"'") if after.startswith("'s ") else ""
    if offset == 0 and noun in ctx.lexicon.generic_after_today:
        return None  # "today's youth", "in today's world": the present age, not the day
    owner = ctx.before.rstrip().lower().split()[-2:]
    if offset >= 0 and len(owner) == 2 and owner[1] == "of" and owner[0] in ctx.lexicon.generic_of_day:
        return None  # "the people of tomorrow", "the world of today": an age, not a day
    suffix = clock_suffix(g, ctx)
    kind = "TIME" if suffix else "DATE"
    if ctx.dct is None:
        return Resolution(kind, None)
    date = ctx.dct + dt.timedelta(days=offset)
    return Resolution(kind, date.isoformat() + (suffix or ""), mod=point_mod(g, ctx))


def deictic_time(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "tonight", "this morning"; "in the morning", "by mid-afternoon": of the day last named;
    "the next morning": of the day after it."""
    if g.get("arel"):
        return _next_day_part(g, ctx)
    if g.get("that"):
        return _that_day_part(g, ctx)
    if g.get("dtime"):
        key = normalise_key(g["dtime"])
        offset, code = ctx.lexicon.deictic_times[key]
        day = _past_day_in_view(ctx) if key in ctx.lexicon.night_before_day_in_view else None
        if day is not None:  # "London shares were depressed by overnight losses in New York"
            return Resolution("TIME", f"{(day - dt.timedelta(days=1)).isoformat()}T{code}", anchored=True)
    else:
        offset, code = 0, ctx.lexicon.day_parts[normalise_key(g.get("dpart") or g["dpart2"])]
    if (g.get("x") or g.get("dpart2")) and tv.granularity(ctx.anchor) == "D":
        return Resolution("TIME", f"{(ctx.anchor or '')[:10]}T{code}", mod=point_mod(g, ctx), anchored=True)
    if ctx.dct is None:
        return Resolution("TIME", None)
    date = ctx.dct + dt.timedelta(days=offset)
    return Resolution("TIME", f"{date.isoformat()}T{code}", mod=point_mod(g, ctx))


def _or_amount(ctx: Context) -> bool:
    """Whether another amount follows as an alternative: "in a year [or two]"."""
    words = ctx.after.split(maxsplit=2)
    if len(words) < 2 or words[0].lower() != "or":
        return False
    return ctx.lexicon.number(words[1].strip(",.;:")) is not None


def _past_day_in_view(ctx: Context) -> dt.date | None:
    """The day a past-tense passage is about: the day the text last named, in the week before the
    report's (an older date is background: "the bombings, on Aug. 7, ...")."""
    if ctx.tense != "past" or tv.granularity(ctx.anchor) != "D" or ctx.dct is None:
        return None
    found = tv.representative(ctx.anchor or "")
    return found[0] if found and 0 < (ctx.dct - found[0]).days <= 7 else None


def _that_day_part(g: Groups, ctx: Context) -> Resolution | None:
    """ "that night", "later that evening": of the day the text last named, even one counted ("two
    days later ... that night"); with no day named, or before a noun ("warned that night raids
    would go on"), no time."""
    if ctx.modifies_noun:
        return None
    if not ctx.anchor_known:
        return Resolution("TIME", None)  # screening: decided once the anchor is known
    if tv.granularity(ctx.recent) != "D":
        return None
    code = ctx.lexicon.day_parts[normalise_key(g["dpart"])]
    return Resolution("TIME", f"{(ctx.recent or '')[:10]}T{code}", anchored=True)


def _next_day_part(g: Groups, ctx: Context) -> Resolution:
    code = ctx.lexicon.day_parts[normalise_key(g["dpart"])]
    step = relative_step(g["arel"], ctx) or 0
    anchored = tv.granularity(ctx.anchor) == "D"
    found = tv.representative(ctx.anchor or "") if anchored else None
    base = found[0] if found else ctx.dct
    if base is None:
        return Resolution(value=None)
    date = base + dt.timedelta(days=step)
    # typed DATE, as "Friday night" (the TempEval-3 AQUAINT annotators' usage)
    return Resolution(value=f"{date.isoformat()}T{code}", anchored=found is not None)


UNIT_CODE = {
    "day": "D",
    "week": "W",
    "weekend": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}


def _weekend(ctx: Context, rel: int | None) -> str | None:
    if ctx.dct is None:
        return None
    date = ctx.dct
    if rel is None and date.isoweekday() < 6 and ctx.tense != "future":
        rel = -1  # "over the weekend" in a weekday report: the one just past
    if rel:
        date = date + dt.timedelta(weeks=rel)
    return tv.week_value(date, weekend=True)


def _that_weekend(ctx: Context, mod: str | None) -> Resolution:
    """ "that weekend": the weekend of the week the text last named (a day or a week)."""
    if not ctx.anchor_known:
        return Resolution(value=None)  # screening: decided once the anchor is known
    found = tv.representative(ctx.anchor) if ctx.anchor else None
    if found is None or found[1] not in {"D", "W"}:
        return Resolution(value="XXXX-WXX-WE", mod=mod)
    return Resolution(value=tv.week_value(found[0], weekend=True), mod=mod, anchored=True)


def rel_unit(g: Groups, text: str, ctx: Context) -> Resolution | None:
    unit = normalise_key(g["unit"])
    code = UNIT_CODE[unit]
    rel_word = normalise_key(g.get("rel") or "")
    rel = relative_step(rel_word, ctx) if rel_word else None
    mod = point_mod(g, ctx)
    if g.get("the") and rel_word == "next" and code == "D":
        return _anchored_unit(code, 1, ctx, mod)  # "the next day": the day after the last one named
    spanned = code in {"DE", "CE"} and word_before(ctx) in ctx.lexicon.span_before_the_rel
    if (
        g.get("the")
        and rel_word in {"past", "last", "next", "coming"}
        and not mod
        and (unit not in ctx.lexicon.calendar_after_the_rel or spanned)
    ):
        return Resolution(
            "DURATION", f"P1{code}" if code not in {"DE", "CE"} else f"P{10 if code == 'DE' else 100}Y"
        )
    following = ctx.after.lstrip().lower().split(" ", 1)[0]
    if g.get("x") and unit == "week" and following in ctx.lexicon.the_year["span_if_followed_by"]:
        return Resolution("DURATION", "P1W")  # "in the week ended Oct. 20": as "the year ended"
    if unit == "weekend" and g.get("that"):
        return _that_weekend(ctx, mod)
    if unit == "weekend":
        return Resolution(value=_weekend(ctx, rel), mod=mod)
    refers = rel_word in {"following", "previous", "preceding", "same"} or g.get("x") or g.get("that")
    if g.get("that"):  # "that year": the time last named, even one counted
        ctx = replace(ctx, anchor=ctx.recent, story_anchor=None)
    if refers and code == "D" and not rel:
        # "that same day" is the day the text last named; "in the day" is no time (TempEval-3 gold
        # tags 1 of 4), nor is "that day" after a month or with nothing named before it.
        if g.get("x"):
            return None
        if not ctx.anchor_known:
            return Resolution(value=None)  # screening: decided once the anchor is known
        if tv.granularity(ctx.anchor) != "D":
            return None
    if refers:
        return _anchored_unit(code, rel or 0, ctx, mod)
    if g.get("the") and mod and not rel_word and ctx.tense == "past" and _told_elsewhen(code, ctx):
        # "The flood hit on June 3, 2011 ... by the end of the month the roads had reopened": the
        # month of the story told, not of the report
        return _anchored_unit(code, 0, ctx, mod)
    if ctx.dct is None:
        return Resolution(value=None, mod=mod)
    gone = ctx.before_dct or (ctx.tense == "past" and not g.get("the"))
    if rel is None and mod == "END" and code in {"M", "Y"} and gone:
        # "The change is since year-end", "when year-end net was below": the report's year (or
        # month) has not ended, so a past end is the one before
        rel = -1 if tv.value_at(ctx.dct + dt.timedelta(days=3), code) == tv.value_at(ctx.dct, code) else 0
    if rel is None and mod == "MID" and code == "W":
        rel = _midweek_step(ctx)
    step = {"DE": ("Y", 10), "CE": ("Y", 100)}.get(code, (code, 1))
    moved = tv.shift_date(ctx.dct, (rel or 0) * step[1], step[0])
    return Resolution(value=tv.value_at(moved, code) if moved else None, mod=mod)


def _midweek_step(ctx: Context) -> int:
    """ "until midweek" told on a Saturday is next week's (only a past tense tells of a middle gone
    by); "clashes flared midweek" told on a Monday were last week's."""
    if ctx.tense != "past" and ctx.dct.weekday() > 2:
        return 1
    if ctx.tense == "past" and ctx.dct.weekday() < 2:
        return -1
    return 0


def same_time(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "this time last year": the report's day a year (month, week) before or after, about."""
    if ctx.dct is None:
        return Resolution(value=None, mod="APPROX")
    moved = tv.shift_date(ctx.dct, relative_step(g["rel"], ctx) or 0, UNIT_CODE[normalise_key(g["unit"])])
    return Resolution(value=moved.isoformat() if moved else None, mod="APPROX")


def _anchor_of(code: str, ctx: Context) -> tuple[dt.date, str] | None:
    """The time a ``code`` unit counts from, and its granularity. A month, quarter or year counts
    from the story, not from a day the report was told ("Exports rose in February, data showed
    Thursday. ... in the previous month": January)."""
    anchor = ctx.story_anchor if code in {"M", "Q", "Y"} and ctx.story_anchor else ctx.anchor
    return tv.representative(anchor) if anchor else None


def _finer_or_same(granularity: str, code: str) -> bool:
    def rank(unit: str) -> int:
        return GRAN_ORDER.index(unit if unit in GRAN_ORDER else "Y")

    return rank(granularity) <= rank(code)


def _told_elsewhen(code: str, ctx: Context) -> bool:
    """Whether the time the text last gave lies in another ``code`` unit (month, year) than the
    report, at least as finely: a story told of another time."""
    found = _anchor_of(code, ctx)
    if found is None or ctx.dct is None or code not in {"W", "M", "Q", "Y"}:
        return False
    return _finer_or_same(found[1], code) and tv.value_at(found[0], code) != tv.value_at(ctx.dct, code)


def _anchored_unit(code: str, step: int, ctx: Context, mod: str | None) -> Resolution | None:
    """ "the following year", "the same day": relative to the last time the text gave."""
    found = _anchor_of(code, ctx)
    if found is None:
        base, anchored = ctx.dct, False
    else:
        base, anchored = found[0], True
        if not _finer_or_same(found[1], code):
            return Resolution(value=None, mod=mod, anchored=True)
    if base is None:
        return Resolution(value=None, mod=mod)
    moved = tv.shift_date(base, step, code) if code in {"D", "W", "M", "Q", "Y"} else base
    return Resolution(value=tv.value_at(moved, code) if moved else None, mod=mod, anchored=anchored)


def the_year(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the year": a year's duration when measured back from its end ("the year ended Sept. 30");
    the DCT's year as "the full year" or after "in", "of", "for" ("earlier in the year", "the
    first nine months of the year", results "for the year"); else a year's duration."""
    after = ctx.after.lstrip().lower()
    to_date = any(
        after.startswith(words) and not after[len(words) : len(words) + 1].isalpha()
        for words in ctx.lexicon.the_year["calendar_before"]
    )
    if after.split(" ", 1)[0] in ctx.lexicon.the_year["span_if_followed_by"] and not to_date:
        return Resolution("DURATION", "P1Y")
    full = normalise_key(g.get("kind") or "") == "full"
    calendar = full or to_date or word_before(ctx) in ctx.lexicon.the_year["calendar_after"]
    if calendar and ctx.dct is not None:
        return Resolution(value=f"{ctx.dct.year:04d}")
    return Resolution("DURATION", "P1Y")


def shifted(g: Groups, text: str, ctx: Context) -> Resolution | None:
    found = ctx.lexicon.unit(g["unit"])
    if found is None:
        return None
    _, entry = found
    direction = normalise_key(g["dir"])
    sign = -1 if direction in ctx.lexicon.backward_shifts else 1
    num = g.get("num")
    amount = ctx.lexicon.number(num) if num else 0
    mod = "APPROX" if g.get("amod") else None
    if direction == "in" and (amount is None or entry.get("time") or ctx.tense not in {"future", "modal"}):
        return None  # a span ("rose 5% in two years"), not a date ahead of the report
    if direction == "in" and _or_amount(ctx):
        return Resolution(value="FUTURE_REF", mod=mod)  # "may, in a year or two, save lives": no one date
    if num and amount is None and direction in {"earlier", "later", "before", "after"}:
        return None  # "a few days later": no day to count to; the span alone ("a few days", PXD)
    if num and amount is None:  # "several years ago"
        return Resolution(value="PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
    if entry.get("time"):
        code, count = "D", 0
    elif "calendar" in entry:  # quarters move by quarters
        code, count = entry["calendar"], int(amount or 0)
    else:
        code, count = entry["code"], int((amount or 0) * entry.get("times", 1))
    if g.get("base"):  # "three weeks from tomorrow", "two days before yesterday"
        if entry.get("time"):
            return None  # "3 minutes from today" is no day: leave it to the duration
        if ctx.dct is None:
            return Resolution(value=None, mod=mod)
        base = ctx.dct + dt.timedelta(days=ctx.lexicon.deictic_days[normalise_key(g["base"])])
        moved = tv.shift_date(base, sign * count, code)
        return Resolution(value=moved.isoformat() if moved else None, mod=mod)
    relative_to_text = direction in {"earlier", "later", "before", "after"}
    if relative_to_text and num and entry.get("time"):
        # "just over an hour later": no clock time to count from, and the day alone says less
        # than the amount; TimeML's DURATION "over an hour", "later" its signal
        return None
    gran = tv.granularity(ctx.anchor)
    if ctx.anchor and gran in CONCRETE_GRAN and (relative_to_text or (gran == "Q" and code == "Y")):
        if not num:  # "earlier that day", "later that year" (after "in June 1998": 1998)
            found = tv.representative(ctx.anchor)
            inside = found and found[1] in GRAN_ORDER and GRAN_ORDER.index(found[1]) <= GRAN_ORDER.index(code)
            return Resolution(value=tv.value_at(found[0], code) if inside else None, anchored=True)
        base = (quarter_in_focus(ctx) or ctx.anchor) if gran == "Q" else ctx.anchor
        moved = tv.shift(base, sign * count, code)
        if (
            moved
            and gran != "Q"
            and GRAN_ORDER.index(code) > GRAN_ORDER.index(gran if gran in GRAN_ORDER else "Y")
        ):
            found = tv.representative(moved)  # "a year earlier" than a month: a year
            moved = tv.value_at(found[0], code) if found else moved
        if sign > 0 and ctx.tense == "past" and starts_after_report(moved, ctx, slack_days=1):
            # "was broadcast almost 40 years later" cannot lie after the report: the anchor was
            # not the time it counts from; the span alone is known
            return amounts.duration(g, text, ctx)
        return Resolution(value=moved, mod=mod, anchored=True)
    if relative_to_text and sign > 0 and not ctx.time_before and ctx.tense not in {"future", "modal"}:
        # "later" counts from a time of the story, and only a clause looking ahead counts from the
        # report ("two years later the site will be sold"); with no time before it to count from
        # ("in the 1990s ... Two years later, peace came") the span is the DURATION, "later" its signal
        return None
    if ctx.dct is None:
        return Resolution(value=None, mod=mod)
    moved = tv.shift_date(ctx.dct, sign * count, code)
    return Resolution(value=tv.value_at(moved, code) if moved else None, mod=mod)
